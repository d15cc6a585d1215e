// The `${{ }}` expressions of Tunegate's workflows, evaluated by @actions/expressions (GitHub's own parser and
// evaluator, the one its language server uses), so a test runs a workflow's steps with the values GitHub would
// give them. Stricter than GitHub in one way, on purpose: a context the test does not provide, or a property
// it does not set, throws, so a new expression in a workflow fails the test loudly instead of reading null.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import { globSync } from 'tinyglobby'
import { ContextAccess, Expr, FunctionCall, IndexAccess, Literal } from '@actions/expressions/ast'
import { truthy } from '@actions/expressions/result'
import type { FunctionDefinition } from '@actions/expressions/funcs/info'

export type Value = string | number | boolean | null | Value[] | { [k: string]: Value }

/** The contexts of one step; a context that is absent is unknown, and naming it throws. */
export type Contexts = Partial<Record<'github' | 'inputs' | 'matrix' | 'runner' | 'needs' | 'steps' | 'secrets', Value>>

/** Status functions' answers for the job being run. */
export interface JobStatus {
  failed: boolean
  cancelled: boolean
}

const STATUS_FUNCTIONS = ['always', 'success', 'failure', 'cancelled']

/** The runner's status functions, which the library leaves to its host (they are not part of the language). */
function statusFunctions(status: JobStatus): Map<string, FunctionDefinition> {
  const answers: Record<string, boolean> = {
    always: true,
    success: !status.failed && !status.cancelled,
    failure: status.failed,
    cancelled: status.cancelled
  }
  return new Map(
    STATUS_FUNCTIONS.map(name => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(answers[name]!) }
    ])
  )
}

/**
 * `hashFiles(patterns…)`, a runner function the library leaves to its host, as the runner computes it: the files
 * under the workspace (`github.workspace`) that match, in path order, each hashed with sha256, and the sha256 of
 * those digests; '' when nothing matches.
 */
function hashFilesFunction(workspace: string | undefined): FunctionDefinition {
  return {
    name: 'hashFiles',
    minArgs: 1,
    maxArgs: 255,
    call: (...args: data.ExpressionData[]) => {
      if (!workspace) throw new Error('hashFiles needs github.workspace')
      const patterns = args.map(a => String(fromData(a)))
      const files = globSync(patterns, { cwd: workspace, onlyFiles: true, dot: false }).sort()
      if (!files.length) return new data.StringData('')
      const all = createHash('sha256')
      for (const f of files)
        all.update(
          createHash('sha256')
            .update(readFileSync(path.join(workspace, f)))
            .digest()
        )
      return new data.StringData(all.digest('hex'))
    }
  }
}

/** A value as the library's data: objects and arrays through its JSON reviver. */
function toData(v: Value): data.ExpressionData {
  return JSON.parse(JSON.stringify(v), data.reviver) as data.ExpressionData
}

/** The library's data as a plain value. */
function fromData(d: data.ExpressionData): Value {
  return JSON.parse(JSON.stringify(d, data.replacer) ?? 'null') as Value
}

/** `github.event.x` as ['github', 'event', 'x']; undefined when an index is computed. */
function pathOf(e: Expr): string[] | undefined {
  if (e instanceof ContextAccess) return [e.name.lexeme]
  if (!(e instanceof IndexAccess) || !(e.index instanceof Literal)) return undefined
  const head = pathOf(e.expr)
  return head && [...head, String(fromData(e.index.literal))]
}

// A missing property is an error (a typo, or a value the test does not provide), except where GitHub
// answers null in real runs: in the event payload, a step's or job's outputs, secrets.
const lenient = (p: string[]) =>
  (p[0] === 'github' && p[1] === 'event') ||
  ((p[0] === 'steps' || p[0] === 'needs') && p[2] === 'outputs') ||
  p[0] === 'secrets'

/** The library's evaluator, refusing a property the contexts do not set where GitHub would not answer null. */
class StrictEvaluator extends Evaluator {
  override visitIndexAccess(ia: IndexAccess): data.ExpressionData {
    const result = super.visitIndexAccess(ia)
    const p = pathOf(ia)
    if (result.kind !== data.Kind.Null || !p || lenient(p)) return result
    // Past an array's end, or into a null that may be null (an event field GitHub leaves out), is null on GitHub too.
    const holder = this.eval(ia.expr)
    if (holder.kind === data.Kind.Array || (holder.kind === data.Kind.Null && lenient(pathOf(ia.expr)!))) return result
    throw new Error(`${p.join('.')} is not set`)
  }
}

/** Parses one expression, knowing only the contexts given and the status functions. */
function parse(src: string, contexts: Contexts): Expr {
  return new Parser(new Lexer(src).lex().tokens, Object.keys(contexts), [
    ...STATUS_FUNCTIONS.map(name => ({ name, minArgs: 0, maxArgs: 0 })),
    { name: 'hashFiles', minArgs: 1, maxArgs: 255 }
  ]).parse()
}

/** The library's errors name no expression: say which one failed. */
function explained<T>(src: string, f: () => T): T {
  try {
    return f()
  } catch (e) {
    throw new Error(`\${{ ${src.trim()} }}: ${(e as Error).message}`, { cause: e })
  }
}

function evaluateData(expr: Expr, contexts: Contexts, status: JobStatus): data.ExpressionData {
  const names = Object.keys(contexts) as (keyof Contexts)[]
  const context = new data.Dictionary(...names.map(key => ({ key, value: toData(contexts[key]!) })))
  const functions = statusFunctions(status)
  const github = contexts.github as Record<string, Value> | undefined
  const workspace = typeof github?.workspace === 'string' ? github.workspace : undefined
  functions.set('hashfiles', hashFilesFunction(workspace))
  return new StrictEvaluator(expr, context, functions).evaluate()
}

/** Evaluates one expression (the text between `${{` and `}}`). */
export function evaluate(src: string, contexts: Contexts, status: JobStatus = { failed: false, cancelled: false }) {
  return explained(src, () => fromData(evaluateData(parse(src, contexts), contexts, status)))
}

/** Whether an expression calls a status function (then `if:` does not add the implicit success()). */
function callsStatusFunction(e: Expr): boolean {
  if (e instanceof FunctionCall && STATUS_FUNCTIONS.includes(e.functionName.lexeme.toLowerCase())) return true
  const children = Object.values(e).flatMap(v => (Array.isArray(v) ? v : [v]))
  return children.some(c => c instanceof Expr && callsStatusFunction(c))
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
  const src = /^\s*\$\{\{(.*)\}\}\s*$/s.exec(text)?.[1] ?? text
  return explained(src, () => {
    const expr = parse(src, contexts)
    const ok = truthy(evaluateData(expr, contexts, status))
    return callsStatusFunction(expr) ? ok : ok && !status.failed && !status.cancelled
  })
}
