// Evaluate on 100,000 eval rows against the production version's record (100,000 per-example scores), against
// a bare readline + JSON.parse pass over the eval rows and the predictions in the same run. Target: the
// evaluating process's peak RSS under 500 MB; the time ratio is printed for scale. Each measured pass runs in
// its own process (this file, started with `baseline`, `evaluate` or `verify`), so its peak RSS is its own. Then
// promote's re-verification of the record that evaluation wrote (src/release/verify.ts), with the same target.
import { execFileSync } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { copyFile, cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { classifierRow } from '../scripts/example-data.js'
import { loadLine, measuredChild, writeRows } from './child-run.js'

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const MODEL = 'content-classifier'
const EVAL = `registry/datasets/${MODEL}/eval.jsonl`

const measured = (args: string[]) =>
  measuredChild<{ ms: number; rows: number; maxRssMb: number; verdict?: string }>(fileURLToPath(import.meta.url), args)

/**
 * The repository, trained once (baseline trainer: predictions for every eval row) and evaluated once as a
 * first version, which is then registered and assigned to production with its record as a release asset.
 */
async function productionRepository(dir: string): Promise<string> {
  const { trainModel } = await import('../src/training/train.js')
  const { runEvaluation } = await import('../src/evaluation/evaluate.js')
  const { EVALUATION_ASSET } = await import('../src/evaluation/production.js')
  const { LocalHost } = await import('../src/host/local-host.js')
  await cp(path.join(import.meta.dirname, '../registry'), path.join(dir, 'registry'), { recursive: true })
  for (const m of ['seo-writer', 'schema-markup']) await rm(path.join(dir, 'registry/models', m), { recursive: true })
  await writeRows(path.join(dir, EVAL), ROWS, 21, 30_000_000, classifierRow)
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@tunegate.test', ...args], { cwd: dir })
  git('init', '-q', '-b', 'main')
  git('add', '-A')
  git('commit', '-qm', 'v1')
  const host = new LocalHost(path.join(dir, '.tunegate'), dir)
  const registryDir = path.join(dir, 'registry')
  const trained = await trainModel({ registryDir, model: MODEL, workDir: path.join(dir, '.tunegate', 'runs') })
  const first = await runEvaluation({
    registryDir,
    model: MODEL,
    host,
    workDir: path.join(dir, '.tunegate', 'evaluate-first'),
    runDir: trained.outputDir
  })
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir }).toString().trim()
  const tag = `${MODEL}@v1.0.0`
  await host.createTag(tag, commit, `${tag}\n`, { taggedAt: 1_700_000_000 })
  await host.createTag(`${MODEL}#production#1`, commit, `${MODEL} v1.0.0 lands in production\n`, {
    taggedAt: 1_700_000_001
  })
  const release = await host.createDraftRelease(tag, tag, '')
  await host.uploadReleaseAsset(release, { name: EVALUATION_ASSET, path: first.recordFile })
  await host.publishRelease(release)
  return trained.outputDir
}

