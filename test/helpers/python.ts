import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { spawnSync } from 'node:child_process'
import path from 'node:path'

/**
 * The Python that tests use: TUNEGATE_TEST_PYTHON, else the project's virtual environment (.venv, made by
 * `npm run setup:python` and by .ci/run), else python3 from PATH.
 */
export function testPython(): string {
  if (process.env.TUNEGATE_TEST_PYTHON) return process.env.TUNEGATE_TEST_PYTHON
  const venv = path.resolve('.venv', 'bin', 'python')
  return existsSync(venv) ? venv : 'python3'
}

/** Why these Python modules cannot be imported by `python`, or undefined when they all can. */
export function missingPythonModules(python: string, modules: string[]): string | undefined {
  const probe = spawnSync(python, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8', timeout: 120_000 })
  if (probe.error) return `${python} is not available (${probe.error.message})`
  if (probe.status !== 0) return probe.stderr.trim().split('\n').at(-1) ?? 'an import failed'
  return undefined
}

/**
 * Builds the tiny Llama-shaped model (trainers/hf-peft/tiny_model.py, its tokenizer trained on the repository's
 * seo-writer rows) into a new models folder, laid out as TUNEGATE_MODEL_DIR expects; returns that folder.
 */
export async function buildTinyLlama(python: string, repo: string): Promise<string> {
  const models = await mkdtemp(path.join(tmpdir(), 'tg-models-'))
  const built = spawnSync(
    python,
    [
      path.resolve('trainers/hf-peft/tiny_model.py'),
      '--arch',
      'llama',
      '--out',
      path.join(models, 'tiny', 'llama'),
      '--corpus',
      path.join(repo, 'registry/datasets/seo-writer/train.jsonl')
    ],
    { encoding: 'utf8', timeout: 300_000, env: { ...process.env, OMP_NUM_THREADS: '1' } }
  )
  if (built.status !== 0) throw new Error(`tiny_model.py failed (${built.status}): ${built.stderr}`)
  return models
}
