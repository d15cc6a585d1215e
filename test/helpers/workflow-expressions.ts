// A small evaluator for the `${{ }}` expressions Tunegate's workflows use, so a test can run a workflow's
// steps with the inputs the YAML gives them. Hand-written: no package evaluates Actions expressions outside
// the runner. It throws on any syntax, function or context it does not know, so a new expression in a
// workflow fails the test loudly instead of being skipped.

export type Value = string | number | boolean | null | Value[] | { [k: string]: Value }

/** The contexts of one step; a context that is absent is unknown, and naming it throws. */
export type Contexts = Partial<Record<'github' | 'inputs' | 'matrix' | 'runner' | 'needs' | 'steps' | 'secrets', Value>>

/** Status functions' answers for the job being run. */
export interface JobStatus {
  failed: boolean
  cancelled: boolean
}

type Token = { kind: 'num' | 'str' | 'id' | 'op'; text: string }

function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (/\s/.test(c)) i++
    else if (c === "'") {
      let j = i + 1
      let text = ''
      for (;;) {
        if (j >= src.length) throw new Error(`unterminated string in \${{ ${src} }}`)
        if (src[j] === "'" && src[j + 1] === "'") {
          text += "'"
          j += 2
        } else if (src[j] === "'") break
        else text += src[j++]
      }
      out.push({ kind: 'str', text })
      i = j + 1
    } else if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(src.slice(i))!
      out.push({ kind: 'num', text: m[0] })
      i += m[0].length
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w-]*/.exec(src.slice(i))!
      out.push({ kind: 'id', text: m[0] })
      i += m[0].length
    } else {
      const op = ['==', '!=', '&&', '||', '<=', '>='].find(o => src.startsWith(o, i)) ?? c
      if (!['==', '!=', '&&', '||', '!', '.', '(', ')', '[', ']', ','].includes(op))
        throw new Error(`unknown operator '${op}' in \${{ ${src} }}`)
      out.push({ kind: 'op', text: op })
      i += op.length
    }
  }
  return out
}

const truthy = (v: Value | undefined): boolean => !(v === null || v === undefined || v === false || v === 0 || v === '')

function equal(a: Value, b: Value): boolean {
  // Actions compares strings case-insensitively and coerces mixed types to numbers; only the cases used here.
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase()
  if (a === null || b === null) return a === b
  if (typeof a !== typeof b) return Number(a) === Number(b)
  return a === b
}

