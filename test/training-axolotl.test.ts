import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadRegistryModel } from '../src/registry/loader.js'
import { axolotlConfig } from '../src/training/backends.js'
import type { RunSpec } from '../src/training/contract.js'
import { materialise } from '../src/training/materialise.js'
import { testPython } from './helpers/python.js'

const REGISTRY = path.resolve('registry')
/** Axolotl's own row reader for a user-defined dataset type, copied verbatim from its source (see the file). */
const READER = path.resolve('test/fixtures/axolotl/user_defined_reader.py')

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tg-axolotl-data-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The Axolotl config for one example model, with its train split written as the train step writes it. */
async function configFor(name: string): Promise<{ config: Record<string, unknown>; rows: Record<string, unknown>[] }> {
  const { registry, model } = await loadRegistryModel(REGISTRY, name)
  const train = path.join(dir, `${name}-train.jsonl`)
  const data = await materialise(
    model,
    registry.config.policy.max_line_bytes,
    train,
    path.join(dir, `${name}-eval.jsonl`)
  )
  const spec: RunSpec = {
    schema: 'tunegate.run-spec/v1',
    model: name,
    task_family: model.spec.task_family,
    base_model: { ...model.spec.base_model },
    method: 'lora',
    hyperparameters: {},
    seed: 1,
    train_file: train,
    eval_file: path.join(dir, `${name}-eval.jsonl`),
    data_format: data.format,
    labels: model.spec.data.labels ?? null,
    output_dir: dir,
    resume_from_checkpoint: null,
    fingerprint: 'f'
  }
  const rows = (await readFile(train, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l) as Record<string, unknown>)
  return { config: axolotlConfig(spec), rows }
}

/** What Axolotl's user-defined reader makes of a data file: the masked prompt and the trained output per row. */
function readWithAxolotl(type: unknown, file: string): { prompt: string; output: string }[] {
  const run = spawnSync(testPython(), [READER, JSON.stringify(type), file], { encoding: 'utf8', timeout: 120_000 })
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l) as { prompt: string; output: string })
}

describe('the axolotl backend feeds Axolotl what its dataset types read', () => {
  it.each([
    // schema-markup: the `fields` format, trained as prompt → completion; content-classifier: text → label.
    ['schema-markup', 'prompt', 'completion'],
    ['content-classifier', 'text', 'label']
  ])('%s: Axolotl’s own reader finds each row’s prompt and target', async (name, promptKey, targetKey) => {
    const { config, rows } = await configFor(name)
    const [dataset] = config.datasets as { path: string; type: unknown }[]
    expect(typeof dataset!.type).toBe('object')
    const read = readWithAxolotl(dataset!.type, dataset!.path)
    expect(rows.length).toBeGreaterThan(0)
    expect(read).toHaveLength(rows.length)
    for (const [i, row] of rows.entries()) {
      // The prompt Axolotl masks is exactly the one Tunegate rendered (no Alpaca preamble); the target is trained.
      expect(read[i]!.prompt).toBe(row[promptKey])
      expect(read[i]!.output).toBe(row[targetKey])
      expect(read[i]!.output).not.toBe('')
    }
    // The eval split is declared the same way.
    const [test] = config.test_datasets as { type: unknown }[]
    expect(test!.type).toEqual(dataset!.type)
  })

  it('an unknown key in the type mapping fails as it does in Axolotl (the reader is not lenient)', async () => {
    const { config } = await configFor('schema-markup')
    const [dataset] = config.datasets as { path: string; type: Record<string, unknown> }[]
    const run = spawnSync(
      testPython(),
      [READER, JSON.stringify({ ...dataset!.type, field_label: 'x' }), dataset!.path],
      {
        encoding: 'utf8',
        timeout: 120_000
      }
    )
    expect(run.status).not.toBe(0)
    expect(run.stderr).toMatch(/unexpected keyword argument 'field_label'/)
  })

  it('chat rows: chat_template reads field_messages and each turn’s role and content', async () => {
    const { config, rows } = await configFor('seo-writer')
    const [dataset] = config.datasets as Record<string, unknown>[]
    // axolotl 067b021c8b87a9e5e380b9173c704cf7340e30f5, src/axolotl/prompt_strategies/chat_template.py:
    //   1226: "field_messages": dataset_config.get("field_messages", "messages"),
    //   492:  role = turn.get("role")
    //   493:  content = turn.get("content")
    expect(dataset).toMatchObject({ type: 'chat_template', field_messages: 'messages', ds_type: 'json' })
    const mapping = dataset!.message_property_mappings as Record<string, string>
    for (const row of rows) {
      const turns = row[dataset!.field_messages as string] as Record<string, unknown>[]
      expect(Array.isArray(turns)).toBe(true)
      for (const turn of turns) {
        expect(typeof turn[mapping.role!]).toBe('string')
        expect(typeof turn[mapping.content!]).toBe('string')
      }
      expect(turns.at(-1)![mapping.role!]).toBe('assistant')
    }
  })

  it('declares no `alpaca` type, whose reader takes instruction/output fields these rows do not have', async () => {
    for (const name of ['schema-markup', 'content-classifier', 'seo-writer']) {
      const { config } = await configFor(name)
      expect(JSON.stringify(config.datasets)).not.toContain('alpaca')
    }
  })
})
