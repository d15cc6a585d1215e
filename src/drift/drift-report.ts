import { code, escapeText, markdownTable, num } from '../report/escape.js'
import { capText, MAX_COMMENT_CHARS } from '../report/sticky-comment.js'
import { textTable } from '../report/text-table.js'
import type { Problem } from '../errors.js'
import type { DriftComparison, DriftStatistic, MixRow } from './compare.js'
import type { DriftRecord } from './record.js'
import { pValueText } from './statistics.js'

/** Feedback problems listed in a report; the rest are counted. */
const PROBLEMS_SHOWN = 10

export interface ReportInput {
  record: DriftRecord
  comparison: DriftComparison
  /** Where the current rows came from, as shown. */
  samples: string
  feedbackProblems: Problem[]
  runUrl?: string
  /** Quote the current rows least like the reference: only where the report is not public (see runDrift). */
  quoteRows?: boolean
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const figure = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(3))

/** The model's verdict line, first in every report. */
export function verdictLine(r: DriftRecord): string {
  const counted = `${r.statistics.filter(s => s.drifted).length} of ${r.statistics.length} statistics drifted (policy: ≥ ${pct(r.shareThreshold)})`
  if (r.verdict === 'drift')
    return `⚠️ **${escapeText(r.model)}: drift** since production ${code(r.version)} — ${counted}`
  if (r.raw === 'drift')
    return `🟡 **${escapeText(r.model)}: drift in this run only** — ${counted}; the policy asks for ${r.consecutiveRuns} runs in a row and this is run ${r.streak}`
  return `✅ **${escapeText(r.model)}: no drift** from production ${code(r.version)} — ${counted}`
}

/** Mermaid label text: letters, digits and a few signs only, so data cannot break out of the chart or its fence. */
const chartLabel = (s: string) => s.replace(/[^\p{L}\p{N} _.,:/+%()≤>-]/gu, ' ').slice(0, 80)
const round = (n: number) => (Math.round(n * 10) / 10).toString()

/** A Mermaid xychart of two series over the same categories: bars for the reference, a line for current. */
export function comparisonChart(title: string, yLabel: string, rows: MixRow[]): string {
  const hi = Math.max(1, ...rows.flatMap(r => [r.reference * 100, r.current * 100]))
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${chartLabel(title)}"`,
    `  x-axis [${rows.map(r => `"${chartLabel(r.name)}"`).join(', ')}]`,
    `  y-axis "${chartLabel(yLabel)}" 0 --> ${Math.ceil(hi * 1.1)}`,
    `  bar [${rows.map(r => round(r.reference * 100)).join(', ')}]`,
    `  line [${rows.map(r => round(r.current * 100)).join(', ')}]`,
    '```'
  ].join('\n')
}

function statisticRow(s: DriftStatistic): string[] {
  return [
    escapeText(s.title),
    escapeText(s.method),
    escapeText(s.reference, 120),
    escapeText(s.current, 120),
    `${escapeText(s.effectName)} ${figure(s.effectSize)}${s.pValue !== undefined ? ` (${pValueText(s.pValue)})` : ''}`,
    escapeText(s.thresholdText),
    s.drifted ? '⚠️ drift' : '✅'
  ]
}

