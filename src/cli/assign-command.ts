import path from 'node:path'
import { ConfigurationError } from '../errors.js'
import { LocalHost } from '../host/local-host.js'
import { gitTopLevel, resolveCommit } from '../registry/git.js'
import { assertValid, loadRegistry } from '../registry/loader.js'
import { protectedStage, runStageCommand, STAGE_ACTIONS, type StageAction } from '../release/assign.js'
import type { Output } from './output.js'
import { registryShow } from './registry-commands.js'

export interface AssignCommandOptions {
  registry: string
  action: string
  model?: string
  stage?: string
  version?: string
  stateDir: string
}

/** `tunegate assign`: assign, unassign, roll back, deregister or deprecate with new local tags; shows before and after. */
export async function assignCommand(
  { registry: registryDir, action, model: modelName, stage, version, stateDir }: AssignCommandOptions,
  out: Output
): Promise<number> {
  if (!STAGE_ACTIONS.includes(action as StageAction))
    throw new ConfigurationError(`Unknown --action '${action}'. Expected one of ${STAGE_ACTIONS.join(', ')}.`)
  if (!modelName) throw new ConfigurationError('tunegate assign needs --model NAME.')
  const registry = await loadRegistry(registryDir)
  assertValid(registry)
  const repo = await gitTopLevel(path.resolve(registryDir))
  const host = new LocalHost(path.resolve(stateDir), repo)
  const command = {
    action: action as StageAction,
    model: modelName,
    ...(stage ? { stage } : {}),
    ...(version ? { version } : {}),
    commit: await resolveCommit(repo, 'HEAD')
  }
  const guarded = protectedStage(registry.config, command)
  const model = registry.models.find(m => m.spec.name === modelName)
  const env = model ? registry.config.risk_tiers[model.spec.risk_tier]?.environment : undefined
  if (guarded && env)
    out.error(
      `note: ${guarded} is protected; on GitHub this needs an approved deployment to environment '${env}'. Locally, your own repository's tags are yours to write.`
    )
  out.line('Before:')
  await registryShow(registryDir, false, out, repo)
  const result = await runStageCommand(host, registry.config, command)
  out.line(`\nCreated ${result.tag}. After:`)
  await registryShow(registryDir, false, out, repo)
  return 0
}
