import type { Problem } from '../errors.js'
import { formatProblem } from '../errors.js'
import type { ValidationResult, ModelValidation } from '../data/validate.js'
import { capText, MAX_COMMENT_CHARS } from './sticky-comment.js'
import { code, escapeText, markdownTable, num } from './escape.js'
import { textTable } from './text-table.js'

const PROBLEMS_SHOWN = 25

function verdictLine(r: ValidationResult): string {
  const n = r.models.length
  const what = `${n} model${n === 1 ? '' : 's'} checked, ${num(r.counts.errors)} error${r.counts.errors === 1 ? '' : 's'}, ${num(r.counts.warnings)} warning${r.counts.warnings === 1 ? '' : 's'}`
  return r.valid ? `✅ **Validation passed** — ${what}` : `❌ **Validation failed** — ${what}`
}

function problemRows(problems: Problem[]): string[][] {
  return problems.map(p => [
    p.severity === 'error' ? '❌' : '⚠️',
    code(`${p.file}:${p.line}:${p.column}`),
    escapeText(p.message, 400)
  ])
}

function modelSection(m: ModelValidation): string {
  const d = m.data
  const out: string[] = [`### ${escapeText(m.model)} ${d.counts.errors ? '❌' : d.counts.warnings ? '⚠️' : '✅'}`, '']
  out.push(`Why: ${m.reasons.map(r => escapeText(r)).join('; ')}`, '')
  out.push(
    markdownTable(
      ['split', 'file', 'rows', 'invalid', 'duplicates', 'tokens p50 / p95 / max'],
      d.files.map(f => {
        const s = d.splits[f.split]
        return [
          f.split,
          code(f.display),
          num(f.rows),
          num(f.invalid),
          num(s.duplicates),
          `${num(s.tokens.p50)} / ${num(s.tokens.p95)} / ${num(s.tokens.max)}`
        ]
      }),
      ['l', 'l', 'r', 'r', 'r', 'r']
    ),
    ''
  )
  const pii = Object.entries(d.pii.byKind)
  out.push(
    `- **Leakage** train → eval: ${num(d.leakage.exact)} exact, ${num(d.leakage.near)} near-duplicate (MinHash, Jaccard ≥ ${d.leakage.threshold})`,
    `- **Personal data and secrets** (policy: ${d.pii.policy}): ${pii.length ? pii.map(([k, n]) => `${k} ${num(n ?? 0)}`).join(', ') : 'none found'}`,
    `- **Length**: tokens counted ${escapeText(d.tokens.method)}; ${num(d.tokens.overContext)} row(s) over the ${num(d.tokens.contextWindow)}-token context window with the prompt (about ${num(d.tokens.promptOverhead)} tokens of template)`,
    `- **Prompt** ${code(d.prompt.file)}: uses ${d.prompt.used.map(v => code(v)).join(', ') || 'no variables'}; ${num(d.prompt.rendered)} rows rendered, ${num(d.prompt.renderErrors)} failed; ${num(d.prompt.rowsMissingVariables)} row(s) missing a variable` +
      (d.prompt.undeclared.length ? `; undeclared: ${d.prompt.undeclared.map(v => code(v)).join(', ')}` : '') +
      (d.prompt.unused.length ? `; declared but unused: ${d.prompt.unused.map(v => code(v)).join(', ')}` : ''),
    ''
  )
  const ucs = [...new Set([...Object.keys(d.splits.train.useCases), ...Object.keys(d.splits.eval.useCases)])].sort()
  if (ucs.length) {
    out.push('<details><summary>Use cases and labels</summary>', '')
    out.push(
      markdownTable(
        ['use case', 'train', 'eval'],
        ucs.map(u => [code(u), num(d.splits.train.useCases[u] ?? 0), num(d.splits.eval.useCases[u] ?? 0)]),
        ['l', 'r', 'r']
      ),
      ''
    )
    const labels = [...new Set([...Object.keys(d.splits.train.labels), ...Object.keys(d.splits.eval.labels)])].sort()
    if (labels.length)
      out.push(
        markdownTable(
          ['label', 'train', 'eval'],
          labels.map(l => [code(l), num(d.splits.train.labels[l] ?? 0), num(d.splits.eval.labels[l] ?? 0)]),
          ['l', 'r', 'r']
        ),
        ''
      )
    out.push('</details>', '')
  }
  if (m.diff.length) {
    out.push('**Dataset diff** against the base:', '')
    out.push(
      markdownTable(
        ['file', 'status', 'rows', 'added', 'removed', 'changed'],
        m.diff.map(f => [
          code(f.file) + (f.from ? ` (from ${code(f.from)})` : ''),
          f.status,
          `${num(f.baseRows)} → ${num(f.headRows)}`,
          num(f.total.added),
          num(f.total.removed),
          num(f.total.changed)
        ]),
        ['l', 'l', 'r', 'r', 'r', 'r']
      ),
      ''
    )
    const perUc = new Map<string, { added: number; removed: number; changed: number }>()
    for (const f of m.diff)
      for (const [u, c] of Object.entries(f.byUseCase)) {
        const acc = perUc.get(u) ?? { added: 0, removed: 0, changed: 0 }
        perUc.set(u, { added: acc.added + c.added, removed: acc.removed + c.removed, changed: acc.changed + c.changed })
      }
    const moved = [...perUc.entries()].filter(([, c]) => c.added + c.removed + c.changed > 0)
    if (moved.length)
      out.push(
        markdownTable(
          ['use case', 'added', 'removed', 'changed'],
          moved.map(([u, c]) => [code(u), num(c.added), num(c.removed), num(c.changed)]),
          ['l', 'r', 'r', 'r']
        ),
        ''
      )
  }
  if (d.problems.length) {
    const total = d.counts.errors + d.counts.warnings
    const shown = [...d.problems]
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
      .slice(0, PROBLEMS_SHOWN)
    out.push(
      `<details${d.counts.errors ? ' open' : ''}><summary>Problems (${shown.length} of ${num(total)})</summary>`,
      ''
    )
    out.push(markdownTable(['', 'where', 'problem'], problemRows(shown)), '')
    if (total > shown.length)
      out.push(
        `… and ${num(total - shown.length)} more: see the job log and annotations, or run \`tunegate validate\` locally.`,
        ''
      )
    out.push('</details>', '')
  }
  return out.join('\n')
}

