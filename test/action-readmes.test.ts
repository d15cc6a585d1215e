// Each action's README against its action.yml: the inputs and outputs tables list what action.yml declares,
// with its defaults, a Permissions section says what the token needs, and the usage workflow keeps the
// security rules and passes only inputs the action has.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { actionlint } from '../src/workflows/actionlint.js'
import { checkWorkflow } from '../src/workflows/security-rules.js'

// actions/report/README.md is kept by the report's owner; these are the ones checked here.
const ACTIONS = ['validate', 'train', 'evaluate', 'promote', 'drift', 'site']
const SHA_PLACEHOLDER = '<full commit SHA>'

interface ActionYml {
  inputs: Record<string, { required?: boolean; default?: string }>
  outputs: Record<string, unknown>
}
interface Step {
  uses?: string
  with?: Record<string, unknown>
}

/** The rows of the first markdown table under a `## heading`: first cell (backticks removed) → the row's cells. */
function table(readme: string, heading: string): Map<string, string[]> {
  const start = readme.indexOf(`\n## ${heading}\n`)
  expect(start, `a '## ${heading}' section`).toBeGreaterThanOrEqual(0)
  const section = readme.slice(start + heading.length + 5).split('\n## ')[0]!
  const rows = new Map<string, string[]>()
  for (const line of section.split('\n').filter(l => l.startsWith('| `'))) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map(c => c.trim())
    rows.set(cells[0]!.replace(/`/g, ''), cells.slice(1))
  }
  return rows
}

describe.each(ACTIONS)('actions/%s/README.md', name => {
  const load = async () => ({
    readme: await readFile(path.join('actions', name, 'README.md'), 'utf8'),
    action: parse(await readFile(path.join('actions', name, 'action.yml'), 'utf8')) as ActionYml
  })

  it("lists action.yml's inputs with their defaults, its outputs, and the permissions", async () => {
    const { readme, action } = await load()
    const inputs = table(readme, 'Inputs')
    expect([...inputs.keys()].sort()).toEqual(Object.keys(action.inputs).sort())
    for (const [input, spec] of Object.entries(action.inputs)) {
      const shown = inputs.get(input)![0]!
      if (spec.required) expect(shown, input).toContain('required')
      else if (spec.default?.startsWith('${{')) expect(shown, input).toContain(spec.default.slice(3, -2).trim())
      else if (spec.default) expect(shown, input).toContain(`\`${spec.default}\``)
    }
    expect([...table(readme, 'Outputs').keys()].sort()).toEqual(Object.keys(action.outputs).sort())
    expect(table(readme, 'Permissions').size).toBeGreaterThan(0)
  })

  it('shows a workflow that keeps the security rules and passes only inputs the action has', async () => {
    const { readme, action } = await load()
    const snippet = readme.slice(readme.indexOf('## Usage')).match(/```yaml\n([\s\S]*?)```/)?.[1]
    expect(snippet).toBeDefined()
    const yaml = snippet!.replaceAll(SHA_PLACEHOLDER, '0123456789abcdef0123456789abcdef01234567')
    const doc = parse(yaml) as { on?: unknown; jobs?: Record<string, { steps?: Step[] }> } & Record<string, unknown>
    // A whole workflow is checked like the repository's own; a job fragment (evaluate's) is checked for its step.
    const jobs = doc.jobs ?? (doc as Record<string, { steps?: Step[] }>)
    if (doc.on !== undefined) {
      expect(checkWorkflow(`${name}-readme.yml`, yaml)).toEqual([])
      expect(await actionlint(`${name}-readme.yml`, yaml)).toEqual([])
    }
    const steps = Object.values(jobs).flatMap(j => j.steps ?? [])
    const own = steps.filter(s => s.uses?.startsWith(`acme/tunegate/actions/${name}@`))
    expect(own).toHaveLength(1)
    const given = Object.keys(own[0]!.with ?? {})
    for (const key of given) expect(Object.keys(action.inputs), key).toContain(key)
    for (const [input, spec] of Object.entries(action.inputs)) if (spec.required) expect(given).toContain(input)
  })
})
