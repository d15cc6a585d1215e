import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { METRIC_DEFS } from '../src/evaluation/metrics.js'
import type { MetricDef, Scored } from '../src/evaluation/metrics.js'
import type { ModelSpec } from '../src/registry/schema.js'
import { hfPeftLaunch, trainerCommand } from '../src/training/backends.js'
import type { RunSpec } from '../src/training/contract.js'
import { missingPythonModules, testPython } from './helpers/python.js'

// The hf-peft reference trainer's own tests (pytest, trainers/hf-peft/tests) run from here, so that the
// README's test command runs them too, in the .venv that `npm run setup:python` (and .ci/run) makes. Where
// that environment is missing they are skipped, and the reason is printed.
const python = testPython()
const missing = missingPythonModules(python, ['pytest', 'torch', 'transformers', 'peft', 'trl', 'accelerate'])
if (missing)
  console.log(`hf-peft trainer tests skipped: ${missing}. Run 'npm run setup:python' to install them into .venv.`)

/** A metric over paired predictions and references, computed the way the evaluate step does. */
function score(def: MetricDef, predictions: string[], references: string[]): number {
  const sum = new Float64Array(def.width)
  const out = new Float64Array(def.width)
  predictions.forEach((prediction, i) => {
    const x: Scored = { id: String(i), useCase: 'u', input: '', prediction, reference: references[i]! }
    def.example(x, { bannedTerms: [] }, out)
    for (let k = 0; k < def.width; k++) sum[k]! += out[k]!
  })
  return def.kind === 'corpus' ? def.aggregate!(sum) : sum[0]! / predictions.length
}

/**
 * The launches `tunegate train` builds for training.distributed on a machine without GPUs, by "strategy:processes":
 * the pytest tests start the trainer with these, so they run the real launch path.
 */
async function distributedLaunches(): Promise<string> {
  const launches: Record<string, { args: string[]; env: Record<string, string> }> = {}
  for (const strategy of ['ddp', 'fsdp', 'zero3'] as const) {
    const spec = { name: 'tiny', training: { trainer: 'hf-peft', distributed: { strategy, processes: 2 } } }
    const command = await trainerCommand(spec as unknown as ModelSpec, {} as RunSpec, process.cwd(), 0)
    expect(hfPeftLaunch(spec as unknown as ModelSpec, 0)?.env).toEqual({ ACCELERATE_USE_CPU: 'true' })
    launches[`${strategy}:2`] = { args: command.args, env: command.env ?? {} }
  }
  return JSON.stringify(launches)
}

describe('the hf-peft reference trainer', () => {
  it.skipIf(missing !== undefined)(
    'passes its pytest tests (tiny config-built models: each architecture LoRA and full, packing, resume, DDP and FSDP on two CPU processes through the launch tunegate train builds), and its trained predictions beat the untrained ones on our metrics',
    async () => {
      const artifacts = mkdtempSync(path.join(tmpdir(), 'tg-hf-peft-'))
      const launches = await distributedLaunches()
      const run = spawnSync(
        python,
        ['-m', 'pytest', path.resolve('trainers/hf-peft/tests'), '-q', '-rs', '-p', 'no:cacheprovider'],
        {
          encoding: 'utf8',
          timeout: 15 * 60_000,
          env: {
            ...process.env,
            TUNEGATE_HF_PEFT_ARTIFACTS: artifacts,
            TUNEGATE_HF_PEFT_LAUNCH: launches,
            OMP_NUM_THREADS: '1'
          }
        }
      )
      expect(run.status, `${run.stdout.slice(-6000)}\n${run.stderr.slice(-3000)}`).toBe(0)
      console.log(run.stdout.trim().split('\n').slice(-3).join('\n'))
      const learnt = JSON.parse(readFileSync(path.join(artifacts, 'learns.json'), 'utf8')) as {
        references: string[]
        trained: string[]
        untrained: string[]
      }
      expect(learnt.trained).toHaveLength(learnt.references.length)
      for (const def of [METRIC_DEFS.token_f1, METRIC_DEFS.rouge_l, METRIC_DEFS.chrf]) {
        const trained = score(def, learnt.trained, learnt.references)
        const untrained = score(def, learnt.untrained, learnt.references)
        expect(trained, `${def.name}: trained ${trained} vs untrained ${untrained}`).toBeGreaterThan(
          untrained * 1.5 + 0.05
        )
      }
    },
    15 * 60_000
  )
})
