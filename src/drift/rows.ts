import { toExample, type FormatRules } from '../data/examples.js'
import type { ProfileRow } from './profile.js'

export type RowReading = { ok: true; row: ProfileRow } | { ok: false; message: string }

const text = (v: unknown): v is string => typeof v === 'string'

/**
 * What drift needs from a row: its input, use case and (predicted) label. A row in the model's data
 * format passes the validate action's row checks; production rows usually have no target, so a row
 * that fails only for want of one is read for its input alone; plain `{"input": ...}` rows are read too.
 * A classification row's `prediction` (else its `label`) is its predicted label.
 */
export function readProfileRow(value: Record<string, unknown>, rules: FormatRules): RowReading {
  const prediction = text(value.prediction) ? value.prediction : undefined
  const useCase = text(value.use_case) ? value.use_case : undefined
  if (value.use_case !== undefined && !useCase)
    return { ok: false, message: `field 'use_case' must be a string, got ${typeof value.use_case}` }
  const plain = text(value.input) && !(rules.format === 'instruction' && value.instruction !== undefined)
  if (plain)
    return value.input === ''
      ? { ok: false, message: "field 'input' is empty; expected the model's input text" }
      : { ok: true, row: { text: value.input as string, useCase, label: prediction } }
  const checked = toExample(value, rules)
  if (checked.ok)
    return { ok: true, row: { text: checked.example.input, useCase, label: prediction ?? checked.example.label } }
  const input = inputWithoutTarget(value, rules)
  if (input !== undefined) return { ok: true, row: { text: input, useCase, label: prediction } }
  return {
    ok: false,
    message: `${checked.problems.join('; ')} (expected a row in the model's ${rules.format} format, or {"input": ...})`
  }
}

/** The input of a row in the model's format whose target is missing (a production request); undefined if not one. */
function inputWithoutTarget(value: Record<string, unknown>, rules: FormatRules): string | undefined {
  switch (rules.format) {
    case 'chat': {
      const messages = value.messages
      if (!Array.isArray(messages) || messages.length === 0) return undefined
      const turns: string[] = []
      for (const m of messages as unknown[]) {
        if (!m || typeof m !== 'object') return undefined
        const { role, content } = m as Record<string, unknown>
        if (!text(role) || !text(content)) return undefined
        if (role === 'user' || role === 'tool') turns.push(content)
      }
      return turns.length ? turns.join('\n') : undefined
    }
    case 'completion':
      return text(value.prompt) && value.prompt.trim() ? value.prompt : undefined
    case 'instruction':
      return text(value.instruction) && value.instruction.trim()
        ? text(value.input) && value.input
          ? `${value.instruction}\n${value.input}`
          : value.instruction
        : undefined
    case 'classification':
      return text(value.text) && value.text.trim() ? value.text : undefined
    case 'fields': {
      const skip = new Set([rules.target ?? 'target', 'id', 'use_case', 'prediction'])
      const parts = Object.entries(value)
        .filter(([k]) => !skip.has(k))
        .map(([, v]) => (text(v) ? v : JSON.stringify(v)))
      return parts.length ? parts.join('\n') : undefined
    }
  }
}
