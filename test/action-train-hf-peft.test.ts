import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { buildTinyLlama, missingPythonModules, testPython } from './helpers/python.js'
import { runAction } from './helpers/run-action.js'

// The bundled train action with `trainer: hf-peft`, as the runner starts it: the TypeScript side (run spec,
// supervision, output checks, run manifest) and the Python trainer tested together, on a tiny Llama-shaped model
// built from a config (no model hub), found through TUNEGATE_MODEL_DIR.
const python = testPython()
const missing = missingPythonModules(python, ['torch', 'transformers', 'peft', 'trl'])
if (missing) console.log(`hf-peft train action test skipped: ${missing}. Run 'npm run setup:python'.`)

const HYPERPARAMETERS = `  hyperparameters:
    max_steps: 6
    batch_size: 4
    learning_rate: 0.003
    max_seq_length: 128
    packing: true
    logging_steps: 2
    save_steps: 3
    max_new_tokens: 6
    eval_batch_size: 64
`

describe('the bundled train action with the hf-peft trainer', () => {
  it.skipIf(missing !== undefined)(
    'fine-tunes a tiny local model with LoRA: progress in the log, adapter safetensors, a prediction per eval row, run.json',
    async () => {
      const repo = await makeRepo({ withRegistry: true })
      const models = await buildTinyLlama(python, repo)
      const file = path.join(repo, 'registry/models/seo-writer/model.yaml')
      const yaml = (await readFile(file, 'utf8'))
        .replace(/ {2}id: Qwen\/Qwen2.5-0.5B-Instruct\n {2}revision: \w+\n/, '  id: tiny/llama\n  revision: local\n')
        .replace('trainer: baseline', 'trainer: hf-peft')
        .replace(/ {2}hyperparameters:\n( {4}.*\n)+/, HYPERPARAMETERS)
      expect(yaml).toContain('trainer: hf-peft')
      expect(yaml).toContain('id: tiny/llama')
      await writeFile(file, yaml)
      await commitAll(repo, 'seo-writer on the hf-peft trainer')

      const work = path.join(repo, '.runs')
      const run = await runAction('train', {
        cwd: repo,
        inputs: {
          registry: 'registry',
          model: 'seo-writer',
          token: '',
          force: 'false',
          upload: 'false',
          'work-dir': work,
          'retention-days': '30'
        },
        env: {
          TUNEGATE_PYTHON: python,
          TUNEGATE_MODEL_DIR: models,
          CUDA_VISIBLE_DEVICES: '',
          OMP_NUM_THREADS: '1'
        }
      })
      expect(run.code, `${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`).toBe(0)
      expect(run.stdout).toMatch(/step 6\/6 \(100%\), loss \d+\.\d{4}/)
      expect(run.summary).toContain('**Training** · `hf-peft 0.3.0` · Trained in this run: ')
      // The trainer's eval loss (step 0 and after training) is drawn beside the training loss.
      expect(run.summary).toMatch(/red: eval loss, measured at \d+ steps/)

      const out = run.outputs['output-dir']!
      const manifest = JSON.parse(await readFile(path.join(out, 'run.json'), 'utf8')) as {
        trainer: { name: string; version: string }
        base_model: { id: string }
        rows: { train: number; eval: number }
        loss_curve: { step: number; loss: number }[]
        outputs: { file: string }[]
      }
      expect(manifest.trainer).toEqual({ name: 'hf-peft', version: '0.3.0' })
      expect(manifest.base_model.id).toBe('tiny/llama')
      expect(manifest.loss_curve.map(p => p.step)).toEqual([2, 4, 6])
      const files = manifest.outputs.map(o => o.file)
      expect(files).toContain('adapter/adapter_model.safetensors')
      expect(files).toContain('adapter/adapter_config.json')
      expect(files.filter(f => /\.(bin|pt|pth|ckpt|pkl|jinja)$/.test(f))).toEqual([])

      const evalIds = (await readFile(path.join(repo, 'registry/datasets/seo-writer/eval.jsonl'), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map(l => (JSON.parse(l) as { id: string }).id)
      const predicted = (await readFile(path.join(out, 'predictions.jsonl'), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map(l => (JSON.parse(l) as { id: string }).id)
      expect(predicted.filter(id => !id.startsWith('probe:'))).toEqual(evalIds)
      expect(predicted.some(id => id.startsWith('probe:'))).toBe(true)
    },
    10 * 60_000
  )
})
