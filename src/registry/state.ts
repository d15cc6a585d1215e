import semver from 'semver'
import { ConfigurationError } from '../errors.js'
import { spawn } from 'node:child_process'
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
  /** The tagger's e-mail, without angle brackets, where it was read. */
  taggerEmail?: string
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
  return (await readTagRefs(repo)).map(t => t.record)
}

/**
 * The annotated tags of the repository keyed by their tag object's id: the id covers the tag's name, target,
 * tagger and message, so a ref elsewhere (on GitHub) naming the same id names the same tag.
 */
export async function readTagObjects(repo: string): Promise<Map<string, TagRecord>> {
  return new Map((await readTagRefs(repo)).filter(t => t.record.annotated).map(t => [t.object, t.record]))
}

/** The most for-each-ref output read, in characters (as git()'s own buffer bound): tag messages are outside data. */
const MAX_TAG_OUTPUT_CHARS = 256 * 1024 * 1024

/**
 * The tags as for-each-ref streams them: each record is parsed as it arrives, so the parsing overlaps git's
 * reading of the tag objects instead of following it.
 */
async function readTagRefs(repo: string): Promise<{ object: string; record: TagRecord }[]> {
  const tags: { object: string; record: TagRecord }[] = []
  const parse = (text: string) => {
    const r = text.charCodeAt(0) === 10 ? text.slice(1) : text
    if (!r) return
    const [name, type, date, peeled, object, tagger, email, message] = r.split(US)
    const annotated = type === 'tag'
    tags.push({
      object: object ?? '',
      record: {
        name: name!,
        commit: (annotated ? peeled : object) ?? '',
        taggedAt: annotated ? Number(date) : 0,
        annotated,
        tagger: tagger ?? '',
        taggerEmail: (email ?? '').replace(/^<|>$/g, ''),
        message: (message ?? '').replace(/\n$/, '')
      }
    })
  }
  const child = spawn(
    'git',
    [
      'for-each-ref',
      'refs/tags',
      `--format=%(refname:strip=2)${US}%(objecttype)${US}%(taggerdate:unix)${US}%(*objectname)${US}%(objectname)${US}%(taggername)${US}%(taggeremail)${US}%(contents)${RS}`
    ],
    { cwd: repo, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d.slice(0, 4096)))
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  exited.catch(() => undefined) // awaited below; a failed start must not be an unhandled rejection first
  // A record may span chunks: its pieces wait here, and each chunk is scanned once (no quadratic re-joining).
  let pending: string[] = []
  let read = 0
  try {
    for await (const chunk of child.stdout.setEncoding('utf8') as AsyncIterable<string>) {
      read += chunk.length
      if (read > MAX_TAG_OUTPUT_CHARS) {
        child.kill()
        throw new ConfigurationError(`Cannot read tags of ${repo}: over ${MAX_TAG_OUTPUT_CHARS} characters of tags`)
      }
      let start = 0
      for (let end = chunk.indexOf(RS); end >= 0; end = chunk.indexOf(RS, start)) {
        pending.push(chunk.slice(start, end))
        parse(pending.join(''))
        pending = []
        start = end + 1
      }
      if (start < chunk.length) pending.push(chunk.slice(start))
    }
    parse(pending.join(''))
    const code = await exited
    if (code !== 0) throw new Error(stderr.trim() || `git for-each-ref exited with ${code}`)
  } catch (e) {
    if (e instanceof ConfigurationError) throw e
    throw new ConfigurationError(`Cannot read tags of ${repo}: ${e instanceof Error ? e.message : String(e)}`)
  }
  return tags
}

type Event = ParsedTag & { tag: TagRecord; at: number }

// A port of gto/base.py's state (Version, VStage, Artifact) so that `tunegate registry show` resolves
// exactly what `gto show` does, ties included: gto sorts with Python's stable sort by time and reverses.
interface GVersion {
  name: string
  commit: string
  registrations: Event[]
  deregistrations: Event[]
  /** stage -> { assignments, unassignments }, in insertion order as gto's dict. */
  stages: Map<string, StageEvents>
  /** The sorted event lists, once every tag is filed (see directEvents, indirectEvents). */
  direct?: Event[]
  indirect?: Event[]
}

/** Python's `sorted(items, key=...)`: stable, ascending (Array.prototype.sort is stable since ES2019). */
function sortedBy<T>(items: T[], key: (t: T) => number): T[] {
  return [...items].sort((a, b) => key(a) - key(b))
}
const byTime = (e: Event) => e.at
const descending = <T>(items: T[]) => [...items].reverse()

