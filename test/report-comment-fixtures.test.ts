import { appendFile, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_COMMENT_CHARS, readSections, STICKY_MARKER } from '../src/report/sticky-comment.js'
import { composedComment, productionRepo } from './helpers/comment-scenario.js'
import { linesOutsideFences, mermaidBlocks, mermaidParser, renderGfm, unexpectedTags } from './helpers/gfm.js'

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/comments')
const train = (repo: string) => path.join(repo, 'registry/datasets/content-classifier/train.jsonl')
const spec = (repo: string) => path.join(repo, 'registry/models/content-classifier/model.yaml')

/** Keeps the first share of the content-classifier's training rows: a weaker candidate. */
async function keepTrainRows(repo: string, share: number): Promise<void> {
  const lines = (await readFile(train(repo), 'utf8')).split('\n').filter(Boolean)
  await writeFile(train(repo), lines.slice(0, Math.round(lines.length * share)).join('\n') + '\n')
}

/** Replaces a model.yaml's gates. */
async function gates(repo: string, yaml: string): Promise<void> {
  const text = await readFile(spec(repo), 'utf8')
  await writeFile(spec(repo), text.replace(/ {2}gates:\n[\s\S]*$/, `  gates:\n${yaml}`))
}

/**
 * The structure GitHub's parser must see in a composed comment: the summary first, every heading a heading,
 * every table a table, no HTML but the details blocks, no backticks in a summary line, within the size cap.
 */
