import semver from 'semver'
import { canonicalJson } from '../registry/digest.js'

export type Bump = 'major' | 'minor' | 'patch'

/** What the bump rule compares between two versions: the training inputs and the prompt's variables. */
export interface VersionInputs {
  training_fingerprint: string
  training_inputs: Record<string, unknown>
  prompt_variables: string[]
}

export interface VersionChoice {
  version: string
  bump: Bump | 'first'
  /** Why, in words: which inputs changed. */
  reason: string
}

// Inputs whose change makes a new major version (docs/architecture.md §5): what a caller of the model depends on.
const MAJOR: Record<string, string> = {
  base_model: 'base model',
  task_family: 'task family',
  output_schema: 'output schema'
}
// Everything else in the training inputs changes the weights: a minor version.
const MINOR_NAMES: Record<string, string> = {
  data: 'training data',
  prompt: 'prompt text',
  hyperparameters: 'hyperparameters',
  method: 'training method',
  seed: 'seed',
  trainer: 'trainer',
  tokenizer: 'tokenizer'
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null)

/**
 * The next version by docs/architecture.md §5's rule — major when the base model, task family, output schema or prompt
 * variables change; minor when data, prompt text or hyperparameters change (new weights); patch for the
 * same weights — counted up from the highest version ever registered, so a deregistered number is never reused.
 * `previous` is the latest active version's inputs (from its manifest), undefined for a first version.
 */
export function chooseVersion(
  previous: { version: string; inputs: VersionInputs | undefined } | undefined,
  current: VersionInputs,
  everRegistered: string[]
): VersionChoice {
  const highest = everRegistered
    .map(v => semver.valid(v.replace(/^v/, '')))
    .filter((v): v is string => v !== null)
    .sort(semver.rcompare)[0]
  if (!previous) {
    if (!highest) return { version: 'v1.0.0', bump: 'first', reason: 'first version' }
    return { version: `v${semver.inc(highest, 'major')!}`, bump: 'major', reason: 'no active version to compare with' }
  }
  const base = highest ?? previous.version.replace(/^v/, '')
  const next = (bump: Bump, reason: string): VersionChoice => ({
    version: `v${semver.inc(base, bump)!}`,
    bump,
    reason
  })
  const prev = previous.inputs
  if (!prev) return next('major', `the manifest of ${previous.version} could not be read, so nothing can be compared`)
  const major: string[] = []
  for (const [key, label] of Object.entries(MAJOR))
    if (!same(prev.training_inputs[key], current.training_inputs[key])) major.push(label)
  if (!same([...prev.prompt_variables].sort(), [...current.prompt_variables].sort())) major.push('prompt variables')
  if (major.length) return next('major', `${major.join(', ')} changed since ${previous.version}`)
  if (prev.training_fingerprint === current.training_fingerprint)
    return next('patch', `same weights as ${previous.version} (training fingerprint unchanged)`)
  const minor: string[] = []
  const keys = new Set([...Object.keys(prev.training_inputs), ...Object.keys(current.training_inputs)])
  for (const key of keys) {
    if (key === 'schema' || key in MAJOR) continue
    if (!same(prev.training_inputs[key], current.training_inputs[key])) minor.push(MINOR_NAMES[key] ?? key)
  }
  return next('minor', `${minor.length ? minor.join(', ') : 'training inputs'} changed since ${previous.version}`)
}
