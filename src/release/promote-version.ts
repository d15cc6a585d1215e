import { mkdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { formatTag, parseTag } from '../registry/gto-tags.js'
import type { Host } from '../registry/host.js'
import { nextTagTime, type TagRecord } from '../registry/state.js'
import {
  fingerprintOfTagMessage,
  inputsOfManifest,
  MANIFEST_ASSET,
  versionInputs,
  type ReleaseManifest
} from './manifest.js'
import type { ModelOutcome, ModelPromotion } from './promote-context.js'
import { chooseVersion } from './versioning.js'

/** A version's annotated register tag, with the version it names. */
export type Registration = TagRecord & { version: string }

/** The version this promotion writes: its number, why, its tag, and the version it follows. */
export interface NextVersion {
  version: string
  bump: { level: ReleaseManifest['bump']['level']; reason: string }
  tag: string
  taggedAt: number
  parent: { version: string; tag: string } | null
}

const registerTags = (model: string, tags: TagRecord[]): Registration[] =>
  tags.flatMap(t => {
    const p = parseTag(t.name)
    return t.annotated && p.ok && p.model === model && p.action === 'register' ? [{ ...t, version: p.version! }] : []
  })

/** The version numbers any tag of the model holds, and the tags among them that GTO does not count. */
function takenVersions(model: string, tags: TagRecord[]): { versions: string[]; foreign: string[] } {
  const versions: string[] = []
  const foreign: string[] = []
  for (const t of tags) {
    const p = parseTag(t.name)
    if (!p.ok || p.model !== model || (p.action !== 'register' && p.action !== 'deregister')) continue
    versions.push(p.version!)
    if (!t.annotated) foreign.push(t.name)
  }
  return { versions, foreign }
}

/**
 * Where this promotion starts: a version of the model already on the merge commit is ours from an interrupted
 * run (resumed) or a conflict (blocked); an unchanged training fingerprint has nothing to promote.
 */
export function startingPoint(
  { name, fp, tags, state, notes, blocked }: ModelPromotion,
  commit: string
): { outcome: ModelOutcome } | { resumed: Registration | undefined } {
  const registrations = registerTags(name, tags)
  // A version of this model already on the merge commit: ours from an interrupted run (resume), or a conflict.
  const here = registrations.filter(r => r.commit === commit)
  if (here.length > 1)
    return {
      outcome: blocked('several versions on one commit', [
        `${here.map(h => h.name).join(', ')} all point at ${commit.slice(0, 12)}`
      ])
    }
  const resumed = here[0]
  if (resumed && fingerprintOfTagMessage(resumed.message) !== fp)
    return {
      outcome: blocked('the merge commit already has a version', [
        `${resumed.name} is already on ${commit.slice(0, 12)} with another training fingerprint; gto allows one version of a model per commit`
      ])
    }
  const latest = state?.latest
  const latestTag = latest ? registrations.find(r => r.name === latest.tag) : undefined
  if (!resumed && latestTag && fingerprintOfTagMessage(latestTag.message) === fp)
    return {
      outcome: {
        model: name,
        status: 'unchanged',
        reason: `training fingerprint unchanged since ${latest!.version}`,
        problems: [],
        notes
      }
    }
  return { resumed }
}

/**
 * The version to register: a resumed run's own, else the one chooseVersion picks from what changed since the
 * previous version's release manifest, skipping every number a tag already holds. Empties `workDir` for the
 * release's files.
 */
export async function nextVersion({
  promotion: { name, model, identity, tags, state, notes },
  host,
  resumed,
  workDir,
  now
}: {
  promotion: ModelPromotion
  host: Host
  resumed: Registration | undefined
  workDir: string
  now?: () => number
}): Promise<NextVersion> {
  let version: string
  let bump: { level: ReleaseManifest['bump']['level']; reason: string }
  await rm(workDir, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })
  let previousManifest: ReleaseManifest | undefined
  // The version this one follows: the newest active one that is not this merge's own (on a resumed run).
  const previous = state?.versions.find(v => v.registered && v.active && v.tag && v.version !== resumed?.version)
  const parent = previous ? { version: previous.version, tag: previous.tag! } : null
  if (resumed) {
    // The interrupted run chose the version; its release manifest (if it got that far) holds the reason.
    version = resumed.version
    const title = resumed.message.split('\n')[0] ?? ''
    const m = /\((major|minor|patch|first): (.*)\)$/.exec(title)
    bump = { level: (m?.[1] as ReleaseManifest['bump']['level']) ?? 'minor', reason: m?.[2] ?? 'resumed' }
    notes.push(`resuming: ${resumed.name} is already on the merge commit`)
  } else {
    if (parent) {
      const file = path.join(workDir, 'previous-manifest.json')
      if (await host.downloadReleaseAsset(parent.tag, MANIFEST_ASSET, file))
        previousManifest = JSON.parse(await readFile(file, 'utf8')) as ReleaseManifest
    }
    // Every version name a tag already holds is taken, a lightweight or hand-made one included: GTO ignores
    // those tags, but the name is theirs, and choosing it would block this model's every promotion.
    const taken = takenVersions(name, tags)
    for (const t of taken.foreign)
      notes.push(`${t} is not a version Tunegate registered (a lightweight or hand-made tag): its number is skipped`)
    const choice = chooseVersion(
      parent ? { version: parent.version, inputs: inputsOfManifest(previousManifest) } : undefined,
      versionInputs(model, identity),
      taken.versions
    )
    version = choice.version
    bump = { level: choice.bump, reason: choice.reason }
  }
  const tag = formatTag({ action: 'register', model: name, version })
  const taggedAt = resumed?.taggedAt ?? nextTagTime(name, tags, now?.())
  return { version, bump, tag, taggedAt, parent }
}
