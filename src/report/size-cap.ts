/** GitHub refuses a step's job summary over 1 MiB (all of that step's summary writes together). */
export const MAX_SUMMARY_BYTES = 1024 * 1024
/** What a step writes to its summary: under the limit, with room for the note and GitHub's own framing. */
export const SUMMARY_BUDGET_BYTES = MAX_SUMMARY_BYTES - 16 * 1024

/** The artifact that carries a step's full report, when its summary or comment had to be cut. */
export function reportArtifactName(step: string, model?: string): string {
  return `tunegate-report-${step}${model ? `-${model}` : ''}`
}

/** Where the full report is, in words for a note: a link to the artifact when its URL is known. */
export function fullReportPlace(artifact: { name: string; url?: string } | undefined): string {
  if (!artifact) return "in the step's report file (run 'tunegate' locally for all of it)"
  return artifact.url ? `in the artifact [${artifact.name}](${artifact.url})` : `in the artifact \`${artifact.name}\``
}

/**
 * Cuts markdown to at most `maxBytes` of UTF-8 on a line boundary, closes a code fence left open, and says
 * where the full report is. Markdown within the budget comes back unchanged.
 */
export function capMarkdown(markdown: string, maxBytes: number, place: string): string {
  if (Buffer.byteLength(markdown) <= maxBytes) return markdown
  const total = Buffer.byteLength(markdown)
  const note = `\n\n_… cut at ${kib(maxBytes)} of ${kib(total)} to fit GitHub's limit; the full report is ${place}._\n`
  const budget = Math.max(0, maxBytes - Buffer.byteLength(note) - 8)
  // A UTF-16 unit is at most 3 UTF-8 bytes: start from a cut that surely fits, then grow it by lines.
  let end = Math.min(markdown.length, Math.floor(budget / 3))
  let bytes = Buffer.byteLength(markdown.slice(0, end))
  for (;;) {
    const next = markdown.indexOf('\n', end + 1)
    if (next < 0) break
    const more = Buffer.byteLength(markdown.slice(end, next))
    if (bytes + more > budget) break
    bytes += more
    end = next
  }
  const lineEnd = markdown.lastIndexOf('\n', end)
  let head = markdown.slice(0, lineEnd > 0 ? lineEnd : end)
  const last = head.charCodeAt(head.length - 1)
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1)
  // An odd number of fence lines leaves a code block open: the note would be inside it.
  const fences = head.match(/^ {0,3}(```|~~~)/gm)?.length ?? 0
  return `${head}${fences % 2 ? '\n```' : ''}${note}`
}

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`
