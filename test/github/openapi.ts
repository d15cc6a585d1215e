// GitHub's published OpenAPI description (@octokit/openapi, api.github.com): routes, validators,
// and minimal schema-valid instances that the stand-in fills with its own state.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

type Schema = Record<string, unknown>
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema?: Schema
}
interface Operation {
  operationId: string
  parameters?: (Parameter | { $ref: string })[]
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> }
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }>
}
interface Spec {
  paths: Record<string, Record<string, Operation>>
  components: Record<string, Record<string, unknown>>
}

export interface Route {
  method: string
  template: string
  operationId: string
  params: Record<string, string>
  operation: Operation
}

const require = createRequire(import.meta.url)
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
let loaded: OpenApi | undefined

/** The loaded description, shared by every stand-in of a test process. */
export function openApi(): OpenApi {
  return (loaded ??= new OpenApi(
    JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as Spec
  ))
}

export class OpenApi {
  private readonly ajv: Ajv
  private readonly routes: {
    method: string
    template: string
    regex: RegExp
    names: string[]
    literal: number
    operation: Operation
  }[] = []
  private readonly cache = new Map<string, ValidateFunction>()

  constructor(private readonly spec: Spec) {
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, coerceTypes: false })
    addFormats(this.ajv)
    this.ajv.addSchema({ $id: 'gh', components: normaliseNullable(spec.components) }, undefined, undefined, false)
    for (const [template, methods] of Object.entries(spec.paths)) {
      const names: string[] = []
      const regex = new RegExp(
        '^' +
          template.replace(/\{([^}]+)\}/g, (_, name: string) => {
            names.push(name)
            return '([^/]+)'
          }) +
          '$'
      )
      const literal = template.split('/').filter(s => s && !s.startsWith('{')).length
      for (const [method, operation] of Object.entries(methods)) {
        if (typeof operation === 'object' && operation && 'operationId' in operation) {
          this.routes.push({ method: method.toUpperCase(), template, regex, names, literal, operation })
        }
      }
    }
    // The most specific template wins: /releases/latest before /releases/{release_id}.
    this.routes.sort((a, b) => b.literal - a.literal)
  }

  /** The documented operation for a method and path, or undefined when GitHub has no such endpoint. */
  match(method: string, pathname: string): Route | undefined {
    for (const r of this.routes) {
      if (r.method !== method) continue
      const m = r.regex.exec(pathname)
      if (!m) continue
      const params: Record<string, string> = {}
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)))
      return { method, template: r.template, operationId: r.operation.operationId, params, operation: r.operation }
    }
    return undefined
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let v = this.cache.get(key)
    if (!v) {
      v = this.ajv.compile(normaliseNullable(rebase(schema)) as Schema)
      this.cache.set(key, v)
    }
    return v
  }

  private parameters(route: Route): Parameter[] {
    return (route.operation.parameters ?? []).map(p => ('$ref' in p ? (this.resolve(p.$ref) as Parameter) : p))
  }

  private resolve(ref: string): unknown {
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.spec)
  }

  /** Every way a request breaks the description: parameters and JSON body. Empty when GitHub would accept it. */
  validateRequest(route: Route, query: URLSearchParams, body: unknown, contentType: string): string[] {
    const errors: string[] = []
    for (const p of this.parameters(route)) {
      const raw =
        p.in === 'path' ? route.params[p.name] : p.in === 'query' ? (query.get(p.name) ?? undefined) : undefined
      if (p.in === 'header') continue
      if (raw === undefined) {
        if (p.required) errors.push(`missing required ${p.in} parameter '${p.name}'`)
        continue
      }
      if (!p.schema) continue
      const value = coerce(raw, p.schema)
      const v = this.validator(`${route.operationId}:param:${p.name}`, p.schema)
      if (!v(value)) errors.push(`${p.in} parameter '${p.name}'='${raw}': ${this.ajv.errorsText(v.errors)}`)
    }
    const rb = route.operation.requestBody
    const jsonSchema = rb?.content['application/json']?.schema
    if (rb && jsonSchema && !contentType.startsWith('application/octet-stream') && rb.content['application/json']) {
      if (body === undefined) {
        if (rb.required) errors.push('missing required JSON body')
      } else {
        const v = this.validator(`${route.operationId}:body`, jsonSchema)
        if (!v(body)) errors.push(`request body: ${this.ajv.errorsText(v.errors, { dataVar: 'body' })}`)
      }
    }
    return errors
  }

  /** The response schema for a status, if the description gives one. */
  responseSchema(route: Route, status: number): Schema | undefined {
    let response = route.operation.responses[String(status)]
    if (response?.$ref) response = this.resolve(response.$ref) as typeof response
    return response?.content?.['application/json']?.schema
  }

  /** Problems of a response body against the documented schema; empty when it conforms. */
  validateResponse(route: Route, status: number, body: unknown): string[] {
    if (!(String(status) in route.operation.responses))
      return [`status ${status} is not a documented response of ${route.operationId}`]
    const schema = this.responseSchema(route, status)
    if (!schema) return []
    const v = this.validator(`${route.operationId}:response:${status}`, schema)
    return v(body)
      ? []
      : [`response ${status} of ${route.operationId}: ${this.ajv.errorsText(v.errors, { dataVar: 'response' })}`]
  }

  /**
   * An instance of a schema built around the stand-in's own fields (`overlay`): required properties
   * are filled with values of the right type and format, overlay values are walked with their own
   * sub-schemas, so the result conforms — and is then validated like any other response.
   */
  instance(schema: Schema, overlay?: unknown, depth = 0, knownKeysOnly = false): unknown {
    if (depth > 14) return overlay ?? null
    if (typeof schema.$ref === 'string')
      return this.instance(this.resolve(schema.$ref) as Schema, overlay, depth + 1, knownKeysOnly)
    if (Array.isArray(schema.allOf)) {
      // Each part fills the keys it describes; overlay keys no part describes are kept as given.
      const parts = (schema.allOf as Schema[]).map(s => this.instance(s, overlay, depth + 1, true))
      if (!parts.every(p => p && typeof p === 'object' && !Array.isArray(p))) return parts[0]
      const merged = Object.assign({}, ...parts) as Record<string, unknown>
      if (overlay && typeof overlay === 'object')
        for (const [k, v] of Object.entries(overlay)) if (!(k in merged)) merged[k] = v
      return merged
    }
    const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
    if (Array.isArray(branches)) {
      const kind = overlay === null ? 'null' : Array.isArray(overlay) ? 'array' : typeof overlay
      const fits = (b: Schema) => {
        const r = typeof b.$ref === 'string' ? (this.resolve(b.$ref) as Schema) : b
        const t = r.type ?? (r.properties || r.allOf ? 'object' : undefined)
        return overlay === undefined ? t !== 'null' : t === kind || (kind === 'number' && t === 'integer')
      }
      return this.instance(branches.find(fits) ?? branches[0]!, overlay, depth + 1)
    }
    if (overlay === null) return null
    if (overlay === undefined && schema.nullable === true) return null
    if (overlay === undefined && Array.isArray(schema.enum)) return schema.enum[0]
    if (overlay === undefined && 'const' in schema) return schema.const
    const type = schema.type ?? (schema.properties ? 'object' : undefined)
    switch (type) {
      case 'object': {
        const given = (overlay && typeof overlay === 'object' ? overlay : {}) as Record<string, unknown>
        const props = (schema.properties ?? {}) as Record<string, Schema>
        const out: Record<string, unknown> = {}
        for (const key of (schema.required as string[] | undefined) ?? [])
          out[key] = this.instance(props[key] ?? {}, given[key], depth + 1)
        for (const [key, value] of Object.entries(given)) {
          if (props[key]) out[key] = this.instance(props[key], value, depth + 1)
          else if (!knownKeysOnly) out[key] = value
        }
        return out
      }
      case 'array':
        return Array.isArray(overlay)
          ? overlay.map(v => this.instance((schema.items as Schema | undefined) ?? {}, v, depth + 1))
          : []
      case 'integer':
      case 'number':
        return overlay ?? (typeof schema.minimum === 'number' ? schema.minimum : 1)
      case 'boolean':
        return overlay ?? false
      case 'string':
        return overlay ?? exampleString(schema.format as string | undefined)
      default:
        return overlay ?? null
    }
  }
}

function exampleString(format: string | undefined): string {
  switch (format) {
    case 'date-time':
      return '2026-01-01T00:00:00Z'
    case 'uri':
    case 'url':
      return 'https://github.test/'
    case 'email':
      return 'someone@example.test'
    case 'uri-template':
      return 'https://github.test/{id}'
    case 'date':
      return '2026-01-01'
    default:
      return 'x'
  }
}

/** Points the description's internal references at the registered `gh` schema. */
function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value))
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `gh${v}` : rebase(v)
    return out
  }
  return value
}

/** OpenAPI 3.0 allows `nullable` beside allOf/anyOf without `type`; JSON Schema says it with anyOf [.., null]. */
function normaliseNullable<T>(value: T): T {
  if (Array.isArray(value)) return value.map(normaliseNullable) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = normaliseNullable(v)
    if (out.nullable === true && out.type === undefined) {
      delete out.nullable
      return { anyOf: [out, { type: 'null' }] } as T
    }
    return out as T
  }
  return value
}

function coerce(raw: string, schema: Schema): unknown {
  if (schema.type === 'integer' || schema.type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw
  if (schema.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw
  return raw
}
