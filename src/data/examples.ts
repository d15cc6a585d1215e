import type { DatasetFormat } from '../registry/schema.js'

/** One training or evaluation example, whatever its format on disk. */
export interface Example {
  id?: string
  useCase?: string
  /** What the model is given, without a shared system prompt (used for leakage and PII). */
  input: string
  /** What the model should produce. */
  target: string
  label?: string
  /** The variables a prompt template can use. */
  fields: Record<string, unknown>
}

export interface FormatRules {
  format: DatasetFormat
  labels?: readonly string[]
  useCases: readonly string[]
  /** The target field of the `fields` format. */
  target?: string
}

export type ExampleResult = { ok: true; example: Example } | { ok: false; problems: string[] }

/** Longest example id: ids name rows in reports, artifacts and records. */
export const MAX_ID_LENGTH = 256
const CHAT_ROLES = new Set(['system', 'user', 'assistant', 'tool'])
const isText = (v: unknown): v is string => typeof v === 'string'
const blank = (s: string) => s.trim().length === 0

/**
 * A row's text field, or undefined with the problem added. A module function, not a closure in toExample: a
 * closure made per row costs a property definition per row where the sources run with kept names (tsx).
 */
function textField(
  row: Record<string, unknown>,
  field: string,
  format: DatasetFormat,
  problems: string[],
  allowEmpty: boolean
): string | undefined {
  const v = row[field]
  if (v === undefined || v === null) problems.push(`missing field '${field}' (format ${format})`)
  else if (!isText(v)) problems.push(`field '${field}' must be a string, got ${kind(v)}`)
  else if (!allowEmpty && blank(v)) problems.push(`field '${field}' is empty or whitespace only`)
  else return v
  return undefined
}

/** Checks a row against its declared format and returns the example, or every problem found in it. */
export function toExample(row: Record<string, unknown>, rules: FormatRules): ExampleResult {
  const problems: string[] = []
  const id = exampleId(row.id, problems)
  const useCase = exampleUseCase(row.use_case, rules, problems)
  const { input, target, label } = formatTexts(row, rules, problems)
  if (problems.length) return { ok: false, problems }
  return { ok: true, example: { id, useCase, input, target, label, fields: row } }
}

/** The row's optional id as text; a problem for anything but a non-blank string or finite number. */
function exampleId(value: unknown, problems: string[]): string | undefined {
  if (value === undefined) return undefined
  let id: string | undefined
  if (isText(value) || (typeof value === 'number' && Number.isFinite(value))) id = String(value)
  else if (typeof value === 'number')
    problems.push("field 'id' is a number that is not finite; expected a string or a finite number")
  else problems.push(`field 'id' must be a string or number, got ${kind(value)}`)
  if (id !== undefined && blank(id)) problems.push("field 'id' is empty")
  if (id !== undefined && id.length > MAX_ID_LENGTH)
    problems.push(`field 'id' is ${id.length} characters; expected at most ${MAX_ID_LENGTH}`)
  return id
}

/** The row's optional use case; a problem when it is not one the model declares. */
function exampleUseCase(value: unknown, rules: FormatRules, problems: string[]): string | undefined {
  if (value === undefined) return undefined
  if (!isText(value)) problems.push(`field 'use_case' must be a string, got ${kind(value)}`)
  else if (!rules.useCases.includes(value))
    problems.push(`use_case '${value}' is not one of the model's use_cases (${rules.useCases.join(', ')})`)
  else return value
  return undefined
}

interface ExampleTexts {
  input: string
  target: string
  label?: string
}

