// The registry site at scale: 1,000 models × 20 versions (40,000 GTO tags, 20,000 local releases with their
// manifest.json and evaluation.json). Measured: the build (`tunegate site`'s work, in process) and, in Debian's
// chromium, the first contentful paint of the models × stages page and of a model's page, each against the
// first paint of a trivial static page in the same browser and run. Target: the index's first paint under 1 s
// on a 2-core machine.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { LocalHost } from '../src/host/local-host.js'
import { buildSite } from '../src/site/build-site.js'
import { tagRepository } from './registry-show.bench.js'

const MODELS = 1_000
const VERSIONS = 20
const CHROMIUM = '/usr/bin/chromium'

/** A release as `tunegate promote` leaves it in `.tunegate/releases`: small, but with every field the site reads. */
async function writeReleases(stateDir: string): Promise<void> {
  for (let m = 0; m < MODELS; m++) {
    const model = `model-${String(m).padStart(4, '0')}`
    for (let v = 0; v < VERSIONS; v++) {
      const version = `v1.${v}.0`
      const tag = `${model}@${version}`
      const dir = path.join(stateDir, 'releases', tag)
      await mkdir(path.join(dir, 'assets'), { recursive: true })
      const accuracy = 0.7 + 0.01 * ((m + v * 7) % 20)
      const slice = (value: number) => ({
        value,
        n: 200,
        comparison: v
          ? {
              delta: 0.01,
              low: -0.01,
              high: 0.03,
              candidate: value,
              baseline: value - 0.01,
              n: 200,
              resamples: 1000,
              confidence: 0.95
            }
          : null,
        baseline_trainer: null
      })
      await writeFile(
        path.join(dir, 'release.json'),
        JSON.stringify({ id: m * VERSIONS + v, tag, name: tag, draft: false })
      )
      await writeFile(
        path.join(dir, 'assets', 'manifest.json'),
        JSON.stringify({
          schema: 'tunegate.manifest/v1',
          model,
          version,
          registered_at: new Date((1_700_000_000 + v * 1_000_000) * 1000).toISOString(),
          bump: { level: 'minor', reason: 'training data changed' },
          parent: v ? { version: `v1.${v - 1}.0`, tag: `${model}@v1.${v - 1}.0` } : null,
          pull_request: {
            number: v + 1,
            url: `https://github.com/acme/models/pull/${v + 1}`,
            author: 'alice',
            approvers: ['bob']
          },
          training_inputs: { hyperparameters: { learning_rate: 0.0001, epochs: 3 + (v % 3) } },
          base_model: { id: 'org/base', revision: 'a'.repeat(40) },
          method: 'lora',
          trainer: { name: 'hf-peft', version: '1.0.0' },
          files: [
            { path: `registry/datasets/${model}/train.jsonl`, role: 'train', sha256: String(v).padStart(64, '0') },
            { path: `registry/datasets/${model}/eval.jsonl`, role: 'eval', sha256: '1'.repeat(64) }
          ],
          gpu_seconds: 3600 + v * 60,
          cost: { currency: 'USD', amount: 3.2 + v * 0.05 }
        })
      )
      await writeFile(
        path.join(dir, 'assets', 'evaluation.json'),
        JSON.stringify({
          schema: 'tunegate.evaluation/v1',
          model,
          created_at: '2026-01-01T00:00:00Z',
          training_fingerprint: '0'.repeat(64),
          evaluation_fingerprint: '0'.repeat(64),
          predictions_sha256: '0'.repeat(64),
          candidate: { trainer: { name: 'hf-peft', version: '1.0.0' }, run: null },
          baseline: v
            ? {
                version: `v1.${v - 1}.0`,
                evaluation_fingerprint: '0'.repeat(64),
                shared_examples: 200,
                only_candidate: 0,
                only_baseline: 0
              }
            : null,
          settings: { confidence: 0.95, resamples: 1000, seed: 1 },
          metrics: {
            accuracy: {
              scale: 1,
              higher_is_better: true,
              slices: { all: slice(accuracy), support: slice(accuracy - 0.05) }
            },
            macro_f1: { scale: 1, higher_is_better: true, slices: { all: slice(accuracy - 0.1) } }
          },
          per_class: null,
          gates: [
            {
              metric: 'accuracy',
              slice: 'all',
              kind: 'min',
              threshold: 0.7,
              value: accuracy,
              passed: true,
              inconclusive: false,
              reason: 'ok',
              source: 'model'
            }
          ],
          verdict: 'pass',
          per_example: []
        })
      )
    }
  }
}

