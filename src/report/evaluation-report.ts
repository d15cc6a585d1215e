import type { EvaluationRecord } from '../evaluation/record.js'
import type { RunManifest } from '../training/contract.js'
import { code, escapeText, markdownTable, num } from './escape.js'
import { barChart } from './mermaid.js'

const ALL = 'all'

function fmt(v: number | null | undefined, scale: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–'
  return scale === 100 ? v.toFixed(2) : v.toFixed(3)
}

function delta(
  c: EvaluationRecord['metrics'][string]['slices'][string]['comparison'],
  scale: number,
  higherIsBetter: boolean
): string {
  if (!c || c.delta === null || c.low === null || c.high === null) return '–'
  const sign = (v: number) => (v > 0 ? '+' : '') + fmt(v, scale)
  const better = higherIsBetter ? c.low > 0 : c.high < 0
  const worse = higherIsBetter ? c.high < 0 : c.low > 0
  const mark = better ? ' ▲' : worse ? ' ▼' : ''
  return `${sign(c.delta)} [${sign(c.low)}, ${sign(c.high)}]${mark}`
}

export interface ExampleView {
  id: string
  input: string
  reference: string
  candidate: string
  baseline?: string
  change: number
}

/** The model's section of the pull request comment: verdict, metrics against production, gates, examples. */
export function evaluationMarkdown(
  r: EvaluationRecord,
  extras: { manifest?: RunManifest; worst?: ExampleView[]; runUrl?: string; primary?: string } = {}
): string {
  const failed = r.gates.filter(g => !g.passed)
  const inconclusive = r.gates.filter(
    g => g.passed && g.inconclusive && g.kind === 'max_regression' && !g.reason.startsWith('no production')
  )
  const out: string[] = [
    `### ${escapeText(r.model)} ${r.verdict === 'pass' ? '✅ passes' : '❌ fails'} its gates`,
    '',
    failed.length
      ? `**Failing:** ${failed.map(g => `${code(g.metric)}${g.slice !== ALL ? ` on ${code(g.slice)}` : ''}: ${escapeText(g.reason)}`).join('; ')}`
      : `All ${r.gates.length} gate(s) pass.`,
    ''
  ]
  const pct = Math.round(r.settings.confidence * 100)
  if (r.baseline)
    out.push(
      `Compared with production ${code(r.baseline.version)} on the ${num(r.baseline.shared_examples)} eval examples both have${r.baseline.only_candidate || r.baseline.only_baseline ? ` (${num(r.baseline.only_candidate)} new, ${num(r.baseline.only_baseline)} removed since)` : ''}; Δ with its ${pct}% paired-bootstrap interval (${num(r.settings.resamples)} resamples).`,
      ''
    )
  else
    out.push('**First version:** there is no version in production to compare with, so only absolute gates apply.', '')
  const gatesOf = (metric: string, slice: string) => r.gates.filter(g => g.metric === metric && g.slice === slice)
  const gateCell = (metric: string, slice: string) => {
    const gs = gatesOf(metric, slice)
    if (!gs.length) return ''
    return gs
      .map(g => (g.passed ? (g.inconclusive && !g.reason.startsWith('no production') ? '⚠️' : '✅') : '❌'))
      .join(' ')
  }
  out.push(
    markdownTable(
      ['metric', 'production', 'candidate', `Δ [${pct}% CI]`, 'gate'],
      Object.entries(r.metrics).map(([name, m]) => {
        const s = m.slices[ALL]!
        return [
          code(name),
          fmt(s.comparison?.baseline, m.scale),
          `**${fmt(s.value, m.scale)}**`,
          delta(s.comparison, m.scale, m.higher_is_better),
          gateCell(name, ALL)
        ]
      }),
      ['l', 'r', 'r', 'r', 'l']
    ),
    ''
  )
  const useCases = [
    ...new Set(
      Object.values(r.metrics)
        .flatMap(m => Object.keys(m.slices))
        .filter(s => s !== ALL)
    )
  ]
  const primary = extras.primary ?? Object.keys(r.metrics)[0]!
  if (useCases.length) {
    const m = r.metrics[primary]!
    out.push(`**Per use case** (${code(primary)}):`, '')
    out.push(
      markdownTable(
        ['use case', 'examples', 'production', 'candidate', `Δ [${pct}% CI]`, 'gate'],
        useCases
          .filter(u => m.slices[u])
          .map(u => {
            const s = m.slices[u]!
            return [
              code(u),
              num(s.n),
              fmt(s.comparison?.baseline, m.scale),
              fmt(s.value, m.scale),
              delta(s.comparison, m.scale, m.higher_is_better),
              gateCell(primary, u)
            ]
          }),
        ['l', 'r', 'r', 'r', 'r', 'l']
      ),
      ''
    )
    out.push(
      barChart(
        `${r.model}: ${primary} by use case`,
        primary,
        useCases.filter(u => m.slices[u]).map(u => ({ name: u, value: m.slices[u]!.value }))
      ),
      ''
    )
  }
  if (inconclusive.length)
    out.push(
      `⚠️ ${inconclusive.map(g => `${code(g.metric)} on ${code(g.slice)}: ${escapeText(g.reason)}`).join('; ')}`,
      ''
    )
  if (r.per_class) {
    out.push(
      '<details><summary>Per class</summary>',
      '',
      markdownTable(
        ['label', 'precision', 'recall', 'support'],
        r.per_class.map(c => [code(c.label), c.precision.toFixed(3), c.recall.toFixed(3), num(c.support)]),
        ['l', 'r', 'r', 'r']
      ),
      '',
      'Macro-F1 averages over every declared label: a label that never occurs counts as 0 and lowers it.',
      '',
      '</details>',
      ''
    )
  }
  out.push(
    '<details><summary>Gates</summary>',
    '',
    markdownTable(
      ['', 'metric', 'slice', 'rule', 'result', 'from'],
      r.gates.map(g => [
        g.passed ? (g.inconclusive ? '⚪' : '✅') : '❌',
        code(g.metric),
        code(g.slice),
        g.kind === 'max_regression'
          ? `regression ≤ ${g.threshold}`
          : g.kind === 'beat_baseline_trainer'
            ? 'beat the baseline trainer'
            : `${g.kind} ${g.threshold}`,
        escapeText(g.reason),
        g.source
      ])
    ),
    '',
    '</details>',
    ''
  )
  if (extras.worst?.length) {
    out.push(`<details><summary>Most regressed examples (${code(primary)})</summary>`, '')
    for (const e of extras.worst) {
      out.push(
        `- ${code(e.id)} (${e.change.toFixed(3)}): input “${escapeText(e.input, 160)}”`,
        `  - expected: “${escapeText(e.reference, 160)}”`,
        `  - candidate: “${escapeText(e.candidate, 160)}”`
      )
    }
    out.push('', '</details>', '')
  }
  if (r.serving)
    out.push(
      `Predictions served by ${code(r.serving.model)} at ${code(r.serving.endpoint)}: latency p50 ${num(r.serving.latency_ms.p50)} ms, p95 ${num(r.serving.latency_ms.p95)} ms; ${num(r.serving.tokens.prompt)} prompt and ${num(r.serving.tokens.completion)} completion tokens.`,
      ''
    )
  const m = extras.manifest
  if (m)
    out.push(
      `Trained by ${code(`${m.trainer.name} ${m.trainer.version}`)} in ${num(m.wall_seconds, 1)} s, ${num(m.gpu_seconds / 3600, 2)} GPU-hours, ${num(m.cost.amount, 2)} ${escapeText(m.cost.currency)}. Training fingerprint ${code(r.training_fingerprint.slice(0, 12))}, evaluation fingerprint ${code(r.evaluation_fingerprint.slice(0, 12))}.`,
      ''
    )
  if (extras.runUrl) out.push(`[Run log and full report](${extras.runUrl})`, '')
  return out.join('\n')
}

