import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ProblemsError } from '../src/errors.js'
import { runDrift } from '../src/drift/drift.js'
import type { DriftRecord } from '../src/drift/record.js'
import { LocalHost } from '../src/host/local-host.js'
import { git } from '../src/registry/git.js'
import { commitAll, writeRepoFile } from './helpers/git-repo.js'
import { DRIFT_TRAIN, driftRepo, feedbackRow, mixMovedSamples, shiftedSamples } from './helpers/drift-data.js'

const TRAIN = DRIFT_TRAIN

let repo: string
let referenceRows: number

beforeAll(async () => {
  ;({ repo } = await driftRepo())
  referenceRows = (await readFile(path.join(repo, TRAIN), 'utf8')).split('\n').filter(Boolean).length
  // main moves on after the release: the reference must stay the tagged commit's data.
  const extra = Array.from({ length: 50 }, (_, i) =>
    feedbackRow(`later-${i}`, `Later row ${i} about garden lawnmower care`)
  )
  await writeFile(path.join(repo, TRAIN), (await readFile(path.join(repo, TRAIN), 'utf8')) + extra.join('\n') + '\n')
  await commitAll(repo, 'more training rows after v1.0.0')
})

const drift = (host: LocalHost, samples: string, feedback?: string) =>
  runDrift({
    registryDir: path.join(repo, 'registry'),
    samples: path.join(repo, samples),
    ...(feedback ? { feedback: path.join(repo, feedback) } : {}),
    host,
    base: 'main',
    workDir: path.join(repo, '.tunegate', 'drift-work')
  })

/**
 * A host with its own state whose repository has none of the retraining branches an earlier test left: those are
 * recorded in that test's host state, and a branch with no pull request is refused (the user is told to delete it).
 */
