import { describe, expect, it } from 'vitest'
import {
  capMarkdown,
  fullReportPlace,
  MAX_SUMMARY_BYTES,
  reportArtifactName,
  SUMMARY_BUDGET_BYTES
} from '../src/report/size-cap.js'

describe("a report over GitHub's 1 MiB job-summary limit", () => {
  // 20,000 use cases: one table row each, 1.5 MB and more, with multi-byte text and a code block at the end.
  const rows = Array.from(
    { length: 20_000 },
    (_, i) => `| use-case-${i} | 12 rows | ✅ ok — ünïcödé 😀 ${'x'.repeat(20)} |`
  )
  const markdown = [
    '## Validation',
    '',
    '| use case | rows | status |',
    '|---|---|---|',
    ...rows,
    '',
    '```',
    'log',
    '```'
  ].join('\n')
  const place = fullReportPlace({
    name: reportArtifactName('validate'),
    url: 'https://github.com/o/r/actions/runs/1/artifacts/9'
  })

  it('is cut under the limit on a line boundary, with a link to the full report', () => {
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(1.5e6)
    const capped = capMarkdown(markdown, SUMMARY_BUDGET_BYTES, place)
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
    expect(Buffer.byteLength(capped)).toBeGreaterThan(SUMMARY_BUDGET_BYTES - 4096)
    expect(capped.startsWith('## Validation\n')).toBe(true)
    const lines = capped.split('\n')
    expect(lines.filter(l => l.startsWith('| use-case-')).every(l => l.endsWith('|'))).toBe(true)
    expect(capped).toMatch(
      /_… cut at \d+ KiB of \d+ KiB to fit GitHub's limit; the full report is in the artifact \[tunegate-report-validate\]\(https:\/\/github.com\/o\/r\/actions\/runs\/1\/artifacts\/9\)._\n$/
    )
  })

  it('closes a code block it cuts through, so the note is not inside it', () => {
    const fenced = '# Log\n\n```\n' + 'line of log output\n'.repeat(100_000) + '```\n'
    const capped = capMarkdown(fenced, MAX_SUMMARY_BYTES, place)
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES)
    expect(capped.match(/^```/gm)).toHaveLength(2)
    expect(capped.indexOf('```', 10)).toBeLessThan(capped.indexOf('_… cut at'))
  })

  it('leaves a report within the limit as it is', () => {
    expect(capMarkdown('# small\n', SUMMARY_BUDGET_BYTES, place)).toBe('# small\n')
  })
})
