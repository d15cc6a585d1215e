import { appendFile, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { affectedModels, matrixJson } from '../src/registry/changes.js'
import { fileDigest, sha256 } from '../src/registry/digest.js'
import { modelIdentity } from '../src/registry/fingerprint.js'
import { loadRegistry, type LoadedModel } from '../src/registry/loader.js'
import { commitAll, makeRepo, writeRepoFile } from './helpers/git-repo.js'

const trainer = { name: 'baseline', version: '0.1.0' }

async function identities(repo: string) {
  const reg = await loadRegistry(path.join(repo, 'registry'))
  expect(reg.problems.filter(p => p.severity === 'error')).toEqual([])
  const out: Record<string, Awaited<ReturnType<typeof modelIdentity>>> = {}
  for (const m of reg.models) out[m.spec.name] = await modelIdentity(m as LoadedModel, trainer)
  return out
}

describe('digests', () => {
  it('streams sha256 of a file', async () => {
    const repo = await makeRepo()
    await writeRepoFile(repo, 'a.txt', 'hello\n')
    expect(await fileDigest(path.join(repo, 'a.txt'))).toBe(sha256('hello\n'))
    expect(sha256('hello\n')).toBe('5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03')
  })
})

describe('fingerprints', () => {
  it('do not change with key order or YAML formatting', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const before = await identities(repo)
    const spec = path.join(repo, 'registry/models/seo-writer/model.yaml')
    const text = await readFile(spec, 'utf8')
    // Reorder hyperparameters, switch to flow style, add comments and blank lines.
    const reordered = text
      .replace(
        / {2}hyperparameters:\n(?: {4}.*\n)+/,
        '  hyperparameters: { packing: true, max_seq_length: 1024, lora_dropout: 0.05, ' +
          'lora_alpha: 32, lora_r: 16, epochs: 3, learning_rate: 2.0e-4 }\n'
      )
      .replace(
        'use_cases: [product-description, meta-title, alt-text, content-brief]',
        '# the four use cases\nuse_cases:\n  - product-description\n  - meta-title\n  - alt-text\n  - content-brief\n\n'
      )
    expect(reordered).not.toBe(text)
    await writeFile(spec, reordered)
    const prompt = path.join(repo, 'registry/prompts/content-classifier.yaml')
    await writeFile(
      prompt,
      (await readFile(prompt, 'utf8')).replace('template: "{{ text }}"', "template: '{{ text }}'")
    )
    const after = await identities(repo)
    expect(after['seo-writer']!.training_fingerprint).toBe(before['seo-writer']!.training_fingerprint)
    expect(after['seo-writer']!.evaluation_fingerprint).toBe(before['seo-writer']!.evaluation_fingerprint)
    expect(after['content-classifier']!.training_fingerprint).toBe(before['content-classifier']!.training_fingerprint)
  })

  it('change with a one-byte data change, and only for the model using the data', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const before = await identities(repo)
    const train = path.join(repo, 'registry/datasets/content-classifier/train.jsonl')
    const text = await readFile(train, 'utf8')
    await writeFile(train, text.replace('"label":"topic-running"', '"label":"topic-runninG"'))
    const after = await identities(repo)
    expect(after['content-classifier']!.training_fingerprint).not.toBe(
      before['content-classifier']!.training_fingerprint
    )
    expect(after['seo-writer']!.training_fingerprint).toBe(before['seo-writer']!.training_fingerprint)
  })

  it('separate training from evaluation: an eval change keeps the weights', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const before = await identities(repo)
    await appendFile(
      path.join(repo, 'registry/datasets/seo-writer/eval.jsonl'),
      JSON.stringify({
        id: 'seo-extra',
        use_case: 'meta-title',
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', content: 'y' }
        ]
      }) + '\n'
    )
    const after = await identities(repo)
    expect(after['seo-writer']!.training_fingerprint).toBe(before['seo-writer']!.training_fingerprint)
    expect(after['seo-writer']!.evaluation_fingerprint).not.toBe(before['seo-writer']!.evaluation_fingerprint)
  })

  it('change with anything that changes the weights: hyperparameters, base revision, seed, trainer version, prompt', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const reg = await loadRegistry(path.join(repo, 'registry'))
    const model = reg.models.find(m => m.spec.name === 'seo-writer')!
    const base = (await modelIdentity(model, trainer)).training_fingerprint
    const variants: LoadedModel[] = [
      {
        ...model,
        spec: {
          ...model.spec,
          training: { ...model.spec.training, hyperparameters: { ...model.spec.training.hyperparameters, lora_r: 8 } }
        }
      },
      { ...model, spec: { ...model.spec, base_model: { ...model.spec.base_model, revision: 'main' } } },
      { ...model, spec: { ...model.spec, training: { ...model.spec.training, seed: 43 } } },
      {
        ...model,
        prompt: { ...model.prompt, spec: { ...model.prompt.spec, template: model.prompt.spec.template + ' ' } }
      }
    ]
    const prints = await Promise.all(variants.map(v => modelIdentity(v, trainer).then(i => i.training_fingerprint)))
    prints.push((await modelIdentity(model, { name: 'baseline', version: '0.2.0' })).training_fingerprint)
    expect(new Set([base, ...prints]).size).toBe(prints.length + 1)
  })
})

