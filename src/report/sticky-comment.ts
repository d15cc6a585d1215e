/** The hidden marker that identifies Tunegate's one comment on a pull request. */
export const STICKY_MARKER = '<!-- tunegate:sticky-comment -->'
/** GitHub refuses comment bodies over 65,536 characters; stay well under it. */
export const MAX_COMMENT_CHARS = 60_000

const SECTION_NAME = /^[a-z0-9][a-z0-9:._-]{0,99}$/
const begin = (name: string) => `<!-- tunegate:section ${name} -->`
const end = (name: string) => `<!-- /tunegate:section ${name} -->`
const SECTION_RE = /<!-- tunegate:section ([a-z0-9][a-z0-9:._-]{0,99}) -->\n([\s\S]*?)\n<!-- \/tunegate:section \1 -->/g

/** Sections in display order: validation first, then the rest by name. */
function order(name: string): string {
  return (name === 'validate' ? '0' : name.startsWith('summary') ? '1' : '2') + name
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

/** Renders sections under the marker, capped so the comment stays under GitHub's limit. */
export function renderComment(sections: Map<string, string>, footer = ''): string {
  const names = [...sections.keys()].sort((a, b) => (order(a) < order(b) ? -1 : 1))
  const overhead =
    STICKY_MARKER.length + footer.length + names.reduce((n, s) => n + begin(s).length + end(s).length + 4, 0) + 64
  const budget = Math.max(1000, Math.floor((MAX_COMMENT_CHARS - overhead) / Math.max(1, names.length)))
  const parts = [STICKY_MARKER]
  for (const name of names) parts.push(begin(name), capText(sections.get(name)!, budget), end(name))
  if (footer) parts.push(footer)
  return parts.join('\n')
}

/** Cuts text to a length on a line boundary, saying that it was cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text
  const note = "\n\n_… cut to fit the comment; the full report is in the job summary and the step's report artifact._"
  const cut = text.lastIndexOf('\n', max - note.length)
  return text.slice(0, cut > 0 ? cut : max - note.length) + note
}

/** Section content can never forge a marker or close another section. */
function neutraliseMarkers(markdown: string): string {
  return markdown.replace(/<!--\s*\/?tunegate:/g, '&lt;!-- tunegate:')
}
