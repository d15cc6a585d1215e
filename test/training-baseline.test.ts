import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSafetensors } from '../src/training/safetensors.js'
import { trainModel } from '../src/training/train.js'
import { runBaselineTrainer } from '../src/training/baseline/trainer.js'
import type { RunSpec } from '../src/training/contract.js'
import { EXAMPLE_REGISTRY } from './helpers/git-repo.js'

async function copy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-base-'))
  await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
  return dir
}

async function predictions(outputDir: string): Promise<Map<string, string>> {
  const text = await readFile(path.join(outputDir, 'predictions.jsonl'), 'utf8')
  return new Map(
    text
      .trim()
      .split('\n')
      .map(l => JSON.parse(l) as { id: string; prediction: string })
      .map(p => [p.id, p.prediction])
  )
}

async function truth(
  dir: string,
  file: string,
  field: (r: Record<string, unknown>) => string
): Promise<Map<string, string>> {
  const text = await readFile(path.join(dir, 'registry/datasets', file), 'utf8')
  return new Map(
    text
      .trim()
      .split('\n')
      .map(l => JSON.parse(l) as Record<string, unknown>)
      .map(r => [String(r.id), field(r)])
  )
}

describe('the baseline trainers', () => {
  it('the linear classifier learns: far above the majority class, deterministic for a seed', async () => {
    const dir = await copy()
    const run = (workDir: string) =>
      trainModel({
        registryDir: path.join(dir, 'registry'),
        model: 'content-classifier',
        workDir: path.join(dir, workDir)
      })
    const first = await run('a')
    const second = await run('b')
    const pred = await predictions(first.outputDir)
    const gold = await truth(dir, 'content-classifier/eval.jsonl', r => String(r.label))
    const accuracy = [...gold].filter(([id, label]) => pred.get(id) === label).length / gold.size
    const counts = new Map<string, number>()
    for (const l of gold.values()) counts.set(l, (counts.get(l) ?? 0) + 1)
    const majority = Math.max(...counts.values()) / gold.size
    expect(accuracy).toBeGreaterThan(0.7)
    expect(accuracy).toBeGreaterThan(majority + 0.3)
    expect(await readFile(path.join(second.outputDir, 'predictions.jsonl'), 'utf8')).toBe(
      await readFile(path.join(first.outputDir, 'predictions.jsonl'), 'utf8')
    )
    const adapter = await readSafetensors(path.join(first.outputDir, 'adapter/model.safetensors'))
    expect(adapter.tensors.weight!.shape).toEqual([131072, 9])
    expect(JSON.parse(adapter.metadata.labels!)).toHaveLength(9)
    // Descending loss: the last reported loss is well under the first.
    expect(first.manifest.loss_curve.at(-1)!.loss).toBeLessThan(first.manifest.loss_curve[0]!.loss / 2)
  })

  it('its numbers move when the data moves', async () => {
    const dir = await copy()
    const train = path.join(dir, 'registry/datasets/content-classifier/train.jsonl')
    const before = await trainModel({
      registryDir: path.join(dir, 'registry'),
      model: 'content-classifier',
      workDir: path.join(dir, 'a')
    })
    // Swap two labels everywhere in the training data: the model must follow.
    const text = await readFile(train, 'utf8')
    await writeFile(
      train,
      text
        .replaceAll('"topic-coffee"', '"topic-TMP"')
        .replaceAll('"topic-audio"', '"topic-coffee"')
        .replaceAll('"topic-TMP"', '"topic-audio"')
    )
    const after = await trainModel({
      registryDir: path.join(dir, 'registry'),
      model: 'content-classifier',
      workDir: path.join(dir, 'b')
    })
    expect(after.identity.training_fingerprint).not.toBe(before.identity.training_fingerprint)
    const gold = await truth(dir, 'content-classifier/eval.jsonl', r => String(r.label))
    const p = await predictions(after.outputDir)
    const coffeeRows = [...gold].filter(([, l]) => l === 'topic-coffee').map(([id]) => id)
    expect(coffeeRows.filter(id => p.get(id) === 'topic-audio').length).toBeGreaterThan(coffeeRows.length * 0.7)
  })

  it('BM25 answers with the response of the nearest training example', async () => {
    const dir = await copy()
    const r = await trainModel({
      registryDir: path.join(dir, 'registry'),
      model: 'schema-markup',
      workDir: path.join(dir, 'w')
    })
    const pred = await predictions(r.outputDir)
    const gold = await truth(dir, 'schema-markup/eval.jsonl', x => String(x.jsonld))
    expect(pred.size).toBe(gold.size)
    // Every prediction is the response of a training example (valid JSON-LD), of the right page type more often than chance.
    const trainTargets = new Set((await truth(dir, 'schema-markup/train.jsonl', x => String(x.jsonld))).values())
    expect([...pred.values()].every(p => trainTargets.has(p))).toBe(true)
    const sameType = [...gold].filter(
      ([id, g]) =>
        (JSON.parse(pred.get(id)!) as { '@type': string })['@type'] === (JSON.parse(g) as { '@type': string })['@type']
    ).length
    expect(sameType / gold.size).toBeGreaterThan(0.55)
    expect(r.manifest.loss_curve).toEqual([])
  })

  it('reuses a result with the same fingerprint, and trains again when forced', async () => {
    const dir = await copy()
    const opts = {
      registryDir: path.join(dir, 'registry'),
      model: 'seo-writer',
      workDir: path.join(dir, 'runs'),
      cacheDir: path.join(dir, 'cache')
    }
    const first = await trainModel(opts)
    const second = await trainModel({ ...opts, workDir: path.join(dir, 'runs2') })
    expect(first.cache.hit).toBe(false)
    expect(second.cache).toEqual({ hit: true, source: path.join(dir, 'cache', first.identity.training_fingerprint) })
    expect(second.outcome).toBeUndefined()
    const forced = await trainModel({ ...opts, workDir: path.join(dir, 'runs3'), force: true })
    expect(forced.cache.hit).toBe(false)
    expect(forced.outcome?.status).toBe('done')
  })
})