export async function benchEvaluateProduction(): Promise<{ ratio: number; maxRssMb: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-bench-evaluate-'))
  try {
    const started = performance.now()
    const runDir = await productionRepository(dir)
    console.log(
      `evaluate: ${ROWS.toLocaleString()} eval rows against production's record (set up in ${((performance.now() - started) / 1000).toFixed(0)} s)`
    )
    const files = [path.join(dir, EVAL), path.join(runDir, 'predictions.jsonl')]
    await measured(['baseline', ...files]) // warm the page cache for both sides
    const baseline = await measured(['baseline', ...files])
    const evaluate = await measured(['evaluate', dir, runDir])
    const verify = await measured(['verify', dir, runDir])
    const ratio = evaluate.ms / baseline.ms
    console.log(
      `  baseline readline + JSON.parse of eval rows and predictions: ${(baseline.ms / 1000).toFixed(2)} s, peak RSS ${baseline.maxRssMb.toFixed(0)} MB`
    )
    console.log(
      `  tunegate evaluate against production (verdict ${evaluate.verdict}): ${(evaluate.ms / 1000).toFixed(2)} s, peak RSS ${evaluate.maxRssMb.toFixed(0)} MB`
    )
    console.log(`  time ${ratio.toFixed(1)}x of baseline; RSS ${(evaluate.maxRssMb / baseline.maxRssMb).toFixed(1)}x`)
    console.log(
      `  promote's re-verification of that record (verdict ${verify.verdict}): ${(verify.ms / 1000).toFixed(2)} s, peak RSS ${verify.maxRssMb.toFixed(0)} MB`
    )
    console.log(
      `  peak RSS ${evaluate.maxRssMb.toFixed(0)} MB evaluating, ${verify.maxRssMb.toFixed(0)} MB verifying (target < 500 MB): ${evaluate.maxRssMb < 500 && verify.maxRssMb < 500 ? 'PASS' : 'FAIL'}`
    )
    console.log(loadLine())
    return { ratio, maxRssMb: Math.max(evaluate.maxRssMb, verify.maxRssMb) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The measured passes, when this file is run as a child process. */
async function measuredPass(mode: string, args: string[]): Promise<void> {
  const started = performance.now()
  let rows = 0
  let verdict: string | undefined
  if (mode === 'baseline') {
    for (const file of args) {
      const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
      for await (const line of lines)
        if (line) {
          JSON.parse(line)
          rows++
        }
    }
  } else if (mode === 'evaluate') {
    const { runEvaluation } = await import('../src/evaluation/evaluate.js')
    const { LocalHost } = await import('../src/host/local-host.js')
    const [repo, runDir] = args as [string, string]
    const outcome = await runEvaluation({
      registryDir: path.join(repo, 'registry'),
      model: MODEL,
      host: new LocalHost(path.join(repo, '.tunegate'), repo),
      workDir: path.join(repo, '.tunegate', 'evaluate-second'),
      runDir
    })
    await copyFile(outcome.recordFile, path.join(repo, '.tunegate', 'second-record.json'))
    rows = ROWS
    verdict = outcome.record.verdict
  } else {
    // What promote does with the record the evaluate pass wrote: re-derive the fingerprints, check the outputs'
    // digests, and recompute every metric and gate from the predictions against production's record.
    const { verifyEvidence, localEvidence } = await import('../src/release/verify.js')
    const { loadRegistryModel } = await import('../src/registry/loader.js')
    const { modelIdentity } = await import('../src/registry/fingerprint.js')
    const { trainerIdentity } = await import('../src/training/backends.js')
    const { LocalHost } = await import('../src/host/local-host.js')
    const [repo, runDir] = args as [string, string]
    const registryDir = path.join(repo, 'registry')
    const { registry, model } = await loadRegistryModel(registryDir, MODEL)
    const identity = await modelIdentity(model, trainerIdentity(model.spec))
    const evidence = await localEvidence(
      () => path.join(repo, '.tunegate', 'second-record.json'),
      () => runDir
    )(MODEL)
    const failure = await verifyEvidence({
      registryDir,
      model: MODEL,
      identity,
      evidence,
      host: new LocalHost(path.join(repo, '.tunegate'), repo),
      workDir: path.join(repo, '.tunegate', 'verify'),
      hasBaselineTrainerGate: false,
      policy: registry.config.policy.inconclusive,
      reevaluate: 'tunegate evaluate'
    })
    rows = ROWS
    verdict = failure ? `blocked: ${failure.problems.join('; ')}` : 'verified'
  }
  const ms = performance.now() - started
  console.log(JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024, verdict }))
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [mode, ...args] = process.argv.slice(2)
  if (mode === 'baseline' || mode === 'evaluate' || mode === 'verify') await measuredPass(mode, args)
  else await benchEvaluateProduction()
}
