import type { ModelIdentity } from '../registry/fingerprint.js'
import type { LoadedModel } from '../registry/loader.js'
import type { RegistryConfig } from '../registry/schema.js'
import type { ModelState, TagRecord } from '../registry/state.js'

export interface ModelOutcome {
  model: string
  status: 'promoted' | 'unchanged' | 'blocked'
  reason: string
  problems: string[]
  fix?: string
  version?: string
  bump?: string
  tag?: string
  stage?: string
  stageTag?: string
  releaseUrl?: string
  approvers?: string[]
  notes: string[]
  /** Blocked after some writes (a tag, a draft): a re-run finishes them. */
  partial?: boolean
}

/** What every step of one model's promotion reads: the model, its registry, its tags and the notes so far. */
export interface ModelPromotion {
  name: string
  model: LoadedModel
  config: RegistryConfig
  /** The model's risk tier in registry.yaml. */
  tier: RegistryConfig['risk_tiers'][string]
  identity: ModelIdentity
  /** The training fingerprint of the merged tree. */
  fp: string
  /** The model's tags before this promotion, and the state GTO reads from them. */
  tags: TagRecord[]
  state: ModelState | undefined
  /** Said in the report whatever the outcome; each step may add to them. */
  notes: string[]
  /** The outcome of a promotion that stops here, nothing written. */
  blocked: (reason: string, problems: string[], fix?: string) => ModelOutcome
}