/** The one-line reason for the commit status (GitHub keeps 140 characters). */
export function statusDescription(records: EvaluationRecord[]): string {
  const failed = records.flatMap(r =>
    r.gates.filter(g => !g.passed).map(g => `${r.model} ${g.metric}${g.slice !== ALL ? `/${g.slice}` : ''}`)
  )
  if (!failed.length) return `${records.length} model(s) pass all gates`
  return `Failing gates: ${failed.join(', ')}`
}

/** The evaluation for a terminal: verdict, metrics against production, gates. */
export function evaluationText(r: EvaluationRecord): string {
  const pct = Math.round(r.settings.confidence * 100)
  const lines = [
    `${r.model}: ${r.verdict === 'pass' ? 'PASS' : 'FAIL'}${r.baseline ? `  (vs production ${r.baseline.version}, ${r.baseline.shared_examples} shared examples)` : '  (first version: absolute gates only)'}`
  ]
  const rows = Object.entries(r.metrics).map(([name, m]) => {
    const s = m.slices[ALL]!
    const c = s.comparison
    return [
      name,
      fmt(c?.baseline, m.scale),
      fmt(s.value, m.scale),
      c && c.delta !== null ? `${fmt(c.delta, m.scale)} [${fmt(c.low, m.scale)}, ${fmt(c.high, m.scale)}]` : '-'
    ]
  })
  const widths = [0, 1, 2, 3].map(i =>
    Math.max(
      ...[['metric', 'production', 'candidate', `delta [${pct}% CI]`][i]!.length, ...rows.map(r => r[i]!.length)]
    )
  )
  const line = (cells: string[]) =>
    '  ' + cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')
  lines.push(line(['metric', 'production', 'candidate', `delta [${pct}% CI]`]), ...rows.map(line))
  for (const g of r.gates)
    lines.push(
      `  ${g.passed ? (g.inconclusive ? 'o' : '+') : 'x'} ${g.metric}${g.slice !== ALL ? ` [${g.slice}]` : ''}: ${g.reason}`
    )
  return lines.join('\n')
}
