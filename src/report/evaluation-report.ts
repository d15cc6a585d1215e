import type { EvaluationRecord } from '../evaluation/record.js'
import {
  gateState,
  modelVerdict,
  type GateState,
  type InconclusivePolicy,
  type ModelVerdict
} from '../evaluation/verdict.js'
import { code, escapeText, markdownTable, num, plural } from './escape.js'
import { commitLink, releaseLink, type ReportLinks } from './links.js'
import { comparisonChart, comparisonLegend } from './mermaid.js'
import { judgeSection } from './judge-report.js'
import { lossChart, trainingSummary } from './train-report.js'
import type { TrainingView } from '../training/training-view.js'
import type { EvaluationOutcome, ExampleView } from '../evaluation/evaluate.js'
import type { LostExample, LowScoredExample } from '../evaluation/judge/run-judge.js'
import { STATE_ICON, type VerdictLine } from './verdict-summary.js'

const ALL = 'all'

type Gate = EvaluationRecord['gates'][number]
type Metric = EvaluationRecord['metrics'][string]

const GATE_ICON: Record<GateState, string> = {
  pass: STATE_ICON.pass,
  fail: STATE_ICON.fail,
  inconclusive: STATE_ICON.inconclusive,
  'not applicable': '➖'
}

function fmt(v: number | null | undefined, scale: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–'
  return scale === 100 ? v.toFixed(2) : v.toFixed(3)
}

function delta(c: Metric['slices'][string]['comparison'], scale: number, higherIsBetter: boolean): string {
  if (!c || c.delta === null || c.low === null || c.high === null) return '–'
  const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '') + fmt(Math.abs(v), scale)
  const better = higherIsBetter ? c.low > 0 : c.high < 0
  const worse = higherIsBetter ? c.high < 0 : c.low > 0
  const mark = better ? ' ▲' : worse ? ' ▼' : ''
  return `${sign(c.delta)} [${sign(c.low)}, ${sign(c.high)}]${mark}`
}

/** A gate's deciding reason in a few words: `accuracy on content-refresh 0.750 < 0.8`. */
export function gateReason(r: EvaluationRecord, g: Gate): string {
  const where = `${code(g.metric)}${g.slice !== ALL ? ` on ${code(g.slice)}` : ''}`
  const scale = r.metrics[g.metric]?.scale ?? 1
  const value = fmt(g.value, scale)
  const state = gateState(r, g)
  if (g.kind === 'min') return `${where} ${value} ${state === 'fail' ? '<' : '≥'} ${g.threshold}`
  if (g.kind === 'max') return `${where} ${value} ${state === 'fail' ? '>' : '≤'} ${g.threshold}`
  return `${where}: ${escapeText(g.reason)}`
}

/** The regression gate's rule, as src/evaluation/verdict.ts applies it (`nonInferiority`). */
const REGRESSION_RULE =
  'A regression gate with tolerance t passes when the interval’s lower bound is ≥ −t, fails when its upper bound ' +
  'is < −t, and is inconclusive only when the interval contains −t (mirrored, +t, where lower is better).'

/** The words for what an inconclusive gate does to the merge, naming the setting that decides it. */
export function policySentence(policy: InconclusivePolicy): string {
  return policy === 'block'
    ? 'an inconclusive gate blocks the merge (`policy.inconclusive: block` in registry.yaml, the default; ' +
        '`warn` lets it pass with this warning)'
    : 'an inconclusive gate does not block the merge (`policy.inconclusive: warn` in registry.yaml)'
}

/** A model's verdict (decided in src/evaluation/verdict.ts) with its deciding reason in a few words. */
function verdictReason(r: EvaluationRecord, policy: InconclusivePolicy): string {
  const v = modelVerdict(r, policy)
  const more = (n: number) => (n > 1 ? ` (and ${plural(n - 1, 'more gate')})` : '')
  const first = v.deciding[0]
  if (v.state === 'fail')
    return `fails: ${first ? gateReason(r, first) : 'the record says fail'}${more(v.deciding.length)}`
  if (v.state === 'inconclusive')
    return `inconclusive, ${v.blocks ? 'blocks the merge' : 'does not block the merge'}: ${gateReason(r, first!)}${more(v.deciding.length)}`
  return `passes: ${gateCounts(v.counts)}`
}