/** The first contentful paint of a page, ms after navigation start, in a fresh tab (median of three). */
async function firstPaint(browser: import('puppeteer-core').Browser, url: string): Promise<number> {
  const runs: number[] = []
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage()
    await page.goto(url, { waitUntil: 'load' })
    const fcp = await page.evaluate(
      `new Promise(resolve => {
        const read = () => performance.getEntriesByName('first-contentful-paint')[0]
        const e = read()
        if (e) return resolve(e.startTime)
        new PerformanceObserver(() => resolve(read().startTime)).observe({ type: 'paint', buffered: true })
      })`
    )
    runs.push(fcp as number)
    await page.close()
  }
  return runs.sort((a, b) => a - b)[1]!
}

export async function benchSite(): Promise<{ ratio: number; firstPaintMs: number; buildMs: number }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is absent: the site benchmark needs Debian's chromium`)
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-bench-site-'))
  try {
    const made = performance.now()
    tagRepository(dir, MODELS * VERSIONS * 2)
    const stateDir = path.join(dir, '.tunegate')
    await writeReleases(stateDir)
    console.log(
      `site: ${MODELS} models × ${VERSIONS} versions (${MODELS * VERSIONS * 2} tags, ${MODELS * VERSIONS} releases; made in ${((performance.now() - made) / 1000).toFixed(1)} s)`
    )
    const out = path.join(dir, 'site')
    const started = performance.now()
    const built = await buildSite({
      host: new LocalHost(stateDir, dir),
      workDir: path.join(stateDir, 'site-work'),
      out
    })
    const buildMs = performance.now() - started
    if (built.data.problems.length)
      throw new Error(`the build met problems: ${built.data.problems.slice(0, 3).join('; ')}`)
    console.log(`  build (tags, 40,000 assets read, ${built.files} files written): ${(buildMs / 1000).toFixed(1)} s`)
    const index = path.join(out, 'index.html')
    const modelPage = path.join(out, 'models', 'model-0500.html')
    console.log(
      `  index.html ${((await stat(index)).size / 1024).toFixed(0)} KiB, a model page ${((await stat(modelPage)).size / 1024).toFixed(0)} KiB`
    )
    const trivial = path.join(dir, 'trivial.html')
    await writeFile(trivial, '<!doctype html><html lang="en"><title>baseline</title><p>Tunegate registry</p></html>\n')
    const puppeteer = await import('puppeteer-core')
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu']
    })
    try {
      await firstPaint(browser, pathToFileURL(trivial).href) // start-up of the first tab is not the pages' cost
      const baseline = await firstPaint(browser, pathToFileURL(trivial).href)
      const firstPaintMs = await firstPaint(browser, pathToFileURL(index).href)
      const modelMs = await firstPaint(browser, pathToFileURL(modelPage).href)
      const ratio = firstPaintMs / baseline
      console.log(`  first paint, trivial static page (baseline): ${baseline.toFixed(0)} ms`)
      console.log(
        `  first paint, models × stages (1,000 models): ${firstPaintMs.toFixed(0)} ms (${ratio.toFixed(2)}x the baseline)`
      )
      console.log(
        `  first paint, a model's page (20 versions): ${modelMs.toFixed(0)} ms (${(modelMs / baseline).toFixed(2)}x)`
      )
      console.log(`  target: models × stages under 1,000 ms: ${firstPaintMs < 1000 ? 'PASS' : 'FAIL'}`)
      return { ratio, firstPaintMs, buildMs }
    } finally {
      await browser.close()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
