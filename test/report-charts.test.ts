import { describe, expect, it } from 'vitest'
import { comparisonChart, lineChart, resample } from '../src/report/mermaid.js'
import { mermaidBlocks, mermaidParser } from './helpers/gfm.js'

const body = (chart: string) => mermaidBlocks(chart)[0]!

describe('Mermaid charts, as the current Mermaid parses them', () => {
  it('the parser in this test refuses a broken chart (so a pass below means something)', async () => {
    const parser = await mermaidParser()
    await expect(parser.parse('xychart-beta\n  x-axis [a, b\n  bar [1, 2]')).rejects.toThrow(/Parse error/)
  })

  it('a loss curve at uneven steps is drawn on a numeric step axis, with the eval loss beside it', async () => {
    const train = [0, 10, 20, 30, 1000].map((x, i) => ({ x, y: 2 - i * 0.3 }))
    const evalLoss = [
      { x: 500, y: 1.5 },
      { x: 1000, y: 1.1 }
    ]
    const chart = lineChart('m loss', 'step', 'loss', [
      { name: 'training', points: train },
      { name: 'eval', points: evalLoss }
    ])
    expect(chart).toContain('x-axis "step" 0 --> 1000')
    expect(chart).not.toMatch(/x-axis "step" \[/)
    const lines = [...chart.matchAll(/^ {2}line \[(.*)\]$/gm)].map(m => m[1]!.split(', ').map(Number))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toHaveLength(40)
    // A step between two reported ones lies on the straight line between them (steps 30 and 1000 here).
    expect(resample(train, [515])[0]).toBeCloseTo(1.1 + (0.8 - 1.1) * ((515 - 30) / 970), 6)
    // Before its first measurement the eval loss is held flat, not invented.
    expect(resample(evalLoss, [0, 750])).toEqual([1.5, 1.3])
    expect(chart).toContain('%%{init:')
    await expect((await mermaidParser()).parse(body(chart))).resolves.toBeTruthy()
  })

  it('production and candidate side by side per use case, with the threshold as a line', async () => {
    const chart = comparisonChart('m: accuracy by use case', 'accuracy', [
      { name: 'internal-linking', production: 1, candidate: 0.98, threshold: 0.8 },
      { name: 'content "refresh"`', production: 0.76, candidate: 0.72, threshold: 0.8 }
    ])
    expect(chart).toContain(
      'x-axis ["internal-linking · production", "internal-linking · candidate", "content  refresh   · production", "content  refresh   · candidate"]'
    )
    expect(chart).toContain('  bar [1, 0, 0.76, 0]')
    expect(chart).toContain('  bar [0, 0.98, 0, 0.72]')
    expect(chart).toContain('  line [0.8, 0.8, 0.8, 0.8]')
    expect(chart).toContain('"plotColorPalette":"#9e9e9e, #1f77b4, #d62728"')
    await expect((await mermaidParser()).parse(body(chart))).resolves.toBeTruthy()
    // A first version has no production bars: one bar per use case.
    const first = comparisonChart('m', 'chrF', [{ name: 'a', candidate: 61.5 }], 100)
    expect(first).toContain('x-axis ["a"]')
    expect(first).toContain('y-axis "chrF" 0 --> 100')
    await expect((await mermaidParser()).parse(body(first))).resolves.toBeTruthy()
  })
})
