// The built-in hf-peft trainer runs only Tunegate's code and the interpreter's installed packages: Python
// packages a pull request adds to the checkout (accelerate/, torch/, sitecustomize.py) are never imported,
// whether accelerate launches the trainer (several GPUs) or Python runs it directly.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { missingPythonModules, testPython } from './helpers/python.js'
import { runAction } from './helpers/run-action.js'

const python = testPython()
const missing = missingPythonModules(python, ['torch', 'transformers', 'accelerate'])
if (missing) console.log(`hostile trainer import tests skipped: ${missing}. Run 'npm run setup:python'.`)

/** A checkout whose pull request adds Python packages that record being imported, seo-writer on hf-peft. */
async function hostileCheckout(marker: string): Promise<string> {
  const repo = await makeRepo({ withRegistry: true })
  const plant = `import pathlib\npathlib.Path(${JSON.stringify(marker)}).write_text(__name__)\n`
  for (const pkg of ['accelerate', 'torch', 'transformers']) {
    await mkdir(path.join(repo, pkg), { recursive: true })
    await writeFile(path.join(repo, pkg, '__init__.py'), plant)
  }
  await writeFile(path.join(repo, 'sitecustomize.py'), plant)
  await writeFile(path.join(repo, 'usercustomize.py'), plant)
  const file = path.join(repo, 'registry/models/seo-writer/model.yaml')
  await writeFile(file, (await readFile(file, 'utf8')).replace('trainer: baseline', 'trainer: hf-peft'))
  await commitAll(repo, 'a pull request with its own accelerate')
  return repo
}

describe("the hf-peft trainer and a pull request's Python packages", () => {
  it.skipIf(missing !== undefined).each([
    ['accelerate launches it (two GPUs)', '0,1'],
    ['Python runs it (no GPU)', '']
  ])(
    'none is imported when %s',
    async (_, gpus) => {
      const marker = path.join(await mkdtemp(path.join(tmpdir(), 'tg-marker-')), 'imported')
      const repo = await hostileCheckout(marker)
      const run = await runAction('train', {
        cwd: repo,
        inputs: {
          registry: 'registry',
          model: 'seo-writer',
          token: '',
          force: 'false',
          upload: 'false',
          'work-dir': path.join(repo, '.runs'),
          'retention-days': '30'
        },
        env: {
          TUNEGATE_PYTHON: python,
          CUDA_VISIBLE_DEVICES: gpus,
          // A runner or workflow that puts the checkout on the path must not bring its packages in either.
          PYTHONPATH: repo,
          HF_HUB_OFFLINE: '1',
          OMP_NUM_THREADS: '1'
        }
      })
      // The base model is not on this machine: the real trainer starts and fails to load it.
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('Training seo-writer failed')
      // It failed on the model, not on its own imports: isolation leaves the installed packages reachable.
      expect(run.stdout).not.toMatch(/ModuleNotFoundError|ImportError/)
      expect(existsSync(marker) ? await readFile(marker, 'utf8') : 'not imported').toBe('not imported')
    },
    300_000
  )
})

describe("the axolotl trainer and a pull request's Python packages", () => {
  it('runs outside the checkout: `-m axolotl.cli.train`, as axolotl launches it, never imports the checkout’s axolotl/', async () => {
    const marker = path.join(await mkdtemp(path.join(tmpdir(), 'tg-marker-')), 'imported')
    const repo = await makeRepo({ withRegistry: true })
    await mkdir(path.join(repo, 'axolotl/cli'), { recursive: true })
    await writeFile(path.join(repo, 'axolotl/__init__.py'), '')
    await writeFile(path.join(repo, 'axolotl/cli/__init__.py'), '')
    await writeFile(
      path.join(repo, 'axolotl/cli/train.py'),
      `import pathlib\npathlib.Path(${JSON.stringify(marker)}).write_text(__name__)\n`
    )
    const file = path.join(repo, 'registry/models/seo-writer/model.yaml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('trainer: baseline', 'trainer: axolotl'))
    await commitAll(repo, 'a pull request with its own axolotl')
    // Axolotl's CLI, reduced to what matters here: `axolotl train <config>` runs `python -m axolotl.cli.train`.
    const bin = await mkdtemp(path.join(tmpdir(), 'tg-axolotl-bin-'))
    const axolotl = path.join(bin, 'axolotl')
    await writeFile(axolotl, `#!/bin/sh\nshift\nexec ${JSON.stringify(python)} -m axolotl.cli.train "$@"\n`, {
      mode: 0o755
    })
    const run = await runAction('train', {
      cwd: repo,
      inputs: {
        registry: 'registry',
        model: 'seo-writer',
        token: '',
        force: 'false',
        upload: 'false',
        'work-dir': '.runs',
        'retention-days': '30'
      },
      env: { TUNEGATE_AXOLOTL: axolotl }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Training seo-writer failed')
    expect(existsSync(marker) ? await readFile(marker, 'utf8') : 'not imported').toBe('not imported')
  }, 300_000)
})
