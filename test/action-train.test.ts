import { chmod, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { axolotlConfig } from '../src/training/backends.js'
import { trainModel } from '../src/training/train.js'
import type { RunSpec } from '../src/training/contract.js'
import { GitHubStandIn } from './github/stand-in.js'
import { ResultsServiceStandIn, runtimeToken } from './github/results-service.js'
import { EXAMPLE_REGISTRY, makeRepo } from './helpers/git-repo.js'
import { runAction } from './helpers/run-action.js'
import { withStandIn } from './helpers/with-stand-in.js'

let gh: GitHubStandIn
let results: ResultsServiceStandIn
withStandIn(
  s => {
    gh = s.gh
    results = s.results!
  },
  { resultsRunId: 777 }
)

describe('the bundled train action', () => {
  it('trains with the baseline, uploads one artifact, and a later job reuses it by fingerprint', async () => {
    const repo = await makeRepo({ withRegistry: true })
    // @actions/artifact refuses servers other than github.com (it takes them for GHES).
    const env = {
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.com',
      ACTIONS_RESULTS_URL: results.url,
      ACTIONS_RUNTIME_TOKEN: runtimeToken('run-backend-1', 'job-backend-1')
    }
    const inputs = {
      registry: 'registry',
      model: 'content-classifier',
      token: 'test-token',
      force: 'false',
      upload: 'true',
      'work-dir': '',
      'retention-days': '7'
    }
    const first = await runAction('train', { cwd: repo, inputs, env })
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.outputs['cache-hit']).toBe('false')
    expect(first.outputs['artifact-name']).toBe(
      `tunegate-train-content-classifier-${first.outputs['training-fingerprint']!.slice(0, 32)}-1`
    )
    expect(first.stdout).toMatch(/step \d+\/\d+ \(100%\), loss \d\.\d{4}/)
    expect(first.summary).toContain('**Training** · `baseline 1.0.0` · Trained in this run: ')
    // The loss curve on a numeric step axis (GitHub renders Mermaid; no image hosting).
    expect(first.summary).toMatch(
      /```mermaid\n%%\{init: .*\}%%\nxychart-beta\n {2}title "content-classifier loss"\n {2}x-axis "step" \d+ --> \d+\n/
    )
    expect([...results.finalized.values()].map(a => a.name)).toEqual([first.outputs['artifact-name']])

    // A later job on another runner: a fresh work folder, so only the artifact can make it a cache hit.
    const second = await runAction('train', {
      cwd: repo,
      inputs,
      env: { ...env, ACTIONS_RUNTIME_TOKEN: runtimeToken('run-backend-2', 'job-backend-1') }
    })
    expect(second.code).toBe(0)
    expect(second.outputs['cache-hit']).toBe('true')
    expect(second.stdout).toMatch(
      /Cache hit: content-classifier was trained before with fingerprint \w+ \(artifact tunegate-train-content-classifier-\w+ \(run 777\)\); no GPU time spent/
    )
    expect(second.summary).toContain('♻️ **Reused**')
    expect(await readFile(path.join(second.outputs['output-dir']!, 'predictions.jsonl'), 'utf8')).toBe(
      await readFile(path.join(first.outputs['output-dir']!, 'predictions.jsonl'), 'utf8')
    )
    expect(results.finalized.size).toBe(1)
  })

  it('fails with the reason when the model does not exist', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const run = await runAction('train', {
      cwd: repo,
      inputs: {
        registry: 'registry',
        model: 'nope',
        token: '',
        force: 'false',
        upload: 'false',
        'work-dir': '',
        'retention-days': '30'
      }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /::error::No model 'nope' in registry. Expected one of: content-classifier, schema-markup, seo-writer/
    )
  })
})

describe('the axolotl backend', () => {
  const spec: RunSpec = {
    schema: 'tunegate.run-spec/v1',
    model: 'seo-writer',
    task_family: 'text-generation',
    base_model: { id: 'Qwen/Qwen2.5-0.5B-Instruct', revision: 'abc', architecture: 'decoder', context_window: 32768 },
    method: 'qlora',
    hyperparameters: {
      lora_r: 8,
      lora_alpha: 16,
      learning_rate: 0.0001,
      epochs: 2,
      max_seq_length: 1024,
      packing: true,
      batch_size: 4,
      gradient_accumulation_steps: 8
    },
    seed: 42,
    train_file: '/data/train.jsonl',
    eval_file: '/data/eval.jsonl',
    data_format: 'chat',
    labels: null,
    output_dir: '/out',
    resume_from_checkpoint: null,
    fingerprint: 'f'
  }
  it('writes Axolotl’s own keys from the spec', () => {
    expect(axolotlConfig(spec)).toMatchObject({
      base_model: 'Qwen/Qwen2.5-0.5B-Instruct',
      adapter: 'qlora',
      load_in_4bit: true,
      lora_r: 8,
      lora_alpha: 16,
      lora_dropout: 0.05,
      sequence_len: 1024,
      sample_packing: true,
      datasets: [{ path: '/data/train.jsonl', type: 'chat_template', field_messages: 'messages', ds_type: 'json' }],
      excess_length_strategy: 'truncate',
      train_on_inputs: false,
      micro_batch_size: 4,
      gradient_accumulation_steps: 8,
      num_epochs: 2,
      learning_rate: 0.0001,
      bf16: 'auto',
      output_dir: '/out/adapter'
    })
    expect(axolotlConfig({ ...spec, data_format: 'completion', method: 'full' })).toMatchObject({
      adapter: undefined,
      datasets: [{ type: { field_instruction: 'prompt', field_output: 'completion', format: '{instruction}' } }]
    })
  })

  it('runs with the defaults every backend shares when model.yaml sets none', () => {
    const config = axolotlConfig({
      ...spec,
      hyperparameters: {},
      base_model: { ...spec.base_model, context_window: 512 }
    })
    expect(config).toMatchObject({
      sequence_len: 512,
      sample_packing: false,
      micro_batch_size: 4,
      gradient_accumulation_steps: 1,
      num_epochs: 1,
      learning_rate: 0.0002,
      lora_r: 16,
      lora_alpha: 32,
      lora_dropout: 0.05
    })
  })

  it('runs `axolotl train <config>` (a fake axolotl that honours the contract)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-axo-'))
    await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
    const specFile = path.join(dir, 'registry/models/seo-writer/model.yaml')
    await writeFile(specFile, (await readFile(specFile, 'utf8')).replace('trainer: baseline', 'trainer: axolotl'))
    const fake = path.join(dir, 'axolotl')
    await writeFile(
      fake,
      `#!${process.execPath}
const fs = require('node:fs'), path = require('node:path')
const [cmd, config] = process.argv.slice(2)
if (cmd !== 'train') { console.error('usage: axolotl train CONFIG'); process.exit(2) }
const spec = JSON.parse(fs.readFileSync(process.env.TUNEGATE_RUN_SPEC, 'utf8'))
const text = fs.readFileSync(config, 'utf8')
fs.mkdirSync(path.join(spec.output_dir, 'adapter'), { recursive: true })
fs.writeFileSync(path.join(spec.output_dir, 'adapter', 'axolotl.yml'), text)
const header = Buffer.from('{}'); const len = Buffer.alloc(8); len.writeBigUInt64LE(2n)
fs.writeFileSync(path.join(spec.output_dir, 'adapter', 'adapter_model.safetensors'), Buffer.concat([len, header]))
const ids = fs.readFileSync(spec.eval_file, 'utf8').split('\\n').filter(Boolean).map(l => JSON.parse(l).id)
const predictions = ids.map(id => JSON.stringify({ id, prediction: 'Acme' }) + '\\n')
fs.writeFileSync(path.join(spec.output_dir, 'predictions.jsonl'), predictions.join(''))
const events = [{ type: 'progress', step: 1, total_steps: 1, loss: 0.9 }, { type: 'done' }]
fs.appendFileSync(path.join(spec.output_dir, 'events.jsonl'), events.map(e => JSON.stringify(e) + '\\n').join(''))
`
    )
    await chmod(fake, 0o755)
    const before = process.env.TUNEGATE_AXOLOTL
    process.env.TUNEGATE_AXOLOTL = fake
    try {
      const r = await trainModel({
        registryDir: path.join(dir, 'registry'),
        model: 'seo-writer',
        workDir: path.join(dir, 'runs'),
        gpuCount: 1
      })
      const written = parse(await readFile(path.join(r.outputDir, 'adapter', 'axolotl.yml'), 'utf8')) as Record<
        string,
        unknown
      >
      expect(written).toMatchObject({
        base_model: 'Qwen/Qwen2.5-0.5B-Instruct',
        adapter: 'lora',
        lora_r: 16,
        num_epochs: 3,
        sample_packing: true,
        output_dir: path.join(r.outputDir, 'adapter')
      })
      expect(r.manifest.trainer).toEqual({ name: 'axolotl', version: 'config-v2' })
    } finally {
      if (before === undefined) delete process.env.TUNEGATE_AXOLOTL
      else process.env.TUNEGATE_AXOLOTL = before
    }
  })
})

describe('the bundled train action with contract-following fake trainers', () => {
  async function repoWith(script: string, budget = ''): Promise<string> {
    const repo = await makeRepo({ withRegistry: true })
    const spec = path.join(repo, 'registry/models/schema-markup/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace(
        '  trainer: baseline\n',
        `  trainer: command\n  command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(script)}]\n${budget}`
      )
    )
    return repo
  }
  const inputs = (workDir: string) => ({
    registry: 'registry',
    model: 'schema-markup',
    token: '',
    force: 'false',
    upload: 'false',
    'work-dir': workDir,
    'retention-days': '30'
  })

  it('fails a crashing trainer with its stderr, times out a hanging one, and resumes a retried one', async () => {
    const { fakeTrainer } = await import('./helpers/fake-trainer.js')
    const crash = await repoWith(
      await fakeTrainer(`console.error('RuntimeError: NCCL error in: ProcessGroupNCCL.cpp:1970'); process.exit(1)`)
    )
    const crashed = await runAction('train', { cwd: crash, inputs: inputs(path.join(crash, '.runs')) })
    expect(crashed.code).toBe(1)
    expect(crashed.stdout).toMatch(
      new RegExp(
        /::error::Training schema-markup failed: the trainer failed \(exit code 1\)\.%0A/.source +
          /Last lines of the trainer's stderr:%0A {2}RuntimeError: NCCL error/.source
      )
    )

    const hang = await repoWith(
      await fakeTrainer(`emit({ type: 'progress', step: 1, total_steps: 9 }); setInterval(() => {}, 1000)`),
      '  budget:\n    timeout_minutes: 0.02\n'
    )
    const hung = await runAction('train', { cwd: hang, inputs: inputs(path.join(hang, '.runs')) })
    expect(hung.code).toBe(1)
    expect(hung.stdout).toMatch(/::error::Training schema-markup failed: the trainer ran past its timeout/)

    const flaky = await repoWith(
      await fakeTrainer(`
if (!spec.resume_from_checkpoint) {
  fs.mkdirSync(path.join(out, 'checkpoints', 'step-3'), { recursive: true })
  emit({ type: 'progress', step: 3, total_steps: 6, loss: 1.2 })
  emit({ type: 'checkpoint', path: path.join(out, 'checkpoints', 'step-3'), step: 3 })
  process.exit(137)
}
emit({ type: 'progress', step: 6, total_steps: 6, loss: 0.6 })
writeOutputs()
emit({ type: 'done' })`)
    )
    const workDir = path.join(flaky, '.runs')
    expect((await runAction('train', { cwd: flaky, inputs: inputs(workDir) })).code).toBe(1)
    const retried = await runAction('train', { cwd: flaky, inputs: inputs(workDir) })
    expect(retried.code).toBe(0)
    expect(retried.stdout).toMatch(/Resuming from .*checkpoints\/step-3/)
    expect(retried.summary).toMatch(/resumed from `checkpoints\/step-3`/)
  })
})
