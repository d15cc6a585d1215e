import { describe, expect, it } from 'vitest'
import { composePullRequestReport, type JobResults, type SectionFile } from '../src/report/pull-request-report.js'
import { composeSections, readSections } from '../src/report/sticky-comment.js'
import { readVerdict, stripVerdict } from '../src/report/verdict-summary.js'

const matrix = (...models: string[]) => JSON.stringify({ include: models.map(model => ({ model, runner: ['x'] })) })
const section = (name: string, verdict: SectionFile['verdict'], description = `${name} ${verdict}`): SectionFile => ({
  schema: 'tunegate.section/v1',
  section: name,
  markdown: `### ${name}`,
  verdict,
  description
})
const jobs = (
  over: Partial<Record<'validate' | 'fork-approval' | 'train' | 'evaluate', string>>,
  ...models: string[]
) => {
  const j: JobResults = {
    validate: { result: over.validate ?? 'success', outputs: { models: matrix(...models) } },
    'fork-approval': { result: over['fork-approval'] ?? 'skipped' },
    train: { result: over.train ?? 'success' },
    evaluate: { result: over.evaluate ?? 'success' }
  }
  return j
}
const compose = (files: SectionFile[], j: JobResults) =>
  composePullRequestReport(files, j, { statusContext: 'tunegate' })
const gate = (r: ReturnType<typeof compose>) => r.statuses.at(-1)!

