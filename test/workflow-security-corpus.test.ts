import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { actionlint } from '../src/workflows/actionlint.js'
import { WORKFLOW_RULES, checkWorkflow } from '../src/workflows/security-rules.js'

// One workflow per variant of each rule (zizmor's audit classes): a line that must be flagged ends in
// `# ✗ <rule> [<rule> …]`; a workflow under safe/ must give no finding at all. Every other line of every
// fixture keeps the rules, so a finding anywhere else is a false positive.
const ROOT = 'test/fixtures/workflow-security'
const files = (await readdir(ROOT, { recursive: true })).filter(f => f.endsWith('.yml')).sort()

function expected(content: string): string[] {
  return content
    .split('\n')
    .flatMap((line, i) => (/# ✗ (.+)$/.exec(line)?.[1]?.split(/\s+/) ?? []).map(rule => `${rule}@${i + 1}`))
    .sort()
}

describe('the workflow security rules over the variant corpus', () => {
  it('has variants of every rule, and safe workflows', async () => {
    const rules = new Set<string>()
    for (const f of files)
      for (const e of expected(await readFile(path.join(ROOT, f), 'utf8'))) rules.add(e.split('@')[0]!)
    expect([...rules].sort()).toEqual(Object.keys(WORKFLOW_RULES).sort())
    expect(files.filter(f => f.startsWith('safe/')).length).toBeGreaterThanOrEqual(10)
  })

  it.each(files)('%s: exactly the marked findings', async f => {
    const content = await readFile(path.join(ROOT, f), 'utf8')
    const found = checkWorkflow(f, content).map(x => `${x.rule}@${x.line}`)
    expect([...new Set(found)].sort()).toEqual(expected(content))
  })

  it('gives actionlint the registry runner labels, so a guarded [self-hosted, gpu] job is not an unknown label', async () => {
    const content = await readFile(path.join(ROOT, 'safe/guarded-gpu.yml'), 'utf8')
    expect((await actionlint('g.yml', content)).map(f => f.message)).toEqual([
      expect.stringMatching(/label "gpu" is unknown.*\[runner-label\]/)
    ])
    expect(await actionlint('g.yml', content, { selfHostedRunnerLabels: ['gpu'] })).toEqual([])
    expect(await actionlint('g.yml', content, { selfHostedRunnerLabels: ['g*'] })).toEqual([])
    expect(await actionlint('g.yml', content, { selfHostedRunnerLabels: ['cpu'] })).toHaveLength(1)
  })
})
