import { execFile } from 'node:child_process'
import { symlink, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { GitHubStandIn } from './github/stand-in.js'
import { makeRepo, writeRepoFile } from './helpers/git-repo.js'
import { runCli } from './helpers/run-cli.js'

const SHA = 'a'.repeat(40)
const CALLER = `name: Tunegate
on:
  pull_request:
permissions:
  contents: read
jobs:
  tunegate:
    uses: acme/tunegate/.github/workflows/tunegate.yml@${SHA}
`
const MARKER = 'tunegate-doctor-secret-marker-6c1f'

const doctor = (dir: string, env: Record<string, string>) =>
  runCli(['doctor', '--github-repo', 'acme/models'], dir, {
    GITHUB_TOKEN: '',
    GH_TOKEN: '',
    GITHUB_REPOSITORY: '',
    ...env
  })

/** A server that answers each request by the token it carries: silence, or a 200 MB answer. */
async function hostileApi(): Promise<{ url: string; sent: () => number; server: Server }> {
  let sent = 0
  const server = createServer((req, res) => {
    const token = String(req.headers.authorization ?? '').replace(/^(token|bearer) /i, '')
    if (token === 'silent') return // never answers
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    const chunk = Buffer.alloc(1024 * 1024, 'x')
    let left = 200
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        left--
        sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    res.write('{"name":"')
    pump()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent: () => sent, server }
}

describe('tunegate doctor on hostile input', { timeout: 180_000 }, () => {
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of closers.splice(0)) await close()
  })

  it('never prints a linked workflow file, and does not hang on a FIFO', async () => {
    const dir = await makeRepo({ withRegistry: true })
    await writeRepoFile(dir, '.github/workflows/tunegate.yml', CALLER)
    const workflows = path.join(dir, '.github', 'workflows')
    await writeFile(path.join(dir, 'secret.txt'), `TOKEN=${MARKER}\n`)
    await symlink('/proc/self/environ', path.join(workflows, 'environ.yml'))
    await symlink(path.join(dir, 'secret.txt'), path.join(workflows, 'linked.yml'))
    await promisify(execFile)('mkfifo', [path.join(workflows, 'fifo.yml')])
    const r = await doctor(dir, { TUNEGATE_MARKER: MARKER })
    expect(r.stdout + r.stderr).not.toContain(MARKER)
    expect(r.stdout).toMatch(/^✗ \.github\/workflows\/environ\.yml: not read\n {4}.*environ\.yml is a symbolic link/m)
    expect(r.stdout).toMatch(/^✗ \.github\/workflows\/linked\.yml: not read\n {4}.*is a symbolic link/m)
    expect(r.stdout).toMatch(/^✗ \.github\/workflows\/fifo\.yml: not read\n {4}.*is not a regular file/m)
    expect(r.code).toBe(1)
  })

  it('says an unreachable, silent or flooding API once, in words, and bounds what it reads', async () => {
    const dir = await makeRepo({ withRegistry: true })
    await writeRepoFile(dir, '.github/workflows/tunegate.yml', CALLER)
    const api = await hostileApi()
    closers.push(() => new Promise(resolve => api.server.close(() => resolve())))
    // A port nothing listens on: the server's, closed.
    const closed = await hostileApi()
    await new Promise(resolve => closed.server.close(resolve))
    const [refused, silent, flood] = await Promise.all([
      doctor(dir, { GITHUB_API_URL: closed.url, GITHUB_TOKEN: 'x' }),
      doctor(dir, { GITHUB_API_URL: api.url, GITHUB_TOKEN: 'silent' }),
      doctor(dir, { GITHUB_API_URL: api.url, GITHUB_TOKEN: 'flood' })
    ])
    const host = new URL(api.url).host
    expect(refused.stdout).toMatch(
      new RegExp(
        `^\\? GitHub settings of acme/models: not read\\n {4}cannot reach ${new URL(closed.url).host}: connection refused$`,
        'm'
      )
    )
    expect(refused.stdout).not.toMatch(/GitHub answered 500/)
    expect(silent.stdout).toMatch(new RegExp(`^ {4}cannot reach ${host}: no answer in time$`, 'm'))
    expect(flood.stdout).toMatch(
      new RegExp(`^ {4}${host} answered more than 5242880 bytes; doctor reads no more than that$`, 'm')
    )
    // It stopped reading: far less than the 200 MB offered was sent (socket buffers hold a few MB).
    expect(api.sent()).toBeLessThan(64 * 1024 * 1024)
    for (const r of [refused, silent, flood]) {
      expect(r.stdout.match(/not read/g)).toHaveLength(1)
      expect(r.stderr).toBe('')
    }
  }, 240_000)

  it('reports an hour-long rate limit instead of waiting for it', async () => {
    const gh = await new GitHubStandIn().start()
    closers.push(() => gh.stop())
    const dir = await makeRepo({ withRegistry: true })
    await writeRepoFile(dir, '.github/workflows/tunegate.yml', CALLER)
    const reset = Math.floor(Date.now() / 1000) + 3600
    gh.inject({
      path: /^\/repos\/acme\/models$/,
      status: 403,
      message: 'API rate limit exceeded for user ID 1.',
      headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      times: 10
    })
    const r = await doctor(dir, { GITHUB_API_URL: gh.url, GITHUB_TOKEN: 'human-token' })
    const until = new Date(reset * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
    expect(r.stdout).toMatch(
      new RegExp(`^ {4}GitHub's rate limit for this token is spent until ${until}; doctor does not wait$`, 'm')
    )
    expect(gh.violations).toEqual([])
  }, 240_000)
})