/** `4 gates pass · 1 fails · 1 inconclusive`, leaving out what is zero. */
function gateCounts(c: Record<GateState, number>): string {
  const parts = [
    c.pass || (!c.fail && !c.inconclusive) ? `${plural(c.pass, 'gate')} ${c.pass === 1 ? 'passes' : 'pass'}` : '',
    c.fail ? `${num(c.fail)} ${c.fail === 1 ? 'fails' : 'fail'}` : '',
    c.inconclusive ? `${num(c.inconclusive)} inconclusive` : '',
    c['not applicable'] ? `${num(c['not applicable'])} not applicable (no production version)` : ''
  ]
  return parts.filter(Boolean).join(' · ')
}

export interface EvaluationReportExtras {
  training?: TrainingView
  /** Examples whose primary score fell most, and rose most, against production. */
  worst?: ExampleView[]
  best?: ExampleView[]
  /** Production's per-class figures, from its own evaluation record. */
  productionClasses?: EvaluationRecord['per_class']
  /** Production's release tag, to link the version. */
  productionTag?: string
  primary?: string
  /** The examples the judge says the candidate lost most clearly. */
  judgeLost?: LostExample[]
  /** The examples a pointwise judge scored lowest. */
  judgeLowest?: LowScoredExample[]
  links?: ReportLinks
  policy?: InconclusivePolicy
}

/** HTML-escaped text for `<summary>`, where markdown (backticks included) is not rendered. */
const summaryText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const details = (title: string, body: string[], open = false) => [
  `<details${open ? ' open' : ''}><summary>${summaryText(title)}</summary>`,
  '',
  ...body,
  '',
  '</details>',
  ''
]

/** The threshold a slice's value must clear under its gates: the strictest `min` or production − tolerance. */
function threshold(r: EvaluationRecord, metric: string, slice: string): number | undefined {
  const m = r.metrics[metric]
  if (!m) return undefined
  const limits: number[] = []
  for (const g of r.gates.filter(g => g.metric === metric && g.slice === slice)) {
    if (g.kind === 'min' && m.higher_is_better && g.threshold !== null) limits.push(g.threshold)
    if (g.kind === 'max' && !m.higher_is_better && g.threshold !== null) limits.push(g.threshold)
    const base = m.slices[slice]?.comparison?.baseline
    if (g.kind === 'max_regression' && g.threshold !== null && base !== undefined)
      limits.push(m.higher_is_better ? base - g.threshold : base + g.threshold)
  }
  if (!limits.length) return undefined
  return m.higher_is_better ? Math.max(...limits) : Math.min(...limits)
}

/** The model's section of the pull request comment: verdict, metrics against production, gates, examples. */
export function evaluationMarkdown(r: EvaluationRecord, extras: EvaluationReportExtras = {}): string {
  const policy = extras.policy ?? 'block'
  const links = extras.links ?? {}
  const verdict = modelVerdict(r, policy)
  const primary = extras.primary ?? Object.keys(r.metrics)[0]!
  return [
    ...verdictLines(r, verdict, policy),
    ...comparisonLines(r, extras, links),
    ...metricsTable(r),
    ...useCaseLines(r, primary),
    ...judgeSection(r, extras.judgeLost, extras.judgeLowest),
    ...(r.per_class ? details('Per class: production beside the candidate', perClassTable(r, extras)) : []),
    ...allGates(r, verdict),
    ...exampleDetails(r, extras, primary),
    ...servingLines(r),
    ...trainingLines(extras.training),
    ...referenceLines(r, links)
  ].join('\n')
}

/** The heading with the model's state, and the failing and inconclusive gates' reasons. */
function verdictLines(r: EvaluationRecord, verdict: ModelVerdict, policy: InconclusivePolicy): string[] {
  const out: string[] = [
    `### ${STATE_ICON[verdict.state]} ${escapeText(r.model)}: ${verdict.state === 'pass' ? 'passes' : verdict.state === 'fail' ? 'fails' : 'inconclusive'} · ${gateCounts(verdict.counts)}`,
    ''
  ]
  const failed = r.gates.filter(g => gateState(r, g) === 'fail')
  const inconclusive = r.gates.filter(g => gateState(r, g) === 'inconclusive')
  if (failed.length) out.push(`${STATE_ICON.fail} **Fails:** ${failed.map(g => gateReason(r, g)).join('; ')}.`, '')
  if (inconclusive.length)
    out.push(
      `${STATE_ICON.inconclusive} **Inconclusive**, the eval set is too small to tell whether the change is ` +
        `within the tolerance; ${policySentence(policy)}: ` +
        `${inconclusive.map(g => gateReason(r, g)).join('; ')}.`,
      ''
    )
  return out
}

