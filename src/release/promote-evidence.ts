import path from 'node:path'
import { modelVerdict } from '../evaluation/verdict.js'
import type { Host } from '../registry/host.js'
import type { ModelOutcome, ModelPromotion } from './promote-context.js'
import { MissingEvidenceError, verifyEvidence, type Evidence, type EvidenceSource } from './verify.js'

/**
 * The model's evaluation evidence, verified against the merged tree before any write: a missing record or a
 * failed verification blocks; an inconclusive verdict let through by `policy.inconclusive: warn` is noted.
 */
export async function verifiedEvidence({
  promotion: { name, model, config, identity, notes, blocked },
  registryDir,
  host,
  evidence: source,
  workDir,
  reevaluate,
  log
}: {
  promotion: ModelPromotion
  registryDir: string
  host: Host
  evidence: EvidenceSource
  workDir: string
  reevaluate: (model: string) => string
  log: (m: string) => void
}): Promise<{ outcome: ModelOutcome } | { evidence: Evidence }> {
  let evidence
  try {
    evidence = await source(name)
  } catch (e) {
    if (e instanceof MissingEvidenceError)
      return {
        outcome: blocked(
          'no evaluation to verify',
          [e.message],
          'Run the pull request workflow (train, evaluate) and re-run this job.'
        )
      }
    throw e
  }
  log(`${name}: evaluation record from ${evidence.recordSource}; outputs from ${evidence.runSource}`)
  const failure = await verifyEvidence({
    registryDir,
    model: name,
    identity,
    evidence,
    host,
    workDir: path.join(workDir, 'verify'),
    hasBaselineTrainerGate: model.spec.evaluation.gates.some(g => g.beat_baseline_trainer),
    policy: config.policy.inconclusive,
    reevaluate: reevaluate(name),
    log
  })
  if (failure) return { outcome: blocked('verification failed', failure.problems, failure.fix) }
  // Verified above: a blocking verdict never gets here, so an inconclusive one is let through by `warn`.
  const evaluated = modelVerdict(evidence.record, config.policy.inconclusive)
  if (evaluated.state === 'inconclusive')
    notes.push(
      `inconclusive, promoted under registry.yaml's policy.inconclusive: warn: ${evaluated.deciding
        .map(g => `${g.metric}${g.slice !== 'all' ? ` on ${g.slice}` : ''}: ${g.reason}`)
        .join('; ')}`
    )
  log(`${name}: fingerprints, predictions, metrics and gates verified against the merged tree`)
  return { evidence }
}
