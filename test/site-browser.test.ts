// `tunegate site` in a real browser: a registry promoted, degraded, promoted again and rolled back through the
// CLI with the local host (real git tags, real releases in .tunegate/), the site built from it, and Debian's
// chromium (puppeteer-core, no browser download) reading the pages as a person would. Screenshots are kept
// under test-results/site/.
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../src/cli/main.js'
import type { Output } from '../src/cli/output.js'
import { git } from '../src/registry/git.js'
import type { SiteData } from '../src/site/site-data.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'

// The page's globals, for the functions puppeteer runs in chromium (the project's tsconfig has no DOM library).
interface PageElement {
  id: string
  tagName: string
  textContent: string | null
  innerText: string
  value: string
}
declare const document: { activeElement: PageElement | null; getElementById(id: string): PageElement | null }
declare const window: object
type HTMLElement = PageElement
type HTMLInputElement = PageElement

const CHROMIUM = '/usr/bin/chromium'
const SHOTS = path.resolve(import.meta.dirname, '../test-results/site')
const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
const browserMissing = !existsSync(CHROMIUM)
if (browserMissing) console.warn(`site browser tests skipped: ${CHROMIUM} is absent (.ci/run installs chromium)`)

function capture(): Output & { text: () => string } {
  const lines: string[] = []
  return { line: t => lines.push(t), error: t => lines.push(t), interactive: false, text: () => lines.join('\n') }
}

interface Fixture {
  repo: string
  site: string
  data: SiteData
}

/** The registry's story through the CLI: v1.0.0, a worse v1.1.0 (less data), a rollback by a hostile tagger. */
async function promotedRegistry(): Promise<Fixture> {
  const repo = await makeRepo({ withRegistry: true })
  await writeFile(path.join(repo, '.gitignore'), '.tunegate/\n')
  // An owner's name is free text in model.yaml: a hostile one must stay text on every page.
  const specFile = path.join(repo, 'registry/models/content-classifier/model.yaml')
  await writeFile(
    specFile,
    (await readFile(specFile, 'utf8')).replace('owners: ["@acme/content-ops"]', `owners: [${JSON.stringify(HOSTILE)}]`)
  )
  await commitAll(repo, 'registry')
  const dir = (p: string) => path.join(repo, '.tunegate', p)
  const cli = async (args: string[]) => {
    const out = capture()
    const code = await main(
      [
        ...args,
        '--registry',
        path.join(repo, 'registry'),
        '--model',
        'content-classifier',
        '--work-dir',
        dir('runs'),
        '--cache-dir',
        dir('cache'),
        '--state-dir',
        dir(''),
        '--out',
        dir('reports')
      ],
      out
    )
    if (code !== 0) throw new Error(`tunegate ${args.join(' ')} exited ${code}:\n${out.text()}`)
    return out.text()
  }
  await cli(['train'])
  await cli(['evaluate'])
  await cli(['promote'])
  // A worse version: a third of the training data, and a gate loosened so it may still ship.
  const train = path.join(repo, 'registry/datasets/content-classifier/train.jsonl')
  const rows = (await readFile(train, 'utf8')).split('\n').filter(Boolean)
  await writeFile(train, rows.filter((_, i) => i % 3 === 0).join('\n') + '\n')
  await writeFile(
    specFile,
    (await readFile(specFile, 'utf8'))
      .replace('      max_regression: 0.03', '      max_regression: 0.9')
      .replace('min: 0.7', 'min: 0.2')
  )
  await commitAll(repo, 'less training data')
  await cli(['train'])
  await cli(['evaluate'])
  expect(await cli(['promote'])).toContain('promoted content-classifier@v1.1.0')
  await git(repo, ['config', 'user.name', HOSTILE])
  await cli(['assign', '--action', 'rollback', '--stage', 'production'])
  // A drift run's record, as `tunegate drift` keeps it (the site reads it as outside data).
  await mkdir(dir('drift/content-classifier'), { recursive: true })
  await writeFile(
    dir('drift/content-classifier/drift.json'),
    JSON.stringify({
      schema: 'tunegate.drift/v1',
      model: 'content-classifier',
      version: 'v1.0.0',
      commit: 'x',
      at: '2026-01-02T03:04:05.000Z',
      verdict: 'drift',
      raw: 'drift',
      streak: 1,
      consecutiveRuns: 1,
      share: 0.5,
      shareThreshold: 0.3,
      statistics: [
        {
          name: 'length',
          title: 'Length',
          method: 'Wasserstein (normed)',
          effectName: 'Wasserstein distance',
          effectSize: 0.4,
          threshold: 0.1,
          thresholdText: '0.1',
          drifted: true,
          basis: 'sample',
          reference: '',
          current: ''
        }
      ],
      skipped: [],
      action: { kind: 'issue', number: 1, url: 'javascript:alert(1)' }
    })
  )
  // A tag written by hand, by anyone with push access: its message is free text.
  await git(repo, ['tag', '-a', 'hostile-model@v0.1.0', '-m', HOSTILE, 'HEAD'])
  const site = dir('site')
  const out = capture()
  const code = await main(
    ['site', '--out', site, '--registry', path.join(repo, 'registry'), '--state-dir', dir('')],
    out
  )
  expect(out.text()).toContain(`Open ${path.join(site, 'index.html')}`)
  expect(code).toBe(0)
  const data = JSON.parse(await readFile(path.join(site, 'data/site.json'), 'utf8')) as SiteData
  return { repo, site, data }
}

