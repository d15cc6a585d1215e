import type { Problem } from '../errors.js'
import { formatProblem } from '../errors.js'
import type { ValidationResult, ModelValidation } from '../data/validate.js'
import { capText, MAX_COMMENT_CHARS } from './sticky-comment.js'
import { code, escapeText, markdownTable, num, plural } from './escape.js'
import { commitLink, fileLink, type ReportLinks } from './links.js'
import type { NearDuplicatePair } from './near-duplicates.js'
import { textTable } from './text-table.js'
import { legModels, MAX_MATRIX_JOBS, planMatrix, type MatrixPlan } from '../registry/matrix-plan.js'
import { STATE_ICON, type VerdictLine } from './verdict-summary.js'

const PROBLEMS_SHOWN = 25

/** `3 models checked, no errors, 2 warnings`. */
function counted(r: ValidationResult): string {
  const n = r.models.length
  const errors = r.counts.errors ? plural(r.counts.errors, 'error') : 'no errors'
  const warnings = r.counts.warnings ? plural(r.counts.warnings, 'warning') : 'no warnings'
  return `${n ? plural(n, 'model') : 'no model'} checked, ${errors}, ${warnings}`
}

function verdictLine(r: ValidationResult): string {
  return r.valid ? `✅ **Validation passed**: ${counted(r)}` : `❌ **Validation failed**: ${counted(r)}`
}

/** Validation's line in the comment's summary. */
export function validationVerdictLine(
  r: ValidationResult,
  at: { commit?: string; repoUrl?: string; runUrl?: string; at?: string } = {}
): VerdictLine {
  return {
    title: 'Validation',
    state: r.valid ? 'pass' : 'fail',
    reason: `${r.valid ? 'passed' : 'failed'}: ${counted(r)}`,
    blocks: !r.valid,
    at: at.at ?? new Date().toISOString(),
    // Past a matrix's worth of models the list would swell every copy of the marker; the report job lists them.
    ...(r.valid && r.affected.length && r.affected.length <= MAX_MATRIX_JOBS
      ? { awaits: r.affected.map(a => a.model) }
      : {}),
    ...(at.commit ? { commit: at.commit } : {}),
    ...(at.repoUrl ? { repoUrl: at.repoUrl } : {}),
    ...(at.runUrl ? { runUrl: at.runUrl } : {})
  }
}

function problemRows(problems: Problem[], links: ReportLinks): string[][] {
  return problems.map(p => [
    p.severity === 'error' ? `${STATE_ICON.fail} error` : 'warning',
    fileLink(links, p.file, p.line, p.column),
    escapeText(p.message, 400)
  ])
}

/** The prompt line: how many rows went through the template, saying when that was a sample. */
function renderedRows(d: ModelValidation['data']): string {
  const total = d.files.reduce((n, f) => n + f.rows, 0)
  const failed = d.prompt.renderErrors ? `, ${num(d.prompt.renderErrors)} failed` : ', none failed'
  if (d.prompt.rendered >= total) return `all ${plural(total, 'row')} rendered through the template${failed}`
  return (
    `a sample of ${num(d.prompt.rendered)} of the ${plural(total, 'row')} rendered through the template ` +
    `(the first rows of each file, then an evenly spaced share of the rest)${failed}`
  )
}

/** A near-duplicate pair as a reviewer judges it: both texts, escaped and cut, each linked to its line. */
function pairLines(pairs: NearDuplicatePair[], links: ReportLinks): string[] {
  return pairs.map(
    p =>
      `  - Jaccard ${escapeText(p.similarity)}: ${fileLink(links, p.train.file, p.train.line)} “${escapeText(p.train.text, 140)}” ` +
      `and ${fileLink(links, p.eval.file, p.eval.line)} “${escapeText(p.eval.text, 140)}”`
  )
}

