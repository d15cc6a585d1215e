/** Keeps at most `max` points, evenly spaced, always with the last one. */
export function downsample<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points
  const out: T[] = []
  for (let i = 0; i < max - 1; i++) out.push(points[Math.floor((i * (points.length - 1)) / (max - 1))]!)
  out.push(points[points.length - 1]!)
  return out
}

const label = (s: string) => s.replace(/["\n\r`]/g, ' ').slice(0, 60)
const round = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(1) : n.toPrecision(4)).replace(/\.?0+$/, '') || '0'

/** Series colours, in order: grey for production, blue for the candidate, red for a threshold (colour-blind safe). */
export const CHART_COLOURS = { production: '#9e9e9e', candidate: '#1f77b4', threshold: '#d62728' } as const

/** Mermaid's init block: the series palette and a white plot, so both GitHub themes show the same chart. */
function init(palette: string[]): string {
  const config = {
    theme: 'base',
    themeVariables: { xyChart: { plotColorPalette: palette.join(', '), backgroundColor: '#ffffff' } }
  }
  return `%%{init: ${JSON.stringify(config)}}%%`
}

/**
 * Values at evenly spaced x positions, linearly interpolated: Mermaid's xychart spreads a series' points evenly
 * over a numeric axis, so points at uneven steps must be resampled to sit where they belong. Before the first
 * point the first value is held (an eval loss measured from step 100 starts flat).
 */
export function resample(points: { x: number; y: number }[], grid: number[]): number[] {
  const sorted = [...points].sort((a, b) => a.x - b.x)
  let j = 0
  return grid.map(x => {
    while (j < sorted.length - 1 && sorted[j + 1]!.x <= x) j++
    const a = sorted[j]!
    const b = sorted[j + 1]
    if (x <= a.x || !b) return a.y
    return a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x)
  })
}

/**
 * A Mermaid xychart of one or more lines over a numeric x axis (GitHub renders it in markdown, no image
 * hosting needed). Points at uneven x are resampled onto `gridPoints` even steps.
 */
export function lineChart(
  title: string,
  xLabel: string,
  yLabel: string,
  series: { name: string; points: { x: number; y: number }[] }[],
  gridPoints = 40
): string {
  const drawn = series.filter(s => s.points.length > 0)
  const xs = drawn.flatMap(s => s.points.map(p => p.x))
  // A loop, not Math.min(...xs): a long run's curve has more points than a call's arguments may hold.
  const first = xs.reduce((a, b) => Math.min(a, b), Infinity)
  const last = xs.reduce((a, b) => Math.max(a, b), -Infinity)
  const n = Math.max(2, Math.min(gridPoints, last - first + 1))
  const grid = Array.from({ length: n }, (_, i) => first + ((last - first) * i) / (n - 1))
  const lines = drawn.map(s => resample(s.points, grid))
  const ys = lines.flat()
  const lo = ys.reduce((a, b) => Math.min(a, b), Infinity)
  const hi = ys.reduce((a, b) => Math.max(a, b), -Infinity)
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1
  const palette = [CHART_COLOURS.candidate, CHART_COLOURS.threshold, CHART_COLOURS.production]
  return [
    '```mermaid',
    init(palette.slice(0, drawn.length)),
    'xychart-beta',
    `  title "${label(title)}"`,
    `  x-axis "${label(xLabel)}" ${round(first)} --> ${round(last)}`,
    `  y-axis "${label(yLabel)}" ${round(Math.max(0, lo - pad))} --> ${round(hi + pad)}`,
    ...lines.map(l => `  line [${l.map(round).join(', ')}]`),
    '```'
  ].join('\n')
}

/** One group of a comparison chart: production's and the candidate's value, and the gate's threshold. */
export interface ComparedBar {
  name: string
  production?: number
  candidate: number
  threshold?: number
}

/**
 * A Mermaid xychart comparing production (grey) with the candidate (blue) per group, bars side by side, and the
 * gate's threshold as a red line. Mermaid draws two bar series on the same category over each other, so each
 * group has a category per bar and each series is zero on the other's categories.
 */
export function comparisonChart(title: string, yLabel: string, groups: ComparedBar[], scale = 1): string {
  const withProduction = groups.some(g => g.production !== undefined)
  const categories: string[] = []
  const production: number[] = []
  const candidate: number[] = []
  const threshold: number[] = []
  const withThreshold = groups.some(g => g.threshold !== undefined)
  for (const g of groups) {
    if (withProduction) {
      categories.push(`${g.name} · production`)
      production.push(g.production ?? 0)
      candidate.push(0)
      threshold.push(g.threshold ?? 0)
    }
    categories.push(withProduction ? `${g.name} · candidate` : g.name)
    production.push(0)
    candidate.push(g.candidate)
    threshold.push(g.threshold ?? 0)
  }
  const hi = Math.max(scale, ...production, ...candidate, ...threshold)
  const palette = [
    ...(withProduction ? [CHART_COLOURS.production] : []),
    CHART_COLOURS.candidate,
    ...(withThreshold ? [CHART_COLOURS.threshold] : [])
  ]
  return [
    '```mermaid',
    init(palette),
    'xychart-beta',
    `  title "${label(title)}"`,
    `  x-axis [${categories.map(c => `"${label(c)}"`).join(', ')}]`,
    `  y-axis "${label(yLabel)}" 0 --> ${round(hi)}`,
    ...(withProduction ? [`  bar [${production.map(round).join(', ')}]`] : []),
    `  bar [${candidate.map(round).join(', ')}]`,
    ...(withThreshold ? [`  line [${threshold.map(round).join(', ')}]`] : []),
    '```'
  ].join('\n')
}

/** The legend under a comparison chart (Mermaid's xychart draws none). */
export function comparisonLegend(withProduction: boolean, withThreshold: boolean): string {
  return [
    withProduction ? 'grey bars: production' : '',
    'blue bars: candidate',
    withThreshold ? "red line: the gate's threshold" : ''
  ]
    .filter(Boolean)
    .join(' · ')
}
