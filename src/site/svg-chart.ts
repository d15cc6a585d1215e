// Inline SVG charts for the registry site, written by hand: the site is offline (no CDN, no chart library
// loaded in the page), and the two shapes it needs (a line with interval bars and threshold lines, a bar
// chart) are a few dozen lines each. Every chart has a text alternative beside it (a table) that the
// caller renders; the SVG itself carries a title and is linked to that table with aria-describedby.
import { escapeHtml } from './html.js'

export interface LinePoint {
  label: string
  value: number
  low?: number
  high?: number
}

export interface Threshold {
  label: string
  value: number
}

const W = 560
const H = 220
const PAD = { left: 56, right: 16, top: 16, bottom: 40 }

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3))

/** A line of values across versions, with interval bars and dashed threshold lines. */
export function lineChart({
  title,
  describedBy,
  points,
  thresholds
}: {
  title: string
  describedBy: string
  points: LinePoint[]
  thresholds: Threshold[]
}): string {
  const values = points
    .flatMap(p => [p.value, p.low ?? p.value, p.high ?? p.value])
    .concat(thresholds.map(t => t.value))
  let min = Math.min(...values)
  let max = Math.max(...values)
  if (!Number.isFinite(min)) return ''
  if (max === min) {
    min -= 0.5
    max += 0.5
  }
  const span = max - min
  min -= span * 0.08
  max += span * 0.08
  const x = (i: number) =>
    PAD.left +
    (points.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (points.length - 1))
  const y = (v: number) => PAD.top + ((max - v) * (H - PAD.top - PAD.bottom)) / (max - min)
  const parts: string[] = []
  for (let k = 0; k <= 4; k++) {
    const v = min + ((max - min) * k) / 4
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`,
      `<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${fmt(v)}</text>`
    )
  }
  for (const t of thresholds)
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t.value).toFixed(1)}" y2="${y(t.value).toFixed(1)}" class="threshold"/>`,
      `<text x="${W - PAD.right}" y="${(y(t.value) - 4).toFixed(1)}" text-anchor="end" class="threshold-label">${escapeHtml(t.label)}</text>`
    )
  points.forEach((p, i) => {
    if (p.low !== undefined && p.high !== undefined)
      parts.push(
        `<line x1="${x(i)}" x2="${x(i)}" y1="${y(p.low).toFixed(1)}" y2="${y(p.high).toFixed(1)}" class="interval"/>`
      )
    parts.push(
      `<text x="${x(i)}" y="${H - PAD.bottom + 18}" text-anchor="middle" class="axis">${escapeHtml(p.label)}</text>`
    )
  })
  if (points.length > 1)
    parts.push(
      `<polyline class="series" points="${points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}"/>`
    )
  points.forEach((p, i) =>
    parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="4" class="point"/>`)
  )
  return (
    `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-describedby="${escapeHtml(describedBy)}" class="chart">` +
    `<title>${escapeHtml(title)}</title>${parts.join('')}</svg>`
  )
}

/** Vertical bars, one per label. */
export function barChart({
  title,
  describedBy,
  bars
}: {
  title: string
  describedBy: string
  bars: { label: string; value: number }[]
}): string {
  if (!bars.length) return ''
  const max = Math.max(...bars.map(b => b.value), 1)
  const bw = (W - PAD.left - PAD.right) / bars.length
  const y = (v: number) => PAD.top + ((max - v) * (H - PAD.top - PAD.bottom)) / max
  const parts: string[] = [
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(0)}" y2="${y(0)}" class="grid"/>`,
    `<text x="${PAD.left - 6}" y="${y(max) + 4}" text-anchor="end" class="axis">${fmt(max)}</text>`
  ]
  // Labels thin out when bars are narrow, so they never overlap; the table beside lists every one.
  const every = Math.max(1, Math.ceil(60 / bw))
  bars.forEach((b, i) => {
    const h = y(0) - y(b.value)
    parts.push(
      `<rect x="${(PAD.left + i * bw + bw * 0.15).toFixed(1)}" y="${y(b.value).toFixed(1)}" width="${(bw * 0.7).toFixed(1)}" height="${h.toFixed(1)}" class="bar"/>`
    )
    if (i % every === 0)
      parts.push(
        `<text x="${(PAD.left + i * bw + bw / 2).toFixed(1)}" y="${H - PAD.bottom + 18}" text-anchor="middle" class="axis">${escapeHtml(b.label)}</text>`
      )
  })
  return (
    `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-describedby="${escapeHtml(describedBy)}" class="chart">` +
    `<title>${escapeHtml(title)}</title>${parts.join('')}</svg>`
  )
}
