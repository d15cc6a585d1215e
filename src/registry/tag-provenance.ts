/**
 * Which stage tags Tunegate made. Anyone with push access can push `model#production#7`, lightweight or
 * annotated, and GTO counts an annotated one like any other; Tunegate's own are annotated by the tagger below
 * with one of the messages its promotion and stage commands write. A stage tag without both is reported as
 * foreign and not taken for a model's stage where Tunegate looks up production (evaluate's baseline, drift's
 * reference): a hand-pushed tag cannot choose what a candidate is compared with. A tag ruleset that restricts
 * creating tags is what stops the push itself; this check is the second line.
 */
import { parseTag } from './gto-tags.js'
import type { TagRecord } from './state.js'

/** The tagger of every tag Tunegate writes. */
export const TUNEGATE_TAGGER = { name: 'tunegate', email: 'tunegate@users.noreply.github.com' } as const

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The first lines Tunegate writes on a stage tag (promote.ts, assign.ts), for one model and stage. */
function tunegateStageMessage(model: string, stage: string): RegExp {
  const m = escape(model)
  const s = escape(stage)
  const by = '( \\(requested by [^\\n]+\\))?'
  return new RegExp(
    `^(${m} v\\S+ lands in ${s}|(Assign|Roll back) ${s} to ${m} \\S+${by}|Unassign ${s} from ${m} \\S+${by})$`
  )
}

/** Why a stage tag is not one Tunegate made; undefined for Tunegate's own and for tags that are no stage tag. */
export function foreignStageTagReason(tag: TagRecord): string | undefined {
  const p = parseTag(tag.name)
  if (!p.ok || (p.action !== 'assign' && p.action !== 'unassign')) return undefined
  if (!tag.annotated) return 'a lightweight tag (Tunegate writes annotated tags)'
  const email = (tag.taggerEmail ?? '').replace(/^<|>$/g, '')
  if (tag.tagger !== TUNEGATE_TAGGER.name || email !== TUNEGATE_TAGGER.email)
    return `tagged by ${tag.tagger || 'nobody'} <${email}>, not by ${TUNEGATE_TAGGER.name} <${TUNEGATE_TAGGER.email}>`
  const first = tag.message.split('\n')[0] ?? ''
  if (!tunegateStageMessage(p.model, p.stage!).test(first))
    return `its message '${first.slice(0, 80)}' is not one Tunegate writes`
  return undefined
}

/** The tags without the stage tags Tunegate did not make, and those left out with the reason. */
export function withoutForeignStageTags(tags: TagRecord[]): {
  tags: TagRecord[]
  foreign: { tag: string; reason: string }[]
} {
  const kept: TagRecord[] = []
  const foreign: { tag: string; reason: string }[] = []
  for (const t of tags) {
    const reason = foreignStageTagReason(t)
    if (reason) foreign.push({ tag: t.name, reason })
    else kept.push(t)
  }
  return { tags: kept, foreign }
}