/** The validation report as GitHub markdown: verdict first, then a section per model. */
export function validationMarkdown(r: ValidationResult, links: { runUrl?: string } = {}): string {
  const out: string[] = ['## Tunegate · validation', '', verdictLine(r), '']
  if (r.base && r.head)
    out.push(
      `Compared ${code(r.base.slice(0, 7))} → ${code(r.head.slice(0, 7))}. Affected: ${r.affected.map(a => code(a.model)).join(', ') || 'none'}${r.untouched.length ? `; untouched: ${r.untouched.map(u => code(u)).join(', ')}` : ''}.`,
      ''
    )
  if (r.registryProblems.length) {
    out.push('### Specs and governance', '')
    out.push(markdownTable(['', 'where', 'problem'], problemRows(r.registryProblems.slice(0, 50))), '')
    if (r.registryProblems.length > 50) out.push(`… and ${r.registryProblems.length - 50} more.`, '')
  }
  for (const m of r.models) out.push(modelSection(m))
  if (!r.models.length && r.valid) out.push('No model is affected by this change: nothing to train or evaluate.', '')
  if (links.runUrl) out.push(`[Full log of this run](${links.runUrl})`)
  return capText(out.join('\n'), MAX_COMMENT_CHARS - 2000)
}

/** The same report for a terminal. */
export function validationText(r: ValidationResult, maxProblems = 40): string {
  const out: string[] = [r.valid ? 'PASS' : 'FAIL', verdictLine(r).replace(/\*\*|✅ |❌ /g, ''), '']
  for (const p of r.registryProblems) out.push(formatProblem(p))
  if (r.registryProblems.length) out.push('')
  for (const m of r.models) {
    const d = m.data
    out.push(`${m.model}  (${m.reasons.join('; ')})`)
    out.push(
      textTable(
        ['split', 'file', 'rows', 'invalid', 'dupes', 'tokens p50/p95/max'],
        d.files.map(f => [
          f.split,
          f.display,
          num(f.rows),
          num(f.invalid),
          num(d.splits[f.split].duplicates),
          `${d.splits[f.split].tokens.p50}/${d.splits[f.split].tokens.p95}/${d.splits[f.split].tokens.max}`
        ])
      )
    )
    const pii = Object.entries(d.pii.byKind)
    out.push(
      `  leakage: ${d.leakage.exact} exact, ${d.leakage.near} near (Jaccard >= ${d.leakage.threshold})   PII: ${pii.length ? pii.map(([k, n]) => `${k} ${n}`).join(', ') : 'none'}   over context: ${d.tokens.overContext} (${d.tokens.method})`
    )
    for (const f of m.diff)
      out.push(
        `  diff ${f.file}: ${f.status}, ${f.baseRows} -> ${f.headRows} rows, +${f.total.added} -${f.total.removed} ~${f.total.changed}`
      )
    const total = d.counts.errors + d.counts.warnings
    for (const p of d.problems.slice(0, maxProblems)) out.push('  ' + formatProblem(p))
    if (total > Math.min(maxProblems, d.problems.length))
      out.push(`  … ${total - Math.min(maxProblems, d.problems.length)} more`)
    out.push('')
  }
  return out.join('\n')
}
