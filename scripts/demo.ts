// `npm run demo`: the whole flow on a temporary copy of the example registry, CPU only, through the
// tunegate CLI: v1.0.0 is trained, evaluated and promoted; a pull request adds training data, and the
// change is validated, trained with the baseline trainer, evaluated against production, merged and
// promoted as v1.1.0; then production is rolled back to v1.0.0.
import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { LocalHost } from '../src/host/local-host.js'
import { classifierRow, rng } from './example-data.js'
import { demoTrainer, useHfPeft } from './demo-trainer.js'

const root = path.resolve(import.meta.dirname, '..')
const cli = path.join(root, 'bin', 'tunegate.js')
const work = mkdtempSync(path.join(tmpdir(), 'tunegate-demo-'))
const git = (...args: string[]) => execFileSync('git', args, { cwd: work, encoding: 'utf8' }).trim()
const step = (title: string) => console.log(`\n\u001b[1m== ${title} ==\u001b[0m`)

/** Runs the CLI as a user would; stops the demo when a step fails unexpectedly. */
function tunegate(args: string[], allowFailure = false): number {
  console.log(`$ tunegate ${args.join(' ')}`)
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, stdio: 'inherit' })
  if (r.status !== 0 && !allowFailure) {
    console.error(`tunegate ${args[0]} failed (exit ${r.status}); the demo stops here. Files: ${work}`)
    process.exit(r.status ?? 1)
  }
  return r.status ?? 1
}

step(`A registry repository in ${work}`)
cpSync(path.join(root, 'registry'), path.join(work, 'registry'), { recursive: true })
if (demoTrainer(process.argv.slice(2)) === 'hf-peft') useHfPeft(root, path.join(work, 'registry'))
git('init', '-q', '-b', 'main')
git('config', 'user.email', 'demo@tunegate.local')
git('config', 'user.name', 'Tunegate demo')
git('add', '-A')
git('commit', '-q', '-m', 'Example registry')

step('Production: train, evaluate and promote content-classifier on main (v1.0.0)')
tunegate(['train', '--model', 'content-classifier'])
tunegate(['evaluate', '--model', 'content-classifier'])
// Not a pull request: the promotion verifies the evaluation and says that no approvals were checked.
tunegate(['promote', '--model', 'content-classifier'])

step('A pull request: 300 more training rows for content-classifier')
git('checkout', '-q', '-b', 'more-training-data')
const r = rng(99)
const train = path.join(work, 'registry/datasets/content-classifier/train.jsonl')
// New rows only: the validate step would rightly fail a row whose text is already in train or eval.
const key = (text: unknown) => String(text).toLowerCase().replace(/\s+/g, ' ').trim()
const seen = new Set<string>()
for (const split of ['train', 'eval']) {
  for (const line of readFileSync(path.join(work, `registry/datasets/content-classifier/${split}.jsonl`), 'utf8').split(
    '\n'
  ))
    if (line) seen.add(key((JSON.parse(line) as { text: string }).text))
}
const rows: string[] = []
for (let i = 0; rows.length < 300; i++) {
  const row = classifierRow(r, 900_000 + i)
  if (seen.has(key(row.text))) continue
  seen.add(key(row.text))
  rows.push(JSON.stringify({ ...row, id: `cls-pr-${i}` }))
}
appendFileSync(train, rows.join('\n') + '\n')
git('commit', '-q', '-am', 'More content-classifier training data')

step('Validate the change (affected models, data checks, dataset diff)')
tunegate(['validate', '--base', 'main', '--head', 'HEAD'])

step('Train the affected model with the baseline trainer (CPU)')
tunegate(['train', '--model', 'content-classifier'])

step('Evaluate the candidate against production v1.0.0')
const verdict = tunegate(['evaluate', '--model', 'content-classifier'], true)

step('Merge the pull request (approved by a reviewer) and promote the candidate (v1.1.0)')
const head = git('rev-parse', 'HEAD')
git('checkout', '-q', 'main')
git(
  'merge',
  '-q',
  '--no-ff',
  '-m',
  'Merge pull request #7: more content-classifier training data',
  'more-training-data'
)
const merge = git('rev-parse', 'HEAD')
// The local host's record of the pull request: what GitHub would answer for it.
await new LocalHost(path.join(work, '.tunegate'), work).recordPullRequest({
  number: 7,
  title: 'More content-classifier training data',
  author: 'dana',
  state: 'closed',
  merged: true,
  mergeCommitSha: merge,
  headSha: head,
  baseSha: git('rev-parse', 'HEAD^1'),
  headRef: 'more-training-data',
  baseRef: 'main',
  fromFork: false,
  changedFiles: [{ path: 'registry/datasets/content-classifier/train.jsonl', status: 'modified' }],
  reviews: [{ user: 'robin', state: 'APPROVED', commitId: head }],
  url: 'local:pulls/7'
})
const promoted = verdict === 0 ? tunegate(['promote', '--model', 'content-classifier']) : 1
if (verdict !== 0) console.log('The candidate fails its gates, so it is not promoted.')

step('Roll production back to v1.0.0 (a new stage tag; history is appended)')
if (promoted === 0)
  tunegate(['assign', '--action', 'rollback', '--model', 'content-classifier', '--stage', 'production'])
console.log(git('tag', '--list', 'content-classifier*').split('\n').join('  '))

step('Where everything is')
writeFileSync(path.join(work, '.tunegate', 'README.txt'), 'Reports of the tunegate demo.\n')
console.log(
  `Reports:  ${path.join(work, '.tunegate/reports')}  (validation.md, train-*.md, evaluate-*.md: the PR comment sections)`
)
console.log(`Runs:     ${path.join(work, '.tunegate/runs')}  (adapter/, predictions.jsonl, events.jsonl, run.json)`)
console.log(`Releases: ${path.join(work, '.tunegate/releases')}`)
console.log(`The evaluation ${verdict === 0 ? 'passes' : 'fails'} its gates.`)
console.log(
  readFileSync(path.join(work, '.tunegate/reports/evaluate-content-classifier.md'), 'utf8')
    .split('\n')
    .slice(0, 14)
    .join('\n')
)