describe('reusing the training outputs a release carries', () => {
  it('finds them on a registered version by fingerprint, without training', async () => {
    const yazl = (await import('yazl')).default
    const { readdir } = await import('node:fs/promises')
    const { LocalHost } = await import('../src/host/local-host.js')
    const { trainReleaseAssetName } = await import('../src/training/train.js')
    const { makeRepo, commitAll } = await import('./helpers/git-repo.js')
    const repo = await makeRepo({ withRegistry: true })
    const head = await commitAll(repo, 'v1')
    const first = await trainModel({
      registryDir: path.join(repo, 'registry'),
      model: 'seo-writer',
      workDir: path.join(repo, '.runs-a')
    })
    // What the promote step attaches to the release: the outputs, zipped.
    const zip = new yazl.ZipFile()
    const add = async (dir: string, prefix = '') => {
      for (const e of await readdir(path.join(first.outputDir, dir), { withFileTypes: true })) {
        const rel = path.join(dir, e.name)
        if (e.isDirectory()) await add(rel)
        else if (!rel.startsWith('data') && !rel.startsWith('checkpoints'))
          zip.addFile(path.join(first.outputDir, rel), prefix + rel)
      }
    }
    await add('')
    zip.end()
    const chunks: Buffer[] = []
    for await (const c of zip.outputStream) chunks.push(c as Buffer)
    const zipFile = path.join(repo, '.outputs.zip')
    await writeFile(zipFile, Buffer.concat(chunks))
    const host = new LocalHost(path.join(repo, '.state'), repo)
    await host.createTag('seo-writer@v1.0.0', head, 'register')
    const release = await host.createDraftRelease('seo-writer@v1.0.0', 'seo-writer v1.0.0', 'card')
    await host.uploadReleaseAsset(release, {
      name: trainReleaseAssetName('seo-writer', first.identity.training_fingerprint),
      path: zipFile
    })
    await host.publishRelease(release)

    const again = await trainModel({
      registryDir: path.join(repo, 'registry'),
      model: 'seo-writer',
      workDir: path.join(repo, '.runs-b'),
      host
    })
    expect(again.cache).toEqual({ hit: true, source: 'release seo-writer@v1.0.0' })
    expect(again.outcome).toBeUndefined()
    expect(await readFile(path.join(again.outputDir, 'predictions.jsonl'), 'utf8')).toBe(
      await readFile(path.join(first.outputDir, 'predictions.jsonl'), 'utf8')
    )
  })
})

describe('the baseline classifier never trains an undeclared label', () => {
  it('stops at the train file line of a label outside data.labels', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-baseline-label-'))
    const rows = [
      { id: 'a', use_case: null, text: 'yoga mat', label: 'yes' },
      { id: 'b', use_case: null, text: 'coffee', label: 'no' },
      { id: 'c', use_case: null, text: 'tea', label: 'maybe' }
    ]
    const trainFile = path.join(dir, 'train.jsonl')
    await writeFile(trainFile, rows.map(r => JSON.stringify(r)).join('\n') + '\n')
    await writeFile(path.join(dir, 'eval.jsonl'), JSON.stringify(rows[0]) + '\n')
    const spec: RunSpec = {
      schema: 'tunegate.run-spec/v1',
      model: 'm',
      task_family: 'classification',
      base_model: { id: 'x', revision: 'r', architecture: 'encoder', context_window: 512 },
      method: 'lora',
      hyperparameters: {},
      seed: 1,
      train_file: trainFile,
      eval_file: path.join(dir, 'eval.jsonl'),
      data_format: 'classification',
      labels: ['yes', 'no'],
      output_dir: path.join(dir, 'out'),
      resume_from_checkpoint: null,
      fingerprint: 'f'
    }
    await writeFile(path.join(dir, 'spec.json'), JSON.stringify(spec))
    await expect(runBaselineTrainer(path.join(dir, 'spec.json'))).rejects.toThrow(
      `${trainFile}:3: label "maybe" (row 'c') is not one of data.labels (yes, no)`
    )
  })
})