describe('the report job composes the comment and the gate from the jobs’ sections', () => {
  it('passes when every affected model passes, with one status per model and the aggregate last', () => {
    const r = compose(
      [section('validate', 'pass'), section('evaluate:a', 'pass'), section('evaluate:b', 'pass')],
      jobs({}, 'a', 'b')
    )
    expect(r.statuses.map(s => [s.context, s.state])).toEqual([
      ['tunegate/a', 'success'],
      ['tunegate/b', 'success'],
      ['tunegate', 'success']
    ])
    expect(gate(r).description).toBe('2 models pass their gates')
    expect([...r.sections.keys()]).toEqual(['validate', 'evaluate:a', 'evaluate:b'])
  })

  it('fails the gate for a failing model and names it', () => {
    const r = compose(
      [section('validate', 'pass'), section('evaluate:a', 'fail', 'accuracy 0.61 < 0.7')],
      jobs({ evaluate: 'failure' }, 'a')
    )
    expect(gate(r)).toEqual({ context: 'tunegate', state: 'failure', description: 'a: accuracy 0.61 < 0.7' })
  })

  it('never passes a model whose section is missing: a crashed or forged-away evaluation fails the gate', () => {
    const r = compose([section('validate', 'pass')], jobs({ evaluate: 'failure' }, 'a'))
    expect(r.statuses[0]!.state).toBe('failure')
    expect(r.statuses[0]!.description).toMatch(/evaluate job ended with 'failure' before writing a's report/)
    expect(stripVerdict(r.sections.get('evaluate:a')!)).toMatch(/^### a\n\n/)
    expect(readVerdict(r.sections.get('evaluate:a')!)).toMatchObject({ title: 'a', state: 'fail', blocks: true })
    expect(gate(r).state).toBe('failure')
  })

  it('fails a cancelled evaluation even when a section made it out', () => {
    const r = compose(
      [section('validate', 'pass'), section('evaluate:a', 'pass')],
      jobs({ evaluate: 'cancelled' }, 'a')
    )
    expect(gate(r).state).toBe('failure')
  })

  it('keeps a fork’s pull request pending until a maintainer approves training', () => {
    const r = compose([section('validate', 'pass')], jobs({ train: 'skipped', evaluate: 'skipped' }, 'a'))
    expect(r.statuses.map(s => s.state)).toEqual(['pending', 'pending'])
    expect(gate(r).description).toMatch(/approve this fork/)
  })

  it('blocks on an inconclusive section unless registry.yaml’s policy said warn, showing it inconclusive', () => {
    const inconclusive = (blocks?: boolean) => [
      section('validate', 'pass'),
      {
        ...section('evaluate:a', 'inconclusive', 'macro_f1: too few examples to tell'),
        ...(blocks === undefined ? {} : { blocks })
      }
    ]
    const warned = compose(inconclusive(false), jobs({}, 'a'))
    expect(warned.statuses[0]).toEqual({
      context: 'tunegate/a',
      state: 'success',
      description: 'macro_f1: too few examples to tell'
    })
    expect(readVerdict(warned.sections.get('evaluate:a')!)).toMatchObject({ state: 'inconclusive', blocks: false })
    expect(composeSections(warned.sections)).toMatch(/## Tunegate: ⚠️ ready to merge, with an inconclusive model/)
    // Blocking is the default: a section that does not say `blocks: false` blocks.
    for (const blocks of [true, undefined]) {
      const blocked = compose(inconclusive(blocks), jobs({}, 'a'))
      expect(blocked.statuses.map(s => s.state)).toEqual(['failure', 'failure'])
      expect(readVerdict(blocked.sections.get('evaluate:a')!)).toMatchObject({ state: 'inconclusive', blocks: true })
      expect(composeSections(blocked.sections)).toMatch(/## Tunegate: ❌ not ready to merge\n\n.*\n- ⚠️ \*\*a\*\* /)
    }
  })

  it('opens the comment with the verdict: one line per section, the failing reason, the commit and the time', () => {
    const about = { commit: 'a'.repeat(40), repoUrl: 'https://github.com/o/r', at: '2026-12-01T16:02:00Z' }
    const r = composePullRequestReport(
      [section('validate', 'pass'), section('evaluate:b', 'fail', 'Failing gates: b accuracy')],
      jobs({ evaluate: 'failure' }, 'b'),
      { statusContext: 'tunegate', about }
    )
    const body = composeSections(r.sections)
    const summary = body.slice(0, body.indexOf('<!-- tunegate:section'))
    expect(summary).toContain('## Tunegate: ❌ not ready to merge')
    expect(summary).toContain('- ✅ **Validation** passes: validate pass')
    expect(summary).toContain('- ❌ **b** fails: Failing gates: b accuracy')
    expect(summary).toContain(
      `Checked commit [\`aaaaaaa\`](https://github.com/o/r/commit/${'a'.repeat(40)}) · 1 Dec 2026, 16:02 UTC`
    )
    expect([...readSections(body).keys()]).toEqual(['validate', 'evaluate:b'])
  })

  it('says the comment is outdated when the pull request’s head moved past the checked commit', () => {
    const r = composePullRequestReport([section('validate', 'pass')], jobs({}), {
      statusContext: 'tunegate',
      outdated: { evaluated: 'a'.repeat(40), head: 'b'.repeat(40), repoUrl: 'https://github.com/o/r' }
    })
    const body = composeSections(r.sections)
    expect(body.indexOf('**Outdated:**')).toBeLessThan(body.indexOf('## Tunegate:'))
    expect(body).toMatch(/this report is about \[`aaaaaaa`\]\(.*\); the pull request's head is now \[`bbbbbbb`\]/)
    expect(body).toContain('a run for it is in progress')
  })

  it('fails when validation failed or never reported, and passes a change that affects no model', () => {
    expect(gate(compose([section('validate', 'fail', '3 errors in 2 files')], jobs({ validate: 'failure' })))).toEqual({
      context: 'tunegate',
      state: 'failure',
      description: '3 errors in 2 files'
    })
    const crashed = compose([], jobs({ validate: 'failure' }))
    expect(gate(crashed).state).toBe('failure')
    expect(crashed.sections.get('validate')).toMatch(/ended with 'failure' before writing its report/)
    expect(gate(compose([section('validate', 'pass')], jobs({})))).toMatchObject({
      state: 'success',
      description: 'No model is affected; the registry is valid'
    })
  })
})
