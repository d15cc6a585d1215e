import { appendFile, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkModelData } from '../src/data/dataset-check.js'
import { loadRegistry } from '../src/registry/loader.js'
import { rng, seoWriterRow } from '../scripts/example-data.js'
import { EXAMPLE_REGISTRY } from './helpers/git-repo.js'

describe('checking a large file in ranges on worker threads', () => {
  it('finds exactly what the single-threaded check finds, at the same lines', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-par-'))
    await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
    const train = path.join(dir, 'registry/datasets/seo-writer/train.jsonl')
    const evalFirst = (await readFile(path.join(dir, 'registry/datasets/seo-writer/eval.jsonl'), 'utf8')).split(
      '\n'
    )[0]!
    const r = rng(3)
    const lines: string[] = []
    for (let i = 0; i < 6000; i++) {
      const row = seoWriterRow(r, 5_000_000 + i) as { id: string; messages: { content: string }[] }
      row.messages[1]!.content += ` (request ${i})`
      lines.push(JSON.stringify(row))
      if (i % 997 === 0) lines.push(JSON.stringify({ ...row, id: `${row.id}-dup` }))
      if (i % 1499 === 0) lines.push('{"broken": ')
      if (i === 4000) lines.push(JSON.stringify({ ...JSON.parse(evalFirst), id: 'leak' }))
      if (i === 5000) lines.push(JSON.stringify({ ...row, id: (JSON.parse(evalFirst) as { id: string }).id }))
    }
    await writeFile(train, lines.join('\n') + '\n')
    await appendFile(train, '\n\n')
    const registry = await loadRegistry(path.join(dir, 'registry'), { displayBase: dir })
    const model = registry.models.find(m => m.spec.name === 'seo-writer')!
    const inline = await checkModelData(model, registry.config!)
    const parallel = await checkModelData(model, registry.config!, {
      parallelMinBytes: 1,
      rangeBytes: 128 * 1024,
      threads: 2
    })
    const key = (p: { file: string; line: number; severity: string; message: string }) =>
      `${p.file}:${p.line} ${p.severity} ${p.message}`
    expect(parallel.problems.map(key).sort()).toEqual(inline.problems.map(key).sort())
    expect(parallel.counts).toEqual(inline.counts)
    expect(parallel.splits).toEqual(inline.splits)
    expect(parallel.leakage).toEqual(inline.leakage)
    // The worker threads' sampled rows render in the main thread's sandbox, as the inline check's do.
    expect(parallel.prompt.rendered).toBeGreaterThan(500)
    expect(parallel.prompt.renderErrors).toBe(0)
    expect(parallel.tokens.promptOverhead).toBeGreaterThan(0)
    expect(inline.splits.train.duplicates).toBe(8)
    expect(inline.leakage.exact).toBe(1)
    expect(inline.problems.map(key)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/train.jsonl:\d+ error invalid JSON/),
        expect.stringMatching(
          /train.jsonl:\d+ error id is used again; first at registry\/datasets\/seo-writer\/eval.jsonl:1\./
        ),
        expect.stringMatching(
          /train.jsonl:4\d\d\d error train\/eval leakage: same input as registry\/datasets\/seo-writer\/eval.jsonl:1/
        )
      ])
    )
  }, 120_000)
})
