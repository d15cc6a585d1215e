/**
 * A section file reaches the report job as an artifact, and an artifact can be uploaded by whatever runs in
 * the workflow — a trainer among them. So the report treats every section's markdown as untrusted: whatever
 * GitHub would make active in it is made inert, while the markdown Tunegate's own renderers write (headings,
 * tables, `<details>`, code, Mermaid, links into the repository) reads as before.
 *
 * Written by hand: the sanitizers of the unified/rehype family clean the HTML a renderer produces, not markdown
 * that GitHub renders afterwards, and a markdown round trip through a parser would rewrite every section.
 */
import { cut } from './escape.js'
import { readVerdict, stripVerdict, withVerdict } from './verdict-summary.js'

/** The HTML Tunegate's renderers write: collapsible blocks. Any other tag, comment or autolink is escaped. */
const ALLOWED_TAG = /^<(?:\/?summary|\/details|details(?: open)?)>/
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/
/** Placeholders for the links kept while the rest of a line is escaped: private-use characters. */
const HOLE = /\uE000(\d+)\uE001/g
const ZWSP = '\u200b'

/** Whether the character at `i` is already escaped by an odd run of backslashes before it. */
function escaped(text: string, i: number): boolean {
  let n = 0
  while (i - n - 1 >= 0 && text[i - n - 1] === '\\') n++
  return n % 2 === 1
}

/** A link target that stays a link: a web address inside the repository (after URL normalisation). */
function trustedTarget(url: string, repoUrl: string | undefined): boolean {
  if (!repoUrl) return false
  try {
    return new URL(url).href.startsWith(`${new URL(repoUrl).href.replace(/\/$/, '')}/`)
  } catch {
    return false
  }
}

/** Plain text (outside code) made inert: no HTML but the allowed tags, no link syntax, no mentions, no bare URLs. */
function inertText(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '<' && !escaped(text, i) && /[A-Za-z/!?]/.test(text[i + 1] ?? '') && !ALLOWED_TAG.test(text.slice(i)))
      out += '&lt;'
    // `](` `][` make a link, an image or a reference; a line's `[x]:` defines one.
    else if (c === ']' && !escaped(text, i) && (text[i + 1] === '(' || text[i + 1] === '[' || text[i + 1] === ':'))
      out += '\\]'
    else out += c
  }
  return (
    out
      .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`)
      // GitHub links bare URLs (scheme://, mailto:, xmpp:) and www. names: a zero-width space breaks the pattern.
      .replace(/([a-z][a-z0-9+.-]*):(?=\/\/)/gi, `$1:${ZWSP}`)
      .replace(/\b(mailto|xmpp):/gi, `$1:${ZWSP}`)
      .replace(/\b(www)\./gi, `$1${ZWSP}.`)
  )
}

/** Text with its code spans kept as they are (code is inert) and the rest made inert. */
function inertOutsideCode(text: string): string {
  // CommonMark: a run of n backticks opens a code span that the next run of exactly n closes; one without a
  // closing run is literal text.
  const runs = [...text.matchAll(/`+/g)]
  let out = ''
  let from = 0
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i]!
    const j = runs.findIndex((r, k) => k > i && r[0].length === open[0].length)
    if (j < 0) continue
    const close = runs[j]!
    out += inertText(text.slice(from, open.index)) + text.slice(open.index, close.index + close[0].length)
    from = close.index + close[0].length
    i = j
  }
  return out + inertText(text.slice(from))
}

/** One line outside code blocks: links into the repository kept (their text made inert), the rest inert. */
function inertLine(line: string, repoUrl: string | undefined): string {
  const kept: string[] = []
  const holed = line
    .replace(/[\uE000\uE001]/g, '')
    .replace(/(!?)\[((?:[^[\]\n`]|`[^`\n]*`)*)\]\(([^\s()<>]+)\)/g, (all, bang: string, text: string, url: string) => {
      if (bang || !trustedTarget(url, repoUrl)) return all
      kept.push(`[${inertOutsideCode(text)}](${url})`)
      return `\uE000${kept.length - 1}\uE001`
    })
  return inertOutsideCode(holed).replace(HOLE, (_, n: string) => kept[Number(n)]!)
}

/**
 * A section's markdown made inert for the pull request: outside fenced code, HTML other than `<details>` and
 * `<summary>` is escaped (comments too, so no hidden text or forged markers), links and images that do not point
 * into the repository lose their link syntax, @-mentions and bare web addresses are broken with a zero-width
 * space. Its verdict line keeps its state, with the reason made inert the same way and its links replaced by
 * the run's own (`links`), or dropped.
 */
export function inertSection(markdown: string, links: { repoUrl?: string; runUrl?: string }): string {
  const lines = stripVerdict(markdown).split('\n')
  let fence: string | undefined
  const out = lines.map(line => {
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line)
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) fence = undefined
      return line
    }
    const open = FENCE_OPEN.exec(line)
    if (open) {
      fence = open[1]
      return line
    }
    return inertLine(line, links.repoUrl)
  })
  const text = out.join('\n')
  const verdict = readVerdict(markdown)
  if (!verdict) return text
  const { repoUrl: _repo, runUrl: _run, ...rest } = verdict
  return withVerdict(text, {
    ...rest,
    title: cut(inertLine(verdict.title, undefined), 200),
    reason: cut(inertLine(verdict.reason, links.repoUrl), 2000),
    ...(verdict.awaits ? { awaits: verdict.awaits.map(m => cut(inertLine(m, undefined), 100)) } : {}),
    ...(links.repoUrl ? { repoUrl: links.repoUrl } : {}),
    ...(links.runUrl ? { runUrl: links.runUrl } : {})
  })
}
