// The registry site's data (`tunegate.site/v1`, docs/site.md): what the pages show, collected from the GTO
// tags, the releases' manifest.json and evaluation.json, and the drift records, through the Host interface.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import semver from 'semver'
import { z } from 'zod'
import { DRIFT_RECORD_FILE, driftArtifactName } from '../drift/record.js'
import { EVALUATION_ASSET } from '../evaluation/production.js'
import { evaluationRecordSchema } from '../evaluation/record.js'
import { parseTag } from '../registry/gto-tags.js'
import { loadRegistry } from '../registry/loader.js'
import type { Host } from '../registry/host.js'
import { resolveState, type TagRecord } from '../registry/state.js'
import { MANIFEST_ASSET } from '../release/manifest.js'
import { cut } from '../report/escape.js'

/** The largest manifest.json read (a manifest lists files and outputs: kilobytes). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024
/** The largest evaluation.json read (it holds per-example scores: megabytes for large eval sets). */
export const MAX_EVALUATION_BYTES = 128 * 1024 * 1024
/** The largest drift record read. */
export const MAX_DRIFT_BYTES = 4 * 1024 * 1024
/** Drift runs kept per model, newest first. */
export const MAX_DRIFT_RUNS = 20
/** Untrusted free text (tag messages, reasons, names) is cut to this many characters. */
const MAX_TEXT = 300

export interface SiteMetricPoint {
  metric: string
  /** The use case, or `all` for the whole eval set. */
  slice: string
  value: number
  n: number
  higher_is_better: boolean
  /** Δ against the baseline version with its paired-bootstrap interval; null without a baseline. */
  delta: number | null
  low: number | null
  high: number | null
  baseline: number | null
  confidence: number | null
}

export interface SiteGate {
  metric: string
  slice: string
  kind: string
  threshold: number | null
  value: number | null
  passed: boolean
  inconclusive: boolean
  reason: string
}

export interface SiteVersion {
  version: string
  tag: string
  commit: string
  active: boolean
  registered_at: string | null
  release_url: string | null
  commit_url: string | null
  pull_request: { number: number; url: string; author: string; approvers: string[] } | null
  bump: { level: string; reason: string } | null
  parent: string | null
  base_model: string | null
  method: string | null
  trainer: string | null
  hyperparameters: Record<string, unknown>
  /** The dataset files the version was made from (train, eval, …) with their sha256. */
  files: { path: string; role: string; sha256: string }[]
  gpu_hours: number
  cost: { currency: string; amount: number } | null
  evaluation: {
    verdict: string
    baseline: string | null
    run_url: string | null
    metrics: SiteMetricPoint[]
    gates: SiteGate[]
  } | null
}

export interface SiteEvent {
  at: string
  action: 'register' | 'deregister' | 'assign' | 'unassign' | 'deprecate'
  /** An assignment of a version older than the one the stage showed just before. */
  rollback: boolean
  version: string | null
  stage: string | null
  tag: string
  tagger: string
  message: string
}

export interface SiteDriftRun {
  at: string
  version: string
  verdict: string
  raw: string
  share: number
  share_threshold: number
  statistics: { name: string; method: string; effect: string; value: number; threshold: number; drifted: boolean }[]
  action: { kind: string; url: string | null }
}

export interface SiteStage {
  stage: string
  version: string
  since: string
  tag: string
  approved_by: string[]
}

export interface SiteModel {
  schema: 'tunegate.site-model/v1'
  name: string
  /** The file name of the model's page and data, without extension. */
  slug: string
  deprecated: boolean
  owners: string[]
  risk_tier: string | null
  stages: SiteStage[]
  /** Newest semver first. */
  versions: SiteVersion[]
  /** Oldest first. */
  events: SiteEvent[]
  /** Newest first. */
  drift: SiteDriftRun[]
  total: { gpu_hours: number; cost: { currency: string; amount: number }[] }
}

export interface SiteData {
  schema: 'tunegate.site/v1'
  generated_at: string
  repository: string
  stages: string[]
  models: SiteModel[]
  /** What could not be read, each naming the file or release and what was expected. */
  problems: string[]
}

/** What the registry's specs add that the tags and releases do not hold. */
export interface ModelSpecInfo {
  owners: string[]
  risk_tier: string
}

