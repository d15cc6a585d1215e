// `npm run demo`: the whole story of a model registry on a temporary copy of the example registry, CPU only,
// through the tunegate CLI and its local host (tags and branches in a local git repository, pull requests,
// releases and records under .tunegate/):
//   1. content-classifier v1.0.0 is trained, evaluated and promoted to production;
//   2. pull request #7 adds training data: validated, trained, evaluated against production, approved, merged
//      and promoted as v1.1.0 (only when its evaluation lets it merge); then production is rolled back to v1.0.0;
//   3. pull request #8 relabels a use case's data badly: its evaluation fails a gate, and when it is merged
//      anyway, promote refuses it (the demo expects that refusal) and the merge is reverted;
//   4. production inputs drift (a new product line): `tunegate drift` opens a retraining branch with the
//      labelled feedback rows, and that branch's own validate runs;
//   5. where everything is, and `tunegate registry show`;
//   6. the judge: seo-writer's candidate judged against its production version by a local judge stand-in with
//      a position bias, in both orders (a flip is a tie), with the judge_win_rate gate.
// `--dir DIR` keeps the story in DIR (new or empty) instead of a temporary folder; `--trainer hf-peft` trains
// with the reference LoRA trainer instead of the baseline (needs `npm run setup:python`).
import { execFileSync, spawnSync } from 'node:child_process'
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { EVALUATE_EXIT } from '../src/evaluation/verdict.js'
import { LocalHost } from '../src/host/local-host.js'
import type { PullRequestInfo } from '../src/registry/host.js'
import { loadRegistryModel } from '../src/registry/loader.js'
import { classifierRow, gardenClassifierRow, rng } from './example-data.js'
import { demoTrainer, useHfPeft } from './demo-trainer.js'

const MODEL = 'content-classifier'
const TRAIN = `registry/datasets/${MODEL}/train.jsonl`
const RETRAIN_BRANCH = `tunegate/retrain/${MODEL}`

const { values: options } = parseArgs({
  args: process.argv.slice(2),
  options: { trainer: { type: 'string', default: 'baseline' }, dir: { type: 'string' } }
})
const trainer = demoTrainer(['--trainer', options.trainer])
const root = path.resolve(import.meta.dirname, '..')
const cli = path.join(root, 'bin', 'tunegate.js')
const work = workFolder(options.dir)
const state = path.join(work, '.tunegate')
const host = new LocalHost(state, work)
const git = (...args: string[]) => execFileSync('git', args, { cwd: work, encoding: 'utf8' }).trim()
// Bold headings on a terminal only: a log or a pipe gets plain text, and NO_COLOR (https://no-color.org) is honoured.
const bold = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
const step = (title: string) => console.log(bold ? `\n\u001b[1m== ${title} ==\u001b[0m` : `\n== ${title} ==`)

/** The demo's folder: a new temporary one, or --dir (created, or empty). */
function workFolder(dir: string | undefined): string {
  if (!dir) return mkdtempSync(path.join(tmpdir(), 'tunegate-demo-'))
  const absolute = path.resolve(dir)
  if (existsSync(absolute) && readdirSync(absolute).length)
    throw new Error(`--dir '${dir}' is not empty; expected a new or empty folder for the demo's repository`)
  mkdirSync(absolute, { recursive: true })
  return absolute
}

/** Stops the demo when the story went another way than it tells. */
function expect(ok: boolean, what: string): void {
  if (ok) return
  console.error(`The demo expected ${what}, and it did not happen; the demo stops here. Files: ${work}`)
  process.exit(1)
}

/** Runs the CLI as a user would and returns its exit code; stops the demo when it is not the expected one. */
function tunegate(args: string[], expected: number | 'any' = 0): number {
  console.log(`$ tunegate ${args.join(' ')}`)
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, stdio: 'inherit' })
  const code = r.status ?? 1
  if (expected !== 'any' && code !== expected) {
    console.error(`tunegate ${args[0]} exited ${code} (expected ${expected}); the demo stops here. Files: ${work}`)
    process.exit(code || 1)
  }
  return code
}

/** Why an evaluation's exit code keeps a pull request from merging (`tunegate evaluate`'s documented codes). */
function notMerged(code: number): string {
  return code === EVALUATE_EXIT.inconclusive
    ? "its evaluation is inconclusive, which blocks the merge under registry.yaml's policy.inconclusive: block"
    : 'its gates failed'
}