describe('change detection on a real git repository', () => {
  async function affected(repo: string, base: string) {
    const reg = await loadRegistry(path.join(repo, 'registry'))
    return affectedModels(reg, base, 'HEAD')
  }

  it('a README change affects no model', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'noop')
    await writeRepoFile(repo, 'README.md', 'docs\n')
    await commitAll(repo, 'docs')
    expect(await affected(repo, base)).toEqual([])
    expect(matrixJson([])).toBe('{"include":[]}')
  })

  it('a dataset used by two models affects both; a prompt change affects the models using it', async () => {
    const repo = await makeRepo({ withRegistry: true })
    // A second model shares seo-writer's train file.
    const spec = await readFile(path.join(repo, 'registry/models/seo-writer/model.yaml'), 'utf8')
    await writeRepoFile(
      repo,
      'registry/models/seo-writer-small/model.yaml',
      spec
        .replace('name: seo-writer', 'name: seo-writer-small')
        .replace('Qwen2.5-0.5B-Instruct', 'SmolLM2-135M-Instruct')
    )
    const base = await commitAll(repo, 'second model')
    await appendFile(
      path.join(repo, 'registry/datasets/seo-writer/train.jsonl'),
      JSON.stringify({
        id: 'new-1',
        use_case: 'meta-title',
        messages: [
          { role: 'user', content: 'Title for a mat' },
          { role: 'assistant', content: 'Cork Yoga Mat | Acme' }
        ]
      }) + '\n'
    )
    await commitAll(repo, 'more data')
    const first = await affected(repo, base)
    expect(first.map(a => a.model).sort()).toEqual(['seo-writer', 'seo-writer-small'])
    expect(first[0]!.reasons).toEqual(['train data registry/datasets/seo-writer/train.jsonl modified'])

    const base2 = (await commitAll(repo, 'mark')).trim()
    const prompt = path.join(repo, 'registry/prompts/schema-markup.yaml')
    await writeFile(
      prompt,
      (await readFile(prompt, 'utf8')).replace('Answer with JSON only.', 'Answer with one JSON object only.')
    )
    await commitAll(repo, 'prompt wording')
    const second = await affected(repo, base2)
    expect(second.map(a => a.model)).toEqual(['schema-markup'])
    expect(JSON.parse(matrixJson(second))).toEqual({
      include: [
        { model: 'schema-markup', spec: 'registry/models/schema-markup/model.yaml', runner: ['self-hosted', 'gpu'] }
      ]
    })
  })

  it('follows a renamed dataset file', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    await rename(
      path.join(repo, 'registry/datasets/schema-markup/eval.jsonl'),
      path.join(repo, 'registry/datasets/schema-markup/eval-v2.jsonl')
    )
    const spec = path.join(repo, 'registry/models/schema-markup/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace(
        'eval: datasets/schema-markup/eval.jsonl',
        'eval: datasets/schema-markup/eval-v2.jsonl'
      )
    )
    await commitAll(repo, 'rename eval file')
    const result = await affected(repo, base)
    expect(result.map(a => a.model)).toEqual(['schema-markup'])
    expect(result[0]!.reasons).toContain(
      'eval data renamed from registry/datasets/schema-markup/eval.jsonl to registry/datasets/schema-markup/eval-v2.jsonl'
    )
  })

  it('registry.yaml affects every model; an unknown base ref is a clear error', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    await appendFile(path.join(repo, 'registry/registry.yaml'), '# tweak\n')
    await commitAll(repo, 'tweak')
    expect((await affected(repo, base)).map(a => a.model).sort()).toEqual([
      'content-classifier',
      'schema-markup',
      'seo-writer'
    ])
    await expect(affected(repo, 'no-such-branch')).rejects.toThrow(/Git ref 'no-such-branch' does not name a commit/)
    await expect(affected(repo, '--upload-pack=evil')).rejects.toThrow(/Invalid git ref/)
  })
})