export interface CollectOptions {
  host: Host
  /** The stages in registry.yaml's order; stages only seen in tags follow. */
  stages?: string[]
  specs?: Map<string, ModelSpecInfo>
  /** A model's drift records, any order; outside data, checked here. */
  driftRecords?: (model: string) => Promise<unknown[]>
  /** A scratch folder for downloaded assets. */
  workDir: string
  /** github.com (or GHES) base for commit and release links; none for a local repository. */
  webBase?: string
  /** A local host's releases folder: release links point at its folders when there is no web base. */
  releasesDir?: string
  now?: () => Date
  /** Models read at once (each reads two assets per version). */
  concurrency?: number
}

const manifestSchema = z.object({
  schema: z.literal('tunegate.manifest/v1'),
  model: z.string(),
  version: z.string(),
  registered_at: z.string().optional(),
  bump: z.object({ level: z.string(), reason: z.string() }).optional(),
  parent: z.object({ version: z.string() }).nullable().optional(),
  pull_request: z
    .object({ number: z.number(), url: z.string(), author: z.string(), approvers: z.array(z.string()) })
    .nullable()
    .optional(),
  training_inputs: z.object({ hyperparameters: z.record(z.string(), z.unknown()).optional() }).passthrough(),
  base_model: z.object({ id: z.string(), revision: z.string() }).optional(),
  method: z.string().optional(),
  trainer: z.object({ name: z.string(), version: z.string() }).optional(),
  files: z.array(z.object({ path: z.string(), role: z.string(), sha256: z.string() })).optional(),
  gpu_seconds: z.number().nonnegative().optional(),
  cost: z.object({ currency: z.string(), amount: z.number() }).optional()
})

const driftRecordSchema = z.object({
  schema: z.literal('tunegate.drift/v1'),
  model: z.string(),
  version: z.string(),
  at: z.string(),
  verdict: z.string(),
  raw: z.string(),
  share: z.number(),
  shareThreshold: z.number(),
  statistics: z.array(
    z.object({
      name: z.string(),
      method: z.string(),
      effectName: z.string(),
      effectSize: z.number(),
      threshold: z.number(),
      drifted: z.boolean()
    })
  ),
  action: z.object({ kind: z.string(), url: z.string().optional() })
})

const iso = (seconds: number) => new Date(seconds * 1000).toISOString()
const text = (s: string) => cut(s, MAX_TEXT)

/** A file name for a model: GTO names may hold `/` and `:`; the digest suffix keeps two names apart. */
export function modelSlug(name: string): string {
  const plain = name.replace(/[^a-zA-Z0-9_-]+/g, '_')
  let h = 0
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) >>> 0
  return plain === name ? name : `${plain}-${h.toString(16)}`
}

/** The timeline of one model's tags, oldest first, with each rollback marked. */
export function timeline(tags: TagRecord[]): SiteEvent[] {
  const events: SiteEvent[] = []
  const ordered = tags
    .filter(t => t.annotated)
    .map(t => ({ t, p: parseTag(t.name) }))
    .filter(e => e.p.ok)
    .sort((a, b) => a.t.taggedAt - b.t.taggedAt || (a.t.name < b.t.name ? -1 : 1))
  // The version each commit registered: a stage tag names a commit, the version is the one registered there.
  const versionAt = new Map<string, string>()
  for (const { t, p } of ordered) if (p.ok && p.action === 'register') versionAt.set(t.commit, p.version!)
  const onStage = new Map<string, string>()
  for (const { t, p } of ordered) {
    if (!p.ok) continue
    const version = p.version ?? versionAt.get(t.commit) ?? null
    let rollback = false
    if (p.action === 'assign' && version) {
      const before = onStage.get(p.stage!)
      rollback = Boolean(
        before &&
        semver.valid(before.slice(1)) &&
        semver.valid(version.slice(1)) &&
        semver.lt(version.slice(1), before.slice(1))
      )
      onStage.set(p.stage!, version)
    }
    if (p.action === 'unassign') onStage.delete(p.stage!)
    events.push({
      at: iso(t.taggedAt),
      action: p.action,
      rollback,
      version,
      stage: p.stage ?? null,
      tag: t.name,
      tagger: text(t.tagger),
      message: text(t.message.split('\n')[0] ?? '')
    })
  }
  return events
}