/** The texts already in the model's train and eval files: the validate step fails a row that repeats one. */
function seenTexts(): Set<string> {
  const seen = new Set<string>()
  for (const split of ['train', 'eval'])
    for (const line of readFileSync(path.join(work, `registry/datasets/${MODEL}/${split}.jsonl`), 'utf8').split('\n'))
      if (line) seen.add(textKey((JSON.parse(line) as { text: string }).text))
  return seen
}
const textKey = (text: unknown) => String(text).toLowerCase().replace(/\s+/g, ' ').trim()

/** `count` new rows from a generator, each text unseen so far; `keep` picks the rows wanted. */
function newRows(
  make: (serial: number) => Record<string, unknown>,
  count: number,
  keep: (row: Record<string, unknown>) => boolean = () => true,
  seen = seenTexts()
): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = []
  for (let i = 0; rows.length < count; i++) {
    if (i > count * 100) throw new Error(`could not make ${count} new rows`)
    const row = make(i)
    if (!keep(row) || seen.has(textKey(row.text))) continue
    seen.add(textKey(row.text))
    rows.push(row)
  }
  return rows
}
const jsonl = (rows: Record<string, unknown>[]) => rows.map(r => JSON.stringify(r)).join('\n') + '\n'

/** A pull request's branch off main with one commit that appends rows to the train file. */
function openPullRequest(branch: string, rows: Record<string, unknown>[], message: string): void {
  git('checkout', '-q', '-b', branch, 'main')
  appendFileSync(path.join(work, TRAIN), jsonl(rows))
  git('commit', '-q', '-am', message)
}

/** Merges a branch into main and records the pull request as GitHub would answer for it (the local host). */
async function merge(number: number, branch: string, title: string, reviewer: string): Promise<PullRequestInfo> {
  const head = git('rev-parse', branch)
  git('checkout', '-q', 'main')
  git('merge', '-q', '--no-ff', '-m', `Merge pull request #${number}: ${title}`, branch)
  const info: PullRequestInfo = {
    number,
    title,
    author: 'dana',
    state: 'closed',
    merged: true,
    mergeCommitSha: git('rev-parse', 'HEAD'),
    headSha: head,
    baseSha: git('rev-parse', 'HEAD^1'),
    headRef: branch,
    baseRef: 'main',
    fromFork: false,
    changedFiles: [{ path: TRAIN, status: 'modified' }],
    reviews: [{ user: reviewer, state: 'APPROVED', commitId: head }],
    url: `local:pulls/${number}`
  }
  await host.recordPullRequest(info)
  return info
}

/** A metric per use case from the evaluation record (`tunegate.evaluation/v1`): which use case regressed. */
function printUseCases(metric: string): void {
  const file = path.join(state, 'reports', 'evaluate', `evaluation-${MODEL}.json`)
  const record = JSON.parse(readFileSync(file, 'utf8')) as {
    metrics: Record<string, { slices: Record<string, { n: number; comparison?: Comparison }> }>
  }
  type Comparison = { baseline: number; candidate: number; delta: number; low: number; high: number }
  const f = (x: number) => x.toFixed(3)
  console.log(`${metric} per use case (${path.relative(work, file)}):`)
  for (const [slice, s] of Object.entries(record.metrics[metric]?.slices ?? {})) {
    const c = s.comparison
    if (slice !== 'all' && c)
      console.log(
        `  ${slice.padEnd(18)} ${s.n} examples  production ${f(c.baseline)}  candidate ${f(c.candidate)}  Δ ${f(c.delta)} [${f(c.low)}, ${f(c.high)}]`
      )
  }
}

// With the baseline trainer the verdicts of the story are known (test/demo.test.ts checks them); a tiny model with
// random weights (--trainer hf-peft) may judge either way, and the story follows what it says.
const strict = trainer === 'baseline'
const story = [`${MODEL} v1.0.0 promoted`]

const tags = () => git('tag', '--list', `${MODEL}*`).split('\n').filter(Boolean)

step(`A registry repository in ${work}`)
cpSync(path.join(root, 'registry'), path.join(work, 'registry'), { recursive: true })
if (trainer === 'hf-peft') useHfPeft(root, path.join(work, 'registry'))
git('init', '-q', '-b', 'main')
git('config', 'user.email', 'demo@tunegate.local')
git('config', 'user.name', 'Tunegate demo')
writeFileSync(path.join(work, '.gitignore'), '/.tunegate/\n/production/\n')
git('add', '-A')
git('commit', '-q', '-m', 'Example registry')

