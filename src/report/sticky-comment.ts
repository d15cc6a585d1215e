import { cut, escapeText } from './escape.js'
import {
  readVerdict,
  STATE_ICON,
  stripVerdict,
  summaryBlock,
  withVerdict,
  type SummaryList,
  type VerdictLine
} from './verdict-summary.js'

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
export function composeSections(sections: Map<string, string>, footer = ''): string {
  const safe = new Map<string, string>()
  for (const [name, markdown] of sections) {
    if (!SECTION_NAME.test(name))
      throw new Error(`Invalid comment section name '${name}'. Expected lowercase letters, digits and : . _ -`)
    safe.set(name, neutraliseMarkers(markdown).trimEnd())
  }
  return renderComment(safe, footer)
}

/** One write of the sticky comment: a section merged into it, or the whole comment composed from sections. */
export type StickyWrite = { section: string; markdown: string } | { sections: Map<string, string>; footer: string }

/**
 * The sticky comment's body after a write, from its body before (undefined: no comment yet). A section write
 * first folds in the sections of duplicates left by an interrupted run that the body lacks; a whole-comment
 * write replaces everything. Both hosts write through this, so a comment means the same on GitHub and locally.
 */
export function stickyBody(before: string | undefined, write: StickyWrite, duplicates: (string | undefined)[] = []) {
  if ('sections' in write) return composeSections(write.sections, write.footer)
  let body = before
  for (const d of duplicates)
    for (const [name, text] of readSections(d)) if (!readSections(body).has(name)) body = mergeSection(body, name, text)
  return mergeSection(body, write.section, write.markdown)
}

/** Every section in full with markers neutralised, for the job summary and the report artifact. */
export function composeFullReport(sections: Map<string, string>, footer = ''): string {
  const safe = new Map([...sections].map(([name, markdown]) => [name, neutraliseMarkers(markdown).trimEnd()]))
  return renderFullReport(safe, footer)
}

/**
 * Renders sections under the marker, capped so the comment stays under GitHub's limit: first the verdict
 * summary composed from the sections' verdict lines (so every writer, the report job or a job writing its own
 * section, leaves the same summary on top), then each section between blank lines. When the sections cannot
 * all fit with a fair share each (many models), the comment becomes a digest: see digestComment.
 */
export function renderComment(sections: Map<string, string>, footer = '', maxChars = MAX_COMMENT_CHARS): string {
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
  const budget = Math.max(1000, Math.floor((maxChars - overhead) / Math.max(1, names.length)))
  const parts = [STICKY_MARKER]
  const section = (name: string) => parts.push(begin(name), capText(sections.get(name)!, budget), end(name))
  notice.forEach(section)
  if (summary) parts.push(summary.trimEnd())
  rest.forEach(section)
  if (footer) parts.push(footer)
  const body = parts.join('\n\n') + '\n'
  return body.length <= maxChars ? body : digestComment(sections, names, footer, maxChars)
}

/** The whole report, every section in full (for the job summary and the report artifact, not the comment). */
export function renderFullReport(sections: Map<string, string>, footer = ''): string {
  return renderComment(sections, footer, Number.POSITIVE_INFINITY)
}

/** Characters kept for the sections of a digest, beside its table: at least the validation and a failing model. */
const DIGEST_SECTIONS_CHARS = 20_000
/** A section shown in a digest gets at least this much room, else it is left to the full report. */
const MIN_SECTION_CHARS = 1_500
/** A passing model's reason in a digest's table is cut to this; failing and inconclusive ones get more. */
const PASSING_REASON_CHARS = 60

/** Which sections a digest shows first: validation, then what fails, is inconclusive or waits, then the rest. */
function digestRank(name: string, line: VerdictLine | undefined): number {
  if (name === 'validate') return 0
  if (!line) return 4
  if (line.state === 'fail' || (line.state === 'pass' && line.blocks)) return 1
  return line.state === 'inconclusive' ? 2 : line.state === 'pending' ? 3 : 5
}

/**
 * The comment when the sections do not all fit: the verdict summary as a table of every model (its verdict,
 * its reason cut to the room there is, and a link to the run), then the full sections of validation and of the
 * failing, inconclusive and waiting models, then passing ones while room is left; a note names the sections
 * left out, which the job summary and the report artifact hold in full.
 */
