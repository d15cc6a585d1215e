import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { actionlint } from '../src/workflows/actionlint.js'
import { checkWorkflow } from '../src/workflows/security-rules.js'
import { commitAll, makeRepo, writeRepoFile } from './helpers/git-repo.js'
import { runCli } from './helpers/run-cli.js'

const REF = 'b'.repeat(40)
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
      expect(r.stdout).toMatch(/Next:\n {2}1\. .*\n {2}2\. .*\n {2}3\. .*tunegate doctor/)
      expect(r.stdout).toContain('a Pages site of a private repository is public unless the organisation is on')
      const spec = await readFile(path.join(dir, 'registry/models/support-router/model.yaml'), 'utf8')
      expect(spec).toMatch(/^name: support-router$/m)
      expect(spec).toMatch(new RegExp(`^task_family: ${task}$`, 'm'))
      expect(spec).toMatch(/owners:\n {2}- "@acme\/support"/)
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

  it('re-runs without changes, updates its own untouched files, and refuses to overwrite a person’s file', async () => {
    const dir = await makeRepo()
    expect((await init(dir, '--task', 'classification', '--model', 'router')).code).toBe(0)
    const again = await init(dir, '--task', 'classification', '--model', 'router')
    expect(again.code).toBe(0)
    expect(again.stdout).not.toMatch(/^(wrote|updated) /m)

    // Init's own untouched file may be rewritten (another owner); an edited one may not.
    const owner = await init(dir, '--task', 'classification', '--model', 'router', '--owner', '@acme/ml')
    expect(owner.stdout).toMatch(/^updated {3}registry\/models\/router\/model\.yaml$/m)
    const prompt = path.join(dir, 'registry/prompts/router.yaml')
    const edited = (await readFile(prompt, 'utf8')) + '# my edit\n'
    await writeFile(prompt, edited)
    const refused = await init(dir, '--task', 'classification', '--model', 'router', '--owner', '@acme/other')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/wrote nothing: 1 file already exist.*\n {2}registry\/prompts\/router\.yaml/)
    expect(await readFile(prompt, 'utf8')).toBe(edited)
    expect(await readFile(path.join(dir, 'registry/models/router/model.yaml'), 'utf8')).toContain('@acme/ml')
  })

  it('leaves an existing registry alone, and says plainly what was wrong with its flags', async () => {
    const dir = await makeRepo()
    await writeRepoFile(dir, 'registry/registry.yaml', 'version: 1\n# ours\n')
    const r = await init(dir, '--model', 'x1')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('registry/registry.yaml')
    expect(await readFile(path.join(dir, 'registry/registry.yaml'), 'utf8')).toBe('version: 1\n# ours\n')
    const bad = await runCli(['init', '--task', 'poetry', '--tunegate-ref', REF], dir)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(
      /^Invalid task family 'poetry'\. Expected one of classification, text-generation, transformation\.$/m
    )
    const sha = await runCli(['init', '--tunegate-ref', 'v1'], dir)
    expect(sha.stderr).toMatch(/Invalid --tunegate-ref 'v1'\. Expected the full 40-character commit SHA/)
    expect(sha.stderr).not.toMatch(/at .*\.ts:\d+/)
  })
})
