import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import { ContextAccess, Expr, Grouping, IndexAccess, Literal, Logical, Star, Unary } from '@actions/expressions/ast'
import type { FunctionDefinition } from '@actions/expressions/funcs/info'
import { truthy } from '@actions/expressions/result'

// Workflow expressions read through GitHub's own parser and evaluator (@actions/expressions), so bracket syntax
// (`github['event']['pull_request']`), case and spacing mean to the rules what they mean to GitHub.

const CONTEXTS = ['github', 'env', 'vars', 'secrets', 'inputs', 'needs', 'matrix', 'strategy', 'steps', 'job', 'jobs']
const RUNNER_FUNCTIONS = [
  { name: 'always', minArgs: 0, maxArgs: 0 },
  { name: 'success', minArgs: 0, maxArgs: 0 },
  { name: 'failure', minArgs: 0, maxArgs: 0 },
  { name: 'cancelled', minArgs: 0, maxArgs: 0 },
  { name: 'hashFiles', minArgs: 1, maxArgs: 255 }
]

/** A parsed expression, or undefined when GitHub would not parse it either (the parse rule reports that). */
export function parseExpression(text: string): Expr | undefined {
  try {
    return new Parser(new Lexer(text).lex().tokens, [...CONTEXTS, 'runner'], RUNNER_FUNCTIONS).parse()
  } catch {
    return undefined
  }
}

function children(e: Expr): Expr[] {
  return Object.values(e)
    .flatMap(v => (Array.isArray(v) ? (v as unknown[]) : [v]))
    .filter((c): c is Expr => c instanceof Expr)
}

/** `github['event'].x` as ['github', 'event', 'x'] (lowercase: contexts are case-insensitive); `*` and `?` stand in. */
function pathOf(e: Expr): string[] | undefined {
  if (e instanceof ContextAccess) return [e.name.lexeme.toLowerCase()]
  if (e instanceof Grouping) return pathOf(e.group)
  if (!(e instanceof IndexAccess)) return undefined
  const head = pathOf(e.expr)
  if (!head) return undefined
  if (e.index instanceof Star) return [...head, '*']
  if (e.index instanceof Literal) return [...head, e.index.literal.coerceString().toLowerCase()]
  return [...head, '?']
}

/** Every context path an expression reads, longest form only (`github.event.x`, not also `github`). */
export function contextPaths(e: Expr | undefined): string[][] {
  if (!e) return []
  const p = pathOf(e)
  if (p) {
    const index = e instanceof IndexAccess ? contextPaths(e.index) : []
    return [p, ...index]
  }
  return children(e).flatMap(contextPaths)
}

/** Paths of an expression's text, or undefined when it does not parse. */
export function pathsOfText(text: string): string[][] | undefined {
  const e = parseExpression(text)
  return e ? contextPaths(e) : undefined
}

export type Scenario = { github: Record<string, unknown>; needs: Record<string, { result: string }> }

// Values a pull request's author picks freely: a guard that compares them proves nothing.
const ATTACKER_CHOSEN = [
  ['github', 'head_ref'],
  ['github', 'event', 'pull_request', 'head', 'ref'],
  ['github', 'event', 'pull_request', 'head', 'label'],
  ['github', 'event', 'pull_request', 'head', 'sha'],
  ['github', 'event', 'pull_request', 'title'],
  ['github', 'event', 'pull_request', 'body']
]

/** A path whose value a scenario does not fix: other contexts, job outputs, values the author picks. */
function unknownPath(p: string[]): boolean {
  if (p[0] === 'needs') return p[2] !== 'result'
  if (p[0] !== 'github') return true
  return ATTACKER_CHOSEN.some(a => a.every((s, i) => p[i] === s))
}

/**
 * Whether a job's `if:` lets it run in a scenario: true, false, or undefined when it depends on what the
 * scenario does not fix. Three-valued over `&&`, `||` and `!`, so `unknown && false` is still false; every
 * other node is evaluated by GitHub's evaluator when all it reads is known.
 */
export function conditionHolds(condition: string | undefined, scenario: Scenario): boolean | undefined {
  if (condition === undefined || condition.trim() === '') return dependenciesSucceeded(scenario)
  const text = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition)?.[1] ?? condition
  const e = parseExpression(text)
  if (!e) return undefined
  const holds = tri(e, scenario)
  // Without a status function GitHub adds success(): every dependency succeeded.
  return callsStatusFunction(e) ? holds : and([holds, dependenciesSucceeded(scenario)])
}

function dependenciesSucceeded(s: Scenario): boolean {
  return Object.values(s.needs).every(n => n.result === 'success')
}

function callsStatusFunction(e: Expr): boolean {
  const name = (e as { functionName?: { lexeme: string } }).functionName?.lexeme.toLowerCase()
  if (name && ['always', 'success', 'failure', 'cancelled'].includes(name)) return true
  return children(e).some(callsStatusFunction)
}

function and(values: (boolean | undefined)[]): boolean | undefined {
  if (values.includes(false)) return false
  return values.includes(undefined) ? undefined : true
}

function or(values: (boolean | undefined)[]): boolean | undefined {
  if (values.includes(true)) return true
  return values.includes(undefined) ? undefined : false
}

function tri(e: Expr, s: Scenario): boolean | undefined {
  if (e instanceof Grouping) return tri(e.group, s)
  if (e instanceof Logical) {
    const args = e.args.map(a => tri(a, s))
    return e.operator.lexeme === '&&' ? and(args) : or(args)
  }
  if (e instanceof Unary && e.operator.lexeme === '!') {
    const v = tri(e.expr, s)
    return v === undefined ? undefined : !v
  }
  if (contextPaths(e).some(unknownPath)) return undefined
  try {
    return truthy(new Evaluator(e, scenarioData(s), statusFunctions(s)).evaluate())
  } catch {
    return undefined
  }
}

function scenarioData(s: Scenario): data.Dictionary {
  const toData = (v: unknown) => JSON.parse(JSON.stringify(v), data.reviver) as data.ExpressionData
  return new data.Dictionary({ key: 'github', value: toData(s.github) }, { key: 'needs', value: toData(s.needs) })
}

function statusFunctions(s: Scenario): Map<string, FunctionDefinition> {
  const results = Object.values(s.needs).map(n => n.result)
  const answers: Record<string, boolean> = {
    always: true,
    success: results.every(r => r === 'success'),
    failure: results.includes('failure'),
    cancelled: false
  }
  return new Map(
    Object.entries(answers).map(([name, v]) => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(v) } satisfies FunctionDefinition
    ])
  )
}