async function freshHost(name: string): Promise<LocalHost> {
  const left = (await git(repo, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/tunegate/retrain/']))
    .split('\n')
    .filter(Boolean)
  if (left.length) await git(repo, ['branch', '-D', ...left])
  return new LocalHost(path.join(repo, name), repo)
}

describe('drift against the production version', () => {
  it('finds no drift in rows like the training data, and opens nothing', async () => {
    const host = new LocalHost(path.join(repo, '.tunegate-a'), repo)
    const [m] = await drift(host, 'samples/unshifted.jsonl')
    expect(m!.record.rows.reference).toBe(referenceRows)
    expect(m!.record.version).toBe('v1.0.0')
    expect(m!.record.verdict).toBe('no-drift')
    expect(m!.record.action.kind).toBe('none')
    expect(m!.markdown).toMatch(/no drift/)
  })

  it('with feedback, opens one PR that appends the new rows, and later runs fast-forward it', async () => {
    const host = new LocalHost(path.join(repo, '.tunegate-b'), repo)
    const rows = [
      feedbackRow('fb-1', 'Choosing a cordless lawnmower for a small garden'),
      feedbackRow('fb-2', 'Mail me at jane.doe@example.com about hedge trimmers'),
      feedbackRow('fb-3', 'Compost bins compared', 'topic-gardening'),
      feedbackRow('cls-0000001', 'A row whose id is already in the data'),
      JSON.stringify({ use_case: 'internal-linking', text: 'no id here', label: 'topic-outdoor' }),
      feedbackRow('fb-4', 'Raised beds and irrigation for allotments')
    ]
    await writeRepoFile(repo, 'feedback/one.jsonl', rows.join('\n') + '\n')
    const [first] = await drift(host, 'samples/shifted.jsonl', 'feedback/one.jsonl')
    const r = first!.record
    expect(r.verdict).toBe('drift')
    expect(r.action).toMatchObject({ kind: 'pull-request', branch: 'tunegate/retrain/content-classifier' })
    expect(r.feedback).toMatchObject({ read: 6, accepted: 2, leftOut: { invalid: 2, pii: 1, duplicates: 1 } })
    expect(r.feedback!.piiByKind).toEqual({ email: 1 })
    const onBranch = await git(repo, ['show', `tunegate/retrain/content-classifier:${TRAIN}`])
    expect(onBranch).toContain('"id":"fb-1"')
    expect(onBranch).toContain('"id":"fb-4"')
    expect(onBranch).not.toContain('jane.doe')
    expect(onBranch.startsWith(await readFile(path.join(repo, TRAIN), 'utf8'))).toBe(true)
    if (process.env.PRINT) console.log(first!.markdown)
    expect(first!.markdown).toContain('Rows proposed:')
    expect(first!.markdown).toContain('```mermaid')
    const head1 = (await git(repo, ['rev-parse', 'tunegate/retrain/content-classifier'])).trim()

    await writeRepoFile(
      repo,
      'feedback/one.jsonl',
      [...rows, feedbackRow('fb-5', 'Greenhouse heaters for winter')].join('\n') + '\n'
    )
    const [second] = await drift(host, 'samples/shifted.jsonl', 'feedback/one.jsonl')
    expect(second!.record.action.number).toBe(r.action.number)
    const head2 = (await git(repo, ['rev-parse', 'tunegate/retrain/content-classifier'])).trim()
    expect((await git(repo, ['rev-parse', `${head2}^`])).trim()).toBe(head1)
    const after = await git(repo, ['show', `tunegate/retrain/content-classifier:${TRAIN}`])
    expect(after.match(/"id":"fb-1"/g)).toHaveLength(1)
    expect(after).toContain('"id":"fb-5"')

    const [third] = await drift(host, 'samples/shifted.jsonl', 'feedback/one.jsonl')
    expect(third!.record.action.number).toBe(r.action.number)
    expect((await git(repo, ['rev-parse', 'tunegate/retrain/content-classifier'])).trim()).toBe(head2)

    // The PR is closed: the next episode gets a new PR on a new branch, the old one is left as it was.
    const record = path.join(repo, '.tunegate-b', 'pulls', 'branch-tunegate_retrain_content-classifier.json')
    await writeFile(record, JSON.stringify({ ...JSON.parse(await readFile(record, 'utf8')), state: 'closed' }))
    const [fourth] = await drift(host, 'samples/shifted.jsonl', 'feedback/one.jsonl')
    expect(fourth!.record.action).toMatchObject({
      kind: 'pull-request',
      branch: 'tunegate/retrain/content-classifier-2'
    })
    expect(fourth!.record.action.number).not.toBe(r.action.number)
    expect((await git(repo, ['rev-parse', 'tunegate/retrain/content-classifier'])).trim()).toBe(head2)
  })

  it('leaves out feedback rows with personal data in the id or in any other field, and commits none of it', async () => {
    const host = await freshHost('.tunegate-pii')
    const extra = (id: string, fields: Record<string, unknown>) =>
      JSON.stringify({ ...(JSON.parse(feedbackRow(id, 'Pruning apple trees in winter')) as object), ...fields })
    const rows = [
      feedbackRow('jane.doe@example.com', 'Choosing secateurs for roses'),
      extra('fb-p2', { customer: { phone: '+44 20 7946 0958' } }),
      extra('fb-p3', { notes: ['call back', 'mail jane.doe@example.com'] }),
      feedbackRow('fb-p4', 'Raised beds for a windy allotment')
    ]
    await writeRepoFile(repo, 'feedback/pii.jsonl', rows.join('\n') + '\n')
    const [m] = await drift(host, 'samples/shifted.jsonl', 'feedback/pii.jsonl')
    expect(m!.record.feedback).toMatchObject({ read: 4, accepted: 1, leftOut: { pii: 3 } })
    const branch = m!.record.action.branch!
    const onBranch = await git(repo, ['show', `${branch}:${TRAIN}`])
    expect(onBranch).toContain('"id":"fb-p4"')
    expect(onBranch).not.toMatch(/jane\.doe|7946/)
  })

  it('drops the fields the model does not read from the proposed rows, and says how many', async () => {
    const host = await freshHost('.tunegate-fields')
    const rows = [
      JSON.stringify({
        ...(JSON.parse(feedbackRow('fb-f1', 'Mulching roses before the frost')) as object),
        customer_ref: 'ACC-20931',
        session: { device: 'ios', city: 'Leeds' }
      }),
      JSON.stringify({
        ...(JSON.parse(feedbackRow('fb-f2', 'Sharpening a hedge trimmer blade')) as object),
        rating: 2
      }),
      feedbackRow('fb-f3', 'Choosing a water butt for a shed')
    ]
    await writeRepoFile(repo, 'feedback/fields.jsonl', rows.join('\n') + '\n')
    const [m] = await drift(host, 'samples/shifted.jsonl', 'feedback/fields.jsonl')
    expect(m!.record.feedback).toMatchObject({ read: 3, accepted: 3, droppedFields: 3 })
    expect(m!.markdown).toContain('3 fields the model does not read dropped from the proposed rows.')
    const onBranch = await git(repo, ['show', `${m!.record.action.branch!}:${TRAIN}`])
    const added = onBranch
      .trim()
      .split('\n')
      .map(l => JSON.parse(l) as Record<string, unknown>)
      .filter(r => String(r.id).startsWith('fb-f'))
    expect(added.map(r => Object.keys(r).sort())).toEqual(
      Array.from({ length: 3 }, () => ['id', 'label', 'text', 'use_case'])
    )
  })

  it('quotes no production row in the issue unless told the repository is private', async () => {
    const run = (quoteRows: boolean) =>
      runDrift({
        registryDir: path.join(repo, 'registry'),
        samples: path.join(repo, 'samples/shifted.jsonl'),
        host: new LocalHost(path.join(repo, `.tunegate-quote-${quoteRows}`), repo),
        base: 'main',
        workDir: path.join(repo, '.tunegate', 'drift-quote'),
        quoteRows
      })
    const [closed] = await run(false)
    expect(closed!.record.action.kind).toBe('issue')
    expect(closed!.markdown).not.toContain('Garden guide')
    expect(closed!.markdown).toMatch(/least like the reference:\*\* \d+ found, not quoted/)
    const [open] = await run(true)
    expect(open!.markdown).toContain('“Garden guide')
  })

  it('without feedback, opens one issue and updates it on later runs', async () => {
    const state = path.join(repo, '.tunegate-c')
    const host = new LocalHost(state, repo)
    const logs: string[] = []
    const run = async (samples: string) => {
      const [result] = await runDrift({
        registryDir: path.join(repo, 'registry'),
        samples: path.join(repo, samples),
        host,
        base: 'main',
        workDir: path.join(repo, '.tunegate', 'drift-work'),
        log: m => logs.push(m)
      })
      return result!
    }
    const issueLine = () => logs.filter(l => / issue #/.test(l)).pop()
    const a = await run('samples/shifted.jsonl')
    expect(a.record.action.kind).toBe('issue')
    expect(issueLine()).toMatch(/issue #\d+ opened$/)
    const first = await readFile(a.record.action.url!, 'utf8')
    expect(first).toContain('What would help')
    expect(first).toMatch(/garden|lawnmower|allotments/)
    // The same drift again: the issue is found and left as it is, not opened a second time.
    const b = await run('samples/shifted.jsonl')
    expect(b.record.action.number).toBe(a.record.action.number)
    expect(issueLine()).toMatch(/issue #\d+ unchanged$/)
    // Other samples: the same issue is updated with the new report.
    await writeRepoFile(repo, 'samples/shifted-later.jsonl', shiftedSamples(90))
    const c = await run('samples/shifted-later.jsonl')
    expect(c.record.action.number).toBe(a.record.action.number)
    expect(issueLine()).toMatch(/issue #\d+ updated$/)
    expect(await readFile(c.record.action.url!, 'utf8')).not.toBe(first)
    expect(await readdir(path.join(state, 'issues'))).toHaveLength(1)
  })

  it('with drift.consecutive_runs: 2, calls drift only on the second drifted run in a row', async () => {
    const { repo: r } = await driftRepo()
    const config = path.join(r, 'registry/registry.yaml')
    await writeFile(config, (await readFile(config, 'utf8')) + '\ndrift:\n  share: 0.5\n  consecutive_runs: 2\n')
    const host = new LocalHost(path.join(r, '.tunegate'), r)
    let previous: DriftRecord | undefined
    const once = async (samples: string) => {
      const [m] = await runDrift({
        registryDir: path.join(r, 'registry'),
        samples: path.join(r, samples),
        host,
        base: 'main',
        workDir: path.join(r, '.tunegate', 'work'),
        previous: async () => previous
      })
      previous = m!.record
      return m!.record
    }
    const first = await once('samples/shifted.jsonl')
    expect(first).toMatchObject({ raw: 'drift', verdict: 'no-drift', streak: 1, action: { kind: 'none' } })
    const calm = await once('samples/unshifted.jsonl')
    expect(calm).toMatchObject({ raw: 'no-drift', streak: 0 })
    expect((await once('samples/shifted.jsonl')).verdict).toBe('no-drift')
    const fourth = await once('samples/shifted.jsonl')
    expect(fourth).toMatchObject({ raw: 'drift', verdict: 'drift', streak: 2, action: { kind: 'issue' } })
  })

  it('reports sample rows it cannot read by file and line', async () => {
    await writeRepoFile(repo, 'samples/bad.jsonl', '{"input":"fine"}\n{"input": 3}\nnot json\n')
    const host = new LocalHost(path.join(repo, '.tunegate-d'), repo)
    const error = await drift(host, 'samples/bad.jsonl').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProblemsError)
    expect((error as Error).message).toMatch(/bad\.jsonl:2:1: error: .*text/)
    expect((error as Error).message).toMatch(/bad\.jsonl:3:\d+: error:/)
  })
})

describe("drift with Evidently's definitions", () => {
  it('a use-case mix moved from 61/39 to 49/51 on rows of the training data itself is no drift: 1 of 6', async () => {
    // A reference over 1,000 rows: Evidently's effect-size tests (Wasserstein, Jensen–Shannon with the natural log).
    const { repo: r } = await driftRepo({ trainRows: 1100 })
    await writeRepoFile(r, 'samples/mix.jsonl', await mixMovedSamples(r, 1500, 0.51, { predictions: true }))
    const [m] = await runDrift({
      registryDir: path.join(r, 'registry'),
      samples: path.join(r, 'samples/mix.jsonl'),
      host: new LocalHost(path.join(r, '.tunegate'), r),
      base: 'main',
      workDir: path.join(r, '.tunegate', 'work')
    })
    const record = m!.record
    expect(record.rows).toEqual({ reference: 1100, current: 1500 })
    const mix = record.statistics.find(s => s.name === 'use_case_mix')!
    // √JS divergence of (0.61, 0.39) and (0.49, 0.51) in nats is about 0.087: under 0.1 (in bits it is 0.105).
    expect(mix).toMatchObject({ method: 'Jensen–Shannon distance', drifted: false })
    expect(mix.effectSize).toBeGreaterThan(0.08)
    expect(record.statistics.find(s => s.name === 'label_mix')).toMatchObject({ drifted: false })
    // The lengths do move with the mix (refresh rows are longer): Evidently's Wasserstein says so.
    expect(record.statistics.filter(s => s.drifted).map(s => s.name)).toEqual(['token_length'])
    expect(record.statistics).toHaveLength(6)
    expect(record).toMatchObject({ verdict: 'no-drift', action: { kind: 'none' } })
  }, 120_000)

  it("a small reference (≤ 1,000 rows) takes Evidently's p-value tests, whatever the current side's size", async () => {
    const { repo: r } = await driftRepo()
    await writeRepoFile(r, 'samples/mix.jsonl', await mixMovedSamples(r, 1500, 0.51))
    const [m] = await runDrift({
      registryDir: path.join(r, 'registry'),
      samples: path.join(r, 'samples/mix.jsonl'),
      host: new LocalHost(path.join(r, '.tunegate'), r),
      base: 'main',
      workDir: path.join(r, '.tunegate', 'work')
    })
    const methods = Object.fromEntries(m!.record.statistics.map(s => [s.name, s.method]))
    expect(methods).toMatchObject({ token_length: 'Kolmogorov–Smirnov', use_case_mix: 'two-proportion z-test' })
    expect(m!.markdown).toContain('Small reference (≤ 1,000 rows')
  }, 120_000)
})