step(`Production: train, evaluate and promote ${MODEL} on main (v1.0.0)`)
tunegate(['train', '--model', MODEL])
tunegate(['evaluate', '--model', MODEL])
// Not a pull request: the promotion verifies the evaluation and says that no approvals were checked.
tunegate(['promote', '--model', MODEL])
expect(tags().includes(`${MODEL}@v1.0.0`), `${MODEL}@v1.0.0 to be tagged`)

step(`Pull request #7: 300 more training rows for ${MODEL}`)
const moreData = rng(99)
openPullRequest(
  'more-training-data',
  newRows(i => ({ ...classifierRow(moreData, 900_000 + i), id: `cls-pr-${i}` }), 300),
  `More ${MODEL} training data`
)

step('Validate the change (affected models, data checks, dataset diff)')
tunegate(['validate', '--base', 'main', '--head', 'HEAD'])

step(`Train the affected model with the ${trainer} trainer (CPU)`)
tunegate(['train', '--model', MODEL])

step('Evaluate the candidate against production v1.0.0')
const evaluated = tunegate(['evaluate', '--model', MODEL], strict ? EVALUATE_EXIT.pass : 'any')
if (evaluated === EVALUATE_EXIT.pass) {
  step('Merge pull request #7 (approved by a reviewer) and promote the candidate (v1.1.0)')
  await merge(7, 'more-training-data', `More ${MODEL} training data`, 'robin')
  tunegate(['promote', '--model', MODEL])
  expect(tags().includes(`${MODEL}@v1.1.0`), `${MODEL}@v1.1.0 to be tagged`)

  step('Roll production back to v1.0.0 (a new stage tag; history is appended)')
  tunegate(['assign', '--action', 'rollback', '--model', MODEL, '--stage', 'production'])
  console.log(tags().join('  '))
  story.push('v1.1.0 promoted', 'production rolled back to v1.0.0')
} else {
  console.log(`Pull request #7 ${notMerged(evaluated)} with the ${trainer} trainer: it is not merged.`)
  git('checkout', '-q', 'main')
  story.push(`pull request #7 not merged (${notMerged(evaluated)})`)
}

step('Pull request #8: a labelling batch marks every content-refresh article "refresh-none"')
// A vendor's tool defaulted the label: 400 valid rows, so validate passes, but they teach the model to leave
// stale articles alone — the content-refresh use case regresses.
const relabelled = rng(1234)
openPullRequest(
  'refresh-labels-batch',
  newRows(
    i => ({ ...classifierRow(relabelled, 950_000 + i), id: `cls-batch-${i}` }),
    400,
    row => row.use_case === 'content-refresh'
  ).map(row => ({ ...row, label: 'refresh-none' })),
  'content-refresh labels from the new vendor'
)
tunegate(['validate', '--base', 'main', '--head', 'HEAD'])
tunegate(['train', '--model', MODEL])
if (strict) console.log('The evaluation is expected to fail a gate: the tunegate status on the pull request turns red.')
const judged = tunegate(['evaluate', '--model', MODEL], strict ? EVALUATE_EXIT.fail : 'any')
printUseCases('accuracy')
if (judged === EVALUATE_EXIT.fail) {
  step('Pull request #8 is merged past the red status; promote refuses it')
  // On GitHub, branch protection requiring the `tunegate` status keeps the merge button shut; an admin can
  // still bypass it. Promote re-checks the evaluation on the merge commit, so the bypass does not reach a tag.
  await merge(8, 'refresh-labels-batch', 'content-refresh labels from the new vendor', 'robin')
  const before = tags()
  console.log('Promote is expected to refuse: the evaluation of the merged tree fails its gates.')
  tunegate(['promote', '--model', MODEL], 1)
  expect(tags().join() === before.join(), 'promote to create no tag for the refused merge')
  git('revert', '--no-edit', '-m', '1', 'HEAD')
  console.log(`Reverted on main (a new commit, nothing rewritten): ${git('log', '-1', '--format=%h %s')}`)
  story.push('pull request #8 refused by promote and reverted')
} else {
  // An inconclusive evaluation blocks the merge as a failing one does; the demo merges past a red status only
  // to show promote refusing a failing gate.
  const why = judged === EVALUATE_EXIT.pass ? 'its gates passed with this trainer' : notMerged(judged)
  console.log(`Pull request #8: ${why} with the ${trainer} trainer; the demo does not merge it.`)
  git('checkout', '-q', 'main')
  story.push(`pull request #8 not merged (${why})`)
}

