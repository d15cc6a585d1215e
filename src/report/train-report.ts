import type { RunManifest } from '../training/contract.js'
import type { TrainResult } from '../training/train.js'
import type { TrainingView } from '../training/training-view.js'
import { code, escapeText, markdownTable, num, plural } from './escape.js'
import { lineChart } from './mermaid.js'

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds.toFixed(1)} s`
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} min`
  return `${(seconds / 3600).toFixed(2)} h`
}

/** The training in one paragraph: trainer, time, runner, reuse, GPU-hours and cost against the budget. */
export function trainingSummary(t: TrainingView): string {
  const m = t.manifest
  const hours = m.gpu_seconds / 3600
  const budget = t.budget?.max_gpu_hours
  const gpu = budget
    ? `${num(hours, 2)} of the ${num(budget, 2)} GPU-hours allowed (\`max_gpu_hours\`, ${Math.round((100 * hours) / budget)}%)`
    : // Said only where the budget is known (the evaluate step reads model.yaml; the train summary may not).
      `${num(hours, 2)} GPU-hours${t.budget ? ' (no `max_gpu_hours` budget set)' : ''}`
  const maxCost = t.budget?.max_cost_usd
  const cost = `${num(m.cost.amount, 2)} ${escapeText(m.cost.currency)}${maxCost ? ` of the ${num(maxCost, 2)} USD allowed (\`max_cost_usd\`)` : ''}`
  const when = t.reused
    ? `♻️ **Reused** (cache hit): the outputs of an earlier run with the same training fingerprint, trained on ${m.finished_at.slice(0, 10)}; this run spent no GPU time. That run took`
    : t.reused === false
      ? 'Trained in this run:'
      : 'Trained:'
  return (
    `**Training** · ${code(`${m.trainer.name} ${m.trainer.version}`)} · ${when} ${duration(m.wall_seconds)} on ` +
    `${escapeText(m.runner.name)} (${plural(m.runner.gpus, 'GPU')}), ${gpu}, cost ${cost}` +
    `${m.resumed_from ? `, resumed from ${code(m.resumed_from.split('/').slice(-2).join('/'))}` : ''}.` +
    withoutTargetNote(m)
  )
}

/** The train rows the trainer could not learn from (no target token within max_seq_length), when there were any. */
function withoutTargetNote(m: RunManifest): string {
  const w = m.without_target
  if (!w || w.rows === 0) return ''
  return (
    ` ⚠️ ${num(w.rows)} of ${num(m.rows.train)} train rows left no target token within \`max_seq_length\` ` +
    `${num(w.max_seq_length)}, so nothing of them was trained (the run fails above ${num(100 * w.max_share, 2)}%, ` +
    '`max_share_without_target`).'
  )
}

/** The rows a run trained on, with those that left no target token when the trainer counted them. */
function rowsCell(m: RunManifest): string {
  const w = m.without_target
  const train = w
    ? `${num(m.rows.train)} train (${num(w.rows)} with no target token within max_seq_length ${num(w.max_seq_length)})`
    : `${num(m.rows.train)} train`
  return `${train}, ${num(m.rows.eval)} eval`
}

/** The loss chart of a training run: training loss over a numeric step axis, with eval loss when reported. */
export function lossChart(t: TrainingView): string | undefined {
  const train = t.manifest.loss_curve.map(p => ({ x: p.step, y: p.loss }))
  if (train.length < 2) return undefined
  const evalLoss = (t.evalLoss ?? []).map(p => ({ x: p.step, y: p.loss }))
  const series = [
    { name: 'training loss', points: train },
    ...(evalLoss.length ? [{ name: 'eval', points: evalLoss }] : [])
  ]
  const legend = evalLoss.length
    ? `blue: training loss · red: eval loss, measured at ${plural(evalLoss.length, 'step')} (${evalLoss
        .slice(0, 6)
        .map(p => num(p.x))
        .join(', ')}${evalLoss.length > 6 ? ', …' : ''}) and joined by straight lines`
    : 'blue: training loss (the trainer reported no eval loss)'
  return [lineChart(`${t.manifest.model} loss`, 'step', 'loss', series), '', `_${legend}._`].join('\n')
}

/** The training report: cache hit or the run's loss curve, time, GPU-seconds and cost against the budget. */
export function trainMarkdown(r: TrainResult, extras: Pick<TrainingView, 'budget' | 'evalLoss'> = {}): string {
  const m = r.manifest
  const view: TrainingView = { manifest: m, reused: r.cache.hit, ...extras }
  const out = [`## Tunegate · training ${escapeText(r.model)}`, '', trainingSummary(view), '']
  if (r.cache.hit)
    out.push(
      `The training fingerprint ${code(r.identity.training_fingerprint.slice(0, 12))} is unchanged; the result came from ${escapeText(r.cache.source ?? 'an earlier run')}.`,
      ''
    )
  out.push(
    markdownTable(
      ['what', 'value'],
      [
        ['base model', `${code(m.base_model.id)} @ ${code(m.base_model.revision.slice(0, 12))}`],
        ['method', m.method],
        ['rows', rowsCell(m)],
        [
          'runner',
          `${escapeText(m.runner.name)} (${m.runner.labels.map(l => code(l)).join(', ')}), ${plural(m.runner.gpus, 'GPU')}`
        ],
        ['GPU time', `${num(m.gpu_seconds / 3600, 2)} GPU-hours`],
        [
          'cost',
          `${num(m.cost.amount, 2)} ${escapeText(m.cost.currency)} at ${num(m.cost.rate_per_gpu_hour, 2)}/GPU-hour${r.cache.hit ? ' (when it was trained; this run spent nothing)' : ''}`
        ],
        ['training fingerprint', code(m.training_fingerprint)],
        ['evaluation fingerprint', code(m.evaluation_fingerprint)],
        ['artifact', code(r.artifactName)]
      ]
    ),
    ''
  )
  const chart = lossChart(view)
  if (chart) out.push(chart, '')
  else if (!r.cache.hit) out.push('_The trainer reported no loss (the BM25 baseline has none)._', '')
  return out.join('\n')
}
