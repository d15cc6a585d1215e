import { readVerdict, stripVerdict, summaryBlock, withVerdict } from './verdict-summary.js'

/** The hidden marker that identifies Tunegate's one comment on a pull request. */
export const STICKY_MARKER = '<!-- tunegate:sticky-comment -->'
/** GitHub refuses comment bodies over 65,536 characters; stay well under it. */
export const MAX_COMMENT_CHARS = 60_000

const SECTION_NAME = /^[a-z0-9][a-z0-9:._-]{0,99}$/
const begin = (name: string) => `<!-- tunegate:section ${name} -->`
const end = (name: string) => `<!-- /tunegate:section ${name} -->`
// Blank lines around the markers: a section ending in an HTML block (`</details>`) must not swallow the next
// one's heading. Comments written before the blank lines (one newline) are still read.
const SECTION_RE =
  /<!-- tunegate:section ([a-z0-9][a-z0-9:._-]{0,99}) -->\n+([\s\S]*?)\n+<!-- \/tunegate:section \1 -->/g

/** The section that says the whole report is outdated: shown above the summary. */
export const NOTICE_SECTION = 'notice'

/** Sections in display order: a notice, validation, then the rest by name. */
function order(name: string): string {
  return (name === NOTICE_SECTION ? '0' : name === 'validate' ? '1' : '2') + name
}

/** The sections of a sticky comment body, by name. */
export function readSections(body: string | undefined): Map<string, string> {
  const sections = new Map<string, string>()
  if (!body) return sections
  for (const m of body.matchAll(SECTION_RE)) sections.set(m[1]!, m[2]!)
  return sections
}

/** The body with one section replaced or added; other sections are kept as they are. */
export function mergeSection(body: string | undefined, name: string, markdown: string, footer = ''): string {
  if (!SECTION_NAME.test(name))
    throw new Error(`Invalid comment section name '${name}'. Expected lowercase letters, digits and : . _ -`)
  const sections = readSections(body)
  sections.set(name, neutraliseMarkers(markdown).trimEnd())
  return renderComment(sections, footer)
}

/** The whole comment from sections (markers in their text neutralised), in display order. */
export function composeSections(sections: Map<string, string>): string {
  let body: string | undefined
  for (const [name, markdown] of sections) body = mergeSection(body, name, markdown)
  return body ?? renderComment(new Map())
}

/**
 * Renders sections under the marker, capped so the comment stays under GitHub's limit: first the verdict
 * summary composed from the sections' verdict lines (so every writer, the report job or a job writing its own
 * section, leaves the same summary on top), then each section between blank lines.
 */
export function renderComment(sections: Map<string, string>, footer = ''): string {
  const names = [...sections.keys()].sort((a, b) => (order(a) < order(b) ? -1 : 1))
  const notice = names.filter(n => n === NOTICE_SECTION)
  const rest = names.filter(n => n !== NOTICE_SECTION)
  const lines = rest.map(n => readVerdict(sections.get(n)!)).filter(l => l !== undefined)
  const summary = summaryBlock(lines)
  const overhead =
    STICKY_MARKER.length +
    summary.length +
    footer.length +
    names.reduce((n, s) => n + begin(s).length + end(s).length + 8, 0) +
    64
  const budget = Math.max(1000, Math.floor((MAX_COMMENT_CHARS - overhead) / Math.max(1, names.length)))
  const parts = [STICKY_MARKER]
  const section = (name: string) => parts.push(begin(name), capText(sections.get(name)!, budget), end(name))
  notice.forEach(section)
  if (summary) parts.push(summary.trimEnd())
  rest.forEach(section)
  if (footer) parts.push(footer)
  return parts.join('\n\n') + '\n'
}

/**
 * Cuts text to a length on a paragraph (else a line) boundary, saying that it was cut; a code fence or a
 * `<details>` block left open by the cut is closed, so the rest of the comment is not swallowed by it.
 */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text
  const note = "_… cut to fit the comment; the full report is in the job summary and the step's report artifact._"
  const room = max - note.length - 40
  const paragraph = text.lastIndexOf('\n\n', room)
  const cut = paragraph > room / 2 ? paragraph : text.lastIndexOf('\n', room)
  let head = text.slice(0, cut > 0 ? cut : room)
  if ((head.match(/^ {0,3}(```|~~~)/gm)?.length ?? 0) % 2) head += '\n```'
  const open = (head.match(/<details[\s>]/g)?.length ?? 0) - (head.match(/<\/details>/g)?.length ?? 0)
  return head + '\n\n' + '</details>\n\n'.repeat(Math.max(0, open)) + note
}

/** Section content can never forge a marker or close another section; its own leading verdict line is kept. */
function neutraliseMarkers(markdown: string): string {
  const line = readVerdict(markdown)
  const text = stripVerdict(markdown).replace(/<!--\s*\/?tunegate:/g, '&lt;!-- tunegate:')
  return line ? withVerdict(text, line) : text
}
