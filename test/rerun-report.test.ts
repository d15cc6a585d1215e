// "Re-run failed jobs" and "Re-run all jobs": download-artifact cannot fetch an earlier attempt's artifacts
// (GitHub answers 404, actions/download-artifact#486), yet the re-run must set the gate from every section.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { writeSectionFile } from '../src/report/pull-request-report.js'
import { readSections } from '../src/report/sticky-comment.js'
import { GitHubStandIn } from './github/stand-in.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { zipFolder } from './helpers/promotion-fixture.js'
import { runAction } from './helpers/run-action.js'
import { workflowFile } from './helpers/workflow-runner.js'
import { withStandIn } from './helpers/with-stand-in.js'

let gh: GitHubStandIn
withStandIn(s => (gh = s.gh))

/** A section artifact as the first attempt's job uploaded it. */
async function sectionArtifact(section: string, verdict: 'pass' | 'fail', description: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-section-'))
  await writeSectionFile(dir, { section, markdown: `### ${section}`, verdict, description })
  return zipFolder(dir)
}

describe('a re-run sets the gate', () => {
  it('from the sections of the first attempt that download-artifact could not fetch', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const head = await commitAll(repo, 'head')
    const pr = gh.seedPull({ head: { ref: 'data', sha: head }, base: { ref: 'main', sha: head } })
    const run = gh.seedRun(head)
    gh.seedArtifact('tunegate-section-validate-1', run, await sectionArtifact('validate', 'pass', 'Valid'))
    gh.seedArtifact(
      'tunegate-section-content-classifier-1',
      run,
      await sectionArtifact('evaluate:content-classifier', 'pass', 'All gates pass')
    )
    // Attempt 2 re-ran only the report job: its download step fetched nothing.
    const sections = await mkdtemp(path.join(tmpdir(), 'tg-sections-'))
    const matrix = JSON.stringify({ include: [{ model: 'content-classifier', runner: ['x'] }] })
    const jobs = {
      validate: { result: 'success', outputs: { models: matrix } },
      'fork-approval': { result: 'skipped' },
      train: { result: 'success' },
      evaluate: { result: 'success' }
    }
    const report = await runAction('report', {
      cwd: repo,
      inputs: { sections, jobs: JSON.stringify(jobs), token: 'test-token' },
      event: { pull_request: { number: pr, base: { sha: head }, head: { sha: head } } },
      env: { GITHUB_API_URL: gh.url, GITHUB_RUN_ID: String(run), GITHUB_RUN_ATTEMPT: '2' }
    })
    expect(report.code, report.stdout + report.stderr).toBe(0)
    expect(gh.statuses.filter(s => s.sha === head).map(s => [s.context, s.state, s.description])).toEqual([
      ['tunegate/content-classifier', 'success', 'All gates pass'],
      ['tunegate', 'success', '1 model passes its gates']
    ])
    expect([...readSections([...gh.comments.values()][0]!.body).keys()]).toEqual([
      'validate',
      'evaluate:content-classifier'
    ])
    expect(report.stdout).toContain('tunegate-section-validate-1 (an earlier attempt')
  })

  it('the workflow goes on to the report and evaluate steps when download-artifact fails', async () => {
    const w = parse(await readFile(workflowFile('tunegate.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { uses?: string; 'continue-on-error'?: boolean }[] }>
    }
    for (const job of ['evaluate', 'report']) {
      const downloads = w.jobs[job]!.steps.filter(s => s.uses?.startsWith('actions/download-artifact@'))
      expect(downloads.length, job).toBe(1)
      expect(downloads[0]!['continue-on-error'], job).toBe(true)
    }
  })
})
