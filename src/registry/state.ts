import semver from 'semver'
import { ConfigurationError } from '../errors.js'
import { git, GitError } from './git.js'
import { parseTag, type ParsedTag } from './gto-tags.js'

/** One tag as read from git. */
export interface TagRecord {
  name: string
  /** The commit the tag points at. */
  commit: string
  /** Tagger time, unix seconds; 0 for lightweight tags. */
  taggedAt: number
  annotated: boolean
  tagger: string
  message: string
}

export interface VersionState {
  version: string
  commit: string
  /** Registered explicitly with a version tag (not discovered through a stage assignment). */
  registered: boolean
  active: boolean
  registeredAt?: number
  tag?: string
}

export interface StageState {
  stage: string
  version: string
  commit: string
  assignedAt: number
  tag: string
}

export interface ModelState {
  model: string
  deprecated: boolean
  /** All versions ever seen, newest semver first. */
  versions: VersionState[]
  /** The highest active registered version. */
  latest?: VersionState
  stages: Record<string, StageState>
}

const RS = '\x1e'
const US = '\x1f'

/** Every tag of the repository with what GTO needs to replay it. */
export async function readTags(repo: string): Promise<TagRecord[]> {
  let out: string
  try {
    out = await git(repo, [
      'for-each-ref',
      'refs/tags',
      `--format=%(refname:strip=2)${US}%(objecttype)${US}%(taggerdate:unix)${US}%(*objectname)${US}%(objectname)${US}%(taggername)${US}%(contents)${RS}`
    ])
  } catch (e) {
    throw new ConfigurationError(`Cannot read tags of ${repo}: ${e instanceof GitError ? e.stderr.trim() : String(e)}`)
  }
  const tags: TagRecord[] = []
  for (const record of out.split(RS)) {
    const r = record.replace(/^\n/, '')
    if (!r) continue
    const [name, type, date, peeled, object, tagger, message] = r.split(US)
    const annotated = type === 'tag'
    tags.push({
      name: name!,
      commit: (annotated ? peeled : object) ?? '',
      taggedAt: annotated ? Number(date) : 0,
      annotated,
      tagger: tagger ?? '',
      message: (message ?? '').replace(/\n$/, '')
    })
  }
  return tags
}

type Event = ParsedTag & { tag: TagRecord }

/**
 * Replays annotated GTO tags in order — tag time, then counter, then name, so tags created in the
 * same second resolve the same way on every machine — and returns each model's state.
 * A stage shows the version with the most recent active assignment, so a rollback (a new
 * assignment of an older version) shows the older version. Lightweight tags are ignored, as in GTO.
 */
export function resolveState(tags: TagRecord[]): Map<string, ModelState> {
  const events: Event[] = []
  for (const tag of tags) {
    if (!tag.annotated) continue
    const p = parseTag(tag.name)
    if (p.ok) events.push({ ...p, tag })
  }
  events.sort(
    (a, b) =>
      a.tag.taggedAt - b.tag.taggedAt ||
      (a.counter ?? 0) - (b.counter ?? 0) ||
      (a.tag.name < b.tag.name ? -1 : a.tag.name > b.tag.name ? 1 : 0)
  )

  interface Work {
    deprecated: boolean
    versions: Map<string, VersionState>
    // stage -> version -> latest assignment state
    assignments: Map<string, Map<string, { active: boolean; order: number; at: number; tag: string; commit: string }>>
  }
  const work = new Map<string, Work>()
  const get = (model: string) => {
    let w = work.get(model)
    if (!w) work.set(model, (w = { deprecated: false, versions: new Map(), assignments: new Map() }))
    return w
  }
  const versionAt = (w: Work, commit: string): string => {
    // The registered version on the commit (highest if several), else the commit itself, as GTO does.
    const onCommit = [...w.versions.values()].filter(v => v.commit === commit && v.registered)
    onCommit.sort((a, b) => semver.rcompare(a.version.slice(1), b.version.slice(1)))
    if (onCommit[0]) return onCommit[0].version
    const discovered = commit.slice(0, 7)
    if (!w.versions.has(discovered))
      w.versions.set(discovered, { version: discovered, commit, registered: false, active: true })
    return discovered
  }

  events.forEach((e, order) => {
    const w = get(e.model)
    w.deprecated = e.action === 'deprecate'
    switch (e.action) {
      case 'register':
      case 'deregister': {
        const v = w.versions.get(e.version!) ?? {
          version: e.version!,
          commit: e.tag.commit,
          registered: true,
          active: true
        }
        v.active = e.action === 'register'
        if (e.action === 'register') {
          v.registered = true
          v.commit = e.tag.commit
          v.registeredAt = e.tag.taggedAt
          v.tag = e.tag.name
        }
        w.versions.set(e.version!, v)
        break
      }
      case 'assign':
      case 'unassign': {
        const version = versionAt(w, e.tag.commit)
        let byVersion = w.assignments.get(e.stage!)
        if (!byVersion) w.assignments.set(e.stage!, (byVersion = new Map()))
        byVersion.set(version, {
          active: e.action === 'assign',
          order,
          at: e.tag.taggedAt,
          tag: e.tag.name,
          commit: e.tag.commit
        })
        break
      }
      case 'deprecate':
      case 'create':
        break
    }
  })

  const state = new Map<string, ModelState>()
  for (const [model, w] of [...work.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const versions = [...w.versions.values()].sort(compareVersions)
    const latest = versions.find(v => v.registered && v.active)
    const stages: Record<string, StageState> = {}
    for (const [stage, byVersion] of w.assignments) {
      let best: StageState | undefined
      let bestOrder = -1
      for (const [version, a] of byVersion) {
        if (!a.active || !w.versions.get(version)?.active) continue
        if (a.order > bestOrder) {
          bestOrder = a.order
          best = { stage, version, commit: a.commit, assignedAt: a.at, tag: a.tag }
        }
      }
      if (best) stages[stage] = best
    }
    state.set(model, { model, deprecated: w.deprecated, versions, latest, stages })
  }
  return state
}

function compareVersions(a: VersionState, b: VersionState): number {
  const av = semver.valid(a.version.slice(1))
  const bv = semver.valid(b.version.slice(1))
  if (av && bv) return semver.rcompare(av, bv)
  if (av) return -1
  if (bv) return 1
  return a.version < b.version ? -1 : 1
}

/** Creates an annotated tag; refuses to move or replace an existing one. */
export async function createAnnotatedTag(
  repo: string,
  name: string,
  commit: string,
  message: string,
  tagger?: { name: string; email: string }
): Promise<void> {
  const env = tagger ? { GIT_COMMITTER_NAME: tagger.name, GIT_COMMITTER_EMAIL: tagger.email } : undefined
  try {
    await git(repo, ['tag', '-a', '-F', '-', '--end-of-options', name, commit], { input: message, env })
  } catch (e) {
    if (e instanceof GitError && /already exists/.test(e.stderr)) {
      throw new ConfigurationError(
        `Tag '${name}' already exists; tags are never moved or replaced. Pick the next version or counter.`
      )
    }
    throw e
  }
}