// The event lists below are read many times once every tag is filed: each is sorted once and kept on its
// object (a WeakMap cache cost more in garbage collection than the sorting). Until then only `discovered` is
// asked, and it reads the version's own lists.
type StageEvents = { assignments: Event[]; unassignments: Event[]; sorted?: Event[] }
const vstageEvents = (s: StageEvents): Event[] =>
  (s.sorted ??= descending(sortedBy([...s.assignments, ...s.unassignments], byTime)))
const vstageActive = (s: StageEvents) => vstageEvents(s)[0]?.action === 'assign'
// VStage.created_at: its newest assignment (the first addition event in descending order).
const vstageCreated = (s: StageEvents) => vstageEvents(s).find(e => e.action === 'assign')?.at ?? 0
const directEvents = (v: GVersion) =>
  (v.direct ??= descending(sortedBy([...v.registrations, ...v.deregistrations], byTime)))
const indirectEvents = (v: GVersion) =>
  (v.indirect ??= descending(sortedBy([...v.stages.values()].flatMap(vstageEvents), byTime)))
const discovered = (v: GVersion) => v.registrations.length === 0 && v.deregistrations.length === 0
function versionActive(v: GVersion): boolean {
  const direct = directEvents(v)
  if (direct.length) return direct[0]!.action === 'register'
  return indirectEvents(v).length > 0
}
function versionCreated(v: GVersion): number {
  const addition = directEvents(v).find(e => e.action === 'register')
  if (addition) return addition.at
  return indirectEvents(v)[0]?.at ?? directEvents(v)[0]?.at ?? 0
}

/** Several versions of a model on one commit: gto show fails for the whole repository, so Tunegate stops too. */
export class ManyVersionsError extends ConfigurationError {}

/**
 * Replays annotated GTO tags as `gto show` does (its default `--sort timestamp`) and returns each model's
 * state: deprecations, then version registrations, then stage events, each in tag-time order; a stage
 * assignment resolves to the version registered on its commit, whenever that was registered; a stage shows
 * the active assignment made last, so a rollback (a new assignment of an older version) shows the older
 * version. Lightweight tags are ignored, as in GTO.
 */
