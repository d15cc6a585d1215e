// `npm run demo`: the whole flow on a temporary copy of the example registry, CPU only, through the
// tunegate CLI: a production version exists, a pull request adds training data, and the change is
// validated, trained with the baseline trainer and evaluated against production.
import { execFileSync, spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { LocalHost } from '../src/host/local-host.js'
import { formatTag, nextCounter } from '../src/registry/gto-tags.js'
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

step('Production: train and evaluate content-classifier on main, then register it as v1.0.0')
tunegate(['train', '--model', 'content-classifier'])
tunegate(['evaluate', '--model', 'content-classifier'])
// The promote step (a later issue) tags the version and publishes its release; the demo does both directly.
const host = new LocalHost(path.join(work, '.tunegate'), work)
const main = git('rev-parse', 'HEAD')
await host.createTag('content-classifier@v1.0.0', main, 'register content-classifier v1.0.0 (demo)')
const tags = git('tag', '--list').split('\n')
await host.createTag(
  formatTag({
    action: 'assign',
    model: 'content-classifier',
    stage: 'production',
    counter: nextCounter('content-classifier', tags)
  }),
  main,
  'production (demo)'
)
const release = await host.createDraftRelease('content-classifier@v1.0.0', 'content-classifier v1.0.0', 'demo release')
await host.uploadReleaseAsset(release, {
  name: 'evaluation.json',
  path: path.join(work, '.tunegate/reports/evaluate/evaluation-content-classifier.json')
})
await host.publishRelease(release)
tunegate(['registry', 'show'])

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