/** What the candidate is compared with: production's version and the shared examples, or a first version. */
function comparisonLines(r: EvaluationRecord, extras: EvaluationReportExtras, links: ReportLinks): string[] {
  const pct = Math.round(r.settings.confidence * 100)
  if (!r.baseline)
    return ['**First version:** there is no version in production to compare with, so only absolute gates apply.', '']
  const version = extras.productionTag
    ? releaseLink(links, extras.productionTag, r.baseline.version)
    : code(r.baseline.version)
  const changed =
    r.baseline.only_candidate || r.baseline.only_baseline
      ? ` (${num(r.baseline.only_candidate)} new, ${num(r.baseline.only_baseline)} removed since)`
      : ''
  return [
    `Compared with production ${version} on the ${num(r.baseline.shared_examples)} eval examples both have${changed}; ` +
      `Δ with its ${pct}% paired-bootstrap interval (${num(r.settings.resamples)} resamples).` +
      (r.gates.some(g => g.kind === 'max_regression') ? ` ${REGRESSION_RULE}` : ''),
    ''
  ]
}

/** The icons of a metric's gates on a slice, or a dash. */
function gateCell(r: EvaluationRecord, metric: string, slice: string): string {
  return (
    r.gates
      .filter(g => g.metric === metric && g.slice === slice)
      .map(g => GATE_ICON[gateState(r, g)])
      .join(' ') || '–'
  )
}

/** Every metric on all examples: production, candidate, Δ with its interval, gates. */
function metricsTable(r: EvaluationRecord): string[] {
  const pct = Math.round(r.settings.confidence * 100)
  return [
    markdownTable(
      ['metric', 'production', 'candidate', `Δ [${pct}% CI]`, 'gate'],
      Object.entries(r.metrics).map(([name, m]) => {
        const s = m.slices[ALL]!
        return [
          code(name),
          fmt(s.comparison?.baseline, m.scale),
          `**${fmt(s.value, m.scale)}**`,
          delta(s.comparison, m.scale, m.higher_is_better),
          gateCell(r, name, ALL)
        ]
      }),
      ['l', 'r', 'r', 'r', 'l']
    ),
    ''
  ]
}

/** The primary metric per use case: a table and a chart against production and the threshold. */
function useCaseLines(r: EvaluationRecord, primary: string): string[] {
  const pct = Math.round(r.settings.confidence * 100)
  const useCases = [
    ...new Set(
      Object.values(r.metrics)
        .flatMap(m => Object.keys(m.slices))
        .filter(s => s !== ALL)
    )
  ]
  const pm = r.metrics[primary]
  if (!useCases.length || !pm) return []
  const shown = useCases.filter(u => pm.slices[u])
  const out: string[] = [`**Per use case** (${code(primary)}):`, '']
  out.push(
    markdownTable(
      ['use case', 'examples', 'production', 'candidate', `Δ [${pct}% CI]`, 'threshold', 'gate'],
      shown.map(u => {
        const s = pm.slices[u]!
        return [
          code(u),
          num(s.n),
          fmt(s.comparison?.baseline, pm.scale),
          fmt(s.value, pm.scale),
          delta(s.comparison, pm.scale, pm.higher_is_better),
          fmt(threshold(r, primary, u), pm.scale),
          gateCell(r, primary, u)
        ]
      }),
      ['l', 'r', 'r', 'r', 'r', 'r', 'l']
    ),
    ''
  )
  const groups = shown.map(u => {
    const s = pm.slices[u]!
    const t = threshold(r, primary, u)
    return {
      name: u,
      candidate: s.value,
      ...(s.comparison ? { production: s.comparison.baseline } : {}),
      ...(t !== undefined ? { threshold: t } : {})
    }
  })
  out.push(
    comparisonChart(`${r.model}: ${primary} by use case`, primary, groups, pm.scale),
    '',
    `_${comparisonLegend(
      groups.some(g => g.production !== undefined),
      groups.some(g => g.threshold !== undefined)
    )}._`,
    ''
  )
  return out
}

