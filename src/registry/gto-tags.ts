import { GTO_NAME_PATTERN } from './schema.js'

// iterative/gto's tag grammar (gto/constants.py `tag_re`), kept in one place.
const NAME = '[a-zA-Z0-9](?:[a-zA-Z0-9\\-/_]*[a-zA-Z0-9])?'
// A folder-qualified name `dir:name` is written `dir=name` in a tag (gto's SEPARATOR_IN_TAG).
const DIRNAME = '[a-zA-Z0-9\\-_./]+'
const SEMVER =
  '(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)' +
  '(?:-(?:(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?' +
  '(?:\\+(?:[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?'
const TAG_PATTERN = new RegExp(
  `^(?<model>(?:${DIRNAME}=)?${NAME})(?:(?:(?:#(?<stage>${NAME})|@(?<version>v${SEMVER}))(?<cancel>!?))|@(?:(?<deprecated>deprecated)|(?<created>created)))(?:#(?<counter>[0-9]+))?$`
)
const SEMVER_PATTERN = new RegExp(`^v${SEMVER}$`)
const FULLNAME_PATTERN = new RegExp(`^(?:${DIRNAME}:)?${NAME}$`)

/** The actions gto can read back. gto's grammar also matches `name@created`, but gto itself fails on such a tag. */
export type TagAction = 'register' | 'deregister' | 'assign' | 'unassign' | 'deprecate'

/** A tag name read in GTO's grammar. */
export interface ParsedTag {
  action: TagAction
  /** The artifact name as gto names it: `dir:name` for a folder-qualified `dir=name` tag. */
  model: string
  version?: string
  stage?: string
  counter?: number
}

export type TagParse = ({ ok: true } & ParsedTag) | { ok: false; reason: string; breaksGto?: boolean }

/** Parses a tag name; an invalid one comes back with the reason it is not a GTO tag. */
export function parseTag(tag: string): TagParse {
  const m = TAG_PATTERN.exec(tag)
  if (m?.groups) {
    const g = m.groups
    if (g.created)
      return {
        ok: false,
        breaksGto: true,
        reason: `'${tag}' matches gto's grammar but gto cannot read an '@created' tag (gto show fails on it); delete it`
      }
    const counter = g.counter !== undefined ? Number(g.counter) : undefined
    const model = g.model!.replace('=', ':')
    const base = { ok: true as const, model, ...(counter !== undefined ? { counter } : {}) }
    if (g.version) return { ...base, action: g.cancel ? 'deregister' : 'register', version: g.version }
    if (g.stage) return { ...base, action: g.cancel ? 'unassign' : 'assign', stage: g.stage }
    return { ...base, action: 'deprecate' }
  }
  return { ok: false, reason: explainInvalid(tag) }
}

function explainInvalid(tag: string): string {
  const sep = tag.search(/[@#]/)
  if (sep < 0) return `'${tag}' has no '@' (version) or '#' (stage); expected model@vX.Y.Z or model#stage#N`
  const model = tag.slice(0, sep)
  const name = model.includes('=') ? model.slice(model.indexOf('=') + 1) : model
  if (!GTO_NAME_PATTERN.test(name)) {
    return `model name '${model}' is invalid; expected letters, digits, '-', '_' or '/', starting and ending with a letter or digit`
  }
  const rest = tag
    .slice(sep + 1)
    .replace(/!?(#\d+)?$/, '')
    .replace(/!$/, '')
  if (tag[sep] === '@') {
    if (!SEMVER_PATTERN.test(rest))
      return `version '${rest}' is not 'v' followed by a semantic version; expected e.g. v1.2.3 or v2.0.0-rc.1+build.5`
    return `'${tag}' does not match GTO's grammar; expected model@vX.Y.Z or model@vX.Y.Z!`
  }
  const stage = rest.split('#')[0] ?? ''
  if (!GTO_NAME_PATTERN.test(stage)) return `stage '${stage}' is invalid; expected letters, digits, '-', '_' or '/'`
  return `'${tag}' does not match GTO's grammar; expected model#stage#N or model#stage!#N`
}

/** Formats a tag; throws with the reason when the result would not parse back to the same event. */
export function formatTag(event: ParsedTag): string {
  if (!FULLNAME_PATTERN.test(event.model))
    throw new Error(
      `Cannot form a tag for '${event.model}': model name is invalid; expected letters, digits, '-', '_' or '/' (optionally 'folder:' before it)`
    )
  const model = event.model.replace(':', '=')
  const counter = event.counter !== undefined ? `#${event.counter}` : ''
  let tag: string
  switch (event.action) {
    case 'register':
      tag = `${model}@${event.version}${counter}`
      break
    case 'deregister':
      tag = `${model}@${event.version}!${counter}`
      break
    case 'assign':
      tag = `${model}#${event.stage}${counter}`
      break
    case 'unassign':
      tag = `${model}#${event.stage}!${counter}`
      break
    case 'deprecate':
      tag = `${model}@deprecated${counter}`
      break
    default:
      throw new Error(`Cannot form a tag for action '${String((event as { action: unknown }).action)}'`)
  }
  const parsed = parseTag(tag)
  if (!parsed.ok) throw new Error(`Cannot form tag '${tag}': ${parsed.reason}`)
  if (parsed.model !== event.model || parsed.action !== event.action)
    throw new Error(`Cannot form tag '${tag}': it would read back as ${parsed.action} of '${parsed.model}'`)
  return tag
}

/** GTO's next counter for a model: 1 + the highest counter among all of that model's counted tags. */
export function nextCounter(model: string, tagNames: Iterable<string>): number {
  let highest = 0
  for (const name of tagNames) {
    const p = parseTag(name)
    if (p.ok && p.model === model && p.counter !== undefined && p.counter > highest) highest = p.counter
  }
  return highest + 1
}
