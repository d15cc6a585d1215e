import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadRegistry } from '../src/registry/loader.js'
import { EXAMPLE_REGISTRY } from './helpers/git-repo.js'

async function copyRegistry(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-reg-'))
  await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
  return path.join(dir, 'registry')
}

const load = (dir: string) => loadRegistry(dir, { displayBase: path.dirname(dir) })
const errors = async (dir: string) => (await load(dir)).problems.filter(p => p.severity === 'error')

describe('the example registry', () => {
  it('loads with three models and no errors', async () => {
    const reg = await load(EXAMPLE_REGISTRY)
    expect(reg.problems.filter(p => p.severity === 'error')).toEqual([])
    expect(reg.models.map(m => m.spec.name).sort()).toEqual(['content-classifier', 'schema-markup', 'seo-writer'])
    expect(reg.models.map(m => m.spec.task_family).sort()).toEqual([
      'classification',
      'text-generation',
      'transformation'
    ])
    const schema = reg.models.find(m => m.spec.name === 'schema-markup')!
    expect(schema.outputSchema).toMatchObject({ required: ['@context', '@type'] })
  })
})

describe('problems are located and all reported', () => {
  it('reports an unknown field, a wrong enum and a missing field at their lines, all at once', async () => {
    const dir = await copyRegistry()
    await writeFile(
      path.join(dir, 'models/seo-writer/model.yaml'),
      (await import('node:fs'))
        .readFileSync(path.join(EXAMPLE_REGISTRY, 'models/seo-writer/model.yaml'), 'utf8')
        .replace('  architecture: decoder\n', '  architecture: decoder\n  colour: red\n')
        .replace('method: lora', 'method: lorax')
        .replace(/^description: .*\n/m, '')
    )
    const found = await errors(dir)
    const lines = found.map(p => `${p.file}:${p.line}:${p.column} ${p.message}`)
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^registry\/models\/seo-writer\/model.yaml:8:3 unknown field 'base_model.colour'/),
        expect.stringMatching(
          /^registry\/models\/seo-writer\/model.yaml:\d+:\d+ training.method: .*expected one of "lora"\|"qlora"\|"full"/
        ),
        expect.stringMatching(/^registry\/models\/seo-writer\/model.yaml:\d+:\d+ missing field 'description'/)
      ])
    )
  })

  it('refuses paths that leave the registry: .., absolute, and symlinks out', async () => {
    const dir = await copyRegistry()
    const spec = path.join(dir, 'models/content-classifier/model.yaml')
    const text = (await import('node:fs')).readFileSync(spec, 'utf8')
    await writeFile(
      spec,
      text
        .replace('train: datasets/content-classifier/train.jsonl', 'train: ../../../etc/passwd')
        .replace('eval: datasets/content-classifier/eval.jsonl', 'eval: /etc/hosts')
    )
    await symlink('/etc/passwd', path.join(dir, 'datasets/outside.jsonl'))
    const found = await errors(dir)
    expect(found.map(p => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/data.train: path '..\/..\/..\/etc\/passwd' contains '..'/),
        expect.stringMatching(/data.eval: path '\/etc\/hosts' is absolute/),
        expect.stringMatching(/symbolic link leads outside the registry folder/)
      ])
    )
    expect(found.find(p => p.message.includes("contains '..'"))).toMatchObject({
      file: 'registry/models/content-classifier/model.yaml',
      line: 15
    })
  })

  it('refuses a spec path that reaches out through a symlinked data file', async () => {
    const dir = await copyRegistry()
    await rm(path.join(dir, 'datasets/schema-markup/eval.jsonl'))
    await symlink('/etc/hostname', path.join(dir, 'datasets/schema-markup/eval.jsonl'))
    const found = await errors(dir)
    expect(
      found.some(
        p =>
          p.file === 'registry/models/schema-markup/model.yaml' && /leads outside the registry folder/.test(p.message)
      )
    ).toBe(true)
  })

  it('stops a billion-laughs file without expanding it', async () => {
    const dir = await copyRegistry()
    const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (const [i, n] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const prev = 'abcdefghi'[i]
      lol.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(',')}]`)
    }
    await writeFile(path.join(dir, 'registry.yaml'), lol.join('\n') + '\n')
    const found = await errors(dir)
    expect(found.find(p => p.file === 'registry/registry.yaml')).toMatchObject({
      line: 2,
      message: expect.stringMatching(/aliases; expected at most 50|resource exhaustion/)
    })
  })

  it('rejects prototype keys, duplicate keys and invalid UTF-8 with positions', async () => {
    const dir = await copyRegistry()
    await writeFile(
      path.join(dir, 'prompts/seo-writer.yaml'),
      'name: seo-writer\nversion: 1\n__proto__:\n  polluted: true\ntemplate: x\ntemplate: y\n'
    )
    await writeFile(
      path.join(dir, 'prompts/content-classifier.yaml'),
      Buffer.concat([
        Buffer.from('name: content-classifier\nversion: 1\ntemplate: "caf'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"\n')
      ])
    )
    const found = await errors(dir)
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'registry/prompts/seo-writer.yaml',
          line: 3,
          column: 1,
          message: expect.stringMatching(/'__proto__' is not allowed/)
        }),
        expect.objectContaining({
          file: 'registry/prompts/seo-writer.yaml',
          line: 6,
          message: expect.stringMatching(/unique/)
        }),
        expect.objectContaining({
          file: 'registry/prompts/content-classifier.yaml',
          line: 3,
          column: 15,
          message: expect.stringMatching(/invalid UTF-8 byte 0xc3 at byte offset 50/)
        })
      ])
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses pickle files anywhere in the registry, and reports an unknown risk tier and a missing prompt', async () => {
    const dir = await copyRegistry()
    await writeFile(path.join(dir, 'datasets/seo-writer/weights.pt'), 'x')
    const spec = path.join(dir, 'models/seo-writer/model.yaml')
    const text = (await import('node:fs')).readFileSync(spec, 'utf8')
    await writeFile(
      spec,
      text
        .replace('risk_tier: high', 'risk_tier: extreme')
        .replace('prompt: prompts/seo-writer.yaml', 'prompt: prompts/nope.yaml')
    )
    const found = await errors(dir)
    expect(found.map(p => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/'weights.pt' is a pickle format/),
        expect.stringMatching(
          /risk tier 'extreme' is not defined in registry.yaml; expected one of: low, medium, high/
        ),
        expect.stringMatching(/prompt: file 'prompts\/nope.yaml' does not exist/)
      ])
    )
  })

  it('reports a spec nested too deeply to read, at its position', async () => {
    const dir = await copyRegistry()
    await writeFile(
      path.join(dir, 'prompts/content-classifier.yaml'),
      `name: content-classifier\nversion: 1\ntemplate: x\nextra: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`
    )
    const found = await errors(dir)
    expect(found.find(p => p.file === 'registry/prompts/content-classifier.yaml')).toMatchObject({
      line: 4,
      message: expect.stringMatching(/nests too deeply|aliases|expected/)
    })
  })

  it('reports an empty spec file plainly', async () => {
    const dir = await copyRegistry()
    await writeFile(path.join(dir, 'models/schema-markup/model.yaml'), '  \n')
    expect(await errors(dir)).toEqual([
      expect.objectContaining({
        file: 'registry/models/schema-markup/model.yaml',
        line: 1,
        message: expect.stringMatching(/empty/)
      })
    ])
  })
})

describe('an output_schema that is not a JSON Schema', () => {
  it('is reported at the output_schema field', async () => {
    const dir = await copyRegistry()
    await writeFile(
      path.join(dir, 'schemas/jsonld.schema.json'),
      JSON.stringify({ type: 'object', properties: { name: { type: 'strnig' } } })
    )
    const found = await errors(dir)
    expect(found).toEqual([
      expect.objectContaining({
        file: 'registry/models/schema-markup/model.yaml',
        line: 19,
        message: expect.stringMatching(
          /^output_schema is not a valid JSON Schema: schema is invalid: data\/properties\/name\/type/
        )
      })
    ])
  })
})

describe('hyperparameters: a typed schema per trainer', () => {
  const withHyperparameters = async (trainer: string, block: string) => {
    const dir = await copyRegistry()
    const file = path.join(dir, 'models/seo-writer/model.yaml')
    const yaml = (await import('node:fs'))
      .readFileSync(path.join(EXAMPLE_REGISTRY, 'models/seo-writer/model.yaml'), 'utf8')
      .replace('trainer: baseline', `trainer: ${trainer}`)
      .replace(/ {2}hyperparameters:\n( {4}.*\n)+/, `  hyperparameters:\n${block}`)
    await writeFile(file, yaml)
    const at = (key: string) => yaml.split('\n').findIndex(l => l.startsWith(`    ${key}:`)) + 1
    return { found: (await errors(dir)).map(p => `${p.file}:${p.line} ${p.message}`), at }
  }

  it('reports a wrong type (epochs: four) and an unknown key at their lines, for every backend', async () => {
    for (const trainer of ['hf-peft', 'axolotl', 'baseline']) {
      const { found, at } = await withHyperparameters(trainer, '    epochs: four\n    lerning_rate: 0.001\n')
      expect(found).toEqual([
        `registry/models/seo-writer/model.yaml:${at('epochs')} training.hyperparameters.epochs: hyperparameter 'epochs' is "four"; expected a positive number of epochs`,
        expect.stringMatching(
          new RegExp(
            `^registry/models/seo-writer/model.yaml:${at('lerning_rate')} training.hyperparameters.lerning_rate: unknown hyperparameter 'lerning_rate' for trainer ${trainer}; expected one of: epochs, learning_rate,`
          )
        )
      ])
    }
  })

  it('keeps each trainer’s own keys to that trainer, and the command trainer free-form', async () => {
    expect(
      (await withHyperparameters('hf-peft', '    eval_batch_size: 8\n    optimizer: adamw_torch\n')).found
    ).toEqual([expect.stringMatching(/unknown hyperparameter 'optimizer' for trainer hf-peft/)])
    expect((await withHyperparameters('axolotl', '    optimizer: adamw_torch\n    packing: yes\n')).found).toEqual([
      expect.stringMatching(/hyperparameter 'packing' is "yes"; expected true or false/)
    ])
    // The baseline keys are every trainer's: the baseline-trainer floor retrains the model with them.
    expect((await withHyperparameters('hf-peft', '    baseline_epochs: 3\n')).found).toEqual([])
    expect((await withHyperparameters('command\n  command: [python, train.py]', '    anything: 1\n')).found).toEqual([])
  })

  it('refuses a max_seq_length above the context window', async () => {
    const { found, at } = await withHyperparameters('hf-peft', '    max_seq_length: 99999999\n')
    expect(found).toEqual([
      expect.stringMatching(
        new RegExp(
          `^registry/models/seo-writer/model.yaml:${at('max_seq_length')} max_seq_length 99999999 is above base_model.context_window \\d+`
        )
      )
    ])
  })
})

describe('a registry of many models, loaded several at a time', () => {
  it('reports the same problems in the same order every time, a shared prompt’s own problems once', async () => {
    const dir = await copyRegistry()
    const { mkdir, readFile } = await import('node:fs/promises')
    const spec = await readFile(path.join(dir, 'models/content-classifier/model.yaml'), 'utf8')
    // 40 models on one prompt file, which has an unknown field; every fifth model has an error of its own.
    for (let i = 0; i < 40; i++) {
      const name = `copy-${String(i).padStart(2, '0')}`
      await mkdir(path.join(dir, 'models', name))
      await writeFile(
        path.join(dir, 'models', name, 'model.yaml'),
        spec
          .replace('name: content-classifier', `name: ${name}`)
          .replace('risk_tier: low', i % 5 ? 'risk_tier: low' : 'risk_tier: lowest')
      )
    }
    const promptFile = path.join(dir, 'prompts/content-classifier.yaml')
    await writeFile(promptFile, (await readFile(promptFile, 'utf8')) + 'colour: red\n')
    const lines = async () =>
      (await load(dir)).problems.map(p => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message}`)
    const first = await lines()
    for (let i = 0; i < 3; i++) expect(await lines()).toEqual(first)
    // The prompt's own problem once, right where the first model that uses it (content-classifier) loads it.
    const own = first.filter(l => l.startsWith('registry/prompts/content-classifier.yaml:'))
    expect(own).toHaveLength(1)
    expect(own[0]).toMatch(/unknown field 'colour'/)
    const usedBy = first
      .filter(l => l.includes("prompt 'prompts/content-classifier.yaml' has errors"))
      .map(l => l.split('/')[2])
    expect(usedBy).toEqual([
      'content-classifier',
      ...Array.from({ length: 40 }, (_, i) => `copy-${String(i).padStart(2, '0')}`)
    ])
    expect(first.indexOf(own[0]!)).toBeLessThan(first.findIndex(l => l.includes('has errors')))
    // Each model's own problems in the models' order.
    const tiers = first.filter(l => l.includes("risk tier 'lowest'")).map(l => l.split('/')[2])
    expect(tiers).toEqual(['copy-00', 'copy-05', 'copy-10', 'copy-15', 'copy-20', 'copy-25', 'copy-30', 'copy-35'])
  })
})
