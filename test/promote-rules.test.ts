// The promotion's rules, one by one: the bump rule, approvals per risk tier, archives and checksums.
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { judgeApprovals } from '../src/release/approvals.js'
import { parseSha256sums, sha256sums, splitFile, zipOutputs } from '../src/release/archive.js'
import { chooseVersion, type VersionInputs } from '../src/release/versioning.js'
import { fileDigest } from '../src/registry/digest.js'
import { unzipTo } from '../src/registry/unzip.js'

const inputs = (over: Partial<Record<string, unknown>> = {}, variables = ['product'], fp = 'a'): VersionInputs => ({
  training_fingerprint: fp,
  prompt_variables: variables,
  training_inputs: {
    schema: 'tunegate.training-fingerprint/v1',
    base_model: { id: 'Qwen/Qwen2.5-0.5B', revision: 'abc', architecture: 'decoder' },
    task_family: 'text-generation',
    method: 'lora',
    hyperparameters: { lr: 0.0002 },
    seed: 42,
    trainer: { name: 'hf-peft', version: '1.0.0' },
    data: { train: ['d1'] },
    prompt: 'p1',
    output_schema: null,
    tokenizer: null,
    ...over
  }
})

describe('the bump rule (docs/architecture.md §5)', () => {
  const prev = { version: 'v1.2.3', inputs: inputs() }
  it.each([
    [
      { base_model: { id: 'Qwen/Qwen2.5-1.5B', revision: 'abc', architecture: 'decoder' } },
      undefined,
      'v2.0.0',
      /base model/
    ],
    [{ task_family: 'transformation' }, undefined, 'v2.0.0', /task family/],
    [{ output_schema: { type: 'object' } }, undefined, 'v2.0.0', /output schema/],
    [{ prompt: 'p2' }, ['product', 'tone'], 'v2.0.0', /prompt variables/],
    [{ data: { train: ['d2'] } }, undefined, 'v1.3.0', /training data changed since v1\.2\.3/],
    [{ prompt: 'p2' }, undefined, 'v1.3.0', /prompt text/],
    [{ hyperparameters: { lr: 0.001 } }, undefined, 'v1.3.0', /hyperparameters/]
  ])('%j → %s', (over, variables, version, reason) => {
    const choice = chooseVersion(prev, inputs(over, variables, 'b'), ['v1.2.3'])
    expect(choice.version).toBe(version)
    expect(choice.reason).toMatch(reason)
  })

  it('patch for the same weights; first version v1.0.0; never a number used before', () => {
    expect(chooseVersion(prev, inputs(), ['v1.2.3'])).toMatchObject({ version: 'v1.2.4', bump: 'patch' })
    expect(chooseVersion(undefined, inputs(), [])).toEqual({
      version: 'v1.0.0',
      bump: 'first',
      reason: 'first version'
    })
    // v1.3.0 was registered and deregistered: its tag name is spent (immutable releases), so v1.4.0.
    expect(chooseVersion(prev, inputs({ seed: 7 }, undefined, 'c'), ['v1.2.3', 'v1.3.0']).version).toBe('v1.4.0')
    expect(chooseVersion({ version: 'v1.2.3', inputs: undefined }, inputs(), ['v1.2.3'])).toMatchObject({
      version: 'v2.0.0',
      reason: expect.stringMatching(/could not be read/)
    })
  })
})

