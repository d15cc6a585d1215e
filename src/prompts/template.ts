import { Template } from '@huggingface/jinja'

/** Names a template may use without a row providing them. */
const BUILTINS = new Set([
  'true',
  'false',
  'none',
  'True',
  'False',
  'None',
  'loop',
  'range',
  'namespace',
  'raise_exception',
  'strftime_now',
  'bos_token',
  'eos_token',
  'add_generation_prompt'
])

export interface CompiledPrompt {
  template: Template
  /** Variables the template reads that no loop or set defines. */
  used: Set<string>
  /**
   * Every name the template mentions, bound or not (a name read before a `set` defines it is still the row's):
   * a row's variables outside it cannot change the rendering, so they need not reach the sandbox.
   */
  names: Set<string>
  /**
   * Set when the template is plain substitution: text, comments and `{{ name }}` outputs only, with no filter,
   * test, member, call, block or loop. Such a template renders a row whose named values are all strings by
   * joining the text with those strings (see renderPlain), so it needs no sandbox: it can neither loop nor grow.
   */
  plain?: PlainPart[]
}

/** A piece of a plain template: literal text, or the name of a variable written out as it is. */
export type PlainPart = { text: string } | { name: string }

export type CompileResult = { ok: true; prompt: CompiledPrompt } | { ok: false; message: string }

/** The most iterations a literal bound may ask of range() or a repetition with `*`. */
export const MAX_TEMPLATE_REPEAT = 10_000

/**
 * Why a template could render without end or without bound, or null. Loops over a row's own data are
 * bounded by the data; what is not is range() with a computed or huge bound, and `*` by a huge number —
 * a pull request's template must not stall validation or training. (Macro recursion ends in a stack
 * overflow, which rendering already reports.)
 */
function unboundedWork(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const n of node) {
      const r = unboundedWork(n)
      if (r) return r
    }
    return null
  }
  if (!isNode(node)) return null
  if (
    node.type === 'CallExpression' &&
    isNode(node.callee) &&
    node.callee.type === 'Identifier' &&
    node.callee.value === 'range'
  ) {
    const args = (node.args as unknown[]) ?? []
    const bounded = args.every(
      a => isNode(a) && a.type === 'IntegerLiteral' && Math.abs(a.value as number) <= MAX_TEMPLATE_REPEAT
    )
    if (!bounded) return `range() in a prompt template needs integer literal bounds of at most ${MAX_TEMPLATE_REPEAT}`
  }
  const widened = paddingFilter(node)
  if (widened) return widened
  if (node.type === 'BinaryExpression' && (node.operator as { value?: string } | undefined)?.value === '*') {
    for (const side of [node.left, node.right]) {
      if (
        isNode(side) &&
        (side.type === 'IntegerLiteral' || side.type === 'FloatLiteral') &&
        Math.abs(side.value as number) > MAX_TEMPLATE_REPEAT
      ) {
        return `'* ${side.value as number}' in a prompt template could repeat text without bound; expected at most ${MAX_TEMPLATE_REPEAT}`
      }
    }
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === 'type') continue
    const r = unboundedWork(v)
    if (r) return r
  }
  return null
}

/** Filters whose integer argument is a width of padding they write, per line or per nesting level. */
const PADDING_FILTERS: Record<string, { position: number; keyword: string }> = {
  tojson: { position: 0, keyword: 'indent' },
  indent: { position: 0, keyword: 'width' },
  center: { position: 0, keyword: 'width' }
}

/**
 * A padding filter given a literal width past MAX_TEMPLATE_REPEAT (`tojson(indent=100000000)`), or null: its
 * output is that width times the lines, built at once in one string — no output limit can stop it sooner
 * than it is built, and on a loaded machine building it outlasts the time limit, so it is refused here.
 */
function paddingFilter(node: Node): string | null {
  if (node.type !== 'FilterExpression' || !isNode(node.filter) || node.filter.type !== 'CallExpression') return null
  const callee = node.filter.callee
  const name = isNode(callee) && callee.type === 'Identifier' ? (callee.value as string) : ''
  const rule = Object.hasOwn(PADDING_FILTERS, name) ? PADDING_FILTERS[name]! : undefined
  if (!rule) return null
  const args = (node.filter.args as unknown[]) ?? []
  const width = args.find((a, i) =>
    isNode(a) && a.type === 'KeywordArgumentExpression'
      ? isNode(a.key) && a.key.value === rule.keyword
      : i === rule.position
  )
  const value = isNode(width) && width.type === 'KeywordArgumentExpression' ? width.value : width
  if (!isNode(value) || value.type !== 'IntegerLiteral' || Math.abs(value.value as number) <= MAX_TEMPLATE_REPEAT)
    return null
  return `'${name}(${rule.keyword}=${value.value as number})' in a prompt template pads each line with that many spaces; expected at most ${MAX_TEMPLATE_REPEAT}`
}

/** Parses a Jinja template (the dialect of Hugging Face chat templates) and finds the variables it reads. */
export function compileTemplate(source: string): CompileResult {
  let template: Template
  try {
    template = new Template(source)
  } catch (e) {
    return { ok: false, message: `invalid Jinja template: ${e instanceof Error ? e.message : String(e)}` }
  }
  const unbounded = unboundedWork(template.parsed)
  if (unbounded) return { ok: false, message: unbounded }
  const used = new Set<string>()
  const bound = new Set<string>()
  collectBound(template.parsed, bound)
  collect(template.parsed, bound, used)
  const all = new Set<string>()
  identifiers(template.parsed, all)
  const plain = plainParts(template.parsed.body as unknown[])
  return { ok: true, prompt: { template, used, names: all, ...(plain ? { plain } : {}) } }
}

