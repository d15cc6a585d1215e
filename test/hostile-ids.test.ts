import { appendFile, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateRegistry } from '../src/data/validate.js'
import { runEvaluation } from '../src/evaluation/evaluate.js'
import { LocalHost } from '../src/host/local-host.js'
import { trainModel } from '../src/training/train.js'
import { EXAMPLE_REGISTRY, makeRepo } from './helpers/git-repo.js'

describe('prediction ids are one per eval example, and probe ids are reserved', () => {
  it('evaluate with run-dir refuses predictions that name an eval id twice', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const work = await mkdtemp(path.join(tmpdir(), 'tg-dup-'))
    const r = await trainModel({
      registryDir: path.join(repo, 'registry'),
      model: 'content-classifier',
      workDir: path.join(work, 'runs')
    })
    const predictions = path.join(r.outputDir, 'predictions.jsonl')
    const first = JSON.parse((await readFile(predictions, 'utf8')).split('\n')[0]!) as { id: string }
    await appendFile(predictions, JSON.stringify({ id: first.id, prediction: 'a second, different answer' }) + '\n')
    await expect(
      runEvaluation({
        registryDir: path.join(repo, 'registry'),
        model: 'content-classifier',
        host: new LocalHost(path.join(work, 'state'), repo),
        workDir: work,
        runDir: r.outputDir
      })
    ).rejects.toThrow(new RegExp(`a second prediction for id '${first.id}'`))
  }, 60_000)

  it('evaluate with run-dir checks the outputs as the train step does: pickle weights refused', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const work = await mkdtemp(path.join(tmpdir(), 'tg-pkl-'))
    const r = await trainModel({
      registryDir: path.join(repo, 'registry'),
      model: 'content-classifier',
      workDir: path.join(work, 'runs')
    })
    await writeFile(path.join(r.outputDir, 'adapter/adapter_model.pkl'), 'cos\nsystem\n')
    await expect(
      runEvaluation({
        registryDir: path.join(repo, 'registry'),
        model: 'content-classifier',
        host: new LocalHost(path.join(work, 'state'), repo),
        workDir: work,
        runDir: r.outputDir
      })
    ).rejects.toThrow(/cannot be used:\n {2}adapter\/adapter_model.pkl: pickle-based weights run code when loaded/)
  }, 60_000)

  it("an eval row whose id starts with 'probe:' is a validate error", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-probe-'))
    await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
    const file = path.join(dir, 'registry/datasets/content-classifier/eval.jsonl')
    const text = await readFile(file, 'utf8')
    const row = JSON.parse(text.split('\n')[0]!) as Record<string, unknown>
    await writeFile(file, JSON.stringify({ ...row, id: 'probe:probe-1' }) + '\n' + text.split('\n').slice(1).join('\n'))
    const r = await validateRegistry({ registryDir: path.join(dir, 'registry'), displayBase: dir })
    expect(r.valid).toBe(false)
    expect(r.models.flatMap(m => m.data.problems)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'registry/datasets/content-classifier/eval.jsonl',
          line: 1,
          severity: 'error',
          message: "id 'probe:probe-1' starts with 'probe:', which is reserved for the injection probes; rename it"
        })
      ])
    )
  })
})