step('Production inputs drift: articles about garden tools, a product line the training data never saw')
// What a team's export step would write: current production inputs, and the rows reviewers labelled since.
mkdirSync(path.join(work, 'production'))
const drifted = rng(2026)
const samples = newRows(i => gardenClassifierRow(drifted, 700_000 + i), 300, undefined, new Set()).map(r => ({
  input: r.text,
  use_case: r.use_case
}))
writeFileSync(path.join(work, 'production/samples.jsonl'), jsonl(samples))
const labelled = rng(2027)
const feedback = newRows(i => ({ ...gardenClassifierRow(labelled, 800_000 + i), id: `fb-garden-${i}` }), 60)
writeFileSync(path.join(work, 'production/feedback.jsonl'), jsonl(feedback))
console.log(
  `production/samples.jsonl: ${samples.length} production inputs; production/feedback.jsonl: ${feedback.length} labelled rows`
)
const { drift: policy } = (await loadRegistryModel(path.join(work, 'registry'), MODEL)).registry.config
console.log(
  `A model has drifted when at least ${policy.share * 100}% of its statistics drift (registry.yaml's drift.share${policy.consecutive_runs > 1 ? `, ${policy.consecutive_runs} runs in a row` : ''}).`
)
tunegate(['drift', '--samples', 'production/samples.jsonl', '--feedback', 'production/feedback.jsonl'])
const driftRecordFile = path.join(state, 'drift', MODEL, 'drift.json')
const driftRecord = JSON.parse(readFileSync(driftRecordFile, 'utf8')) as {
  version: string
  verdict: string
  action: { kind: string }
}
expect(
  driftRecord.verdict === 'drift' && driftRecord.action.kind === 'pull-request',
  'drift, and a retraining pull request'
)
console.log(git('log', '--format=%h %s', `main..${RETRAIN_BRANCH}`))
console.log(git('diff', '--stat', `main...${RETRAIN_BRANCH}`))

step('The retraining pull request gets its own validate run')
git('checkout', '-q', RETRAIN_BRANCH)
tunegate(['validate', '--base', 'main', '--head', 'HEAD'])
git('checkout', '-q', 'main')

step('Where everything is')
const releases = path.join(state, 'releases')
const pulls = path.join(state, 'pulls')
console.log(
  `Work folder: ${work}  (a git repository; branches: ${git('branch', '--format=%(refname:short)').split('\n').join(', ')})`
)
console.log(`Tags:        ${tags().join('  ')}`)
console.log(
  `Releases:    ${releases}/  (${readdirSync(releases).join(', ')}: model card, manifest, evaluation, SHA256SUMS)`
)
console.log(`PR records:  ${pulls}/  (${readdirSync(pulls).join(', ')})`)
console.log(`Drift:       ${driftRecordFile}  (the record; the report is .tunegate/reports/drift-${MODEL}.md)`)
console.log(
  `Reports:     ${path.join(state, 'reports')}/  (validation.md, train-*.md, evaluate-*.md: the PR comment sections)`
)
console.log(`Runs:        ${path.join(state, 'runs')}/  (adapter/, predictions.jsonl, events.jsonl, run.json)`)
story.push(`drift since ${driftRecord.version} with ${feedback.length} feedback rows on ${RETRAIN_BRANCH}`)
console.log(`The story:   ${story.join('; ')}`)
tunegate(['registry', 'show'])

step('The judge: seo-writer against production, judged by a local stand-in that favours the first output')
await judgeStory(path.join(work, 'judge'))

step('The registry site')
const site = path.join(state, 'site')
tunegate(['site', '--out', site])
console.log(
  `Open ${pathToFileURL(path.join(site, 'index.html')).href} in a browser: models × stages, each model's timeline and metric history, an overview.`
)

/**
 * seo-writer in a repository of its own: v1 in production (its release carries its outputs), a candidate trained
 * on a third of the rows, judged by the stand-in (answering "A" on 35% of calls whatever it sees) in both orders.
 */
