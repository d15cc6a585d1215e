/** Every line terminator Markdown (CR, LF, CRLF) or GitHub (U+2028, U+2029, NEL) breaks a line on, and VT/FF. */
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g
/** Bidirectional controls: they make text read in an order other than the bytes' (Trojan Source). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const ZWSP = '\u200b'

/** Cuts text to at most `max` UTF-16 units with an ellipsis, never between the halves of a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return text.slice(0, end) + '…'
}

const visibleBidi = (s: string) =>
  s.replace(BIDI_CONTROLS, c => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`)

/**
 * Untrusted text (dataset rows, file names from a PR, model outputs) made inert for GitHub markdown:
 * no HTML, no @-mentions that notify people, no links or images (bare URLs and www. included), no table
 * breaks, no line breaks of any kind, and bidirectional controls shown as their code points.
 */
export function escapeText(text: string, maxLength = 300): string {
  return (
    visibleBidi(cut(text, maxLength))
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]()!~|#])/g, '\\$1')
      .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`)
      .replace(LINE_BREAKS, ' ⏎ ')
      // GitHub links bare URLs (scheme://, mailto:, xmpp:) and www. names: a zero-width space breaks the pattern.
      .replace(/([a-z][a-z0-9+.-]*):(?=\/\/)/gi, `$1:${ZWSP}`)
      .replace(/\b(mailto|xmpp):/gi, `$1:${ZWSP}`)
      .replace(/\b(www)\./gi, `$1${ZWSP}.`)
  )
}

/** A value shown as inline code: backticks, pipes and line breaks cannot break out of it or of a table cell. */
export function code(text: string, maxLength = 200): string {
  const s = visibleBidi(cut(text, maxLength)).replace(LINE_BREAKS, ' ').replace(/\|/g, '\\|')
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map(m => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${s}${pad}${fence}`
}

/** A markdown table; cells are taken as already safe (escape them first). */
export function markdownTable(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const sep = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'))
  return [`| ${header.join(' | ')} |`, `| ${sep.join(' | ')} |`, ...rows.map(r => `| ${r.join(' | ')} |`)].join('\n')
}

/** Formatters by digits: toLocaleString with options makes a new one per call (tens of microseconds each). */
const formats = new Map<number, Intl.NumberFormat>()

/** A number with thousands separators. */
export function num(n: number, digits = 0): string {
  let format = formats.get(digits)
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    formats.set(digits, format)
  }
  return format.format(n)
}

/** A count with its noun: `1 gate`, `3 gates`, `1,296 rows`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`
}