describe('approvals per risk tier', () => {
  const pr = { author: 'alice', headSha: 'h'.repeat(40) }
  const rule = { tier: 'high', approvals: 2, headCommitOnly: true }
  const review = (user: string, state: string, commitId = pr.headSha) => ({ user, state, commitId })
  // Everyone who reviews here has write access; alice, the author, pushed the head commit.
  const access = { access: new Map(['alice', 'bob', 'carol', 'dan'].map(u => [u, 'write'])), lastPushers: ['alice'] }

  it('counts distinct reviewers other than the author, by their latest opinionated review', () => {
    const v = judgeApprovals(
      [
        review('bob', 'APPROVED'),
        review('bob', 'APPROVED'),
        review('carol', 'CHANGES_REQUESTED'),
        review('carol', 'APPROVED'),
        review('carol', 'COMMENTED'),
        review('alice', 'APPROVED')
      ],
      pr,
      rule,
      access
    )
    expect(v).toMatchObject({ ok: true, approvers: ['bob', 'carol'] })
    expect(v.ignored).toEqual(["alice: the pull request's author cannot approve it"])
  })

  it('a later CHANGES_REQUESTED overrides an APPROVED; DISMISSED does not count; stale approvals do not count', () => {
    expect(
      judgeApprovals(
        [review('bob', 'APPROVED'), review('bob', 'CHANGES_REQUESTED')],
        pr,
        { ...rule, approvals: 0 },
        access
      )
    ).toMatchObject({ ok: false, problems: ['changes requested by bob (their latest review)'] })
    expect(
      judgeApprovals(
        [review('bob', 'APPROVED'), review('bob', 'DISMISSED'), review('dan', 'APPROVED')],
        pr,
        rule,
        access
      )
    ).toMatchObject({ ok: false, approvers: ['dan'] })
    const stale = judgeApprovals(
      [review('bob', 'APPROVED', 'o'.repeat(40)), review('dan', 'APPROVED')],
      pr,
      rule,
      access
    )
    expect(stale.ok).toBe(false)
    expect(stale.ignored[0]).toMatch(/stale/)
    expect(
      judgeApprovals(
        [review('bob', 'APPROVED', 'o'.repeat(40)), review('dan', 'APPROVED')],
        pr,
        {
          ...rule,
          headCommitOnly: false
        },
        access
      ).ok
    ).toBe(true)
    expect(
      judgeApprovals([review('Bob', 'APPROVED'), review('bob', 'APPROVED')], pr, rule, access).approvers
    ).toHaveLength(1)
  })

  it('counts only reviewers with write access, and never whoever pushed the head commit', () => {
    const v = judgeApprovals(
      [review('bob', 'APPROVED'), review('erin', 'APPROVED'), review('mallory', 'CHANGES_REQUESTED')],
      pr,
      { ...rule, approvals: 1 },
      {
        access: new Map([
          ['bob', 'write'],
          ['erin', 'read']
        ]),
        lastPushers: ['Bob']
      }
    )
    expect(v).toMatchObject({ ok: false, approvers: [] })
    expect(v.ignored).toEqual([
      'bob: pushed the head commit hhhhhhh, so cannot approve it',
      'erin: has read access to the repository, not write; GitHub does not count the review',
      'mallory: has no access to the repository, not write; GitHub does not count the review'
    ])
    // Not knowing who pushed the head commit counts no approval at all.
    const unknown = judgeApprovals(
      [review('bob', 'APPROVED')],
      pr,
      { ...rule, approvals: 1 },
      { ...access, lastPushers: [] }
    )
    expect(unknown.ok).toBe(false)
    expect(unknown.ignored).toEqual(['bob: who pushed the head commit hhhhhhh cannot be told, so no approval counts'])
  })
})

describe('release archives', () => {
  async function outputs() {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-out-'))
    await mkdir(path.join(dir, 'adapter'))
    await writeFile(path.join(dir, 'run.json'), '{}')
    await writeFile(path.join(dir, 'predictions.jsonl'), '{"id":"1","prediction":"x"}\n')
    await writeFile(path.join(dir, 'adapter', 'adapter_model.safetensors'), Buffer.alloc(5000, 7))
    await mkdir(path.join(dir, 'checkpoints'))
    await writeFile(path.join(dir, 'checkpoints', 'step-1.safetensors'), 'left behind')
    return dir
  }

  it('zips the same outputs to the same bytes (a re-run uploads the same asset), without checkpoints', async () => {
    const dir = await outputs()
    const a = await zipOutputs(dir, path.join(dir, '..', `${path.basename(dir)}-a.zip`))
    const b = await zipOutputs(dir, path.join(dir, '..', `${path.basename(dir)}-b.zip`))
    expect(a.sha256).toBe(b.sha256)
    const unpacked = await mkdtemp(path.join(tmpdir(), 'tg-unz-'))
    expect(
      (await unzipTo(await readFile(path.join(dir, '..', `${path.basename(dir)}-a.zip`)), unpacked)).sort()
    ).toEqual(expect.arrayContaining([expect.stringContaining('adapter_model.safetensors')]))
  })

  it('refuses pickle weights', async () => {
    const dir = await outputs()
    await writeFile(path.join(dir, 'adapter', 'pytorch_model.bin'), 'pickle')
    await expect(zipOutputs(dir, path.join(dir, 'x.zip'))).rejects.toThrow(/pickle formats are refused/)
  })

  it('splits a file over the size limit into parts that join back to the whole, listed in SHA256SUMS', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-split-'))
    const file = path.join(dir, 'big.zip')
    await writeFile(file, Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251)))
    const parts = await splitFile(file, 4096)
    expect(parts.map(p => [p.name, p.bytes])).toEqual([
      ['big.zip.001', 4096],
      ['big.zip.002', 4096],
      ['big.zip.003', 1808]
    ])
    const joined = Buffer.concat(await Promise.all(parts.map(p => readFile(p.path))))
    expect(joined.equals(await readFile(file))).toBe(true)
    const sums = sha256sums([...parts, { name: 'big.zip', sha256: await fileDigest(file) }])
    expect(parseSha256sums(sums).get('big.zip.002')).toBe(parts[1]!.sha256)
    expect(() => parseSha256sums('nonsense\n')).toThrow(/SHA256SUMS line 1/)
  })
})