/** Every gate with its state, rule, result and source, folded. */
function allGates(r: EvaluationRecord, verdict: ModelVerdict): string[] {
  return details(`All ${plural(r.gates.length, 'gate')}: ${gateCounts(verdict.counts)}`, [
    markdownTable(
      ['state', 'metric', 'slice', 'rule', 'result', 'source'],
      r.gates.map(g => {
        const state = gateState(r, g)
        return [
          `${GATE_ICON[state]} ${state}`,
          code(g.metric),
          code(g.slice),
          g.kind === 'max_regression'
            ? `regression ≤ ${g.threshold}`
            : g.kind === 'beat_baseline_trainer'
              ? 'beat the baseline trainer'
              : `${g.kind} ${g.threshold}`,
          escapeText(g.reason),
          g.source === 'model' ? 'set in model.yaml' : 'set by the risk tier'
        ]
      })
    )
  ])
}

/** The most regressed and most improved examples on the primary metric, folded. */
function exampleDetails(r: EvaluationRecord, extras: EvaluationReportExtras, primary: string): string[] {
  const pm = r.metrics[primary]
  const examples = [
    ...exampleTable('Most regressed', extras.worst ?? [], pm?.scale ?? 1),
    ...exampleTable('Most improved', extras.best ?? [], pm?.scale ?? 1)
  ]
  if (!examples.length) return []
  return details(`Examples: most regressed and most improved against production (${primary})`, examples)
}

/** Where served predictions came from: the endpoint, latency and tokens. */
function servingLines(r: EvaluationRecord): string[] {
  if (!r.serving) return []
  return [
    `Predictions served by ${code(r.serving.model)} at ${code(r.serving.endpoint)}: latency p50 ${num(r.serving.latency_ms.p50)} ms, p95 ${num(r.serving.latency_ms.p95)} ms; ${num(r.serving.tokens.prompt)} prompt and ${num(r.serving.tokens.completion)} completion tokens.`,
    ''
  ]
}

/** The training summary and its loss chart. */
function trainingLines(t: TrainingView | undefined): string[] {
  if (!t) return []
  const out: string[] = [trainingSummary(t), '']
  const chart = lossChart(t)
  if (chart) out.push(...details('Training loss', [chart]))
  return out
}

/** The fingerprints, the evaluated commit and the workflow run. */
function referenceLines(r: EvaluationRecord, links: ReportLinks): string[] {
  const refs = [
    `Training fingerprint ${code(r.training_fingerprint.slice(0, 12))}`,
    `evaluation fingerprint ${code(r.evaluation_fingerprint.slice(0, 12))}`,
    ...(links.sha ? [`evaluated commit ${commitLink(links, links.sha)}`] : []),
    ...(links.runUrl ? [`[workflow run](${links.runUrl})`] : [])
  ]
  return [refs.join(' · ') + '.', '']
}

function perClassTable(r: EvaluationRecord, extras: EvaluationReportExtras): string[] {
  const before = new Map((extras.productionClasses ?? []).map(c => [c.label, c]))
  const withProduction = before.size > 0
  const rows = r.per_class!.map(c => {
    const p = before.get(c.label)
    const fell = c.support > 0 && c.recall === 0 && (!withProduction || (p?.recall ?? 0) > 0)
    return [
      code(c.label),
      num(c.support),
      ...(withProduction ? [fmt(p?.precision, 1), fmt(p?.recall, 1)] : []),
      fmt(c.precision, 1),
      fmt(c.recall, 1),
      fell ? (withProduction ? '🔻 recall fell to 0' : '🔻 recall 0') : ''
    ]
  })
  const header = [
    'label',
    'eval examples',
    ...(withProduction ? ['production precision', 'production recall'] : []),
    'candidate precision',
    'candidate recall',
    'flag'
  ]
  const align: ('l' | 'r')[] = ['l', ...header.slice(1, -1).map(() => 'r' as const), 'l']
  return [
    markdownTable(header, rows, align),
    '',
    (withProduction
      ? "Production's figures are from its own evaluation, at its release. "
      : 'There is no production version to compare with. ') +
      'Macro-F1 over all examples averages every declared label (one that never occurs counts as 0); per use case, the labels present in its references or outputs.'
  ]
}

