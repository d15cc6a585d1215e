import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The hf-peft reference trainer's own tests (pytest, trainers/hf-peft/tests) run from here, so that the
// README's test command runs them too: on a machine with torch, transformers, peft and tokenizers (a GPU
// machine in practice) they must pass; elsewhere they are skipped, and the reason is printed.
const python = process.env.PYTHON ?? 'python3'
const probe = spawnSync(python, ['-c', 'import pytest, torch, transformers, peft, tokenizers'], { encoding: 'utf8' })
const missing = probe.error
  ? `${python} is not available (${probe.error.message})`
  : probe.status !== 0
    ? (probe.stderr.trim().split('\n').at(-1) ?? 'an import failed')
    : undefined
if (missing)
  console.log(`hf-peft trainer tests skipped: ${missing}. They need pytest, torch, transformers, peft and tokenizers.`)

describe('the hf-peft reference trainer', () => {
  it.skipIf(missing !== undefined)(
    'passes its pytest contract tests (tiny config-built models, LoRA, resume, predictions)',
    () => {
      const run = spawnSync(python, ['-m', 'pytest', path.resolve('trainers/hf-peft/tests'), '-q', '-rs'], {
        encoding: 'utf8',
        timeout: 20 * 60_000
      })
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0)
    },
    20 * 60_000
  )
})