/**
 * The parts of a plain-substitution template (see CompiledPrompt.plain), or undefined for any other. The parser
 * has already applied whitespace control (`{{-`, trim_blocks), so the text nodes are what the output holds.
 */
function plainParts(body: unknown[]): PlainPart[] | undefined {
  const parts: PlainPart[] = []
  for (const node of body) {
    if (!isNode(node)) return undefined
    // A text node, or a string literal written out: either way the output holds its value.
    if (node.type === 'StringLiteral' && typeof node.value === 'string') parts.push({ text: node.value })
    else if (node.type === 'Comment') continue
    // A builtin name (true, none, loop…) resolves to the engine's value, not the row's.
    else if (node.type === 'Identifier' && typeof node.value === 'string' && !BUILTINS.has(node.value))
      parts.push({ name: node.value })
    else return undefined
  }
  return parts
}

/**
 * A plain template's rendering of a row, or undefined when a value it writes is not a string (a number, a list,
 * a missing variable): the engine formats those, so they go to the sandbox. Equal to the engine's rendering
 * (test/template-plain.test.ts renders both ways).
 */
export function renderPlain(
  parts: PlainPart[],
  variables: Record<string, unknown> | ((name: string) => unknown)
): string | undefined {
  const get = typeof variables === 'function' ? variables : ownValue(variables)
  if (plainLength(parts, get) === undefined) return undefined
  let out = ''
  for (const part of parts) out += 'text' in part ? part.text : (get(part.name) as string)
  return out
}

/**
 * The length of renderPlain's result, without building it (a template can repeat a long value many times).
 * `variables`: the row's values, or a function that looks one up by name (no object made per row).
 */
export function plainLength(
  parts: PlainPart[],
  variables: Record<string, unknown> | ((name: string) => unknown)
): number | undefined {
  const get = typeof variables === 'function' ? variables : ownValue(variables)
  let length = 0
  for (const part of parts) {
    if ('text' in part) length += part.text.length
    else {
      const value = get(part.name)
      if (typeof value !== 'string') return undefined
      length += value.length
    }
  }
  return length
}

const ownValue = (variables: Record<string, unknown>) => (name: string) =>
  Object.hasOwn(variables, name) ? variables[name] : undefined

/** Compiled templates by source, the most recent few kept (see compiledTemplate). */
const compiledBySource = new Map<string, CompileResult>()
const COMPILED_KEPT = 64

/**
 * compileTemplate, remembered by source: the models of a registry-wide change often share a template, and a data
 * check compiles its model's template once per thread and file. A compiled template is only read afterwards.
 */
export function compiledTemplate(source: string): CompileResult {
  let compiled = compiledBySource.get(source)
  if (!compiled) {
    compiled = compileTemplate(source)
    if (compiledBySource.size >= COMPILED_KEPT) compiledBySource.delete(compiledBySource.keys().next().value!)
    compiledBySource.set(source, compiled)
  }
  return compiled
}

/** Renders a template with a row's variables; a runtime error comes back as a message. */
export function render(
  prompt: CompiledPrompt,
  variables: Record<string, unknown>
): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: prompt.template.render(variables) }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) }
  }
}

type Node = { type: string; [key: string]: unknown }
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as Node).type === 'string'

function names(target: unknown, into: Set<string>): void {
  if (!isNode(target)) return
  if (target.type === 'Identifier') into.add(target.value as string)
  else if (target.type === 'TupleLiteral' || target.type === 'ArrayLiteral')
    for (const v of (target.value as unknown[]) ?? []) names(v, into)
}

/** Every identifier in a template's syntax tree. */
function identifiers(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) return node.forEach(n => identifiers(n, into))
  if (!isNode(node)) return
  if (node.type === 'Identifier' && typeof node.value === 'string') into.add(node.value)
  for (const [k, v] of Object.entries(node)) if (k !== 'type') identifiers(v, into)
}

/** Names that `set`, macros and loops define anywhere: they are never free variables. */
function collectBound(node: unknown, bound: Set<string>): void {
  if (Array.isArray(node)) return node.forEach(n => collectBound(n, bound))
  if (!isNode(node)) return
  if (node.type === 'Set') names(node.assignee, bound)
  if (node.type === 'Macro') {
    names(node.name, bound)
    for (const a of (node.args as unknown[]) ?? [])
      names(isNode(a) && a.type === 'KeywordArgumentExpression' ? a.key : a, bound)
  }
  if (node.type === 'For') names(node.loopvar, bound)
  for (const [k, v] of Object.entries(node)) if (k !== 'type') collectBound(v, bound)
}

function collect(node: unknown, bound: Set<string>, used: Set<string>): void {
  if (Array.isArray(node)) return node.forEach(n => collect(n, bound, used))
  if (!isNode(node)) return
  switch (node.type) {
    case 'Identifier': {
      const v = node.value as string
      if (!bound.has(v) && !BUILTINS.has(v)) used.add(v)
      return
    }
    case 'MemberExpression':
      collect(node.object, bound, used)
      if (node.computed) collect(node.property, bound, used)
      return
    case 'FilterExpression':
      collect(node.operand, bound, used)
      if (isNode(node.filter) && node.filter.type === 'CallExpression') collect(node.filter.args, bound, used)
      return
    case 'TestExpression':
      collect(node.operand, bound, used)
      return
    case 'KeywordArgumentExpression':
      collect(node.value, bound, used)
      return
    case 'Macro':
      collect(node.body, bound, used)
      return
    case 'Set':
      collect(node.value, bound, used)
      collect(node.body, bound, used)
      return
    default:
      for (const [k, v] of Object.entries(node)) if (k !== 'type') collect(v, bound, used)
  }
}