/** One model's data section: files, checks, use cases and labels, dataset diff, problems. */
function modelSection(m: ModelValidation, links: ReportLinks, pairs: NearDuplicatePair[] = []): string {
  const d = m.data
  const state = d.counts.errors
    ? `${STATE_ICON.fail} ${plural(d.counts.errors, 'error')}`
    : `${STATE_ICON.pass} ${d.counts.warnings ? plural(d.counts.warnings, 'warning') : 'no problems'}`
  const out: string[] = [`#### Data of ${escapeText(m.model)}: ${state}`, '']
  out.push(`Checked because ${m.reasons.map(r => escapeText(r)).join('; ')}.`, '')
  out.push(
    markdownTable(
      ['split', 'file', 'rows', 'invalid', 'duplicates', 'tokens p50 / p95 / max'],
      d.files.map(f => {
        const s = d.splits[f.split]
        return [
          f.split,
          fileLink(links, f.display),
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
    `- **Leakage** train → eval: ${num(d.leakage.exact)} exact, ${num(d.leakage.near)} near-duplicate (MinHash, Jaccard ≥ ${d.leakage.threshold})${pairs.length ? (pairs.length < d.leakage.near ? `; the first ${pairs.length}:` : ':') : ''}`,
    ...pairLines(pairs, links),
    `- **Personal data and secrets** (policy: ${d.pii.policy}): ${pii.length ? pii.map(([k, n]) => `${k} ${num(n ?? 0)}`).join(', ') : 'none found'}`,
    `- **Length**: tokens counted ${escapeText(d.tokens.method)}; ${d.tokens.overContext ? plural(d.tokens.overContext, 'row') : 'no row'} over the trainer's \`max_seq_length\` of ${num(d.tokens.maxSeqLength)} tokens (context window ${num(d.tokens.contextWindow)}) once the prompt is added${d.tokens.trainWithoutTarget ? `, ${plural(d.tokens.trainWithoutTarget, 'train row')} with no target token left within it` : ''} (${d.tokens.promptOverhead ? `the template adds about ${plural(d.tokens.promptOverhead, 'token')} to a row, the median over the rendered rows` : "the template adds no tokens beyond the row's own text"})`,
    `- **Prompt** ${fileLink(links, d.prompt.file)}: uses ${d.prompt.used.map(v => code(v)).join(', ') || 'no variables'}; ${renderedRows(d)}; ${d.prompt.rowsMissingVariables ? plural(d.prompt.rowsMissingVariables, 'row') : 'no row'} missing a variable` +
      (d.prompt.undeclared.length ? `; undeclared: ${d.prompt.undeclared.map(v => code(v)).join(', ')}` : '') +
      (d.prompt.unused.length ? `; declared but unused: ${d.prompt.unused.map(v => code(v)).join(', ')}` : ''),
    ''
  )
  const ucs = [...new Set([...Object.keys(d.splits.train.useCases), ...Object.keys(d.splits.eval.useCases)])].sort()
  if (ucs.length) out.push(...useCaseDetails(d, ucs))
  if (m.diff.length) out.push(...datasetDiff(m.diff, links))
  if (d.problems.length) out.push(...problemDetails(d, links))
  return out.join('\n')
}

/** The rows per use case and per label of each split, folded away. */
function useCaseDetails(d: ModelValidation['data'], ucs: string[]): string[] {
  const out: string[] = []
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
  return out
}

/** The dataset diff against the base: per file, then per use case where rows moved. */
function datasetDiff(diff: ModelValidation['diff'], links: ReportLinks): string[] {
  const out: string[] = []
  out.push('**Dataset diff** against the base:', '')
  out.push(
    markdownTable(
      ['file', 'status', 'rows', 'added', 'removed', 'changed'],
      diff.map(f => [
        fileLink(links, f.file) + (f.from ? ` (renamed from ${code(f.from)})` : ''),
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
  for (const f of diff)
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
  return out
}

/** The first problems, errors first, with a count of the rest; open when there is an error. */
function problemDetails(d: ModelValidation['data'], links: ReportLinks): string[] {
  const out: string[] = []
  const total = d.counts.errors + d.counts.warnings
  const shown = [...d.problems]
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
    .slice(0, PROBLEMS_SHOWN)
  // A problem that stands for several rows counts them all.
  const told = shown.reduce((n, p) => n + (p.rows ?? 1), 0)
  out.push(
    `<details${d.counts.errors ? ' open' : ''}><summary>Problems: ${told < total ? `${num(told)} of ${num(total)}` : num(total)}</summary>`,
    ''
  )
  out.push(markdownTable(['severity', 'where', 'problem'], problemRows(shown, links)), '')
  if (total > told)
    out.push(
      `… and ${num(total - told)} more: see the job log and annotations, or run \`tunegate validate\` locally.`,
      ''
    )
  out.push('</details>', '')
  return out
}

/** How the affected models are spread over the train and evaluate matrices' jobs, grouped by runner. */
function planLine(plan: MatrixPlan): string {
  const runners = new Map<string, { models: number; jobs: number }>()
  for (const leg of plan.legs) {
    const key = [leg.runner].flat().join(', ')
    const seen = runners.get(key) ?? { models: 0, jobs: 0 }
    runners.set(key, { models: seen.models + legModels(leg.model).length, jobs: seen.jobs + 1 })
  }
  return (
    `**Plan:** ${plural(plan.models, 'model')} to train and evaluate in ${plural(plan.legs.length, 'job')} per ` +
    `matrix, at most ${plan.perJob} models a job, one after the other (GitHub runs at most ${MAX_MATRIX_JOBS} jobs ` +
    `from a matrix): ${[...runners].map(([runner, n]) => `runner ${code(`[${runner}]`)} ${plural(n.models, 'model')} in ${plural(n.jobs, 'job')}`).join('; ')}.`
  )
}

/** The validation report as GitHub markdown: verdict first, then a section per model. */
export function validationMarkdown(
  r: ValidationResult,
  links: ReportLinks = {},
  extras: { nearDuplicates?: Map<string, NearDuplicatePair[]> } = {}
): string {
  const fileLinks: ReportLinks = { ...links, ...(r.head && !links.sha ? { sha: r.head } : {}) }
  const out: string[] = [
    `### ${r.valid ? STATE_ICON.pass : STATE_ICON.fail} Validation ${r.valid ? 'passed' : 'failed'}: ${counted(r)}`,
    ''
  ]
  if (r.base && r.head)
    out.push(
      `Compared ${commitLink(links, r.base)} → ${commitLink(links, r.head)}. Affected: ${r.affected.map(a => code(a.model)).join(', ') || 'none'}${r.untouched.length ? `; untouched: ${r.untouched.map(u => code(u)).join(', ')}` : ''}.`,
      ''
    )
  // One job per model needs no saying; past a matrix's worth of models, how they are batched does.
  const plan = r.valid ? planMatrix(r.affected) : undefined
  if (plan && plan.perJob > 1) out.push(planLine(plan), '')
  if (r.registryProblems.length) {
    out.push('#### Specs and governance', '')
    out.push(
      markdownTable(['severity', 'where', 'problem'], problemRows(r.registryProblems.slice(0, 50), fileLinks)),
      ''
    )
    if (r.registryProblems.length > 50) out.push(`… and ${num(r.registryProblems.length - 50)} more.`, '')
  }
  for (const m of r.models) out.push(modelSection(m, fileLinks, extras.nearDuplicates?.get(m.model)))
  if (!r.models.length && r.valid) out.push('No model is affected by this change: nothing to train or evaluate.', '')
  if (links.runUrl) out.push(`[Full log of this run](${links.runUrl})`, '')
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
      `  leakage: ${d.leakage.exact} exact, ${d.leakage.near} near (Jaccard >= ${d.leakage.threshold})   PII: ${pii.length ? pii.map(([k, n]) => `${k} ${n}`).join(', ') : 'none'}   over max_seq_length ${d.tokens.maxSeqLength}: ${d.tokens.overContext}, no target: ${d.tokens.trainWithoutTarget} (${d.tokens.method})`
    )
    for (const f of m.diff)
      out.push(
        `  diff ${f.file}: ${f.status}, ${f.baseRows} -> ${f.headRows} rows, +${f.total.added} -${f.total.removed} ~${f.total.changed}`
      )
    const total = d.counts.errors + d.counts.warnings
    const shown = d.problems.slice(0, maxProblems)
    for (const p of shown) out.push('  ' + formatProblem(p))
    // A problem that stands for several rows counts them all.
    const told = shown.reduce((n, p) => n + (p.rows ?? 1), 0)
    if (total > told) out.push(`  … ${total - told} more`)
    out.push('')
  }
  return out.join('\n')
}
