import { describe, expect, it } from 'vitest'
import { code, escapeText } from '../src/report/escape.js'
import { MAX_COMMENT_CHARS, mergeSection, readSections, STICKY_MARKER } from '../src/report/sticky-comment.js'

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

  it('keeps validation first and the other sections in name order', () => {
    let body = mergeSection(undefined, 'evaluate:z', 'z')
    body = mergeSection(body, 'validate', 'v')
    body = mergeSection(body, 'evaluate:a', 'a')
    expect([...readSections(body).keys()]).toEqual(['validate', 'evaluate:a', 'evaluate:z'])
  })

  it('refuses section names that could break the markers', () => {
    expect(() => mergeSection(undefined, 'evil --> <!--', 'x')).toThrow(/Invalid comment section name/)
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