function digestComment(sections: Map<string, string>, names: string[], footer: string, maxChars: number): string {
  const notice = names.filter(n => n === NOTICE_SECTION)
  const verdicts = new Map(names.map(n => [n, readVerdict(sections.get(n)!)]))
  const rest = names
    .filter(n => n !== NOTICE_SECTION)
    .sort((a, b) => digestRank(a, verdicts.get(a)) - digestRank(b, verdicts.get(b)) || (a < b ? -1 : 1))
  const lines = rest.map(n => verdicts.get(n)).filter(l => l !== undefined)
  const noticeText = notice.map(n => `${begin(n)}\n\n${capText(sections.get(n)!, 2000)}\n\n${end(n)}`).join('\n\n')
  const fixed = STICKY_MARKER.length + noticeText.length + footer.length + 600
  const summary = summaryBlock(lines, digestTable(Math.max(2000, maxChars - fixed - DIGEST_SECTIONS_CHARS)))
  const parts = [STICKY_MARKER, ...(noticeText ? [noticeText] : []), summary.trimEnd()]
  let room = maxChars - parts.join('\n\n').length - footer.length - 600
  // Validation and the models that need a look share the room first; passing models get what is left.
  let first = rest.filter(n => digestRank(n, verdicts.get(n)) < 5).length
  const left: string[] = []
  for (const name of rest) {
    const frame = begin(name).length + end(name).length + 8
    const text = sections.get(name)!
    const share = digestRank(name, verdicts.get(name)) < 5 ? Math.floor(room / Math.max(1, first--)) : room
    // At least the minimum each, in order, while the room lasts: the first failing models are the ones shown.
    const allowance = Math.min(room, Math.max(share, MIN_SECTION_CHARS + frame))
    const fits = allowance - frame >= Math.min(text.length, MIN_SECTION_CHARS)
    const shown = fits ? capText(text, allowance - frame) : undefined
    if (shown === undefined) {
      left.push(name)
      continue
    }
    parts.push(begin(name), shown, end(name))
    room -= shown.length + frame
  }
  if (left.length) {
    const models = left.map(n => n.replace(/^evaluate:/, ''))
    parts.push(
      `_${models.length === 1 ? '1 section is' : `${models.length} sections are`} not shown here, to stay under ` +
        `GitHub's comment limit (${models.length === 1 ? 'its' : 'their'} verdict is in the table above): ` +
        'the full report is in the job summary and the report artifact._'
    )
  }
  if (footer) parts.push(footer)
  const body = parts.join('\n\n') + '\n'
  // A cut section's closing note may overrun its allowance by a little: then plan again with less room.
  if (body.length > maxChars && maxChars > 10_000)
    return digestComment(sections, names, footer, maxChars - (body.length - maxChars) - 500)
  return body
}

/**
 * The summary's lines as a table that fits `maxChars`: failing, inconclusive and waiting rows first, each
 * model linked to its run by a reference link (one definition per run), the reason cut to the room a row has.
 * Rows that still do not fit (thousands of long names) are counted in a last row.
 */
function digestTable(maxChars: number): SummaryList {
  return listed => {
    const runs = [...new Set(listed.map(({ line }) => line.runUrl).filter(u => u !== undefined))]
    const ref = (url: string | undefined) => (url ? `[run-${runs.indexOf(url) + 1}]` : '')
    const rows = [...listed].sort(
      (a, b) =>
        digestRank(a.line.title === 'Validation' ? 'validate' : 'model', a.line) -
        digestRank(b.line.title === 'Validation' ? 'validate' : 'model', b.line)
    )
    const head = ['| | model | verdict |', '| --- | --- | --- |']
    const defs = runs.map((u, i) => `[run-${i + 1}]: ${u}`)
    const room = maxChars - [...head, '', ...defs].join('\n').length - 200
    const cell = ({ line }: (typeof listed)[number]) => {
      const title = escapeText(line.title, 100)
      return `| ${STATE_ICON[line.state]} | ${line.runUrl ? `[${title}]${ref(line.runUrl)}` : title} |`
    }
    const bare = rows.reduce((n, r) => n + cell(r).length + 4, 0)
    // A passing row's reason says little more than its icon: the rows that need a look get the longer ones.
    const needLook = rows.filter(r => r.line.state !== 'pass').length
    const perReason = Math.floor((room - bare) / Math.max(1, rows.length))
    const passing = Math.min(perReason, PASSING_REASON_CHARS)
    const looking = Math.min(
      300,
      Math.floor((room - bare - passing * (rows.length - needLook)) / Math.max(1, needLook))
    )
    const out = [...head]
    let used = 0
    for (const [i, r] of rows.entries()) {
      const max = r.line.state === 'pass' ? passing : looking
      const reason = max >= 16 ? tableCellText(`${r.line.reason}${r.where}`, max) : ''
      const row = `${cell(r)} ${reason} |`
      if (used + row.length + 1 > room) {
        out.push(`| | … ${rows.length - i} more | see the full report |`)
        break
      }
      out.push(row)
      used += row.length + 1
    }
    return defs.length ? [...out, '', ...defs] : out
  }
}

/** Safe markdown made one table cell of at most `max` characters: pipes escaped, no code span left open. */
function tableCellText(markdown: string, max: number): string {
  let text = markdown.replace(/(^|[^\\])\|/g, '$1\\|')
  if (text.length > max) {
    text = cut(text, max)
    // A cut inside a code span or link would leave it open: go back to before it.
    if ((text.match(/`/g)?.length ?? 0) % 2) text = text.slice(0, text.lastIndexOf('`')) + '…'
    const link = text.lastIndexOf('](')
    if (link > text.lastIndexOf(')')) text = text.slice(0, text.lastIndexOf('[', link)) + '…'
    if (/\\…$/.test(text)) text = text.slice(0, -2) + '…'
  }
  return text
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
