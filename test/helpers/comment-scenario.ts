import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { validateRegistry } from '../../src/data/validate.js'
import { runEvaluation } from '../../src/evaluation/evaluate.js'
import { LocalHost } from '../../src/host/local-host.js'
import { git } from '../../src/registry/git.js'
import type { ReportLinks } from '../../src/report/links.js'
import { nearDuplicatesOf } from '../../src/report/near-duplicates.js'
import { composePullRequestReport, type JobResults, type SectionFile } from '../../src/report/pull-request-report.js'
import { composeSections } from '../../src/report/sticky-comment.js'
import { validationMarkdown, validationVerdictLine } from '../../src/report/validation-report.js'
import { readVerdict, stripVerdict, withVerdict } from '../../src/report/verdict-summary.js'
import { evaluationOutcomeReport, statusDescription } from '../../src/report/evaluation-report.js'
import { trainModel } from '../../src/training/train.js'
import { commitAll, makeRepo, tunegateTag } from './git-repo.js'

/** Fixed times and names, so a composed comment is the same on every run (its snapshot can be compared). */
export const FIXED_AT = '2026-12-01T16:02:00.000Z'
const REPO_URL = 'https://github.com/acme/marketing-models'
const RUN_URL = `${REPO_URL}/actions/runs/4242`
const GIT_DATE = '1764604920 +0000'

/**
 * A repository with the example registry (seo-writer left out, to stay fast) whose content-classifier v1.0.0
 * is in production: trained (baseline trainer), evaluated, its record a release asset of the local host.
 */
export async function productionRepo(): Promise<{ repo: string; base: string; state: string }> {
  process.env.GIT_AUTHOR_DATE = GIT_DATE
  process.env.GIT_COMMITTER_DATE = GIT_DATE
  const repo = await makeRepo({ withRegistry: true })
  await rm(path.join(repo, 'registry/models/seo-writer'), { recursive: true })
  const base = await commitAll(repo, 'registry')
  const state = await mkdtemp(path.join(tmpdir(), 'tg-comment-state-'))
  const work = await mkdtemp(path.join(tmpdir(), 'tg-comment-v1-'))
  const registryDir = path.join(repo, 'registry')
  const trained = await trainModel({ registryDir, model: 'content-classifier', workDir: work })
  const host = new LocalHost(state, repo)
  const v1 = await runEvaluation({
    registryDir,
    model: 'content-classifier',
    host,
    workDir: path.join(work, 'evaluate'),
    runDir: trained.outputDir
  })
  const tag = 'content-classifier@v1.0.0'
  await mkdir(path.join(state, 'releases', tag, 'assets'), { recursive: true })
  await writeFile(path.join(state, 'releases', tag, 'assets', 'evaluation.json'), await readFile(v1.recordFile))
  await git(repo, ['tag', '-a', tag, '-m', 'register', base])
  await tunegateTag(repo, 'content-classifier#production#1', base, 'content-classifier v1.0.0 lands in production')
  return { repo, base, state }
}

/**
 * One pull request through the pipeline's steps as the actions run them: validate from base to head, train
 * (baseline) and evaluate each affected model against production, each job's section with its verdict line,
 * then the report job's composition into the one comment.
 */
export async function composedComment(
  setup: { repo: string; base: string; state: string },
  change: (repo: string) => Promise<void>
): Promise<{ body: string; gate: string; states: Record<string, string> }> {
  const { repo, base, state } = setup
  await git(repo, ['checkout', '-q', '--detach', base])
  await change(repo)
  const head = await commitAll(repo, 'pull request')
  const links: ReportLinks = { repoUrl: REPO_URL, sha: head, runUrl: RUN_URL }
  const registryDir = path.join(repo, 'registry')
  const result = await validateRegistry({ registryDir, base, head, displayBase: repo })
  const about = { commit: head, repoUrl: REPO_URL, runUrl: RUN_URL, at: FIXED_AT }
  const files: SectionFile[] = [
    {
      schema: 'tunegate.section/v1',
      section: 'validate',
      markdown: withVerdict(
        validationMarkdown(result, links, {
          nearDuplicates: await nearDuplicatesOf(result, { displayBase: repo, root: registryDir })
        }),
        validationVerdictLine(result, about)
      ),
      verdict: result.valid ? 'pass' : 'fail',
      description: result.valid ? 'Valid' : 'Invalid'
    }
  ]
  const work = await mkdtemp(path.join(tmpdir(), 'tg-comment-pr-'))
  for (const { model } of result.affected) {
    const trained = await trainModel({ registryDir, model, workDir: path.join(work, model) })
    // The run's time varies from run to run; the snapshot holds a fixed one.
    const runJson = path.join(trained.outputDir, 'run.json')
    const manifest = JSON.parse(await readFile(runJson, 'utf8')) as Record<string, unknown>
    await writeFile(runJson, JSON.stringify({ ...manifest, wall_seconds: 754.2, finished_at: FIXED_AT }))
    const outcome = await runEvaluation({
      registryDir,
      model,
      host: new LocalHost(state, repo),
      workDir: path.join(work, model, 'evaluate'),
      runDir: trained.outputDir
    })
    const { markdown, verdictLine } = evaluationOutcomeReport(outcome, links)
    const line = { ...verdictLine, at: FIXED_AT }
    files.push({
      schema: 'tunegate.section/v1',
      section: `evaluate:${model}`,
      markdown: withVerdict(
        `${markdown.trimEnd()}\n\n_The full report is in the artifact [tunegate-report-evaluate-${model}](${RUN_URL}/artifacts/99)._`,
        line
      ),
      verdict: line.state === 'pending' ? 'fail' : line.state,
      blocks: line.blocks,
      description: statusDescription([outcome.record], outcome.policy)
    })
  }
  const matrix = JSON.stringify({ include: result.affected.map(a => ({ model: a.model, runner: ['x'] })) })
  const jobs: JobResults = {
    validate: { result: result.valid ? 'success' : 'failure', outputs: { models: matrix } },
    'fork-approval': { result: 'skipped' },
    train: { result: 'success' },
    evaluate: { result: files.some(f => f.verdict === 'fail') ? 'failure' : 'success' }
  }
  const report = composePullRequestReport(files, jobs, { statusContext: 'tunegate', about })
  const body = composeSections(report.sections)
  const states = Object.fromEntries(
    [...report.sections].map(([name, text]) => [name, readVerdict(text)?.state ?? 'none'])
  )
  if (!stripVerdict(body)) throw new Error('empty comment')
  return { body, gate: report.statuses.at(-1)!.state, states }
}