export function resolveState(tags: TagRecord[]): Map<string, ModelState> {
  const events: Event[] = []
  // gto lists tags by name, then sorts them by time with a stable sort: ties stay in name order.
  const ordered = [...tags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const tag of ordered) {
    if (!tag.annotated) continue
    const p = parseTag(tag.name)
    if (p.ok) events.push({ ...p, tag, at: tag.taggedAt })
  }
  // One pass files each event under its phase (name order kept); each phase is then sorted by time.
  const phases: Record<'deprecate' | 'register' | 'assign', Event[]> = { deprecate: [], register: [], assign: [] }
  for (const e of events)
    phases[
      e.action === 'deprecate' ? 'deprecate' : e.action === 'assign' || e.action === 'unassign' ? 'assign' : 'register'
    ].push(e)
  const byPhase = (phase: keyof typeof phases) => phases[phase].sort((a, b) => a.at - b.at)

  const work = new Map<string, Work>()
  const get = (model: string) => {
    let w = work.get(model)
    if (!w) work.set(model, (w = { deprecations: [], versions: [], atCommit: new Map() }))
    return w
  }
  const findVersion = (w: Work, name: string | undefined, commit: string): GVersion[] =>
    (w.atCommit.get(commit) ?? []).filter(v => (name === undefined || v.name === name) && !discovered(v))
  const newVersion = (w: Work, name: string, commit: string) => {
    const v: GVersion = { name, commit, registrations: [], deregistrations: [], stages: new Map() }
    w.versions.push(v)
    const here = w.atCommit.get(commit)
    if (here) here.push(v)
    else w.atCommit.set(commit, [v])
    return v
  }

  for (const e of byPhase('deprecate')) get(e.model).deprecations.push(e)
  for (const e of byPhase('register')) {
    const w = get(e.model)
    const v = findVersion(w, e.version, e.tag.commit)[0] ?? newVersion(w, e.version!, e.tag.commit)
    if (e.action === 'register') v.registrations.push(e)
    else v.deregistrations.push(e)
  }
  for (const e of byPhase('assign')) {
    const w = get(e.model)
    const atCommit = findVersion(w, undefined, e.tag.commit)
    if (atCommit.length > 1)
      throw new ManyVersionsError(
        `${e.model} has ${atCommit.length} versions on commit ${e.tag.commit.slice(0, 12)} (${atCommit.map(v => v.name).join(', ')}), and '${e.tag.name}' points at it: gto show fails on such a repository. Deregistering does not help; keep one version per commit.`
      )
    // gto finds (or makes) the version by commit, then files the event under that name: a commit
    // without a registered version becomes a version named by its hexsha, one per event, as in gto.
    const name = atCommit[0]?.name ?? e.tag.commit
    if (!atCommit[0]) newVersion(w, name, e.tag.commit)
    const v = findVersion(w, name, e.tag.commit)[0] ?? newVersion(w, name, e.tag.commit)
    let s = v.stages.get(e.stage!)
    if (!s) v.stages.set(e.stage!, (s = { assignments: [], unassignments: [] }))
    if (e.action === 'assign') s.assignments.push(e)
    else s.unassignments.push(e)
  }

  const state = new Map<string, ModelState>()
  for (const [model, w] of [...work.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    state.set(model, modelState(model, w))
  return state
}

/** One model's tags replayed: its deprecations and versions, with their registrations and stage events. */
interface Work {
  deprecations: Event[]
  versions: GVersion[]
  /** The versions on each commit, in creation order: a lookup is by commit, never a scan of all versions. */
  atCommit: Map<string, GVersion[]>
}

/** A model's state once all its events are filed: deprecated or not, its stages, its versions newest first. */
function modelState(model: string, w: Work): ModelState {
  const artifactEvents = descending(
    sortedBy([...w.deprecations, ...w.versions.flatMap(v => [...directEvents(v), ...indirectEvents(v)])], byTime)
  )
  const deprecated = artifactEvents[0]?.action === 'deprecate'
  const stages = activeStages(w)
  const versions = listedVersions(w)
  const latest = versions.find(v => v.registered && v.active && semver.valid(v.version.slice(1)))
  return { model, deprecated, versions, latest, stages }
}

/** Each stage's version: the active assignment made last, as gto shows it. */
function activeStages(w: Work): Record<string, StageState> {
  const active = w.versions.filter(versionActive)
  // Artifact.get_vstages(sort=Timestamp): versions newest first, their active stages oldest first,
  // then every (version, stage) by its newest assignment, newest first; the first per stage wins.
  const candidates = descending(sortedBy(active, versionCreated)).flatMap(v =>
    sortedBy(
      [...v.stages.entries()].filter(([, s]) => vstageActive(s)),
      ([, s]) => vstageEvents(s)[0]!.at
    ).map(([stage, s]) => ({ v, stage, s }))
  )
  const stages: Record<string, StageState> = {}
  for (const c of descending(sortedBy(candidates, c => vstageCreated(c.s)))) {
    if (stages[c.stage]) continue
    const last = vstageEvents(c.s).find(e => e.action === 'assign')!
    stages[c.stage] = {
      stage: c.stage,
      version: c.v.name,
      commit: c.v.commit,
      assignedAt: last.at,
      tag: last.tag.name
    }
  }
  return stages
}

/** The versions gto lists, once per name and commit, newest semver first. */
function listedVersions(w: Work): VersionState[] {
  const versions: VersionState[] = []
  const listed = new Set<string>()
  for (const v of w.versions) {
    if (discovered(v) && !versionActive(v)) continue // gto's empty placeholder versions
    const key = `${v.name}\u0000${v.commit}`
    if (listed.has(key)) continue
    listed.add(key)
    const reg = directEvents(v).find(e => e.action === 'register')
    versions.push({
      version: v.name,
      commit: v.commit,
      registered: v.registrations.length > 0,
      active: versionActive(v),
      ...(reg ? { registeredAt: reg.at, tag: reg.tag.name } : {})
    })
  }
  versions.sort(compareVersions)
  return versions
}

function compareVersions(a: VersionState, b: VersionState): number {
  const av = semver.valid(a.version.slice(1))
  const bv = semver.valid(b.version.slice(1))
  if (av && bv) return semver.rcompare(av, bv)
  if (av) return -1
  if (bv) return 1
  return a.version < b.version ? -1 : 1
}

/** Creates an annotated tag; refuses to move or replace an existing one. `taggedAt` (unix seconds) sets the tagger time. */
export async function createAnnotatedTag(
  repo: string,
  name: string,
  commit: string,
  message: string,
  tagger?: { name: string; email: string },
  taggedAt?: number
): Promise<void> {
  const env: Record<string, string> = {
    ...(tagger ? { GIT_COMMITTER_NAME: tagger.name, GIT_COMMITTER_EMAIL: tagger.email } : {}),
    ...(taggedAt !== undefined ? { GIT_COMMITTER_DATE: `${taggedAt} +0000` } : {})
  }
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

/**
 * The tagger time for a new tag of a model: now, or one second after the model's newest tag when that is
 * later. Tags have one-second resolution and same-second ties are easy to resolve differently, so every
 * tag Tunegate writes is strictly later than the model's last one.
 */
export function nextTagTime(model: string, tags: TagRecord[], now = Math.floor(Date.now() / 1000)): number {
  let newest = 0
  for (const t of tags) {
    const p = parseTag(t.name)
    if (t.annotated && p.ok && p.model === model && t.taggedAt > newest) newest = t.taggedAt
  }
  return Math.max(now, newest + 1)
}
