import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { downloadedCandidate } from '../src/evaluation/evaluate.js'
import type { ModelIdentity } from '../src/registry/fingerprint.js'

// The evaluate job takes the train outputs that download-artifact wrote (pattern tunegate-train-<model>-*):
// a folder per artifact when several match, the artifact itself in the folder when one does.
const fp = 'a'.repeat(64)
const identity = { training_fingerprint: fp } as ModelIdentity
const name = (model: string, attempt: number) => `tunegate-train-${model}-${fp.slice(0, 32)}-${attempt}`

async function artifact(dir: string, model: string, fingerprint = fp) {
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'run.json'), JSON.stringify({ model, training_fingerprint: fingerprint }))
}

describe("the evaluate job's train outputs from download-artifact", () => {
  it("takes the latest attempt of this model's artifact, not a model whose name starts with this one's", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-candidates-'))
    await artifact(path.join(dir, name('seo', 1)), 'seo')
    await artifact(path.join(dir, name('seo', 2)), 'seo')
    await artifact(path.join(dir, name('seo-writer', 3)), 'seo-writer')
    expect(await downloadedCandidate(dir, 'seo', identity, () => undefined)).toBe(path.join(dir, name('seo', 2)))
  })

  it("takes a lone artifact in the folder itself only when its run.json is this model's and fingerprint's", async () => {
    const own = await mkdtemp(path.join(tmpdir(), 'tg-candidate-'))
    await artifact(own, 'seo')
    expect(await downloadedCandidate(own, 'seo', identity, () => undefined)).toBe(own)
    const other = await mkdtemp(path.join(tmpdir(), 'tg-candidate-'))
    await artifact(other, 'seo-writer')
    expect(await downloadedCandidate(other, 'seo', identity, () => undefined)).toBeUndefined()
    const stale = await mkdtemp(path.join(tmpdir(), 'tg-candidate-'))
    await artifact(stale, 'seo', 'b'.repeat(64))
    expect(await downloadedCandidate(stale, 'seo', identity, () => undefined)).toBeUndefined()
  })

  it('finds nothing in a folder download-artifact did not create (a cache hit on an earlier run)', async () => {
    const missing = path.join(tmpdir(), 'tg-no-such-folder', String(process.pid))
    expect(await downloadedCandidate(missing, 'seo', identity, () => undefined)).toBeUndefined()
  })
})
