import { code, escapeText, markdownTable } from '../report/escape.js'
import type { ModelState } from '../registry/state.js'
import type { ModelOutcome } from './promote.js'

const short = (v: string) => (/^[0-9a-f]{40}$/.test(v) ? v.slice(0, 7) : v)

/** The promote job's summary and pull-request section: what was promoted, and what failed with how to fix it. */
export function promotionMarkdown(
  outcomes: ModelOutcome[],
  context: { commit: string; pr?: number; runUrl?: string; warnings?: string[] }
): string {
  const blocked = outcomes.filter(o => o.status === 'blocked')
  const promoted = outcomes.filter(o => o.status === 'promoted')
  const head = blocked.length
    ? `### ❌ Tunegate promotion blocked for ${blocked.map(b => code(b.model)).join(', ')}`
    : promoted.length
      ? `### ✅ Tunegate promoted ${promoted.map(p => `${code(p.model)} ${p.version}`).join(', ')}`
      : '### Tunegate: nothing to promote'
  const lines = [
    head,
    '',
    `Merge commit ${code(context.commit.slice(0, 12))}${context.pr ? ` of #${context.pr}` : ''}.`,
    ''
  ]
  for (const w of context.warnings ?? []) lines.push(`> [!WARNING]\n> ${w}`, '')
  if (promoted.length)
    lines.push(
      markdownTable(
        ['model', 'version', 'why', 'stage', 'approved by'],
        promoted.map(p => [
          code(p.model),
          `${code(p.tag!)}`,
          escapeText(p.reason),
          `${code(p.stage!)} (${code(p.stageTag!)})`,
          (p.approvers ?? []).map(a => escapeText(a)).join(', ') || '–'
        ])
      ),
      ''
    )
  for (const b of blocked) {
    lines.push(`#### ${code(b.model)}: ${escapeText(b.reason)}`, '')
    for (const p of b.problems) lines.push(`- ${escapeText(p, 1500)}`)
    if (b.fix) lines.push('', `**How to fix:** ${escapeText(b.fix, 1000)}`)
    lines.push(
      '',
      b.partial
        ? 'It may have stopped after writing its tag or a draft release: a re-run reuses them, without duplicates.'
        : 'No tag and no release were made for it.',
      ''
    )
  }
  const unchanged = outcomes.filter(o => o.status === 'unchanged')
  if (unchanged.length)
    lines.push(
      `Unchanged (no new version): ${unchanged.map(u => `${code(u.model)} — ${escapeText(u.reason)}`).join('; ')}`,
      ''
    )
  const notes = outcomes.flatMap(o => o.notes.map(n => `${o.model}: ${n}`))
  if (notes.length)
    lines.push(
      '<details><summary>Notes</summary>',
      '',
      ...notes.map(n => `- ${escapeText(n, 500)}`),
      '',
      '</details>',
      ''
    )
  if (context.runUrl) lines.push(`[Job log](${context.runUrl})`)
  return lines.join('\n')
}

/** One model's stages before and after a stage command, as `registry show` would print them. */
export function stateChangeMarkdown(
  model: string,
  stages: string[],
  before: ModelState | undefined,
  after: ModelState | undefined
): string {
  const cell = (m: ModelState | undefined, s: string) => (m?.stages[s] ? short(m.stages[s].version) : '–')
  const row = (label: string, m: ModelState | undefined) => [
    label,
    m?.latest?.version ?? '–',
    ...stages.map(s => cell(m, s)),
    m?.deprecated ? 'yes' : 'no'
  ]
  return markdownTable(
    [code(model), 'latest', ...stages.map(s => `#${s}`), 'deprecated'],
    [row('before', before), row('after', after)]
  )
}
