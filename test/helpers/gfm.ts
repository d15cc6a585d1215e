import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

/** Markdown as GitHub's CommonMark + GFM parser reads it (micromark with the GFM extensions), as HTML. */
export function renderGfm(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
}

/** The lines of markdown outside fenced code blocks. */
export function linesOutsideFences(markdown: string): string[] {
  const out: string[] = []
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) fenced = !fenced
    else if (!fenced) out.push(line)
  }
  return out
}

/** The bodies of the ```mermaid blocks of markdown. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map(m => m[1]!)
}

let mermaid: Promise<{ parse: (text: string) => Promise<unknown> }> | undefined

/** Mermaid's own parser (the current mermaid package) in a happy-dom window: it throws on a chart it cannot read. */
export function mermaidParser(): Promise<{ parse: (text: string) => Promise<unknown> }> {
  mermaid ??= (async () => {
    const { Window } = await import('happy-dom')
    const window = new Window()
    Object.assign(globalThis, { window, document: window.document })
    const m = (await import('mermaid')).default
    m.initialize({ startOnLoad: false })
    return m
  })()
  return mermaid
}

/** The HTML elements GitHub's renderer makes of Tunegate's markdown, and the two it writes as HTML itself. */
const ALLOWED_TAGS = new Set([
  'h2',
  'h3',
  'h4',
  'p',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'code',
  'pre',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'blockquote',
  'hr',
  'del',
  'details',
  'summary'
])

/** Tags in rendered HTML that Tunegate's markdown should never produce (raw HTML that leaked through). */
export function unexpectedTags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)]
    .map(m => m[1]!.toLowerCase())
    .filter(t => !ALLOWED_TAGS.has(t))
}
