import type { ProgressView } from '../training/runner.js'

/** Time left, in seconds under a minute and a half, else in whole minutes. */
export function etaText(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return ''
  return seconds < 90 ? `ETA ${Math.round(seconds)} s` : `ETA ${Math.round(seconds / 60)} min`
}

/** A training run's progress as the log and the terminal show it: `step 3/10 (30%), loss 0.4000, 812 tokens/s`. */
export function progressLine(p: ProgressView, options: { percent?: boolean } = {}): string {
  const step = `step ${p.step}/${p.totalSteps}`
  const percent = p.totalSteps > 0 ? ` (${Math.round((100 * p.step) / p.totalSteps)}%)` : ''
  return [
    options.percent === false ? step : step + percent,
    p.loss !== undefined ? `loss ${p.loss.toFixed(4)}` : '',
    p.tokensPerSecond !== undefined ? `${Math.round(p.tokensPerSecond)} tokens/s` : '',
    etaText(p.etaSeconds)
  ]
    .filter(Boolean)
    .join(', ')
}