/** Reads a downloaded JSON file after checking its size; a problem names the release and asset. */
async function readBoundedJson(file: string, max: number, label: string): Promise<unknown> {
  const size = (await stat(file)).size
  if (size > max) throw new Error(`${label} is ${size} bytes, over the ${max}-byte limit the site reads`)
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown
  } catch (e) {
    throw new Error(`${label} is not JSON: ${e instanceof Error ? e.message : String(e)}`)
  }
}

function issue(label: string, error: z.ZodError): string {
  const first = error.issues[0]
  return `${label}: ${first ? `${first.path.join('.') || '(top)'}: ${first.message}` : 'invalid'}`
}

/** One version's release figures (manifest and evaluation), or problems saying why they are missing. */
async function readVersion(
  { host, webBase, releasesDir }: Pick<CollectOptions, 'host' | 'webBase' | 'releasesDir'>,
  model: string,
  v: { version: string; tag?: string; commit: string; active: boolean; registeredAt?: number },
  dir: string,
  problems: string[]
): Promise<SiteVersion> {
  const tag = v.tag ?? `${model.replace(':', '=')}@${v.version}`
  const base: SiteVersion = {
    version: v.version,
    tag,
    commit: v.commit,
    active: v.active,
    registered_at: v.registeredAt !== undefined ? iso(v.registeredAt) : null,
    release_url: webBase
      ? `${webBase}/releases/tag/${encodeURIComponent(tag)}`
      : releasesDir
        ? pathToFileURL(path.join(releasesDir, tag)).href
        : null,
    commit_url: webBase ? `${webBase}/commit/${v.commit}` : null,
    pull_request: null,
    bump: null,
    parent: null,
    base_model: null,
    method: null,
    trainer: null,
    hyperparameters: {},
    files: [],
    gpu_hours: 0,
    cost: null,
    evaluation: null
  }
  if (!v.tag) return base
  const fetchJson = async (asset: string, max: number): Promise<unknown> => {
    const file = path.join(dir, asset)
    if (!(await host.downloadReleaseAsset(tag, asset, file))) return undefined
    return readBoundedJson(file, max, `release ${tag} ${asset}`)
  }
  try {
    const raw = await fetchJson(MANIFEST_ASSET, MAX_MANIFEST_BYTES)
    if (raw !== undefined) {
      const m = manifestSchema.safeParse(raw)
      if (!m.success) problems.push(issue(`release ${tag} ${MANIFEST_ASSET}`, m.error))
      else Object.assign(base, manifestFigures(m.data))
    } else problems.push(`release ${tag} has no ${MANIFEST_ASSET}`)
    const rawEval = await fetchJson(EVALUATION_ASSET, MAX_EVALUATION_BYTES)
    if (rawEval !== undefined) {
      const r = evaluationRecordSchema.safeParse(rawEval)
      if (!r.success) problems.push(issue(`release ${tag} ${EVALUATION_ASSET}`, r.error))
      else base.evaluation = siteEvaluation(r.data)
    } else problems.push(`release ${tag} has no ${EVALUATION_ASSET}`)
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e))
  }
  return base
}

type ManifestFigures = Pick<
  SiteVersion,
  | 'bump'
  | 'parent'
  | 'pull_request'
  | 'base_model'
  | 'method'
  | 'trainer'
  | 'hyperparameters'
  | 'files'
  | 'gpu_hours'
  | 'cost'
>

/** A version's figures from its checked release manifest, its texts cut and its links kept only when http(s). */
function manifestFigures(d: z.output<typeof manifestSchema>): ManifestFigures {
  return {
    bump: d.bump ? { level: d.bump.level, reason: text(d.bump.reason) } : null,
    parent: d.parent?.version ?? null,
    pull_request: d.pull_request
      ? {
          number: d.pull_request.number,
          url: safeUrl(d.pull_request.url),
          author: text(d.pull_request.author),
          approvers: d.pull_request.approvers.map(text)
        }
      : null,
    base_model: d.base_model ? text(`${d.base_model.id}@${d.base_model.revision}`) : null,
    method: d.method ?? null,
    trainer: d.trainer ? text(`${d.trainer.name} ${d.trainer.version}`) : null,
    hyperparameters: d.training_inputs.hyperparameters ?? {},
    files: (d.files ?? []).filter(f => f.role === 'train' || f.role === 'eval'),
    gpu_hours: (d.gpu_seconds ?? 0) / 3600,
    cost: d.cost ? { currency: d.cost.currency, amount: d.cost.amount } : null
  }
}

