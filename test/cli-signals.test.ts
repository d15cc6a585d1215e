import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { fakeTrainer, useCommandTrainer } from './helpers/fake-trainer.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { CLI } from './helpers/run-cli.js'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('a signal ends the CLI', () => {
  it('SIGTERM during training stops the trainer and the CLI within seconds, saying so', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const pidFile = path.join(repo, 'trainer.pid')
    const script = await fakeTrainer(`
fs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid))
emit({ type: 'progress', step: 1, total_steps: 100, epoch: 0, loss: 1, learning_rate: 0.1, tokens_per_second: 1 })
setInterval(() => {}, 1000)
`)
    await useCommandTrainer(repo, script)
    await commitAll(repo, 'a trainer that never ends')
    const child = spawn(process.execPath, [CLI, 'train', '--model', 'schema-markup'], {
      cwd: repo,
      env: { ...process.env, NO_COLOR: '1' }
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
    for (let i = 0; i < 600 && !existsSync(pidFile); i++) await sleep(100)
    const trainer = Number(await readFile(pidFile, 'utf8'))
    expect(alive(trainer)).toBe(true)
    child.kill('SIGTERM')
    const code = await exited
    expect(code).not.toBe(0)
    expect(output).toMatch(/cancel/i)
    expect(output).not.toMatch(/internal error/)
    for (let i = 0; i < 50 && alive(trainer); i++) await sleep(100)
    expect(alive(trainer)).toBe(false)
  }, 90_000)
})
