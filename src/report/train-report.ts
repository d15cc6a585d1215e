import type { TrainResult } from '../training/train.js'
import { code, escapeText, markdownTable, num } from './escape.js'
import { lineChart } from './mermaid.js'

function duration(seconds: number): string {
  if (seconds < 90) return `${seconds.toFixed(1)} s`
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} min`
  return `${(seconds / 3600).toFixed(2)} h`
}

/** The training report: cache hit or the run's loss curve, time, GPU-seconds and cost. */
export function trainMarkdown(r: TrainResult): string {
  const m = r.manifest
  const out = [`## Tunegate · training ${escapeText(r.model)}`, '']
  if (r.cache.hit)
    out.push(
      `♻️ **Reused** an earlier result with the same training fingerprint ${code(r.identity.training_fingerprint.slice(0, 12))} — no GPU time spent. Source: ${escapeText(r.cache.source ?? '')}.`,
      ''
    )
  else
    out.push(
      `✅ **Trained** with ${code(`${m.trainer.name} ${m.trainer.version}`)} in ${duration(m.wall_seconds)}${m.resumed_from ? ` (resumed from ${code(m.resumed_from.split('/').slice(-2).join('/'))})` : ''}.`,
      ''
    )
  out.push(
    markdownTable(
      ['', ''],
      [
        ['base model', `${code(m.base_model.id)} @ ${code(m.base_model.revision.slice(0, 12))}`],
        ['method', m.method],
        ['rows', `${num(m.rows.train)} train, ${num(m.rows.eval)} eval`],
        [
          'runner',
          `${escapeText(m.runner.name)} (${m.runner.labels.map(l => code(l)).join(', ')}), ${m.runner.gpus} GPU(s)`
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
  if (m.loss_curve.length >= 2)
    out.push(
      lineChart(
        `${m.model} training loss`,
        'step',
        'loss',
        m.loss_curve.map(p => ({ x: p.step, y: p.loss }))
      ),
      ''
    )
  else if (!r.cache.hit) out.push('_The trainer reported no loss (the BM25 baseline has none)._', '')
  return out.join('\n')
}
