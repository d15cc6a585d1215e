// A trainer runs code a pull request chose. Its own environment is scrubbed, but /proc/<pid>/environ of every
// process of the same user is readable: the train action's, which holds ACTIONS_RUNTIME_TOKEN (artifact uploads
// in the run's name) and the OIDC request token. Started in a PID namespace of its own, the trainer sees none.
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isolationLauncher } from '../src/training/runner.js'
import { fakeTrainer, useCommandTrainer } from './helpers/fake-trainer.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { runAction } from './helpers/run-action.js'

const SECRET = 'runtime-token-only-the-job-may-hold'

/** A trainer that looks for the job's token in the environment of its ancestors and of every process it sees. */
async function snoopingTrainer(report: string): Promise<string> {
  return fakeTrainer(`
const environ = pid => { try { return fs.readFileSync('/proc/' + pid + '/environ', 'latin1') } catch { return undefined } }
const ancestors = []
for (let pid = process.ppid; pid > 0 && ancestors.length < 50; ) {
  const text = environ(pid)
  ancestors.push({ pid, readable: text !== undefined, holdsToken: !!text && text.includes(${JSON.stringify(SECRET)}) })
  let stat
  try { stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8') } catch { break }
  pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
}
const seen = fs.readdirSync('/proc').filter(n => /^\\d+$/.test(n))
const holders = seen.filter(pid => (environ(pid) ?? '').includes(${JSON.stringify(SECRET)}))
fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify({ pid: process.pid, ancestors, seen: seen.length, holders }))
writeOutputs()
emit({ type: 'done' })`)
}

async function commandRepo(script: string): Promise<string> {
  const repo = await makeRepo({ withRegistry: true })
  await useCommandTrainer(repo, script)
  await commitAll(repo, 'schema-markup trained by a command')
  return repo
}

const trainInputs = {
  registry: 'registry',
  model: 'schema-markup',
  token: '',
  force: 'false',
  upload: 'false',
  'work-dir': '',
  'retention-days': '7'
}
const jobSecrets = { ACTIONS_RUNTIME_TOKEN: SECRET, ACTIONS_ID_TOKEN_REQUEST_TOKEN: SECRET }

describe("the trainer cannot read the job's tokens", () => {
  it.skipIf(!isolationLauncher().prefix)(
    'from its ancestors or any other process: it runs in a PID namespace of its own, and still trains',
    async () => {
      const report = path.join(await mkdtemp(path.join(tmpdir(), 'tg-snoop-')), 'report.json')
      const repo = await commandRepo(await snoopingTrainer(report))
      const run = await runAction('train', { cwd: repo, inputs: trainInputs, env: jobSecrets })
      expect(run.code, run.stdout).toBe(0)
      const seen = JSON.parse(await readFile(report, 'utf8')) as {
        pid: number
        ancestors: { pid: number; readable: boolean; holdsToken: boolean }[]
        holders: string[]
      }
      expect(seen.holders).toEqual([])
      expect(seen.ancestors.filter(a => a.holdsToken)).toEqual([])
      // Its first ancestor in sight is the namespace's first process; the train action is out of sight.
      expect(seen.pid).toBeLessThan(10)
      expect(seen.ancestors.map(a => a.pid)).toEqual([1])
    },
    120_000
  )

  it('refuses to start a trainer it cannot isolate, saying what the runner must provide', async () => {
    // A machine without util-linux's unshare: only git, sh and node on the PATH.
    const bin = await mkdtemp(path.join(tmpdir(), 'tg-bin-'))
    await mkdir(bin, { recursive: true })
    for (const tool of ['git', 'sh'])
      await symlink(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(bin, tool))
    const report = path.join(bin, 'report.json')
    const repo = await commandRepo(await snoopingTrainer(report))
    const run = await runAction('train', { cwd: repo, inputs: trainInputs, env: { ...jobSecrets, PATH: bin } })
    expect(run.code, run.stdout.slice(-3000)).toBe(1)
    expect(run.stdout).toMatch(
      /the trainer cannot be kept from this job's tokens: unshare .*\. The runner must let it run in a PID namespace of its own/
    )
    await expect(readFile(report, 'utf8')).rejects.toThrow(/ENOENT/)
  }, 120_000)
})
