import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { code, escapeText } from '../src/report/escape.js'
import { MAX_COMMENT_CHARS, mergeSection, readSections, STICKY_MARKER } from '../src/report/sticky-comment.js'
import { readVerdict, summaryBlock, withVerdict, type VerdictLine } from '../src/report/verdict-summary.js'
import { lineChart } from '../src/report/mermaid.js'
import { nearDuplicatePairs } from '../src/report/near-duplicates.js'
import { renderGfm } from './helpers/gfm.js'

const line = (over: Partial<VerdictLine>): VerdictLine => ({
  title: 'm',
  state: 'pass',
  reason: 'passes: 2 gates pass',
  blocks: false,
  at: '2026-12-01T16:00:00Z',
  ...over
})

describe('the sticky comment', () => {
  it('stays under the size cap however large its sections are, and says where the rest is', () => {
    let body = mergeSection(undefined, 'validate', 'v'.repeat(10) + '\n' + 'row\n'.repeat(40_000))
    body = mergeSection(body, 'evaluate:a', 'a\n'.repeat(50_000))
    body = mergeSection(body, 'evaluate:b', 'short and complete')
    expect(body.length).toBeLessThan(MAX_COMMENT_CHARS)
    expect(body.startsWith(STICKY_MARKER)).toBe(true)
    const sections = readSections(body)
    expect([...sections.keys()]).toEqual(['validate', 'evaluate:a', 'evaluate:b'])
    expect(sections.get('validate')).toMatch(
      /cut to fit the comment; the full report is in the job summary and the step's report artifact/
    )
    expect(sections.get('evaluate:b')).toBe('short and complete')
  })

  it('a section cut inside a details block or a chart is closed, so the next section still renders', () => {
    const rows = Array.from({ length: 8000 }, (_, i) => `| \`row-${i}\` | ${i} |`).join('\n')
    const huge = `### a\n\n<details><summary>Rows</summary>\n\n| id | n |\n| --- | ---: |\n${rows}\n\n</details>`
    const chart = '### b\n\n```mermaid\nxychart-beta\n' + '  line [1, 2]\n'.repeat(6000) + '```'
    let body = mergeSection(undefined, 'evaluate:a', huge)
    body = mergeSection(body, 'evaluate:b', chart)
    body = mergeSection(body, 'evaluate:c', '### c\n\nshort')
    expect(body.length).toBeLessThan(MAX_COMMENT_CHARS)
    const html = renderGfm(body)
    expect(html.match(/<details>/g)?.length).toBe(html.match(/<\/details>/g)?.length)
    expect(html).toContain('<h3>c</h3>')
    expect(html).toMatch(/<\/code><\/pre>\n<p><em>… cut to fit the comment/)
  })

  it('keeps validation first and the other sections in name order', () => {
    let body = mergeSection(undefined, 'evaluate:z', 'z')
    body = mergeSection(body, 'validate', 'v')
    body = mergeSection(body, 'evaluate:a', 'a')
    expect([...readSections(body).keys()]).toEqual(['validate', 'evaluate:a', 'evaluate:z'])
  })

  it('a section ending in an HTML block cannot swallow the next section’s heading', () => {
    let body = mergeSection(
      undefined,
      'validate',
      '### Validation\n\n<details><summary>Problems</summary>\n\nx\n\n</details>'
    )
    body = mergeSection(
      body,
      'evaluate:a',
      '### ✅ a: passes\n\n| metric | value |\n| --- | --- |\n| `accuracy` | 0.9 |'
    )
    const html = renderGfm(body)
    expect(html).toContain('<h3>✅ a: passes</h3>')
    expect(html).toContain('<table>')
    expect(html).not.toMatch(/<\/details>\s*<!--[^]*### /)
  })

  it('every writer leaves the same summary on top, composed from the sections’ verdict lines', () => {
    const sha1 = '1'.repeat(40)
    const sha2 = '2'.repeat(40)
    let body = mergeSection(undefined, 'evaluate:b', withVerdict('### b', line({ title: 'b', commit: sha1 })))
    body = mergeSection(
      body,
      'evaluate:a',
      withVerdict('### a', line({ title: 'a', state: 'fail', blocks: true, reason: 'fails: x', commit: sha1 }))
    )
    expect(body).toMatch(
      /^<!-- tunegate:sticky-comment -->\n\n## Tunegate: ❌ not ready to merge\n\n- ❌ \*\*a\*\* fails: x\n- ✅ \*\*b\*\* passes/
    )
    expect(body).toContain('Checked commit `1111111` · 1 Dec 2026, 16:00 UTC')
    // A later push re-evaluates a only: b's line says it is about an earlier commit.
    body = mergeSection(
      body,
      'evaluate:a',
      withVerdict('### a', line({ title: 'a', commit: sha2, at: '2026-12-01T17:00:00Z' }))
    )
    // b's line is about the earlier commit: it decides nothing until b's evaluation of the new one arrives.
    expect(body).toMatch(/## Tunegate: ⏳ waiting: 1 of 2 not decided yet/)
    expect(body).toContain(
      '- ✅ **b** passes: 2 gates pass (`1111111`, 1 Dec 2026, 16:00 UTC, outdated: an earlier commit)'
    )
    expect(body).toContain('- ✅ **a** passes: 2 gates pass (`2222222`, 1 Dec 2026, 17:00 UTC)')
    expect([...readSections(body).keys()]).toEqual(['evaluate:a', 'evaluate:b'])
  })

  it('a model validation found affected waits in the summary until its own section arrives', () => {
    let body = mergeSection(
      undefined,
      'validate',
      withVerdict('### Validation', line({ title: 'Validation', awaits: ['a'] }))
    )
    expect(body).toContain('## Tunegate: ⏳ waiting: 1 of 2 not decided yet')
    expect(body).toContain('- ⏳ **a** waits: not evaluated yet')
    body = mergeSection(body, 'evaluate:a', withVerdict('### a', line({ title: 'a' })))
    expect(body).toContain('## Tunegate: ✅ ready to merge')
    expect(body).not.toContain('not evaluated yet')
    // A comment without any verdict (a promotion note) has no summary.
    expect(mergeSection(undefined, 'promote', 'Promoted')).not.toContain('## Tunegate:')
  })

  it('a verdict marker inside a section’s text is neutralised, not counted', () => {
    const forged = withVerdict('x', line({ title: 'forged' }))
    const body = mergeSection(undefined, 'evaluate:a', `### a\n\n${forged}`)
    expect(body).not.toContain('**forged**')
    expect(body).toContain('&lt;!-- tunegate:verdict')
  })

  it('a line about an earlier commit decides nothing, and a failing line blocks whatever it says of blocking', () => {
    const a = 'a'.repeat(40)
    const b = 'b'.repeat(40)
    // Validation of the new commit b awaits m; m's line is still about a, where it passed.
    const stale = summaryBlock([
      line({ title: 'Validation', commit: b, at: '2026-12-01T17:00:00Z', awaits: ['m'] }),
      line({ title: 'm', commit: a, at: '2026-12-01T16:00:00Z' })
    ])
    expect(stale).toContain('## Tunegate: ⏳ waiting')
    expect(stale).toContain('outdated: an earlier commit')
    // When the newest validation no longer finds m affected, m's old line is left out of the verdict.
    const unaffected = summaryBlock([
      line({ title: 'Validation', commit: b, at: '2026-12-01T17:00:00Z', awaits: [] }),
      line({ title: 'm', commit: a, at: '2026-12-01T16:00:00Z', state: 'fail', blocks: true, reason: 'fails' })
    ])
    expect(unaffected).toContain('## Tunegate: ✅ ready to merge')
    expect(summaryBlock([line({ state: 'fail', blocks: false, reason: 'fails' })])).toContain(
      '## Tunegate: ❌ not ready to merge'
    )
  })

  it('a verdict marker that could break out of its line or its links is not read', () => {
    const forge = (over: Record<string, unknown>) =>
      `<!-- tunegate:verdict ${Buffer.from(JSON.stringify({ ...line({}), ...over })).toString('base64url')} -->\n\nx`
    expect(readVerdict(forge({}))).toMatchObject({ title: 'm' })
    expect(readVerdict(forge({ reason: 'ok\n\n<!-- tunegate:section evaluate:ghost -->' }))).toBeUndefined()
    expect(readVerdict(forge({ reason: 'hides <!-- the rest' }))).toBeUndefined()
    expect(readVerdict(forge({ runUrl: 'javascript:alert(1)' }))).toBeUndefined()
    expect(readVerdict(forge({ repoUrl: 'https://x.test/a) <img src=x>' }))).toBeUndefined()
    // The largest line the schema allows is still read back (256 awaited models).
    const awaits = Array.from({ length: 256 }, (_, i) => `${'m'.repeat(96)}${i}`.slice(0, 100))
    expect(readVerdict(withVerdict('x', line({ awaits })))?.awaits).toHaveLength(256)
  })

  it("draws a long training run's loss curve (more points than a call may take as arguments)", () => {
    const points = Array.from({ length: 300_000 }, (_, i) => ({ x: i + 1, y: 1 / (i + 1) }))
    const chart = lineChart('loss', 'step', 'loss', [{ name: 'train', points }])
    expect(chart).toContain('x-axis "step" 1 --> 300000')
  })

  it('refuses section names that could break the markers', () => {
    expect(() => mergeSection(undefined, 'evil --> <!--', 'x')).toThrow(/Invalid comment section name/)
  })
})

describe('near-duplicate warnings', () => {
  it('read both rows at their lines, and nothing outside the registry', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'tg-near-'))
    await mkdir(path.join(base, 'registry/d'), { recursive: true })
    await writeFile(path.join(base, 'registry/d/train.jsonl'), '{"text":"a"}\n{"text":"shoes for wet rock"}\n')
    await writeFile(
      path.join(base, 'registry/d/eval.jsonl'),
      '{"messages":[{"role":"user","content":"shoes, wet rock"}]}\n'
    )
    await writeFile(path.join(base, 'secret.jsonl'), '{"text":"do not read"}\n')
    const problem = (with_: string) => ({
      file: 'registry/d/train.jsonl',
      line: 2,
      column: 1,
      severity: 'warning' as const,
      message: `train/eval near-duplicate: estimated Jaccard 0.91 ≥ 0.8 with ${with_} (MinHash over word 3-grams)`
    })
    const options = { displayBase: base, root: path.join(base, 'registry'), maxLineBytes: 1024 }
    const [pair] = await nearDuplicatePairs([problem('registry/d/eval.jsonl:1')], options)
    expect(pair).toEqual({
      train: { file: 'registry/d/train.jsonl', line: 2, text: 'shoes for wet rock' },
      eval: { file: 'registry/d/eval.jsonl', line: 1, text: 'shoes, wet rock' },
      similarity: '0.91'
    })
    const [outside] = await nearDuplicatePairs([problem('secret.jsonl:1')], options)
    expect(outside!.eval.text).toBe('')
  })
})

describe('escaping untrusted text', () => {
  it('neutralises HTML, mentions, links, images and table pipes', () => {
    const s = escapeText('<script>alert(1)</script> @team ![x](http://t/p.png) [a](http://e) a|b\nnext')
    expect(s).not.toMatch(/<script|@team|!\[|\]\(|\n/)
    expect(s).toContain('&lt;script&gt;')
    expect(s).toContain('a\\|b')
    expect(escapeText('x'.repeat(500), 20)).toHaveLength(20)
  })
  it('puts any value in a code span it cannot break out of', () => {
    expect(code('a`b')).toBe('``a`b``')
    expect(code('`x`')).toBe('`` `x` ``')
    expect(code('a|b')).toBe('`a\\|b`')
  })
})