/** A version's evaluation from its checked release record: verdict, every metric per slice, and the gates. */
function siteEvaluation(e: z.output<typeof evaluationRecordSchema>): SiteVersion['evaluation'] {
  const metrics: SiteMetricPoint[] = []
  for (const [metric, m] of Object.entries(e.metrics))
    for (const [slice, s] of Object.entries(m.slices))
      metrics.push({
        metric,
        slice,
        value: s.value,
        n: s.n,
        higher_is_better: m.higher_is_better,
        delta: s.comparison?.delta ?? null,
        low: s.comparison?.low ?? null,
        high: s.comparison?.high ?? null,
        baseline: s.comparison?.baseline ?? null,
        confidence: s.comparison?.confidence ?? null
      })
  return {
    verdict: e.verdict,
    baseline: e.baseline?.version ?? null,
    run_url: e.candidate.run ? safeUrl(e.candidate.run) : null,
    metrics,
    gates: e.gates.map(g => ({
      metric: g.metric,
      slice: g.slice,
      kind: g.kind,
      threshold: g.threshold,
      value: g.value,
      passed: g.passed,
      inconclusive: g.inconclusive,
      reason: text(g.reason)
    }))
  }
}

/** Only http(s) links are kept: a `javascript:` URL in a manifest must not become a link. */
function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? cut(url, 2000) : ''
}

function driftRuns(model: string, records: unknown[], problems: string[]): SiteDriftRun[] {
  const runs: SiteDriftRun[] = []
  for (const raw of records) {
    if (raw instanceof Error) {
      problems.push(`drift record of ${model}: ${raw.message}`)
      continue
    }
    const r = driftRecordSchema.safeParse(raw)
    if (!r.success) {
      problems.push(issue(`drift record of ${model}`, r.error))
      continue
    }
    const d = r.data
    runs.push({
      at: d.at,
      version: d.version,
      verdict: d.verdict,
      raw: d.raw,
      share: d.share,
      share_threshold: d.shareThreshold,
      statistics: d.statistics.map(s => ({
        name: text(s.name),
        method: text(s.method),
        effect: text(s.effectName),
        value: s.effectSize,
        threshold: s.threshold,
        drifted: s.drifted
      })),
      action: { kind: d.action.kind, url: d.action.url ? safeUrl(d.action.url) || null : null }
    })
  }
  return runs.sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, MAX_DRIFT_RUNS)
}