async function expectWellFormed(body: string): Promise<string> {
  expect(body.length).toBeLessThan(MAX_COMMENT_CHARS)
  expect(body.startsWith(`${STICKY_MARKER}\n\n## Tunegate: `)).toBe(true)
  const html = renderGfm(body)
  // The first thing a reader sees is the verdict.
  expect(html.replace(/<!--[\s\S]*?-->\s*/g, '').startsWith('<h2>Tunegate: ')).toBe(true)
  const lines = linesOutsideFences(body)
  for (const level of [2, 3, 4]) {
    const headings = lines.filter(l => l.startsWith(`${'#'.repeat(level)} `))
    expect(html.match(new RegExp(`<h${level}>`, 'g'))?.length ?? 0, `h${level}: ${headings.join(' | ')}`).toBe(
      headings.length
    )
  }
  expect(html).not.toMatch(/<p>#{2,4} /)
  const tables = lines.filter((l, i) => l.startsWith('| ') && /^\| -{3}/.test(lines[i + 1] ?? ''))
  expect(tables.length).toBeGreaterThan(0)
  expect(html.match(/<table>/g)?.length).toBe(tables.length)
  expect(html).not.toMatch(/<p>\| /)
  expect(unexpectedTags(html)).toEqual([])
  expect(html.match(/<details/g)?.length).toBe(html.match(/<\/details>/g)?.length)
  for (const summary of html.match(/<summary>.*?<\/summary>/g) ?? []) expect(summary).not.toContain('`')
  expect(body).not.toMatch(/\(s\)/)
  const parser = await mermaidParser()
  for (const chart of mermaidBlocks(body)) await expect(parser.parse(chart)).resolves.toBeTruthy()
  return html
}

describe('the composed pull-request comment, as GitHub renders it', () => {
  let setup: Awaited<ReturnType<typeof productionRepo>>
  beforeAll(async () => {
    setup = await productionRepo()
  }, 60_000)

  it('a passing pull request: one summary line per section, then the reports', async () => {
    const r = await composedComment(setup, async repo => {
      await appendFile(
        train(repo),
        '{"id":"new-1","use_case":"internal-linking","text":"Trail running shoes for wet rock: grip, drop and fit.","label":"topic-running"}\n'
      )
    })
    expect(r.gate).toBe('success')
    expect(r.states).toEqual({ validate: 'pass', 'evaluate:content-classifier': 'pass' })
    const html = await expectWellFormed(r.body)
    expect(html).toMatch(/<h2>Tunegate: ✅ ready to merge<\/h2>\n<ul>\n<li>✅ <strong>Validation<\/strong> passed/)
    expect(html).toMatch(/<li>✅ <strong>content-classifier<\/strong> passes: 2 gates pass<\/li>/)
    expect(r.body).toMatch(/Checked commit \[`[0-9a-f]{7}`\]\(https:\/\/github\.com\/acme\/marketing-models\/commit\//)
    // A near-duplicate warning shows both texts, each linked to its line at the checked commit.
    expect(r.body).toMatch(
      /- Jaccard 0\.\d+: \[`registry\/datasets\/content-classifier\/train\.jsonl:\d+`\]\(https:\/\/github\.com\/acme\/marketing-models\/blob\/[0-9a-f]{40}\/registry\/datasets\/content-classifier\/train\.jsonl#L\d+\) “[^”]{20,}” and \[`registry\/datasets\/content-classifier\/eval\.jsonl:\d+`\]\([^)]+\) “[^”]{20,}”/
    )
    await expect(r.body).toMatchFileSnapshot(path.join(FIXTURES, 'passing.md'))
  }, 60_000)

  it('a failing pull request: the failing model and its deciding gate come first', async () => {
    const r = await composedComment(setup, async repo => {
      await keepTrainRows(repo, 0.5)
      await gates(
        repo,
        '    - metric: accuracy\n      min: 0.8\n      slice: each-use-case\n    - metric: macro_f1\n      max_regression: 0.03\n'
      )
    })
    expect(r.gate).toBe('failure')
    expect(r.states['evaluate:content-classifier']).toBe('fail')
    const html = await expectWellFormed(r.body)
    expect(html).toMatch(/<h2>Tunegate: ❌ not ready to merge<\/h2>/)
    expect(html).toMatch(
      /<li>❌ <strong>content-classifier<\/strong> fails: <code>accuracy<\/code> on <code>content-refresh<\/code> 0\.\d{3} &lt; 0\.8/
    )
    // The reviewer's evidence: examples that changed, in both directions, scored as before → after.
    expect(r.body).toMatch(/\*\*Most regressed\*\*[\s\S]*\| `cls-\d+` \| 1 → 0 \|/)
    expect(html).toMatch(/<h3>❌ content-classifier: fails · /)
    // Validation's heading is about data, not a second verdict on the model.
    expect(readSections(r.body).get('validate')).toMatch(/^#### Data of content-classifier: /m)
    await expect(r.body).toMatchFileSnapshot(path.join(FIXTURES, 'failing.md'))
  }, 60_000)

  it('an inconclusive pull request: one state and one icon everywhere, blocking by default', async () => {
    const r = await composedComment(setup, async repo => {
      await keepTrainRows(repo, 0.9)
      await gates(repo, '    - metric: accuracy\n      min: 0.7\n    - metric: accuracy\n      max_regression: 0.01\n')
    })
    expect(r.states['evaluate:content-classifier']).toBe('inconclusive')
    // registry.yaml sets no policy.inconclusive: the default blocks the merge, and the comment says so.
    expect(r.gate).toBe('failure')
    const html = await expectWellFormed(r.body)
    expect(html).toMatch(/<h2>Tunegate: ❌ not ready to merge<\/h2>/)
    expect(html).toMatch(/<li>⚠️ <strong>content-classifier<\/strong> inconclusive, blocks the merge: /)
    expect(r.body).toContain('`policy.inconclusive: block` in registry.yaml, the default')
    const section = readSections(r.body).get('evaluate:content-classifier')!
    expect(section).toMatch(/^### ⚠️ content-classifier: inconclusive · 1 gate passes · 1 inconclusive$/m)
    // The metric table, the gates table and the headline agree: no other icon for the undecided gate.
    expect(section).toMatch(/\| `accuracy` \|[^\n]*\| ✅ ⚠️ \|/)
    expect(section).toMatch(/\| ⚠️ inconclusive \| `accuracy` \| `all` \| regression ≤ 0\.01 \|/)
    expect(section).not.toMatch(/⚪/)
    await expect(r.body).toMatchFileSnapshot(path.join(FIXTURES, 'inconclusive.md'))
  }, 60_000)

  it('with policy.inconclusive: warn, the same pull request may merge, and the comment says why', async () => {
    const r = await composedComment(setup, async repo => {
      await keepTrainRows(repo, 0.9)
      await gates(repo, '    - metric: accuracy\n      min: 0.7\n    - metric: accuracy\n      max_regression: 0.01\n')
      const yaml = path.join(repo, 'registry/registry.yaml')
      await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('policy:\n', 'policy:\n  inconclusive: warn\n'))
    })
    expect(r.states['evaluate:content-classifier']).toBe('inconclusive')
    expect(r.gate).toBe('success')
    const html = await expectWellFormed(r.body)
    expect(html).toMatch(/<h2>Tunegate: ⚠️ ready to merge, with an inconclusive model<\/h2>/)
    expect(html).toMatch(/<li>⚠️ <strong>content-classifier<\/strong> inconclusive, does not block the merge: /)
    expect(r.body).toContain('`policy.inconclusive: warn` in registry.yaml')
  }, 60_000)
})
