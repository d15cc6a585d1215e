import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXAMPLE_REGISTRY } from './helpers/git-repo.js'
import { runCli } from './helpers/run-cli.js'

describe('tunegate registry lint', () => {
  it('exits 0 on the example registry', async () => {
    const r = await runCli(['registry', 'lint'], path.dirname(EXAMPLE_REGISTRY))
    expect(r.stdout).toMatch(/registry: 3 model specs valid \(dataset rows not read: tunegate validate checks them\)/)
    expect(r.code).toBe(0)
  })

  it('prints every problem with file:line:col and exits non-zero', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-lint-'))
    await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
    const spec = path.join(dir, 'registry/models/seo-writer/model.yaml')
    const text = await readFile(spec, 'utf8')
    // A broken model.yaml (wrong type), an unknown field, a bad path, and a billion-laughs file.
    await writeFile(
      spec,
      text
        .replace('context_window: 32768', 'context_window: large\n  flavour: spicy')
        .replace('train: datasets/seo-writer/train.jsonl', 'train: ../secrets.jsonl')
    )
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (const n of 'bcdefghij')
      bomb.push(
        `${n}: &${n} [${Array(10)
          .fill(`*${String.fromCharCode(n.charCodeAt(0) - 1)}`)
          .join(',')}]`
      )
    await writeFile(path.join(dir, 'registry/models/content-classifier/model.yaml'), bomb.join('\n') + '\n')
    const r = await runCli(['registry', 'lint'], dir)
    expect(r.code).toBe(1)
    const lines = r.stdout.split('\n')
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            /^registry\/models\/seo-writer\/model.yaml:9:19: error: base_model.context_window: /.source +
              /Invalid input: expected number, received string$/.source
          )
        ),
        expect.stringMatching(
          /^registry\/models\/seo-writer\/model.yaml:10:3: error: unknown field 'base_model.flavour'/
        ),
        expect.stringMatching(
          /^registry\/models\/seo-writer\/model.yaml:16:10: error: data.train: path '..\/secrets.jsonl' contains '..'/
        ),
        expect.stringMatching(
          /^registry\/models\/content-classifier\/model.yaml:2:\d+: error: .*(aliases|resource exhaustion)/
        )
      ])
    )
    expect(r.stdout).toMatch(/\d+ errors?, \d+ warning\(s\)/)
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/)
  })

  it('says plainly when the registry folder is missing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-lint-'))
    const r = await runCli(['registry', 'lint', '--registry', 'nowhere'], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/Registry folder 'nowhere' does not exist or is not a folder/)
  })

  it('rejects unknown commands and options with usage', async () => {
    const r = await runCli(['registry', 'frobnicate'], path.dirname(EXAMPLE_REGISTRY))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Unknown command 'registry frobnicate'/)
    const o = await runCli(['registry', 'lint', '--colour'], path.dirname(EXAMPLE_REGISTRY))
    expect(o.code).toBe(2)
    expect(o.stderr).toMatch(/Unknown option '--colour' for tunegate registry lint/)
  })
})

describe('tunegate evaluate before training', () => {
  it('says to train first, without a stack trace', async () => {
    const { makeRepo } = await import('./helpers/git-repo.js')
    const repo = await makeRepo({ withRegistry: true })
    const r = await runCli(['evaluate', '--model', 'seo-writer'], repo)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /No training outputs for seo-writer in .* \(no run.json\)\. Train it first — 'tunegate train --model seo-writer'/
    )
    expect(r.stderr).not.toMatch(/internal error|at .*:\d+:\d+/)
  })
})