/** Evaluates one expression (the text between `${{` and `}}`). */
export function evaluate(src: string, contexts: Contexts, status: JobStatus = { failed: false, cancelled: false }) {
  const tokens = tokenize(src)
  let pos = 0
  const peek = () => tokens[pos]
  const take = (text?: string): Token => {
    const t = tokens[pos++]
    if (!t || (text !== undefined && t.text !== text))
      throw new Error(`expected '${text ?? 'more'}' at token ${pos} of \${{ ${src} }}`)
    return t
  }
  const functions: Record<string, (args: Value[]) => Value> = {
    toJSON: ([v]) => JSON.stringify(v ?? null, null, 2),
    fromJSON: ([v]) => JSON.parse(String(v)) as Value,
    always: () => true,
    success: () => !status.failed && !status.cancelled,
    failure: () => status.failed,
    cancelled: () => status.cancelled
  }
  // A primary and its property accesses; `path` names the context it came from ([] for a function's value).
  const primary = (): { value: Value; path: string[] } => {
    const t = take()
    if (t.kind === 'str') return { value: t.text, path: [] }
    if (t.kind === 'num') return { value: Number(t.text), path: [] }
    if (t.kind === 'op' && t.text === '(') {
      const value = or()
      take(')')
      return { value, path: [] }
    }
    if (t.kind !== 'id') throw new Error(`unexpected '${t.text}' in \${{ ${src} }}`)
    if (t.text === 'true' || t.text === 'false') return { value: t.text === 'true', path: [] }
    if (t.text === 'null') return { value: null, path: [] }
    if (peek()?.text === '(') {
      const fn = functions[t.text]
      if (!fn) throw new Error(`unknown function ${t.text}() in \${{ ${src} }}`)
      take('(')
      const args: Value[] = []
      while (peek()?.text !== ')') {
        args.push(or())
        if (peek()?.text === ',') take(',')
      }
      take(')')
      return { value: fn(args), path: [] }
    }
    const context = contexts[t.text as keyof Contexts]
    if (context === undefined) throw new Error(`unknown context '${t.text}' in \${{ ${src} }}`)
    return { value: context, path: [t.text] }
  }
  // A missing property is an error (a typo, or a value the test does not provide), except where GitHub
  // answers null: in the event payload, a step's or job's outputs, secrets, a parsed value, past an array's end.
  const lenient = (path: string[]) =>
    path.length === 0 ||
    (path[0] === 'github' && path[1] === 'event') ||
    ((path[0] === 'steps' || path[0] === 'needs') && path[2] === 'outputs') ||
    path[0] === 'secrets'
  const postfix = (): Value => {
    let { value: v, path } = primary()
    for (;;) {
      let key: Value
      if (peek()?.text === '.') {
        take('.')
        key = take().text
      } else if (peek()?.text === '[') {
        take('[')
        key = or()
        take(']')
      } else return v
      if (v === null || typeof v !== 'object') {
        if (!lenient(path)) throw new Error(`${path.join('.')} has no '${String(key)}' in \${{ ${src} }}`)
        v = null
        continue
      }
      const found = Array.isArray(v) ? v[Number(key)] : v[String(key)]
      if (found === undefined && !lenient(path) && !Array.isArray(v))
        throw new Error(`${[...path, String(key)].join('.')} is not set for \${{ ${src} }}`)
      if (path.length) path = [...path, String(key)]
      v = found ?? null
    }
  }
  const unary = (): Value => {
    if (peek()?.text === '!') {
      take('!')
      return !truthy(unary())
    }
    return postfix()
  }
  const comparison = (): Value => {
    const left = unary()
    const op = peek()?.text
    if (op === '==' || op === '!=') {
      take()
      const right = unary()
      return op === '==' ? equal(left, right) : !equal(left, right)
    }
    return left
  }
  const and = (): Value => {
    let v = comparison()
    while (peek()?.text === '&&') {
      take()
      const r = comparison()
      v = truthy(v) ? r : v
    }
    return v
  }
  const or = (): Value => {
    let v = and()
    while (peek()?.text === '||') {
      take()
      const r = and()
      v = truthy(v) ? v : r
    }
    return v
  }
  const value = or()
  if (pos !== tokens.length) throw new Error(`unexpected '${tokens[pos]!.text}' in \${{ ${src} }}`)
  return value
}

/** A value as the runner writes it into a string (an input, a `run:` script). */
export function asString(v: Value): string {
  if (v === null) return ''
  if (typeof v === 'object') return JSON.stringify(v, null, 2)
  return String(v)
}

/** Replaces every `${{ }}` in a string; a string that is one whole expression keeps the value's type. */
export function substitute(text: string, contexts: Contexts, status?: JobStatus): Value {
  const whole = /^\s*\$\{\{(.*?)\}\}\s*$/s.exec(text)
  if (whole && !whole[1]!.includes('}}')) return evaluate(whole[1]!, contexts, status)
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, expr: string) => asString(evaluate(expr, contexts, status)))
}

/** A step's or job's `if:`: an expression with or without `${{ }}`, where no status function means success(). */
export function condition(text: string | boolean | undefined, contexts: Contexts, status: JobStatus): boolean {
  if (text === undefined) return !status.failed && !status.cancelled
  if (typeof text === 'boolean') return text
  const expr = /^\s*\$\{\{(.*)\}\}\s*$/s.exec(text)?.[1] ?? text
  const usesStatus = /\b(always|success|failure|cancelled)\(\)/.test(expr)
  const ok = truthy(evaluate(expr, contexts, status))
  return usesStatus ? ok : ok && !status.failed && !status.cancelled
}