/** The drift report of one model: verdict, statistics, charts, telling words, examples, proposed rows. */
export function driftMarkdown(input: ReportInput): string {
  const { record: r, comparison: c } = input
  const out: string[] = [`### ${verdictLine(r)}`, '']
  out.push(
    `Reference: the train data of ${code(`${r.model}@${r.version}`)} at commit ${code(r.commit.slice(0, 12))} — ${num(r.rows.reference)} rows` +
      (r.referenceInvalid ? ` (${num(r.referenceInvalid)} unreadable rows not counted)` : '') +
      `. Current: ${num(r.rows.current)} rows from ${code(input.samples)}.`,
    ''
  )
  out.push(
    markdownTable(
      ['statistic', 'method', 'reference', 'current', 'effect size', 'drift when', 'verdict'],
      r.statistics.map(statisticRow)
    ),
    ''
  )
  if (r.skipped.length)
    out.push(`Not computed: ${r.skipped.map(s => `${escapeText(s.title)} (${escapeText(s.reason)})`).join('; ')}.`, '')
  const sampled = r.statistics.some(s => s.basis === 'sample')
  out.push(
    (c.small
      ? `Small reference (≤ 1,000 rows, as Evidently decides): tests with p-values and permutations. `
      : `Large reference (over 1,000 rows, as Evidently decides): fixed effect-size thresholds (on large samples p-values flag negligible changes). `) +
      (sampled
        ? `Lengths, vocabulary and the domain classifier use a seeded sample (seed ${c.sample.seed}) of ${num(c.sample.reference)} reference and ${num(c.sample.current)} current rows; the mixes count every row. `
        : 'Every row is used. ') +
      `Tokens counted ${escapeText(c.tokenMethod)}.`,
    ''
  )
  if (c.lengthBins.length)
    out.push(
      comparisonChart(
        'Input length in tokens (bars: reference, line: current)',
        'share of rows (%)',
        c.lengthBins.map(b => ({ name: `≤${b.upTo}`, reference: b.reference, current: b.current }))
      ),
      ''
    )
  if (c.useCaseMix.length)
    out.push(comparisonChart('Use-case mix (bars: reference, line: current)', 'share of rows (%)', c.useCaseMix), '')
  if (c.labelMix.length)
    out.push(
      comparisonChart('Predicted-label mix (bars: reference, line: current)', 'share of rows (%)', c.labelMix),
      ''
    )
  if (c.tellingWords.length) {
    out.push(
      '**Most telling words** (the domain classifier’s strongest signs of current rows; rows of each sample holding the word):',
      '',
      markdownTable(
        ['word', 'reference rows', 'current rows'],
        c.tellingWords.map(t => [code(t.word, 60), num(t.reference), num(t.current)]),
        ['l', 'r', 'r']
      ),
      ''
    )
  }
  if (c.examples.length && input.quoteRows)
    out.push('**Current rows least like the reference:**', '', ...c.examples.map(e => `- “${escapeText(e, 240)}”`), '')
  else if (c.examples.length)
    out.push(
      `**Current rows least like the reference:** ${c.examples.length} found, not quoted: production rows are quoted only in a private repository.`,
      ''
    )
  const f = r.feedback
  if (f) {
    const kinds = Object.entries(f.piiByKind)
      .map(([k, n]) => `${k} ${num(n ?? 0)}`)
      .join(', ')
    out.push(
      `**Rows proposed:** ${num(f.accepted)} of ${num(f.read)} labelled feedback rows` +
        (f.target ? ` for ${code(f.target)}` : '') +
        `; left out: ${num(f.leftOut.invalid)} failing the row checks, ${num(f.leftOut.pii)} with personal data${kinds ? ` (${kinds})` : ''}, ${num(f.leftOut.duplicates)} already in the data` +
        (f.leftOut.overLimit ? `, ${num(f.leftOut.overLimit)} over the per-run limit` : '') +
        '.' +
        (f.droppedFields
          ? ` ${num(f.droppedFields)} ${f.droppedFields === 1 ? 'field' : 'fields'} the model does not read dropped from the proposed rows.`
          : ''),
      ''
    )
    if (input.feedbackProblems.length)
      out.push(
        '<details><summary>Feedback rows left out</summary>',
        '',
        ...input.feedbackProblems
          .slice(0, PROBLEMS_SHOWN)
          .map(p => `- ${code(`${p.file}:${p.line}`)} ${escapeText(p.message, 240)}`),
        ...(input.feedbackProblems.length > PROBLEMS_SHOWN
          ? [`- … and ${num(input.feedbackProblems.length - PROBLEMS_SHOWN)} more (see the job log)`]
          : []),
        '',
        '</details>',
        ''
      )
  }
  if (input.runUrl) out.push(`[Workflow run](${input.runUrl})`, '')
  return capText(out.join('\n'), MAX_COMMENT_CHARS)
}

/** What labelled data would help, for the issue opened when there is drift and no feedback. */
export function helpWanted(c: DriftComparison): string {
  const rising = c.useCaseMix.filter(u => u.current > u.reference + 0.05).map(u => code(u.name, 60))
  const lines = [
    '**What would help:** labelled production examples in the model’s data format, with ids, passed to the drift action as `feedback` — it then opens a retraining pull request instead of this issue.'
  ]
  if (rising.length) lines.push(`- use cases whose share rose: ${rising.join(', ')}`)
  if (c.tellingWords.length)
    lines.push(
      `- rows about: ${c.tellingWords
        .slice(0, 6)
        .map(t => code(t.word, 60))
        .join(', ')}`
    )
  const length = c.statistics.find(s => s.name === 'token_length')
  if (length?.drifted) lines.push(`- inputs of the current length (${escapeText(length.current)})`)
  return lines.join('\n')
}

/** The terminal form: the verdict and the statistics table. */
export function driftText(r: DriftRecord): string {
  const verdict = verdictLine(r).replace(/\*\*/g, '').replace(/`/g, '')
  return [
    verdict,
    textTable(
      ['statistic', 'reference', 'current', 'effect size', 'drift when', ''],
      r.statistics.map(s => [
        s.title,
        s.reference,
        s.current,
        `${s.effectName} ${figure(s.effectSize)}${s.pValue !== undefined ? ` ${pValueText(s.pValue)}` : ''}`,
        s.thresholdText,
        s.drifted ? 'DRIFT' : 'ok'
      ])
    )
  ].join('\n')
}
