import semver from 'semver'
import { ConfigurationError } from '../errors.js'
import { formatTag, nextCounter } from '../registry/gto-tags.js'
import type { Host } from '../registry/host.js'
import type { RegistryConfig } from '../registry/schema.js'
import { nextTagTime, resolveState, type ModelState, type TagRecord, type VersionState } from '../registry/state.js'

export type StageAction = 'assign' | 'unassign' | 'rollback' | 'deregister' | 'deprecate'
export const STAGE_ACTIONS: StageAction[] = ['assign', 'unassign', 'rollback', 'deregister', 'deprecate']

export interface StageCommand {
  action: StageAction
  model: string
  stage?: string
  version?: string
  /** The commit a deprecation tag goes on (the default branch's head). */
  commit?: string
  /** Who asked, for the tag message. */
  actor?: string
}

export interface StageResult {
  tag: string
  before: ModelState | undefined
  after: ModelState | undefined
}

/** Whether the command moves a protected stage, and so needs the model's risk tier's environment approval. */
export function protectedStage(config: RegistryConfig, command: StageCommand): string | undefined {
  if (command.action === 'deregister' || command.action === 'deprecate') return undefined
  return command.stage && config.promotion.protected_stages.includes(command.stage) ? command.stage : undefined
}

/**
 * Assigns, unassigns or rolls back a stage, deregisters a version or deprecates a model — each a new GTO tag
 * (history appended, no tag moved or deleted), with a tagger time later than the model's newest tag.
 * A rollback assigns an earlier version again: the given one, or the newest active one older than the stage's.
 */
export async function runStageCommand(
  host: Host,
  config: RegistryConfig,
  c: StageCommand,
  now?: number
): Promise<StageResult> {
  const tags = await host.listTags(c.model)
  const before = resolveState(tags).get(c.model)
  if (!before && c.action !== 'deprecate')
    throw new ConfigurationError(`${c.model} has no versions: promote one first.`)
  const active = (before?.versions ?? []).filter(v => v.registered && v.active)
  const { event, commit, message } = plannedTag({ c, config, tags, before, active })
  const tag = formatTag(event)
  if (tags.some(t => t.name === tag)) throw new ConfigurationError(`Tag '${tag}' already exists; tags are never moved.`)
  await host.createTag(tag, commit, `${message}${c.actor ? ` (requested by ${c.actor})` : ''}\n`, {
    taggedAt: nextTagTime(c.model, tags, now)
  })
  const after = resolveState(await host.listTags(c.model)).get(c.model)
  return { tag, before, after }
}

/** What a stage command is planned from: the command, the model's tags and its state before. */
interface StagePlan {
  c: StageCommand
  config: RegistryConfig
  tags: TagRecord[]
  before: ModelState | undefined
  /** The model's registered, active versions, newest first. */
  active: VersionState[]
}

/** The tag a command writes: its event, the commit it goes on and its message. */
interface PlannedTag {
  event: Parameters<typeof formatTag>[0]
  commit: string
  message: string
}

/** The tag that carries out the command, or a ConfigurationError saying why it cannot be done. */
function plannedTag(plan: StagePlan): PlannedTag {
  switch (plan.c.action) {
    case 'assign':
    case 'rollback':
      return assignment(plan)
    case 'unassign':
      return unassignment(plan)
    case 'deregister':
      return deregistration(plan)
    case 'deprecate':
      return deprecation(plan)
  }
}

/** The command's stage, which must be one the registry declares. */
function needStage({ c, config }: StagePlan): string {
  if (!c.stage) throw new ConfigurationError(`'${c.action}' needs a stage; expected one of ${config.stages.join(', ')}`)
  if (!config.stages.includes(c.stage))
    throw new ConfigurationError(
      `Unknown stage '${c.stage}'; expected one of ${config.stages.join(', ')} (registry.yaml)`
    )
  return c.stage
}

/** The active version of that name. */
function findVersion({ c, active }: StagePlan, version: string): VersionState {
  const v = active.find(x => x.version === version)
  if (!v)
    throw new ConfigurationError(
      `${c.model} has no active version '${version}'; active: ${active.map(x => x.version).join(', ') || 'none'}`
    )
  return v
}

/** Assigns a stage to a version; a rollback without a version takes the newest active one older than the stage's. */
function assignment(plan: StagePlan): PlannedTag {
  const { c, tags, before, active } = plan
  const stage = needStage(plan)
  const current = before!.stages[stage]
  let version = c.version
  if (!version && c.action === 'rollback') {
    if (!current) throw new ConfigurationError(`${c.model} has nothing in ${stage} to roll back from`)
    version = active.find(
      v =>
        semver.valid(v.version.slice(1)) &&
        current.version !== v.version &&
        semver.lt(v.version.slice(1), semver.valid(current.version.slice(1)) ?? '0.0.0')
    )?.version
    if (!version)
      throw new ConfigurationError(`${c.model} has no active version older than ${current.version} to roll back to`)
  }
  if (!version) throw new ConfigurationError(`'assign' needs a version, e.g. v1.2.0`)
  const v = findVersion(plan, version)
  if (current?.version === v.version)
    throw new ConfigurationError(`${c.model} ${v.version} is already in ${stage} (${current.tag}); nothing to do`)
  return {
    event: {
      action: 'assign',
      model: c.model,
      stage,
      counter: nextCounter(
        c.model,
        tags.map(t => t.name)
      )
    },
    commit: v.commit,
    message: `${c.action === 'rollback' ? 'Roll back' : 'Assign'} ${stage} to ${c.model} ${v.version}`
  }
}

/** Takes a stage away from the version that holds it. */
function unassignment(plan: StagePlan): PlannedTag {
  const { c, tags, before } = plan
  const stage = needStage(plan)
  const current = before!.stages[stage]
  if (!current) throw new ConfigurationError(`${c.model} has nothing in ${stage} to unassign`)
  return {
    event: {
      action: 'unassign',
      model: c.model,
      stage,
      counter: nextCounter(
        c.model,
        tags.map(t => t.name)
      )
    },
    commit: current.commit,
    message: `Unassign ${stage} from ${c.model} ${current.version}`
  }
}

/** Deregisters an active version. */
function deregistration(plan: StagePlan): PlannedTag {
  const { c } = plan
  if (!c.version) throw new ConfigurationError(`'deregister' needs a version, e.g. v1.2.0`)
  const v = findVersion(plan, c.version)
  return {
    event: { action: 'deregister', model: c.model, version: v.version },
    commit: v.commit,
    message: `Deregister ${c.model} ${v.version}`
  }
}

/** Deprecates the model, on the given commit or its latest version's. */
function deprecation({ c, tags, before }: StagePlan): PlannedTag {
  if (before?.deprecated) throw new ConfigurationError(`${c.model} is already deprecated`)
  const target = c.commit ?? before?.latest?.commit ?? before?.versions[0]?.commit
  if (!target) throw new ConfigurationError(`'deprecate' needs a commit for the tag`)
  // A second deprecation after a re-activation needs a counter: `m@deprecated` can exist only once.
  const taken = tags.some(t => t.name === formatTag({ action: 'deprecate', model: c.model }))
  return {
    event: {
      action: 'deprecate',
      model: c.model,
      ...(taken
        ? {
            counter: nextCounter(
              c.model,
              tags.map(t => t.name)
            )
          }
        : {})
    },
    commit: target,
    message: `Deprecate ${c.model}`
  }
}
