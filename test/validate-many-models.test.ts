// A registry-wide change checks every model: many small models at once, their files on a shared pool of worker
// threads, their templates each in a sandbox process of which only a few are kept. These tests hold that to what
// one model checked alone on this thread finds, and to a bound on the processes left running.
import { readdirSync, readFileSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkModelData, type ModelDataReport } from '../src/data/dataset-check.js'
import { isUserError } from '../src/errors.js'
import { workerCount } from '../src/data/row-worker.js'
import { validateRegistry } from '../src/data/validate.js'
import { loadRegistry } from '../src/registry/loader.js'
import { EXAMPLE_REGISTRY } from './helpers/git-repo.js'

/** Live template sandbox processes started by this process (their environment marks them). */
function sandboxChildren(): number {
  let n = 0
  for (const pid of readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid !== process.pid) continue
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes('TUNEGATE_TEMPLATE_SANDBOX=1')) n++
    } catch {
      // gone meanwhile
    }
  }
  return n
}

/**
 * A registry of `n` copies of the example classifier, each with its own files and prompt (`template(i)`), and
 * `damage(i, train, eval)` to make each model's rows differ.
 */
async function classifiers(
  n: number,
  template: (i: number) => string,
  damage: (i: number, train: string[], evalRows: string[]) => void = () => undefined
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-many-'))
  const registry = path.join(dir, 'registry')
  await cp(EXAMPLE_REGISTRY, registry, { recursive: true })
  for (const m of ['seo-writer', 'schema-markup', 'content-classifier'])
    await rm(path.join(registry, 'models', m), { recursive: true })
  const read = async (split: string) =>
    (await readFile(path.join(EXAMPLE_REGISTRY, `datasets/content-classifier/${split}.jsonl`), 'utf8'))
      .split('\n')
      .filter(Boolean)
  const spec = await readFile(path.join(EXAMPLE_REGISTRY, 'models/content-classifier/model.yaml'), 'utf8')
  const prompt = await readFile(path.join(EXAMPLE_REGISTRY, 'prompts/content-classifier.yaml'), 'utf8')
  for (let i = 0; i < n; i++) {
    const name = `cls-${String(i).padStart(2, '0')}`
    const train = (await read('train')).slice(0, 120).map(l => l.replace('"id":"cls-', `"id":"${name}-`))
    const evalRows = (await read('eval')).slice(0, 40).map(l => l.replace('"id":"cls-', `"id":"${name}-`))
    damage(i, train, evalRows)
    await mkdir(path.join(registry, 'datasets', name))
    await writeFile(path.join(registry, 'datasets', name, 'train.jsonl'), train.join('\n') + '\n')
    await writeFile(path.join(registry, 'datasets', name, 'eval.jsonl'), evalRows.join('\n') + '\n')
    await writeFile(
      path.join(registry, 'prompts', `${name}.yaml`),
      prompt
        .replace('name: content-classifier', `name: ${name}`)
        .replace(/^template: .*$/m, `template: ${JSON.stringify(template(i))}`)
    )
    await mkdir(path.join(registry, 'models', name))
    await writeFile(
      path.join(registry, 'models', name, 'model.yaml'),
      spec
        .replace('name: content-classifier', `name: ${name}`)
        .replaceAll('datasets/content-classifier/', `datasets/${name}/`)
        .replace('prompt: prompts/content-classifier.yaml', `prompt: prompts/${name}.yaml`)
    )
  }
  await rm(path.join(registry, 'datasets/content-classifier'), { recursive: true })
  await rm(path.join(registry, 'prompts/content-classifier.yaml'))
  return registry
}

