import path from 'node:path'
import { formatProblem } from '../errors.js'
import { loadRegistry } from '../registry/loader.js'
import { gitTopLevel } from '../registry/git.js'
import { parseTag } from '../registry/gto-tags.js'
import { readTags, resolveState, type ModelState } from '../registry/state.js'
import { withoutForeignStageTags } from '../registry/tag-provenance.js'
import { textTable } from '../report/text-table.js'
import type { Output } from './output.js'

/**
 * `tunegate registry lint`: every problem of the specs with file:line:col; exit 1 when any is an error. It
 * does not read dataset rows (tunegate validate does), and says so, so a pass is not read as "data valid".
 */
export async function registryLint(registryDir: string, out: Output): Promise<number> {
  const registry = await loadRegistry(registryDir)
  const errors = registry.problems.filter(p => p.severity === 'error')
  const sorted = [...registry.problems].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column
  )
  for (const p of sorted) out.line(formatProblem(p))
  const warnings = registry.problems.length - errors.length
  const unchecked = 'dataset rows not read: tunegate validate checks them'
  if (errors.length) {
    out.line(
      `\n${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings} warning(s) in ${registryDir} (${unchecked})`
    )
    return 1
  }
  const warned = registry.problems.length ? `, ${registry.problems.length} warning(s)` : ''
  const n = registry.models.length
  out.line(`${registryDir}: ${n} model spec${n === 1 ? '' : 's'} valid${warned} (${unchecked})`)
  return 0
}

/** `tunegate registry show`: each model's latest version and the version at each stage, as `gto show` lays it out. */
export async function registryShow(registryDir: string, json: boolean, out: Output, repoDir?: string): Promise<number> {
  const repo = repoDir ?? (await gitTopLevel(path.resolve(registryDir)))
  const tags = await readTags(repo)
  // The state as gto shows it, every annotated tag counted; the stage tags Tunegate did not make are flagged.
  const state = resolveState(tags)
  const { foreign } = withoutForeignStageTags(tags)
  const foreignOf = (model: string) =>
    foreign.filter(f => {
      const p = parseTag(f.tag)
      return p.ok && p.model === model
    })
  // Models defined in the registry but never versioned are shown too, so the table is the whole registry.
  let stageNames: string[] = []
  try {
    const registry = await loadRegistry(registryDir)
    stageNames = registry.config?.stages ?? []
    for (const m of registry.models) {
      if (!state.has(m.spec.name))
        state.set(m.spec.name, { model: m.spec.name, deprecated: false, versions: [], stages: {} })
    }
  } catch {
    // A registry folder that cannot be read still leaves the tags to show.
  }
  const models = [...state.values()].sort((a, b) => (a.model < b.model ? -1 : 1))
  for (const m of models) for (const s of Object.keys(m.stages)) if (!stageNames.includes(s)) stageNames.push(s)
  if (json) {
    out.line(
      JSON.stringify(
        Object.fromEntries(
          models.map(m => [m.model, { ...showJson(m, stageNames), foreign_stage_tags: foreignOf(m.model) }])
        ),
        null,
        2
      )
    )
    return 0
  }
  if (!models.length) {
    out.line('No models: no registry models and no GTO tags found.')
    return 0
  }
  // A commit without a registered version is named by its hexsha, as in gto; the table shortens it as gto's does.
  const short = (v: string) => (/^[0-9a-f]{40}$/.test(v) ? v.slice(0, 7) : v)
  const rows = models.map(m => [
    m.deprecated ? `${m.model} (deprecated)` : m.model,
    m.latest?.version ?? '-',
    ...stageNames.map(s => (m.stages[s] ? short(m.stages[s].version) : '-'))
  ])
  out.line(textTable(['name', 'latest', ...stageNames.map(s => `#${s}`)], rows))
  for (const f of foreign)
    out.line(
      `warning: ${f.tag} was not made by Tunegate's promotion (${f.reason}): evaluate, promotion and drift do not take it for the stage`
    )
  return 0
}

function showJson(m: ModelState, stages: string[]) {
  return {
    deprecated: m.deprecated,
    latest: m.latest?.version ?? null,
    stages: Object.fromEntries(stages.map(s => [s, m.stages[s]?.version ?? null])),
    versions: m.versions.map(v => ({
      version: v.version,
      commit: v.commit,
      active: v.active,
      registered: v.registered,
      tag: v.tag ?? null
    }))
  }
}
