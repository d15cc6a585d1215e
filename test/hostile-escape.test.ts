import { describe, expect, it } from 'vitest'
import { code, cut, escapeText } from '../src/report/escape.js'

/** No lone surrogate (String.prototype.isWellFormed, which the project's lib target lacks). */
const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)

/** Line breaks of every kind Markdown or GitHub honours. */
const BREAKS = /[\n\r\v\f\u0085\u2028\u2029]/

describe('untrusted text cannot start a line, a link or a reversed reading in a report', () => {
  it('a lone CR cannot open an HTML comment or a quote with a mention on a new line', () => {
    for (const id of [
      'x\r<!-- hidden',
      'x\r> quote @admin',
      'a\u2028# heading',
      'b\u2029- item',
      'c\r\n---',
      'd\u0085e'
    ]) {
      expect(code(id), JSON.stringify(id)).not.toMatch(BREAKS)
      expect(escapeText(id), JSON.stringify(id)).not.toMatch(BREAKS)
      expect(escapeText(id)).not.toMatch(/<!--|@admin/)
    }
    expect(escapeText('x\r> quote @admin')).toBe('x ⏎ &gt; quote @\u200badmin')
  })

  it('bare https:// URLs and www. names are not autolinked', () => {
    const s = escapeText('see https://evil.example/x and www.evil.example or mailto:a@b.example')
    expect(s).not.toMatch(/https:\/\/|www\.|mailto:(?!\u200b)/)
    expect(s).toContain('https:\u200b//evil.example/x')
    expect(s).toContain('www\u200b.evil.example')
  })

  it('bidirectional controls are shown as code points, in text and in code', () => {
    const trojan = 'access\u202e\u2066 // admin\u2069\u2066'
    for (const out of [escapeText(trojan), code(trojan)]) {
      expect(out).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/)
      expect(out).toMatch(/U\+202E/)
    }
  })

  it('cuts at code points, never inside a surrogate pair', () => {
    const text = 'a'.repeat(158) + '😀😀😀'
    const out = cut(text, 160)
    expect(out).toBe('a'.repeat(158) + '…')
    expect(wellFormed(out)).toBe(true)
    expect(wellFormed(escapeText(text, 160))).toBe(true)
    expect(wellFormed(code(text, 160))).toBe(true)
  })
})