/** What a model's check found, in a form two checks can be compared by. */
const findings = (r: ModelDataReport) => ({
  files: r.files,
  splits: r.splits,
  leakage: r.leakage,
  pii: r.pii,
  tokens: r.tokens,
  prompt: r.prompt,
  counts: r.counts,
  problems: r.problems.map(p => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message}`)
})

describe('a registry-wide change over many models', () => {
  it('checks their files on worker threads and finds exactly what each model checked alone finds', async () => {
    expect(workerCount(), 'the pool needs two cores, as CI has').toBeGreaterThan(1)
    const registry = await classifiers(
      10,
      i => `Article: {{ text }}${i % 2 ? ' ({{ use_case }})' : ''}`,
      (i, train, evalRows) => {
        // Each model its own trouble: a broken row, a repeated id, train/eval leakage, personal data, a duplicate.
        if (i % 5 === 0) train.splice(7, 0, '{"id": "broken",')
        if (i % 5 === 1) train.push(train[3]!)
        if (i % 5 === 2) train.push(evalRows[5]!.replace(/"id":"[^"]+"/, `"id":"leak-${i}"`))
        if (i % 5 === 3) train[11] = train[11]!.replace('"text":"', '"text":"Mail jane.doe@example.com about it. ')
        if (i % 5 === 4) train.push(train[2]!.replace(/"id":"[^"]+"/, `"id":"again-${i}"`))
      }
    )
    const result = await validateRegistry({ registryDir: registry, displayBase: path.dirname(registry) })
    expect(result.models).toHaveLength(10)
    const loaded = await loadRegistry(registry, { displayBase: path.dirname(registry) })
    for (const [i, model] of loaded.models.entries()) {
      const alone = await checkModelData(model, loaded.config!)
      expect(findings(result.models[i]!.data), model.spec.name).toEqual(findings(alone))
    }
    // The trouble was found (a check that found nothing would compare equal too).
    const all = result.models.flatMap(m => m.data.problems.map(p => p.message))
    expect(all.some(m => m.startsWith('invalid JSON'))).toBe(true)
    expect(all.some(m => m.startsWith('id is used again'))).toBe(true)
    expect(all.some(m => m.startsWith('train/eval leakage'))).toBe(true)
    expect(all.some(m => m.startsWith('personal data'))).toBe(true)
    expect(all.some(m => m.startsWith('exact duplicate'))).toBe(true)
    expect(result.models.every(m => m.data.prompt.rendered > 0)).toBe(true)
  })

  it('stops on a broken or oversized tokenizer.json with a user error naming the file, from a worker thread too', async () => {
    expect(workerCount(), 'the pool needs two cores, as CI has').toBeGreaterThan(1)
    const registry = await classifiers(9, () => 'Article: {{ text }}')
    const spec = path.join(registry, 'models/cls-04/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace(
        '  context_window: 8192\n',
        '  context_window: 8192\n  tokenizer: tokenizer.json\n'
      )
    )
    const tokenizer = path.join(registry, 'tokenizer.json')
    await writeFile(tokenizer, '{"version": "1.0", "model": ')
    const broken = await validateRegistry({ registryDir: registry, displayBase: path.dirname(registry) }).catch(
      (e: unknown) => e
    )
    expect(isUserError(broken), String(broken)).toBe(true)
    expect((broken as Error).message).toMatch(/tokenizer\.json: not a readable tokenizer\.json/)
    // Sparse: 65 MiB on disk costs nothing, and is refused before it is read.
    await truncate(tokenizer, 65 * 2 ** 20)
    const large = await validateRegistry({ registryDir: registry, displayBase: path.dirname(registry) }).catch(
      (e: unknown) => e
    )
    expect(isUserError(large), String(large)).toBe(true)
    expect((large as Error).message).toMatch(
      /tokenizer\.json: 68,157,440 bytes, past the 64 MiB a tokenizer\.json may have/
    )
  })

  it('keeps a bounded number of template sandboxes running, however many templates it meets', async () => {
    // A filter makes each template more than plain substitution, so every model's rows go to a sandbox.
    const registry = await classifiers(14, i => `Article {{ text | string }}{# model ${i} #}`)
    const before = sandboxChildren()
    const result = await validateRegistry({ registryDir: registry, displayBase: path.dirname(registry) })
    expect(result.valid).toBe(true)
    for (const m of result.models) {
      expect(m.data.prompt.rendered, m.model).toBeGreaterThan(0)
      expect(m.data.prompt.renderErrors, m.model).toBe(0)
    }
    // Released sandboxes end once their batches are done; the count settles within a moment.
    let live = sandboxChildren()
    for (let i = 0; i < 50 && live - before > 8; i++) {
      await new Promise(r => setTimeout(r, 100))
      live = sandboxChildren()
    }
    expect(live - before).toBeLessThanOrEqual(8)
  })
})