/** Runs `f` over items with at most `limit` at once, keeping their order. */
async function mapLimit<T, R>(items: T[], limit: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await f(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** Collects the site's data for every model the tags name. */
export async function collectSiteData({
  host,
  stages: declared,
  specs,
  driftRecords,
  workDir,
  webBase,
  releasesDir,
  now,
  concurrency
}: CollectOptions): Promise<SiteData> {
  const tags = await host.listTags()
  const state = resolveState(tags)
  const byModel = new Map<string, TagRecord[]>()
  for (const t of tags) {
    const p = parseTag(t.name)
    if (!p.ok) continue
    const list = byModel.get(p.model)
    if (list) list.push(t)
    else byModel.set(p.model, [t])
  }
  const problems: string[] = []
  await mkdir(workDir, { recursive: true })
  const scratch = await mkdtemp(path.join(workDir, 'site-'))
  try {
    const models = await mapLimit([...state.values()], concurrency ?? 8, async s => {
      const dir = await mkdtemp(path.join(scratch, 'm-'))
      const versions: SiteVersion[] = []
      for (const v of s.versions) {
        versions.push(await readVersion({ host, webBase, releasesDir }, s.model, v, dir, problems))
        await rm(dir, { recursive: true, force: true })
        await mkdir(dir)
      }
      const byVersion = new Map(versions.map(v => [v.version, v]))
      const stages: SiteStage[] = Object.values(s.stages).map(st => ({
        stage: st.stage,
        version: st.version,
        since: iso(st.assignedAt),
        tag: st.tag,
        approved_by: byVersion.get(st.version)?.pull_request?.approvers ?? []
      }))
      const totals = new Map<string, number>()
      for (const v of versions)
        if (v.cost) totals.set(v.cost.currency, (totals.get(v.cost.currency) ?? 0) + v.cost.amount)
      const spec = specs?.get(s.model)
      const model: SiteModel = {
        schema: 'tunegate.site-model/v1',
        name: s.model,
        slug: modelSlug(s.model),
        deprecated: s.deprecated,
        owners: spec?.owners.map(text) ?? [],
        risk_tier: spec?.risk_tier ?? null,
        stages,
        versions,
        events: timeline(byModel.get(s.model) ?? []),
        drift: driftRecords ? driftRuns(s.model, await driftRecords(s.model), problems) : [],
        total: {
          gpu_hours: versions.reduce((a, v) => a + v.gpu_hours, 0),
          cost: [...totals].map(([currency, amount]) => ({ currency, amount }))
        }
      }
      return model
    })
    const stageOrder = [...(declared ?? [])]
    for (const m of models) for (const st of m.stages) if (!stageOrder.includes(st.stage)) stageOrder.push(st.stage)
    return {
      schema: 'tunegate.site/v1',
      generated_at: (now?.() ?? new Date()).toISOString(),
      repository: host.runContext().repository,
      stages: stageOrder,
      models,
      problems
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/** The drift records a local state folder holds for a model (`<state>/drift/<model>/*.json`, the CLI's). */
export async function driftRecordsInFolder(stateDir: string, model: string): Promise<unknown[]> {
  const dir = path.join(stateDir, 'drift', model)
  let names: string[]
  try {
    names = (await readdir(dir)).filter(n => n.endsWith('.json'))
  } catch {
    return []
  }
  const out: unknown[] = []
  for (const n of names) out.push(await readBoundedJson(path.join(dir, n), MAX_DRIFT_BYTES, `${path.join(dir, n)}`))
  return out
}

/**
 * The drift records of a model's drift artifacts (one per run; the newest MAX_DRIFT_RUNS), through the host;
 * an artifact that cannot be read comes back as an Error, which the site lists as a problem.
 */
export async function driftRecordsFromArtifacts(host: Host, model: string, workDir: string): Promise<unknown[]> {
  const artifacts = (await host.listArtifacts({ name: driftArtifactName(model) }))
    .filter(a => !a.expired)
    .sort((a, b) => ((a.createdAt ?? '') < (b.createdAt ?? '') ? 1 : -1))
    .slice(0, MAX_DRIFT_RUNS)
  const out: unknown[] = []
  for (const a of artifacts) {
    if (a.sizeInBytes > MAX_DRIFT_BYTES) {
      out.push(new Error(`artifact ${a.name} is ${a.sizeInBytes} bytes, over the ${MAX_DRIFT_BYTES}-byte limit`))
      continue
    }
    const dir = await mkdtemp(path.join(workDir, 'drift-'))
    try {
      await host.downloadArtifact(a, dir)
      out.push(
        await readBoundedJson(
          path.join(dir, DRIFT_RECORD_FILE),
          MAX_DRIFT_BYTES,
          `artifact ${a.name} ${DRIFT_RECORD_FILE}`
        )
      )
    } catch (e) {
      out.push(e instanceof Error ? e : new Error(String(e)))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  return out
}

/** The stage order, owners and risk tiers the registry's specs give, when the registry folder exists. */
export async function registrySpecs(
  registryDir: string
): Promise<{ stages?: string[]; specs: Map<string, ModelSpecInfo> }> {
  const specs = new Map<string, ModelSpecInfo>()
  if (!existsSync(registryDir)) return { specs }
  const registry = await loadRegistry(registryDir)
  for (const m of registry.models) specs.set(m.spec.name, { owners: m.spec.owners, risk_tier: m.spec.risk_tier })
  return { ...(registry.config ? { stages: registry.config.stages } : {}), specs }
}
