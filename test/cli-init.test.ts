import { mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { actionlint } from '../src/workflows/actionlint.js'
import { checkWorkflow } from '../src/workflows/security-rules.js'
import { git } from '../src/registry/git.js'
import { commitAll, makeRepo, writeRepoFile } from './helpers/git-repo.js'
import { runCli } from './helpers/run-cli.js'

const REF = 'b'.repeat(40)
const NEW_REF = 'c'.repeat(40)
const init = (dir: string, ...args: string[]) =>
  runCli(['init', '--tunegate-repo', 'acme/tunegate', '--tunegate-ref', REF, ...args], dir)

describe('tunegate init', () => {
  it.each(['classification', 'text-generation', 'transformation'])(
    'sets up an empty repository for %s: a registry that validates and workflows that keep the security rules',
    async task => {
      const dir = await makeRepo()
      const r = await init(dir, '--task', task, '--model', 'support-router', '--owner', '@acme/support')
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toMatch(/^wrote {5}registry\/models\/support-router\/model\.yaml$/m)
      expect(r.stdout).toMatch(/Next:\n {2}1\. .*\n {2}2\. .*\n {2}3\. .*tunegate(\.js)? doctor/)
      expect(r.stdout).toContain('a Pages site of a private repository is public unless the organisation is on')
      const spec = await readFile(path.join(dir, 'registry/models/support-router/model.yaml'), 'utf8')
      expect(spec).toMatch(/^name: support-router$/m)
      expect(spec).toMatch(new RegExp(`^task_family: ${task}$`, 'm'))
      expect(spec).toMatch(/^owners: \["@acme\/support"\]$/m)
      // The first pull request needs no runner of the adopter's; the way to a GPU runner is in the file.
      expect(parse(spec).training).toMatchObject({ trainer: 'baseline', runner: 'ubuntu-latest' })
      expect(spec).toMatch(/^ {2}# runner: \[self-hosted, gpu\]$/m)
      expect(spec).toMatch(
        /# Actions Runner Controller scale set, e\.g\. runner: arc-gpu \(a scale set has no self-hosted label\)/
      )
      expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toMatch(/^\.tunegate\/$/m)
      const lint = await runCli(['registry', 'lint'], dir)
      expect(lint.code, lint.stdout).toBe(0)
      await commitAll(dir, 'tunegate init')
      const validate = await runCli(['validate'], dir)
      expect(validate.code, validate.stdout + validate.stderr).toBe(0)
      const workflows = await readdir(path.join(dir, '.github/workflows'))
      expect(workflows.sort()).toEqual(['tunegate-drift.yml', 'tunegate-promote.yml', 'tunegate.yml'])
      for (const w of workflows) {
        const content = await readFile(path.join(dir, '.github/workflows', w), 'utf8')
        expect(content).toContain(`acme/tunegate/.github/workflows/${w}@${REF}`)
        expect(checkWorkflow(w, content), w).toEqual([])
        expect(await actionlint(w, content), w).toEqual([])
      }
    },
    120_000
  )

  it('re-runs without changes, moves the pin in its own untouched files, and keeps edited ones, saying which', async () => {
    const dir = await makeRepo()
    const flags = ['--task', 'classification', '--model', 'router', '--owner', '@acme/ml']
    expect((await init(dir, ...flags)).code).toBe(0)
    const again = await init(dir, ...flags)
    expect(again.code).toBe(0)
    expect(again.stdout).not.toMatch(/^(wrote|updated|kept) /m)

    // A person edits one workflow and the prompt; a re-run with a new pin updates only the others.
    const edited = {
      '.github/workflows/tunegate-drift.yml': '',
      'registry/prompts/router.yaml': ''
    }
    for (const file of Object.keys(edited) as (keyof typeof edited)[]) {
      edited[file] = (await readFile(path.join(dir, file), 'utf8')) + '# my edit\n'
      await writeFile(path.join(dir, file), edited[file])
    }
    const moved = await runCli(['init', '--tunegate-repo', 'acme/tunegate', '--tunegate-ref', NEW_REF, ...flags], dir)
    expect(moved.code, moved.stderr).toBe(0)
    expect(moved.stdout).toMatch(/^updated {3}\.github\/workflows\/tunegate\.yml$/m)
    expect(moved.stdout).toMatch(/^updated {3}\.github\/workflows\/tunegate-promote\.yml$/m)
    expect(moved.stdout).toMatch(
      /^kept {6}\.github\/workflows\/tunegate-drift\.yml {3}\(edited since tunegate init wrote it/m
    )
    expect(moved.stdout).toMatch(/^kept {6}registry\/prompts\/router\.yaml /m)
    expect(moved.stdout).toContain(
      `tunegate-drift.yml) may pin another Tunegate: set the ref after @ in each \`uses:\` line to ${NEW_REF}`
    )
    expect(await readFile(path.join(dir, '.github/workflows/tunegate.yml'), 'utf8')).toContain(`@${NEW_REF}`)
    for (const [file, content] of Object.entries(edited))
      expect(await readFile(path.join(dir, file), 'utf8')).toBe(content)

    // Still edited on the next run: kept again, never taken for init's own.
    const third = await runCli(['init', '--tunegate-repo', 'acme/tunegate', '--tunegate-ref', REF, ...flags], dir)
    expect(third.stdout).toMatch(/^kept {6}registry\/prompts\/router\.yaml /m)
    expect(third.stdout).toMatch(/^updated {3}\.github\/workflows\/tunegate\.yml$/m)
    expect(await readFile(path.join(dir, 'registry/prompts/router.yaml'), 'utf8')).toBe(
      edited['registry/prompts/router.yaml']
    )
  })

  it('appends to a .gitignore, never rewrites it, and adds nothing twice', async () => {
    const dir = await makeRepo()
    await writeRepoFile(dir, '.gitignore', 'node_modules/\n*.log')
    expect((await init(dir, '--task', 'transformation', '--model', 'm', '--owner', '@octocat')).code).toBe(0)
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe(
      "node_modules/\n*.log\n# Added by tunegate init (.tunegate/ holds the CLI's local runs, reports and caches)\n.tunegate/\n"
    )
    const again = await init(dir, '--task', 'transformation', '--model', 'm', '--owner', '@octocat')
    expect(again.stdout).not.toMatch(/^appended/m)
    expect((await readFile(path.join(dir, '.gitignore'), 'utf8')).match(/^\.tunegate\/$/gm)).toHaveLength(1)
  })

  it('asks on stdin for what the flags leave out, again after a bad answer, with a suggestion', async () => {
    const dir = await makeRepo()
    const answers = ['clasification', '', 'Support_Router', 'support-router', 'acme', '@acme/ml, @octocat', '', '']
    const r = await runCli(['init'], dir, {}, answers.join('\n') + '\n')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain(
      "Invalid task family 'clasification'; did you mean 'classification'? Expected one of classification, text-generation, transformation."
    )
    expect(r.stderr).toMatch(/Invalid model name 'Support_Router'\. Expected lowercase letters/)
    expect(r.stderr).toMatch(/Invalid owner 'acme'\. Expected a GitHub team @org\/team or user @name/)
    // Asked twice each after the bad answers; the Tunegate to pin offered as this checkout's.
    expect(r.stderr.match(/^Task family/gm)).toHaveLength(2)
    expect(r.stderr.match(/Model name/g)).toHaveLength(2)
    const head = (await git(path.resolve(import.meta.dirname, '..'), ['rev-parse', 'HEAD'])).trim()
    expect(r.stderr).toContain(`[${head}]: `)
    const spec = parse(await readFile(path.join(dir, 'registry/models/support-router/model.yaml'), 'utf8'))
    expect(spec).toMatchObject({ task_family: 'classification', owners: ['@acme/ml', '@octocat'] })
    expect(await readFile(path.join(dir, '.github/workflows/tunegate.yml'), 'utf8')).toContain(`@${head}`)
  })

  it('writes --runner as training.runner: a scale set as its one name, labels as a list', async () => {
    const dir = await makeRepo()
    const flags = ['--task', 'transformation', '--model', 'm', '--owner', '@acme/ml']
    const r = await init(dir, ...flags, '--runner', 'arc-gpu')
    expect(r.code, r.stderr).toBe(0)
    const spec = await readFile(path.join(dir, 'registry/models/m/model.yaml'), 'utf8')
    expect(spec).toMatch(/^ {2}runner: arc-gpu$/m)
    expect(parse(spec).training).toMatchObject({ trainer: 'baseline', runner: 'arc-gpu' })
    expect(r.stdout).toContain('trains with the CPU baseline trainer on arc-gpu; set its trainer: hf-peft')
    const lint = await runCli(['registry', 'lint'], dir)
    expect(lint.code, lint.stdout).toBe(0)

    const labels = await makeRepo()
    expect((await init(labels, ...flags, '--runner', 'self-hosted, gpu')).code).toBe(0)
    const labelled = parse(await readFile(path.join(labels, 'registry/models/m/model.yaml'), 'utf8'))
    expect(labelled.training.runner).toEqual(['self-hosted', 'gpu'])

    const bad = await makeRepo()
    const refused = await init(bad, ...flags, '--runner', 'self hosted')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/Invalid runner label 'self hosted'\. Expected ubuntu-latest, a runner scale set/)
    await expect(readdir(path.join(bad, 'registry'))).rejects.toThrow(/ENOENT/)
  })

  it('asks on stdin where the starter trains, again after a bad answer', async () => {
    const dir = await makeRepo()
    const flags = ['init', '--task', 'classification', '--model', 'm', '--owner', '@acme/ml']
    const r = await runCli(
      [...flags, '--tunegate-repo', 'acme/tunegate', '--tunegate-ref', REF],
      dir,
      {},
      'arc gpu\narc-gpu-runners\n'
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr.match(/^Where the starter trains: .*\[ubuntu-latest\]: /gm)).toHaveLength(2)
    expect(r.stderr).toMatch(/Invalid runner label 'arc gpu'/)
    const spec = parse(await readFile(path.join(dir, 'registry/models/m/model.yaml'), 'utf8'))
    expect(spec.training.runner).toBe('arc-gpu-runners')
  })

  it('writes nothing from a placeholder: a value stdin does not answer is an error naming its flag', async () => {
    const dir = await makeRepo()
    const r = await runCli(['init', '--task', 'classification', '--model', 'm'], dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^tunegate init needs --owner TEAM: standard input ended before an answer/m)
    expect(r.stdout).toBe('')
    await expect(readdir(path.join(dir, 'registry'))).rejects.toThrow(/ENOENT/)
  })

  it('refuses to write through a symbolic link out of the repository, a dangling one included', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'tunegate-outside-'))
    const flags = ['--task', 'classification', '--model', 'm', '--owner', '@acme/ml']
    const linked = await makeRepo()
    await symlink(outside, path.join(linked, 'registry'))
    const r = await init(linked, ...flags)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /^tunegate init wrote nothing: registry is a symbolic link to '.*', outside the repository/m
    )
    expect(await readdir(outside)).toEqual([])

    const dangling = await makeRepo()
    await writeRepoFile(dangling, '.github/README.md', 'x\n')
    await symlink(path.join(outside, 'gone', 'tunegate.yml'), path.join(dangling, '.github/workflows'))
    const d = await init(dangling, ...flags)
    expect(d.code).toBe(1)
    expect(d.stderr).toMatch(
      /^tunegate init wrote nothing: \.github\/workflows is a symbolic link to '.*gone.*', which does not exist/m
    )
    expect(await readdir(outside)).toEqual([])
    await expect(readdir(path.join(dangling, 'registry'))).rejects.toThrow(/ENOENT/)

    // A link that stays inside the repository is a folder of the repository.
    const inside = await makeRepo()
    await writeRepoFile(inside, 'models-home/.keep', '')
    await symlink(path.join(inside, 'models-home'), path.join(inside, 'registry'))
    expect((await init(inside, ...flags)).code).toBe(0)
    expect(await readdir(path.join(inside, 'models-home'))).toContain('registry.yaml')
  })

  it('leaves an existing registry alone, and says plainly what was wrong with its flags', async () => {
    const dir = await makeRepo()
    await writeRepoFile(dir, 'registry/registry.yaml', 'version: 1\n# ours\n')
    const r = await init(dir, '--model', 'x1', '--task', 'classification', '--owner', '@acme/ml')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('registry/registry.yaml')
    expect(await readFile(path.join(dir, 'registry/registry.yaml'), 'utf8')).toBe('version: 1\n# ours\n')
    const bad = await runCli(['init', '--task', 'poetry', '--tunegate-ref', REF], dir)
    const typo = await runCli(['init', '--task', 'clasification'], dir)
    expect(typo.stderr).toMatch(
      /^Invalid task family 'clasification'; did you mean 'classification'\? Expected one of/m
    )
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(
      /^Invalid task family 'poetry'\. Expected one of classification, text-generation, transformation\.$/m
    )
    const sha = await runCli(
      ['init', '--task', 'classification', '--model', 'x', '--owner', '@a', '--tunegate-ref', 'v1'],
      dir
    )
    expect(sha.stderr).toMatch(/Invalid --tunegate-ref 'v1'\. Expected the full 40-character commit SHA/)
    expect(sha.stderr).not.toMatch(/at .*\.ts:\d+/)
  })
})
