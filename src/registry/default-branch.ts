/**
 * Governance as the default branch holds it. A workflow_dispatch runs on any branch its dispatcher names, with
 * that branch's checkout: a branch whose registry.yaml says `protected_stages: []`, or whose model drops to a
 * lower risk tier, must not decide who may move production. The stages, the protected stages, the risk tiers
 * and each model's tier are therefore read from the default branch's commit, through git.
 */
import path from 'node:path'
import { parse } from 'yaml'
import { ConfigurationError } from '../errors.js'
import { git } from './git.js'
import { registryConfigSchema, type RegistryConfig } from './schema.js'

/** registry.yaml and model.yaml are small: a larger blob is refused before it is read. */
const MAX_GOVERNANCE_BYTES = 1024 * 1024

/** The governance a stage command obeys: the default branch's registry.yaml and the model's tier there. */
export interface DefaultBranchGovernance {
  /** `origin/<branch>` (or the local branch where the checkout has no remote) and its commit. */
  ref: string
  commit: string
  config: RegistryConfig
  /** The model's risk tier on the default branch. */
  riskTier: string
}

/** The commit of the default branch in a checkout: its remote-tracking branch, else the local branch. */
export async function defaultBranchCommit(repo: string, branch: string): Promise<{ ref: string; commit: string }> {
  if (!/^[\w./-]+$/.test(branch) || branch.startsWith('-') || branch.includes('..'))
    throw new ConfigurationError(`Invalid default branch '${branch}'. Expected a branch name such as main.`)
  for (const ref of [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`]) {
    const commit = await git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => '')
    if (commit.trim()) return { ref: ref.replace(/^refs\/(remotes|heads)\//, ''), commit: commit.trim() }
  }
  throw new ConfigurationError(
    `The checkout has no branch '${branch}' (the default branch), whose registry.yaml decides the stages, protected stages and risk tiers. Check out with fetch-depth: 0 (actions/checkout fetches every branch then).`
  )
}

async function showFile(repo: string, commit: string, file: string, shown: string): Promise<string | undefined> {
  const spec = `${commit}:${file}`
  const size = Number((await git(repo, ['cat-file', '-s', spec]).catch(() => '')).trim() || -1)
  if (size < 0) return undefined
  if (size > MAX_GOVERNANCE_BYTES)
    throw new ConfigurationError(`${shown} is ${size} bytes; expected at most ${MAX_GOVERNANCE_BYTES}.`)
  return git(repo, ['cat-file', 'blob', spec])
}

/**
 * The default branch's registry.yaml and the risk tier of `modelFile` (registry-relative, e.g.
 * `models/x/model.yaml`) there. A model that is not on the default branch has no governance to follow: refused.
 */
export async function defaultBranchGovernance(
  registryDir: string,
  branch: string,
  modelFile: string
): Promise<DefaultBranchGovernance> {
  const repo = (await git(registryDir, ['rev-parse', '--show-toplevel'])).trim()
  const prefix = path.relative(repo, path.resolve(registryDir)).split(path.sep).filter(Boolean).join('/')
  const { ref, commit } = await defaultBranchCommit(repo, branch)
  const inRepo = (f: string) => (prefix ? `${prefix}/${f}` : f)
  const shown = (f: string) => `${ref}:${inRepo(f)}`
  const configText = await showFile(repo, commit, inRepo('registry.yaml'), shown('registry.yaml'))
  if (configText === undefined)
    throw new ConfigurationError(`${shown('registry.yaml')} does not exist: the default branch holds no registry.`)
  const parsed = registryConfigSchema.safeParse(parseYaml(configText, shown('registry.yaml')))
  if (!parsed.success)
    throw new ConfigurationError(
      `${shown('registry.yaml')} is not a valid registry.yaml (${parsed.error.issues
        .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}); fix it on ${branch} first.`
    )
  const modelText = await showFile(repo, commit, inRepo(modelFile), shown(modelFile))
  if (modelText === undefined)
    throw new ConfigurationError(
      `${shown(modelFile)} does not exist: a model must be on the default branch (${branch}) before its stages are moved.`
    )
  const tier = (parseYaml(modelText, shown(modelFile)) as { risk_tier?: unknown } | null)?.risk_tier
  if (typeof tier !== 'string' || !parsed.data.risk_tiers[tier])
    throw new ConfigurationError(
      `${shown(modelFile)}: risk_tier ${JSON.stringify(tier)} is not one of the tiers of ${shown('registry.yaml')} (${Object.keys(parsed.data.risk_tiers).join(', ')}).`
    )
  return { ref, commit, config: parsed.data, riskTier: tier }
}

function parseYaml(text: string, shown: string): unknown {
  try {
    return parse(text, { maxAliasCount: 100 })
  } catch (e) {
    throw new ConfigurationError(`${shown} is not valid YAML: ${e instanceof Error ? e.message : String(e)}`)
  }
}
