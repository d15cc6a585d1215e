/**
 * Untrusted text (dataset rows, file names from a PR, model outputs) made inert for GitHub markdown:
 * no HTML, no @-mentions that notify people, no links or images, no table breaks.
 */
export function escapeText(text: string, maxLength = 300): string {
  let s = text.length > maxLength ? text.slice(0, maxLength - 1) + '…' : text
  s = s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]()!~|#])/g, '\\$1')
    .replace(/@(?=[A-Za-z0-9_-])/g, '@\u200b')
    .replace(/\r?\n/g, ' ⏎ ')
  return s
}

/** A value shown as inline code: backticks and pipes cannot break out of it or of a table cell. */
export function code(text: string, maxLength = 200): string {
  let s = text.length > maxLength ? text.slice(0, maxLength - 1) + '…' : text
  s = s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')
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

/** A number with thousands separators. */
export function num(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}
