import { z } from 'zod'
import { escapeText } from './escape.js'
import { commitLink } from './links.js'

/** A verdict's one state, shown with one icon everywhere: the summary, the headings, the tables. */
export type VerdictState = 'pass' | 'fail' | 'inconclusive' | 'pending'
export const STATE_ICON: Record<VerdictState, string> = { pass: '✅', fail: '❌', inconclusive: '⚠️', pending: '⏳' }

// A marker is read back from section files and from the comment itself, so it is untrusted: its reason is one
// line with no comment delimiters, and its links are plain web addresses that cannot break out of `[](…)`.
const webAddress = z
  .string()
  .max(500)
  .regex(/^https?:\/\/[^\s()<>[\]"'`\\]+$/)
const oneLine = (s: string) => !/[\r\n\v\f\u0085\u2028\u2029]|<!--|-->/.test(s)

/** One line of the comment's summary: a section's verdict, said in one reason, with the commit it is about. */
export const verdictLineSchema = z.strictObject({
  /** The model, or `Validation`. */
  title: z.string().max(200),
  state: z.enum(['pass', 'fail', 'inconclusive', 'pending']),
  /** The deciding reason, already safe markdown (escaped where it holds untrusted text). */
  reason: z.string().max(2000).refine(oneLine, 'one line, without comment delimiters'),
  /** Whether this verdict keeps the pull request from merging (an inconclusive one may or may not, by policy). */
  blocks: z.boolean(),
  /** The commit that was checked, and the repository's web address to link it. */
  commit: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/)
    .optional(),
  repoUrl: webAddress.optional(),
  /** When it was checked (ISO 8601). */
  at: z.string().datetime(),
  /** The workflow run that checked it. */
  runUrl: webAddress.optional(),
  /** Validation's: the models it found affected, each waiting for its own line until it is evaluated. */
  awaits: z.array(z.string().max(100)).max(256).optional()
})
export type VerdictLine = z.infer<typeof verdictLineSchema>

// The largest line the schema allows (256 awaited models of 100 characters, a 2,000-character reason, two
// addresses) is about 30 KB of JSON, 40 KB in base64.
const MARKER = /^<!-- tunegate:verdict ([A-Za-z0-9_-]{1,48000}) -->\n*/

/** A section's text with its verdict line first, as a hidden marker the comment's summary is composed from. */
export function withVerdict(markdown: string, line: VerdictLine): string {
  const data = Buffer.from(JSON.stringify(verdictLineSchema.parse(line))).toString('base64url')
  return `<!-- tunegate:verdict ${data} -->\n\n${stripVerdict(markdown)}`
}

/** A section's text without its verdict marker. */
export function stripVerdict(markdown: string): string {
  return markdown.replace(MARKER, '')
}

/** The verdict line a section carries, if it carries a well-formed one. */
export function readVerdict(markdown: string): VerdictLine | undefined {
  const m = MARKER.exec(markdown)
  if (!m) return undefined
  try {
    const parsed = verdictLineSchema.safeParse(JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** A time as a reader reads it: `1 Dec 2026, 16:02 UTC`. */
export function readableTime(iso: string): string {
  const d = new Date(iso)
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })
  const hm = d.toISOString().slice(11, 16)
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}, ${hm} UTC`
}

/** The pull request's head when it has moved past the commit the report is about. */
export interface Outdated {
  evaluated: string
  head: string
  repoUrl?: string
}

/** The notice above the summary when the pull request's head has moved past the checked commit. */
export function outdatedNotice({ evaluated, head, repoUrl }: Outdated): string {
  return [
    '> [!WARNING]',
    `> **Outdated:** this report is about ${commitLink({ repoUrl }, evaluated)}; the pull request's head is now ` +
      `${commitLink({ repoUrl }, head)}, and a run for it is in progress.`
  ].join('\n')
}

/** How the summary lists its lines (each with where it was checked, when that varies): one bullet each by default. */
export type SummaryList = (lines: { line: VerdictLine; where: string }[]) => string[]

const bullets: SummaryList = lines =>
  lines.map(({ line: l, where }) => `- ${STATE_ICON[l.state]} **${escapeText(l.title)}** ${l.reason}${where}`)

/**
 * The comment's opening block: the merge verdict, one line per section (validation, then each model) with its
 * deciding reason, the commit that was checked and when. Lines about an older commit than the newest are
 * marked outdated.
 */
export function summaryBlock(given: VerdictLine[], list: SummaryList = bullets): string {
  // A comment with no verdict in it (a promotion note on a merged pull request) has nothing to sum up.
  if (!given.length) return ''
  // A job writing its own section: models validation found affected but not yet evaluated are still waiting.
  const titles = new Set(given.map(l => l.title))
  const waiting = [...new Set(given.flatMap(l => l.awaits ?? []))].filter(m => !titles.has(m))
  const lines: VerdictLine[] = [
    ...given,
    ...waiting.map(title => ({
      title,
      state: 'pending' as const,
      reason: 'waits: not evaluated yet',
      blocks: true,
      at: given[0]!.at
    }))
  ]
  const out: string[] = []
  const commits = [...new Set(lines.map(l => l.commit).filter(Boolean))]
  const newest = [...lines].sort((a, b) => (a.at < b.at ? 1 : -1))[0]
  // A line about an earlier commit decides nothing: it waits for the newest commit's run when the newest
  // validation found its model affected (or there is none to say), and is left out when it did not.
  const isStale = (l: VerdictLine) => commits.length > 1 && l.commit !== undefined && l.commit !== newest?.commit
  const validation = lines.find(l => l.awaits && l.commit === newest?.commit)
  const awaited = (l: VerdictLine) => !validation || validation.awaits!.includes(l.title)
  const current = lines.filter(l => !isStale(l))
  const blocking = current.filter(l => l.blocks || l.state === 'fail')
  const pending = lines.filter(l => l.state === 'pending' || (isStale(l) && awaited(l)))
  const inconclusive = current.filter(l => l.state === 'inconclusive')
  const headline = blocking.some(l => l.state !== 'pending')
    ? `${STATE_ICON.fail} not ready to merge`
    : pending.length
      ? `${STATE_ICON.pending} waiting: ${pending.length} of ${lines.length} not decided yet`
      : inconclusive.length
        ? `${STATE_ICON.inconclusive} ready to merge, with ${inconclusive.length === 1 ? 'an inconclusive model' : `${inconclusive.length} inconclusive models`}`
        : `${STATE_ICON.pass} ready to merge`
  out.push(`## Tunegate: ${headline}`, '')
  const listed = lines.map(line => {
    const stale = isStale(line)
    const where =
      commits.length > 1 && line.commit
        ? ` (${commitLink(line, line.commit)}, ${readableTime(line.at)}${stale ? ', outdated: an earlier commit' : ''})`
        : ''
    return { line, where }
  })
  out.push(...list(listed))
  out.push('')
  const facts: string[] = []
  if (commits.length === 1 && newest?.commit) facts.push(`Checked commit ${commitLink(newest, newest.commit)}`)
  if (newest) facts.push(readableTime(newest.at))
  if (newest?.runUrl) facts.push(`[workflow run](${newest.runUrl})`)
  if (facts.length) out.push(facts.join(' · '), '')
  return out.join('\n')
}
