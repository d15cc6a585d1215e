/** Keeps at most `max` points, evenly spaced, always with the last one. */
export function downsample<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points
  const out: T[] = []
  for (let i = 0; i < max - 1; i++) out.push(points[Math.floor((i * (points.length - 1)) / (max - 1))]!)
  out.push(points[points.length - 1]!)
  return out
}

const label = (s: string) => s.replace(/["\n\r]/g, ' ').slice(0, 60)
const round = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(1) : n.toPrecision(4)).replace(/\.?0+$/, '')

/** A Mermaid xychart line chart (GitHub renders it in markdown, no image hosting needed). */
export function lineChart(
  title: string,
  xLabel: string,
  yLabel: string,
  points: { x: number; y: number }[],
  maxPoints = 40
): string {
  const pts = downsample(points, maxPoints)
  const ys = pts.map(p => p.y)
  const lo = Math.min(...ys)
  const hi = Math.max(...ys)
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${label(title)}"`,
    `  x-axis "${label(xLabel)}" [${pts.map(p => String(p.x)).join(', ')}]`,
    `  y-axis "${label(yLabel)}" ${round(lo - pad)} --> ${round(hi + pad)}`,
    `  line [${pts.map(p => round(p.y)).join(', ')}]`,
    '```'
  ].join('\n')
}

/** A Mermaid xychart bar chart of named values. */
export function barChart(title: string, yLabel: string, bars: { name: string; value: number }[]): string {
  const values = bars.map(b => b.value)
  const hi = Math.max(...values, 0)
  const lo = Math.min(...values, 0)
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${label(title)}"`,
    `  x-axis [${bars.map(b => `"${label(b.name)}"`).join(', ')}]`,
    `  y-axis "${label(yLabel)}" ${round(lo)} --> ${round(hi === lo ? hi + 1 : hi * 1.05)}`,
    `  bar [${values.map(round).join(', ')}]`,
    '```'
  ].join('\n')
}