function exampleTable(title: string, examples: ExampleView[], scale: number): string[] {
  if (!examples.length) return []
  return [
    `**${title}**`,
    '',
    markdownTable(
      ['example', 'production → candidate', 'input', 'expected', 'candidate output'],
      examples.map(e => [
        code(e.id, 80),
        `${score(e.before, scale)} → ${score(e.after, scale)}`,
        escapeText(e.input, 160),
        escapeText(e.reference, 120),
        escapeText(e.candidate, 120)
      ]),
      ['l', 'r', 'l', 'l', 'l']
    ),
    ''
  ]
}

/** A per-example score: `1` and `0` for a match or a miss, else three significant decimals. */
const score = (v: number, scale: number) =>
  Number.isInteger(v) ? String(v) : scale === 100 ? v.toFixed(1) : v.toFixed(3).replace(/0+$/, '')

/** The verdict line of a model's section for the comment's summary. */
export function evaluationVerdictLine(
  r: EvaluationRecord,
  policy: InconclusivePolicy,
  at: { commit?: string; repoUrl?: string; runUrl?: string; at?: string } = {}
): VerdictLine {
  const v = modelVerdict(r, policy)
  return {
    title: r.model,
    state: v.state,
    reason: verdictReason(r, policy),
    blocks: v.blocks,
    at: at.at ?? r.created_at,
    ...(at.commit ? { commit: at.commit } : {}),
    ...(at.repoUrl ? { repoUrl: at.repoUrl } : {}),
    ...(at.runUrl ? { runUrl: at.runUrl } : {})
  }
}

/** The one-line reason for the commit status (GitHub keeps 140 characters). */
export function statusDescription(records: EvaluationRecord[], policy: InconclusivePolicy = 'block'): string {
  const failed = records.flatMap(r =>
    r.gates
      .filter(g => gateState(r, g) === 'fail')
      .map(g => `${r.model} ${g.metric}${g.slice !== ALL ? `/${g.slice}` : ''}`)
  )
  if (failed.length) return `Failing gates: ${failed.join(', ')}`
  const inconclusive = records.flatMap(r =>
    r.gates
      .filter(g => gateState(r, g) === 'inconclusive')
      .map(g => `${r.model} ${g.metric}${g.slice !== ALL ? `/${g.slice}` : ''}`)
  )
  if (inconclusive.length)
    return `Inconclusive${policy === 'block' ? ' (blocks the merge)' : ''}: ${inconclusive.join(', ')}`
  return records.length === 1 ? 'Passes every gate' : `${records.length} models pass every gate`
}

/** The evaluation for a terminal: verdict, metrics against production, gates. */
export function evaluationText(r: EvaluationRecord, policy: InconclusivePolicy = 'block'): string {
  const pct = Math.round(r.settings.confidence * 100)
  const v = modelVerdict(r, policy)
  const lines = [
    `${r.model}: ${v.state.toUpperCase()}${v.state === 'inconclusive' ? (v.blocks ? ' (blocks the merge)' : ' (does not block the merge)') : ''}${r.baseline ? `  (vs production ${r.baseline.version}, ${r.baseline.shared_examples} shared examples)` : '  (first version: absolute gates only)'}`
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
  const mark: Record<GateState, string> = { pass: '+', fail: 'x', inconclusive: '?', 'not applicable': '-' }
  for (const g of r.gates)
    lines.push(`  ${mark[gateState(r, g)]} ${g.metric}${g.slice !== ALL ? ` [${g.slice}]` : ''}: ${g.reason}`)
  return lines.join('\n')
}

/**
 * The evaluate step's report and its line in the comment's summary, rendered from what the evaluation found; the
 * step's callers (the action, the CLI) render it, so the evaluation imports no renderer.
 */
export function evaluationOutcomeReport(
  outcome: EvaluationOutcome,
  links: ReportLinks = {}
): { markdown: string; verdictLine: VerdictLine } {
  const { record, policy } = outcome
  const markdown = evaluationMarkdown(record, { ...outcome.view, policy, links })
  const verdictLine = evaluationVerdictLine(record, policy, {
    ...(links.sha ? { commit: links.sha } : {}),
    ...(links.repoUrl ? { repoUrl: links.repoUrl } : {}),
    ...(links.runUrl ? { runUrl: links.runUrl } : {})
  })
  return { markdown, verdictLine }
}