/** What the model is given and should produce, read from the fields the declared format names. */
function formatTexts(row: Record<string, unknown>, rules: FormatRules, problems: string[]): ExampleTexts {
  let input = ''
  let target = ''
  let label: string | undefined
  switch (rules.format) {
    case 'chat':
      return chatTexts(row.messages, problems)
    case 'completion':
      input = textField(row, 'prompt', rules.format, problems, false) ?? ''
      target = textField(row, 'completion', rules.format, problems, false) ?? ''
      break
    case 'instruction': {
      const instruction = textField(row, 'instruction', rules.format, problems, false) ?? ''
      const extra = row.input === undefined ? '' : (textField(row, 'input', rules.format, problems, true) ?? '')
      input = extra ? `${instruction}\n${extra}` : instruction
      target = textField(row, 'output', rules.format, problems, false) ?? ''
      break
    }
    case 'classification': {
      input = textField(row, 'text', rules.format, problems, false) ?? ''
      const l = row.label
      if (l === undefined || l === null) problems.push("missing field 'label' (format classification)")
      else if (!isText(l)) problems.push(`field 'label' must be a string, got ${kind(l)}`)
      else if (rules.labels && !rules.labels.includes(l))
        problems.push(`label '${l}' is not in the declared label set (${rules.labels.join(', ')})`)
      else label = l
      target = label ?? ''
      break
    }
    case 'fields': {
      const field = rules.target ?? 'target'
      target = textField(row, field, rules.format, problems, false) ?? ''
      input = Object.entries(row)
        .filter(([k]) => k !== field && k !== 'id' && k !== 'use_case')
        .map(([, v]) => (isText(v) ? v : JSON.stringify(v)))
        .join('\n')
      break
    }
  }
  return { input, target, label }
}

/** A chat row's texts: the final assistant turn is the target, the other non-system turns the input. */
function chatTexts(messages: unknown, problems: string[]): ExampleTexts {
  let input = ''
  let target = ''
  if (!Array.isArray(messages)) {
    problems.push(
      messages === undefined
        ? "missing field 'messages' (format chat)"
        : `field 'messages' must be an array, got ${kind(messages)}`
    )
    return { input, target }
  }
  if (messages.length === 0) {
    problems.push("field 'messages' is empty; expected at least a user and an assistant turn")
    return { input, target }
  }
  const roles: string[] = []
  const before = problems.length
  for (const [i, m] of (messages as unknown[]).entries()) {
    if (!m || typeof m !== 'object' || Array.isArray(m)) {
      problems.push(`messages[${i}] must be an object with role and content`)
      continue
    }
    const { role, content } = m as Record<string, unknown>
    if (!isText(role) || !CHAT_ROLES.has(role))
      problems.push(`messages[${i}].role must be one of system, user, assistant, tool; got ${JSON.stringify(role)}`)
    else roles.push(role)
    if (!isText(content)) problems.push(`messages[${i}].content must be a string, got ${kind(content)}`)
  }
  if (problems.length > before) return { input, target }
  const orderProblem = chatOrderProblem(roles)
  if (orderProblem) problems.push(orderProblem)
  const last = messages[messages.length - 1] as { content: string }
  if (blank(last.content)) problems.push('the final assistant turn is empty or whitespace only')
  target = last.content
  const turns = messages as { role: string; content: string }[]
  for (let k = 0; k < turns.length - 1; k++) {
    if (turns[k]!.role === 'system') continue
    input = input ? `${input}\n${turns[k]!.content}` : turns[k]!.content
  }
  return { input, target }
}

/** Why a sequence of chat roles is not a valid conversation, or null. */
export function chatOrderProblem(roles: string[]): string | null {
  let i = 0
  if (roles[0] === 'system') i = 1
  // The roles are joined only for a message: this runs on every chat row.
  const order = () => roles.join(' → ')
  if (roles.indexOf('system', i) >= 0) return `a system message may only come first; roles were ${order()}`
  if (roles[i] !== 'user')
    return `the conversation must start with a user turn (after an optional system message); roles were ${order()}`
  for (let j = i + 1; j < roles.length; j++) {
    const prev = roles[j - 1]
    const cur = roles[j]
    if (cur === prev && cur !== 'tool')
      return `two ${cur} turns in a row at messages[${j}]; expected user and assistant to alternate`
    if (cur === 'tool' && prev !== 'assistant' && prev !== 'tool')
      return `a tool turn at messages[${j}] must follow an assistant turn`
  }
  if (roles[roles.length - 1] !== 'assistant')
    return `the conversation must end with an assistant turn (the target); it ends with ${roles[roles.length - 1]}`
  return null
}

function kind(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  return typeof v === 'object' ? 'an object' : typeof v
}