describe.skipIf(browserMissing)('the registry site in chromium', () => {
  let f: Fixture
  let browser: Browser
  let page: Page
  const open = async (rel: string) => {
    await page.goto(pathToFileURL(path.join(f.site, rel)).href, { waitUntil: 'load' })
  }
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
  const textOf = (selector: string) => page.$eval(selector, el => (el as HTMLElement).innerText)

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true })
    f = await promotedRegistry()
    const puppeteer = await import('puppeteer-core')
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files']
    })
    page = await browser.newPage()
    await page.setViewport({ width: 1280, height: 900 })
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
  })

  it('shows the rolled-back version in production, approvals and risk tier in the models × stages table', async () => {
    await open('index.html')
    await shot('index')
    const row = await textOf('#model-rows tr')
    expect(row).toContain('content-classifier')
    expect(row).toMatch(/v1\.0\.0\s*since \d{4}-\d{2}-\d{2}/)
    expect(row).not.toContain('v1.1.0')
    expect(row).toContain('low')
    expect(row).toContain('drift')
    // The hostile owner is shown as the text it is; neither of its scripts ran.
    expect(row).toContain(HOSTILE)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  })

  it('renders the first page of rows, escaped, without any script', async () => {
    await page.setJavaScriptEnabled(false)
    try {
      await open('index.html')
      expect(await textOf('#result-status')).toBe('2 of 2 models, page 1 of 1')
      const row = await textOf('#model-rows tr')
      expect(row).toMatch(/^content-classifier\s+–\s+v1\.0\.0\s*since/)
      expect(row).toContain(HOSTILE)
      await open('models/hostile-model.html')
      expect(await textOf('#timeline')).toContain(HOSTILE)
    } finally {
      await page.setJavaScriptEnabled(true)
    }
  })

  it('finds a model by search, by keyboard, and follows its link with Enter', async () => {
    await open('index.html')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content')
    // Past the site's navigation to the search box.
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.id)) !== 'q'; i++)
      await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q')
    await page.keyboard.type('no-such-model')
    expect(await textOf('#result-status')).toBe('0 of 2 models')
    expect(await page.$$eval('#model-rows tr', r => r.length)).toBe(0)
    await page.$eval('#q', el => ((el as HTMLInputElement).value = ''))
    await page.keyboard.type('classif')
    expect(await textOf('#result-status')).toMatch(/^1 of 2 models, page 1 of 1$/)
    await shot('search')
    // Tab from the search box through the filters to the model's link, then Enter.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab')
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'content-classifier') break
    }
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A')
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
    expect(page.url()).toMatch(/models\/content-classifier\.html$/)
  })

  it("shows the rollback in the model's timeline and the production version after it", async () => {
    await open('models/content-classifier.html')
    await shot('model')
    expect(await textOf('#stages')).toMatch(/production\s+v1\.0\.0/)
    const rollback = await textOf('#timeline tr.rollback-row')
    expect(rollback).toContain('Rollback: v1.0.0 assigned to production')
    expect(rollback).toContain('content-classifier#production#3')
    // Tunegate tags as itself (a stage tag by anyone else is not trusted); the hostile texts are the owner's and
    // a tag message's, checked below and with JavaScript off.
    expect(rollback).toContain('\ttunegate\t')
    expect(await textOf('#timeline')).toMatch(/v1\.1\.0 assigned to production[\s\S]*v1\.0\.0 assigned to production/)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    // The drift record's javascript: link did not become a link.
    expect(await page.$$eval('#drift a', a => a.length)).toBe(0)
  })

  it('shows the metric drop of v1.1.0 in the history, with the gate thresholds drawn', async () => {
    await open('models/content-classifier.html')
    const v = (version: string) =>
      f.data.models[0]!.versions.find(x => x.version === version)!.evaluation!.metrics.find(
        m => m.metric === 'accuracy' && m.slice === 'all'
      )!.value
    expect(v('v1.1.0')).toBeLessThan(v('v1.0.0'))
    const section = await page.$$eval('section', s =>
      s
        .filter(x => x.querySelector('h3')?.textContent === 'accuracy · all use cases')
        .map(x => (x as HTMLElement).innerText)
    )
    expect(section).toHaveLength(1)
    expect(section[0]).toMatch(/v1\.1\.0\s+[\d.]+\s+\d+\s+-?[\d.]+ \[[-\d.]+, [-\d.]+\] vs v1\.0\.0\s+-[\d.]+ \(drop\)/)
    // The chart: one point per version, a dashed line at each threshold of the gate with the versions it held for.
    const chart = await page.$$eval(
      'section svg',
      (svgs, title) => {
        const svg = svgs.find(s => s.querySelector('title')?.textContent?.startsWith(title as string))!
        return {
          points: svg.querySelectorAll('circle').length,
          thresholds: [...svg.querySelectorAll('.threshold-label')].map(t => t.textContent),
          describedBy: document.getElementById(svg.getAttribute('aria-describedby')!)?.tagName
        }
      },
      'accuracy on all'
    )
    expect(chart).toEqual({ points: 2, thresholds: ['min 0.7 (v1.0.0)', 'min 0.2 (v1.1.0)'], describedBy: 'TABLE' })
  })

  it("shows a hand-written tag's hostile message as text", async () => {
    await open('models/hostile-model.html')
    expect(await textOf('#timeline')).toContain(HOSTILE)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await page.$$eval('main script:not([type])', s => s.length)).toBe(0)
  })

  it('compares any two versions: metrics, dataset files, hyperparameters, lineage', async () => {
    await open('models/content-classifier.html')
    const text = await textOf('#comparison')
    expect(text).toMatch(/accuracy · all\s+[\d.]+\s+[\d.]+\s+-[\d.]+ \(worse\)/)
    expect(text).toMatch(/train: registry\/datasets\/content-classifier\/train\.jsonl\s+changed/)
    expect(text).toMatch(/eval: registry\/datasets\/content-classifier\/eval\.jsonl\s+unchanged/)
    expect(text).toMatch(/parent\s+–\s+v1\.0\.0/)
    await page.select('#compare-a', 'v1.1.0')
    await page.select('#compare-b', 'v1.1.0')
    expect(await textOf('#comparison')).toMatch(/train\.jsonl\s+unchanged/)
    await shot('compare')
  })

  it('has no serious or critical accessibility violations (axe-core) on any page', async () => {
    const axeSource = await readFile(path.resolve(import.meta.dirname, '../node_modules/axe-core/axe.min.js'), 'utf8')
    for (const rel of ['index.html', 'overview.html', 'models/content-classifier.html']) {
      await open(rel)
      // The page's CSP allows only its own scripts: axe is injected through the DevTools protocol instead.
      await page.setBypassCSP(true)
      await open(rel)
      await page.evaluate(axeSource)
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> }
          }
        ).axe
        const r = await axe.run()
        return r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }))
      })
      await page.setBypassCSP(false)
      expect(
        violations.filter(v => v.impact === 'serious' || v.impact === 'critical'),
        rel
      ).toEqual([])
    }
    await open('overview.html')
    await shot('overview')
  })

  it('overview: versions per month, gate failure rate, drift incidents, cost per owner', async () => {
    await open('overview.html')
    // Three versions registered, all this month: content-classifier's two and hostile-model's one.
    const month = f.data.models[0]!.events.find(e => e.action === 'register')!.at.slice(0, 7)
    expect(await textOf('#per-month')).toContain(`${month}\t3`)
    expect(await textOf('#incidents')).toContain('content-classifier')
    expect(await textOf('#per-owner')).toContain(HOSTILE)
    expect(await textOf('#problems + ul')).toContain('release hostile-model@v0.1.0 has no manifest.json')
    const gates = f.data.models[0]!.versions.flatMap(v => v.evaluation!.gates)
    const failed = gates.filter(g => !g.passed).length
    expect(await textOf('#rates')).toContain(`(${failed} of ${gates.length})`)
  })
})
