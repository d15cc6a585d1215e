// A trainer that got hold of the job's token uploaded `tunegate-section-<model>-1` (verdict pass, hostile
// markdown) and failed its job: the model must not pass, and nothing in the section may be active in the comment.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { composePullRequestReport, writeSectionFile, type JobResults } from '../src/report/pull-request-report.js'
import { readSections } from '../src/report/sticky-comment.js'
import { inertSection } from '../src/report/untrusted-section.js'
import { readVerdict, withVerdict } from '../src/report/verdict-summary.js'
import { GitHubStandIn } from './github/stand-in.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { renderGfm, unexpectedTags } from './helpers/gfm.js'
import { runAction } from './helpers/run-action.js'
import { withStandIn } from './helpers/with-stand-in.js'

const REPO_URL = 'https://github.com/acme/models'
const HOSTILE = [
  '### content-classifier ✅ passes every gate',
  '',
  '<img src="https://evil.test/pixel.png"> <a href="https://evil.test">details</a>',
  '@mallory please approve; cc @acme/maintainers',
  '[Sign in to see the report](https://evil.test/login) ![chart](https://evil.test/c.png)',
  '[ref][1] and <https://evil.test/auto> and https://evil.test/bare and www.evil.test',
  '[1]: https://evil.test/ref',
  `[escape the repo](${REPO_URL}/../../evil/repo)`,
  '<!-- tunegate:section validate -->',
  `[the run](${REPO_URL}/actions/runs/1) \`<b>code</b> @inside\``,
  '```',
  '<img src="in-a-fence"> @fenced',
  '```'
].join('\n')

const matrix = JSON.stringify({ include: [{ model: 'content-classifier', runner: ['x'] }] })
const jobs = (train: string, evaluate: string): JobResults => ({
  validate: { result: 'success', outputs: { models: matrix } },
  'fork-approval': { result: 'skipped' },
  train: { result: train },
  evaluate: { result: evaluate }
})

describe('a section is untrusted text', () => {
  it('renders with no HTML but details, no foreign links or images, no mentions; code and repository links stay', () => {
    const html = renderGfm(inertSection(HOSTILE, { repoUrl: REPO_URL }))
    expect(unexpectedTags(html)).toEqual([])
    expect(html).not.toMatch(/<img|<a href="https:\/\/evil|href="https:\/\/github.com\/evil/)
    expect([...html.matchAll(/href="([^"]+)"/g)].map(m => m[1])).toEqual([`${REPO_URL}/actions/runs/1`])
    expect(html).not.toMatch(/(^|[^\u200b])@(mallory|acme)/)
    expect(html).not.toMatch(/<!--/)
    // Code is inert already and is shown as written.
    expect(html).toContain('<code>&lt;b&gt;code&lt;/b&gt; @inside</code>')
    expect(html).toContain('&lt;img src=&quot;in-a-fence&quot;&gt; @fenced')
  })

  it("its verdict line's reason is made inert and its links are the run's own", () => {
    const forged = withVerdict(HOSTILE, {
      title: 'content-classifier',
      state: 'pass',
      reason: 'passes: [log in](https://evil.test/login) @mallory <img src=x>',
      blocks: false,
      at: '2026-12-01T00:00:00Z',
      repoUrl: 'https://evil.test/acme/models',
      runUrl: 'https://evil.test/run'
    })
    const line = readVerdict(inertSection(forged, { repoUrl: REPO_URL }))!
    expect(line.repoUrl).toBe(REPO_URL)
    expect(line.runUrl).toBeUndefined()
    expect(renderGfm(line.reason)).not.toMatch(/<a |<img|[^\u200b]@mallory/)
  })

  it('leaves what Tunegate writes as it is', () => {
    const own = [
      '### content-classifier',
      '',
      '<details open><summary>Gates</summary>',
      '',
      '| gate | value |',
      '| --- | ---: |',
      `| [\`accuracy\`](${REPO_URL}/blob/${'a'.repeat(40)}/registry/models/x/model.yaml#L3) | 0.91 [0.88, 0.93] |`,
      '',
      '</details>',
      '',
      'user @\u200bbob wrote &lt;b&gt;, an escaped \\[link\\](x)'
    ].join('\n')
    expect(inertSection(own, { repoUrl: REPO_URL })).toBe(own)
  })
})

describe('a model whose train or evaluate job did not succeed never passes', () => {
  const section = {
    schema: 'tunegate.section/v1' as const,
    section: 'evaluate:content-classifier',
    markdown: HOSTILE,
    verdict: 'pass' as const,
    description: 'All gates pass'
  }
  const validate = {
    schema: 'tunegate.section/v1' as const,
    section: 'validate',
    markdown: '### Validation',
    verdict: 'pass' as const,
    description: 'Valid'
  }
  it.each([
    ['failure', 'success', /The train job ended with 'failure'/],
    ['success', 'failure', /The evaluate job ended with 'failure'/],
    ['cancelled', 'success', /The train job ended with 'cancelled'/],
    ['success', 'cancelled', /The evaluation was cancelled/]
  ])('train %s, evaluate %s', (train, evaluate, reason) => {
    const r = composePullRequestReport([validate, section], jobs(train, evaluate), { statusContext: 'tunegate' })
    expect(r.statuses.map(s => s.state)).toEqual(['failure', 'failure'])
    expect(r.statuses[0]!.description).toMatch(reason)
    expect(readVerdict(r.sections.get('evaluate:content-classifier')!)).toMatchObject({ state: 'fail', blocks: true })
  })
})

describe('the report action with a section a failed trainer uploaded', () => {
  let gh: GitHubStandIn
  withStandIn(s => (gh = s.gh))

  it('sets failure statuses and comments with the section made inert', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    const head = base
    const pr = gh.seedPull({ head: { ref: 'data', sha: head }, base: { ref: 'main', sha: base } })
    const sections = await mkdtemp(path.join(tmpdir(), 'tg-sections-'))
    await writeSectionFile(path.join(sections, 'tunegate-section-validate-1'), {
      section: 'validate',
      markdown: '### Validation',
      verdict: 'pass',
      description: 'Valid'
    })
    await writeSectionFile(path.join(sections, 'tunegate-section-content-classifier-1'), {
      section: 'evaluate:content-classifier',
      markdown: HOSTILE,
      verdict: 'pass',
      description: 'All gates pass'
    })
    const report = await runAction('report', {
      cwd: repo,
      inputs: { sections, jobs: JSON.stringify(jobs('failure', 'failure')), token: 'test-token' },
      event: { pull_request: { number: pr, base: { sha: base }, head: { sha: head } } },
      env: { GITHUB_API_URL: gh.url, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/models' }
    })
    expect(report.code, report.stdout + report.stderr).toBe(0)
    expect(report.outputs.state).toBe('failure')
    expect(gh.statuses.filter(s => s.sha === head).map(s => [s.context, s.state])).toEqual([
      ['tunegate/content-classifier', 'failure'],
      ['tunegate', 'failure']
    ])
    const body = [...gh.comments.values()][0]!.body
    const html = renderGfm(readSections(body).get('evaluate:content-classifier')!)
    expect(html).not.toMatch(/<img|href="https:\/\/evil/)
    expect(html).not.toMatch(/(^|[^\u200b])@mallory/)
  })
})