async function judgeStory(dir: string): Promise<void> {
  const seo = 'seo-writer'
  const { startJudgeStandIn } = await import('./judge-stand-in.js')
  const { trainModel, trainReleaseAssetName } = await import('../src/training/train.js')
  const { runEvaluation } = await import('../src/evaluation/evaluate.js')
  const { EVALUATION_ASSET } = await import('../src/evaluation/production.js')
  const { zipOutputs } = await import('../src/release/archive.js')
  const { judgeSection } = await import('../src/report/judge-report.js')
  const standIn = await startJudgeStandIn({ positionBias: 0.35, seed: 7 })
  try {
    const run = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim()
    mkdirSync(path.join(dir, 'registry', 'judges'), { recursive: true })
    cpSync(path.join(root, 'registry'), path.join(dir, 'registry'), { recursive: true })
    cpSync(path.join(root, 'scripts', 'seo-writer-rubric.yaml'), path.join(dir, 'registry', 'judges', `${seo}.yaml`))
    const spec = path.join(dir, 'registry', 'models', seo, 'model.yaml')
    writeFileSync(
      spec,
      readFileSync(spec, 'utf8')
        .replace('risk_tier: high', 'risk_tier: low')
        .replace(/ {2}gates:\n( {4}[^\n]*\n)+/, '  gates:\n    - metric: judge_win_rate\n      min: 0.4\n') +
        `  judge:\n    judges:\n      - name: stand-in\n        base_url: ${standIn.url}\n        model: stand-in-judge\n` +
        `    rubric: judges/${seo}.yaml\n    max_cost_usd: 1\n`
    )
    appendFileSync(
      path.join(dir, 'registry', 'registry.yaml'),
      '\njudge:\n  prices:\n    stand-in-judge: {input_per_million: 0.5, output_per_million: 1.5}\n'
    )
    run('init', '-q', '-b', 'main')
    run('-c', 'user.name=demo', '-c', 'user.email=demo@tunegate.local', 'add', '-A')
    run('-c', 'user.name=demo', '-c', 'user.email=demo@tunegate.local', 'commit', '-q', '-m', 'seo-writer, judged')
    const judgeHost = new LocalHost(path.join(dir, '.tunegate'), dir)
    const registryDir = path.join(dir, 'registry')
    const v1 = await trainModel({ registryDir, model: seo, workDir: path.join(dir, '.tunegate', 'v1') })
    const first = await runEvaluation({
      registryDir,
      model: seo,
      host: judgeHost,
      workDir: path.join(dir, '.tunegate', 'e1'),
      runDir: v1.outputDir
    })
    const commit = run('rev-parse', 'HEAD')
    await judgeHost.createTag(`${seo}@v1.0.0`, commit, `${seo}@v1.0.0\n`)
    await judgeHost.createTag(`${seo}#production#1`, commit, `${seo} v1.0.0 lands in production\n`, {
      taggedAt: Math.floor(Date.now() / 1000) + 1
    })
    const release = await judgeHost.createDraftRelease(`${seo}@v1.0.0`, `${seo} v1.0.0`, '')
    await judgeHost.uploadReleaseAsset(release, { name: EVALUATION_ASSET, path: first.recordFile })
    const archive = path.join(dir, '.tunegate', 'v1.zip')
    await zipOutputs(v1.outputDir, archive)
    await judgeHost.uploadReleaseAsset(release, {
      name: trainReleaseAssetName(seo, v1.identity.training_fingerprint),
      path: archive
    })
    await judgeHost.publishRelease(release)
    console.log(`${seo} v1.0.0 in production, its outputs in its release`)
    const train = path.join(registryDir, 'datasets', seo, 'train.jsonl')
    const rows = readFileSync(train, 'utf8').split('\n').filter(Boolean)
    writeFileSync(train, rows.filter((_, i) => i % 3 === 0).join('\n') + '\n')
    run(
      '-c',
      'user.name=demo',
      '-c',
      'user.email=demo@tunegate.local',
      'commit',
      '-qam',
      'A third of the training rows'
    )
    const v2 = await trainModel({ registryDir, model: seo, workDir: path.join(dir, '.tunegate', 'v2') })
    const second = await runEvaluation({
      registryDir,
      model: seo,
      host: judgeHost,
      workDir: path.join(dir, '.tunegate', 'e2'),
      runDir: v2.outputDir,
      log: m => console.log(m)
    })
    const j = second.record.judge
    expect(j !== undefined, 'the candidate to be judged against production')
    const firstOrder = j!.verdicts.filter(v => v.order === 'candidate-first' && v.winner)
    const naive = firstOrder.filter(v => v.winner === 'A').length / Math.max(1, firstOrder.length)
    console.log(
      `Shown only as A, the candidate would have won ${(100 * naive).toFixed(1)}% of the calls; judged in both orders:`
    )
    console.log(judgeSection(second.record).join('\n'))
    for (const g of second.record.gates.filter(x => x.metric === 'judge_win_rate'))
      console.log(
        `gate judge_win_rate ≥ ${g.threshold}: ${!g.passed ? 'fail' : g.inconclusive ? 'inconclusive' : 'pass'} — ${g.reason}`
      )
    console.log(`Stand-in calls: ${standIn.requests()}; the record: ${second.recordFile}`)
  } finally {
    await standIn.close()
  }
}
