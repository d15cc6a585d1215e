import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeSectionFile } from '../src/report/pull-request-report.js'
import { readSections } from '../src/report/sticky-comment.js'
import { GitHubStandIn } from './github/stand-in.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { runAction } from './helpers/run-action.js'
import { withStandIn } from './helpers/with-stand-in.js'

let gh: GitHubStandIn
withStandIn(s => (gh = s.gh))

describe('the report action: the pipeline’s one writer to the pull request', () => {
  it('composes one comment from the jobs’ sections and sets each model’s status and the gate', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    await appendFile(
      path.join(repo, 'registry/datasets/content-classifier/train.jsonl'),
      '{"id":"new-1","use_case":"internal-linking","text":"Trail running shoes for wet rock: grip, drop and fit.","label":"topic-running"}\n'
    )
    const head = await commitAll(repo, 'change')
    const pr = gh.seedPull({ head: { ref: 'data', sha: head }, base: { ref: 'main', sha: base } })
    const event = { pull_request: { number: pr, base: { sha: base }, head: { sha: head } } }
    const sections = await mkdtemp(path.join(tmpdir(), 'tg-sections-'))

    // validate writes its section instead of commenting; evaluate's is written as its action writes it.
    const validate = await runAction('validate', {
      cwd: repo,
      inputs: {
        registry: 'registry',
        base: '',
        head: '',
        token: 'test-token',
        comment: 'false',
        'section-dir': path.join(sections, 'tunegate-section-validate-1')
      },
      event,
      env: { GITHUB_API_URL: gh.url }
    })
    expect(validate.code, validate.stdout).toBe(0)
    expect(gh.comments.size).toBe(0)
    await writeSectionFile(path.join(sections, 'tunegate-section-content-classifier-1'), {
      section: 'evaluate:content-classifier',
      markdown: '### content-classifier ❌\n\naccuracy 0.61 < 0.7',
      verdict: 'fail',
      description: 'Failing gates: content-classifier accuracy'
    })
    const jobs = {
      validate: { result: 'success', outputs: { models: validate.outputs.models! } },
      'fork-approval': { result: 'skipped' },
      train: { result: 'success' },
      evaluate: { result: 'failure' }
    }
    const before = gh.log.length
    const report = await runAction('report', {
      cwd: repo,
      inputs: { sections, jobs: JSON.stringify(jobs), token: 'test-token' },
      event,
      env: { GITHUB_API_URL: gh.url }
    })
    expect(report.code, report.stdout + report.stderr).toBe(0)
    expect(report.outputs.state).toBe('failure')
    const comments = [...gh.comments.values()]
    expect(comments).toHaveLength(1)
    expect([...readSections(comments[0]!.body).keys()]).toEqual(['validate', 'evaluate:content-classifier'])
    const statuses = gh.statuses.filter(s => s.sha === head).map(s => [s.context, s.state, s.description])
    expect(statuses).toEqual([
      ['tunegate/content-classifier', 'failure', 'Failing gates: content-classifier accuracy'],
      ['tunegate', 'failure', 'content-classifier: Failing gates: content-classifier accuracy']
    ])
    // One read of the comments, one write, one status per model and the gate (the pipeline's budget is 3 + 4
    // per model); a run that nothing cancelled does not read the pull request's head.
    expect(gh.log.slice(before).map(c => c.operationId)).toEqual([
      'issues/list-comments',
      'issues/create-comment',
      'repos/create-commit-status',
      'repos/create-commit-status'
    ])
    expect(report.summary).toContain('accuracy 0.61 < 0.7')
    // The verdict comes first: the failing model, the commit checked, linked.
    const body = comments[0]!.body
    expect(body).toMatch(/^<!-- tunegate:sticky-comment -->\n\n## Tunegate: ❌ not ready to merge\n\n/)
    expect(body).toContain('- ❌ **content-classifier** fails: Failing gates: content-classifier accuracy')
    expect(body).toMatch(
      /- ✅ \*\*Validation\*\* passed: 3 models checked|- ✅ \*\*Validation\*\* passed: 1 model checked/
    )
    expect(body).toContain(`Checked commit [\`${head.slice(0, 7)}\`](https://github.test/acme/models/commit/${head})`)
    expect(body).not.toContain('**Outdated:**')

    // The next run edits the same comment.
    await writeSectionFile(path.join(sections, 'tunegate-section-content-classifier-1'), {
      section: 'evaluate:content-classifier',
      markdown: '### content-classifier ✅',
      verdict: 'pass',
      description: 'Passes every gate'
    })
    const again = await runAction('report', {
      cwd: repo,
      inputs: { sections, jobs: JSON.stringify({ ...jobs, evaluate: { result: 'success' } }), token: 'test-token' },
      event,
      env: { GITHUB_API_URL: gh.url }
    })
    expect(again.outputs.state).toBe('success')
    expect(gh.comments.size).toBe(1)
    expect([...gh.comments.values()][0]!.body).toContain('### content-classifier ✅')
    expect([...gh.comments.values()][0]!.body).toMatch(/## Tunegate: ✅ ready to merge/)

    // A push while this run was going cancelled its evaluate job: its report says it is outdated, above the summary.
    gh.pulls.get(pr)!.head.sha = 'f'.repeat(40)
    const late = await runAction('report', {
      cwd: repo,
      inputs: { sections, jobs: JSON.stringify({ ...jobs, evaluate: { result: 'cancelled' } }), token: 'test-token' },
      event,
      env: { GITHUB_API_URL: gh.url }
    })
    expect(late.code, late.stdout).toBe(0)
    const outdated = [...gh.comments.values()][0]!.body
    expect(outdated).toContain(`**Outdated:** this report is about [\`${head.slice(0, 7)}\`]`)
    expect(outdated).toContain("the pull request's head is now [`fffffff`]")
    expect(outdated.indexOf('**Outdated:**')).toBeLessThan(outdated.indexOf('## Tunegate:'))
  })

  it('a dispatch naming another branch’s pull request writes no comment there; its own branch’s moved head is marked outdated', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    const sha = await commitAll(repo, 'retrain')
    const retrain = gh.seedPull({ head: { ref: 'tunegate/retrain/m', sha }, base: { ref: 'main', sha: base } })
    const other = gh.seedPull({ head: { ref: 'feature', sha: 'e'.repeat(40) }, base: { ref: 'main', sha: base } })
    const sections = await mkdtemp(path.join(tmpdir(), 'tg-sections-'))
    const dispatch = (number: number) =>
      runAction('report', {
        cwd: repo,
        inputs: {
          sections,
          jobs: JSON.stringify({ validate: { result: 'success', outputs: { models: '[]' } } }),
          token: 'test-token',
          'pull-request': String(number)
        },
        event: { inputs: { 'pull-request': String(number) } },
        env: {
          GITHUB_API_URL: gh.url,
          GITHUB_EVENT_NAME: 'workflow_dispatch',
          GITHUB_SHA: sha,
          GITHUB_REF: 'refs/heads/tunegate/retrain/m',
          GITHUB_REF_NAME: 'tunegate/retrain/m'
        }
      })
    const wrong = await dispatch(other)
    expect(wrong.code, wrong.stdout + wrong.stderr).toBe(0)
    expect(wrong.stdout).toContain(
      `Pull request #${other} is of branch feature, not of tunegate/retrain/m this run checked: no comment is written there.`
    )
    expect(gh.comments.size).toBe(0)
    // Statuses go on the commit this run checked, never on the other pull request's head.
    expect(gh.statuses.every(s => s.sha === sha)).toBe(true)

    gh.pulls.get(retrain)!.head.sha = 'f'.repeat(40)
    const moved = await dispatch(retrain)
    expect(moved.code, moved.stdout + moved.stderr).toBe(0)
    const body = [...gh.comments.values()][0]!.body
    expect(body).toContain(`**Outdated:** this report is about [\`${sha.slice(0, 7)}\`]`)
  })

  it('refuses a section file that is not one Tunegate writes, naming the file', async () => {
    const repo = await makeRepo()
    const sections = await mkdtemp(path.join(tmpdir(), 'tg-sections-'))
    await writeFile(
      path.join(sections, 'evil.json'),
      JSON.stringify({ schema: 'tunegate.section/v1', section: 'x', markdown: '' })
    )
    const run = await runAction('report', {
      cwd: repo,
      inputs: { sections, jobs: '{}', token: 'test-token' },
      env: { GITHUB_API_URL: gh.url, GITHUB_SHA: 'c'.repeat(40) }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::.*evil\.json: section: .*Expected a tunegate\.section\/v1 file\./)
    expect(run.stdout).not.toMatch(/internal error/)
    // A report that fails still sets the merge gate, to failure with its reason: the required check arrives.
    expect(gh.statuses.filter(st => st.sha === 'c'.repeat(40)).map(st => [st.context, st.state])).toEqual([
      ['tunegate', 'failure']
    ])
    expect(gh.statuses.at(-1)!.description).toMatch(/^The report failed: .*evil\.json: section: /)
    expect(run.outputs.state).toBe('failure')
    const bad = await runAction('report', {
      cwd: repo,
      inputs: { sections, jobs: 'not json', token: 'test-token' },
      env: { GITHUB_API_URL: gh.url }
    })
    expect(bad.stdout).toMatch(/::error::Invalid jobs 'not json'\. Expected the JSON of \$\{\{ toJSON\(needs\) \}\}\./)
    expect(await readFile(path.join(sections, 'evil.json'), 'utf8')).toContain('tunegate.section/v1')

    // A model's section only in its own artifact, and no later attempt than this run's: another step of the
    // run cannot outrank the evaluate job's section.
    const forged = async (folder: string) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'tg-sections-'))
      await writeSectionFile(path.join(dir, folder), {
        section: 'evaluate:content-classifier',
        markdown: '### content-classifier ✅',
        verdict: 'pass',
        description: 'Passes every gate'
      })
      return runAction('report', {
        cwd: repo,
        inputs: { sections: dir, jobs: '{}', token: 'test-token' },
        env: { GITHUB_API_URL: gh.url, GITHUB_SHA: 'c'.repeat(40), GITHUB_RUN_ATTEMPT: '2' }
      })
    }
    const elsewhere = await forged('tunegate-section-other-model-1')
    expect(elsewhere.code).toBe(1)
    expect(elsewhere.stdout).toMatch(
      /::error::.*a section 'evaluate:content-classifier' in the artifact 'tunegate-section-other-model-1'\. Expected it in the artifact tunegate-section-content-classifier-<run attempt>\./
    )
    const future = await forged('tunegate-section-content-classifier-999999')
    expect(future.code).toBe(1)
    expect(future.stdout).toMatch(/::error::.*is of attempt 999999, but this run is at attempt 2\./)
    expect((await forged('tunegate-section-content-classifier-2')).code).toBe(0)
  })
})
