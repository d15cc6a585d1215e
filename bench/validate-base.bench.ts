// `tunegate validate --base` for a change to registry.yaml, which affects every model, over a registry of 1,000
// models (each a copy of the example classifier with its own 1,000-row dataset), against a bare readline +
// JSON.parse pass over the same models' rows, in the same run. Targets: within 3x the baseline's time, and a
// peak RSS under 500 MB. Each measured pass runs in its own process, so its peak RSS is its own; both sides run
// bundled, as Tunegate ships (the pass from the TypeScript sources is printed too).
import { execFileSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { bundled, loadLine, measuredChild } from './child-run.js'

const MODELS = Number(process.env.BENCH_MODELS ?? 1_000)

type Pass = { ms: number; cpuS: number; rows: number; maxRssMb: number }
const SCRIPT = path.join(import.meta.dirname, 'validate-worker.ts')

/** A repository whose registry holds `MODELS` classifiers; returns the base commit and the data files. */
export async function manyModels(dir: string): Promise<{ registry: string; base: string; files: string[] }> {
  const registry = path.join(dir, 'registry')
  await cp(path.join(import.meta.dirname, '../registry'), registry, { recursive: true })
  for (const m of ['seo-writer', 'schema-markup', 'content-classifier'])
    await rm(path.join(registry, 'models', m), { recursive: true })
  const source = path.join(import.meta.dirname, '../registry')
  const spec = await readFile(path.join(source, 'models/content-classifier/model.yaml'), 'utf8')
  const files: string[] = []
  for (let i = 0; i < MODELS; i++) {
    const name = `classifier-${String(i).padStart(4, '0')}`
    await mkdir(path.join(registry, 'models', name))
    await mkdir(path.join(registry, 'datasets', name), { recursive: true })
    // Each model its own copy, rows renumbered so no two models' files are the same bytes.
    for (const split of ['train', 'eval']) {
      const text = await readFile(path.join(source, `datasets/content-classifier/${split}.jsonl`), 'utf8')
      const file = path.join(registry, 'datasets', name, `${split}.jsonl`)
      await writeFile(file, text.replaceAll('"id":"cls-', `"id":"${name}-`))
      files.push(file)
    }
    await writeFile(
      path.join(registry, 'models', name, 'model.yaml'),
      spec
        .replace('name: content-classifier', `name: ${name}`)
        .replaceAll('datasets/content-classifier/', `datasets/${name}/`)
    )
  }
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, maxBuffer: 1 << 26 })
      .toString()
      .trim()
  git('init', '-q')
  git('add', '-A')
  git('-c', 'user.name=bench', '-c', 'user.email=b@x.test', 'commit', '-q', '-m', 'base')
  const base = git('rev-parse', 'HEAD')
  const config = path.join(registry, 'registry.yaml')
  await writeFile(config, (await readFile(config, 'utf8')) + '# a registry-wide change\n')
  git('-c', 'user.name=bench', '-c', 'user.email=b@x.test', 'commit', '-q', '-am', 'registry.yaml changed')
  return { registry, base, files }
}

export async function benchValidateBase(): Promise<{ ratio: number; maxRssMb: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-bench-base-'))
  try {
    const started = performance.now()
    const { registry, base, files } = await manyModels(dir)
    console.log(
      `validate --base: registry.yaml changed over ${MODELS.toLocaleString()} models (made in ${((performance.now() - started) / 1000).toFixed(1)} s)`
    )
    // Measured as shipped: bundled, as the validate action and the installed CLI run it (see bundled); from the
    // TypeScript sources too, for information (a clone's CLI runs them through tsx).
    const bundle = await bundled(SCRIPT, path.join(dir, 'bundle'))
    await measuredChild<Pass>(bundle, ['baseline', ...files]) // warm the page cache for both sides
    const baseline = await measuredChild<Pass>(bundle, ['baseline', ...files])
    const validate = await measuredChild<Pass>(bundle, ['validate-base', registry, base])
    const fromSources = await measuredChild<Pass>(SCRIPT, ['validate-base', registry, base])
    const ratio = validate.ms / baseline.ms
    const line = (label: string, p: Pass) =>
      console.log(
        `  ${label.padEnd(52)}${(p.ms / 1000).toFixed(2)} s, ${p.cpuS.toFixed(2)} s of CPU (${p.rows.toLocaleString()} rows), peak RSS ${p.maxRssMb.toFixed(0)} MB`
      )
    line("baseline readline + JSON.parse of the models' rows:", baseline)
    line('tunegate validate --base (bundled, as shipped):', validate)
    line('the same from TypeScript sources (tsx):', fromSources)
    console.log(`  ratio ${ratio.toFixed(2)}x of baseline (target <= 3): ${ratio <= 3 ? 'PASS' : 'FAIL'}`)
    // On a loaded machine the wall-time ratio is mostly waiting for a core; the CPU ratio says what the work costs.
    console.log(`  CPU time ${(validate.cpuS / baseline.cpuS).toFixed(2)}x of baseline`)
    console.log(`  from sources: ${(fromSources.ms / baseline.ms).toFixed(2)}x of baseline (tsx in every thread)`)
    console.log(
      `  peak RSS ${validate.maxRssMb.toFixed(0)} MB (target < 500 MB): ${validate.maxRssMb < 500 ? 'PASS' : 'FAIL'}`
    )
    console.log(loadLine())
    return { ratio, maxRssMb: validate.maxRssMb }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
