import type { LoadedModel, RegistryFile } from './loader.js'
import type { ModelSpec } from './schema.js'
import { canonicalJson, contentDigest, sha256 } from './digest.js'

/** The trainer that produces the weights; its version is part of what the weights depend on. */
export interface TrainerIdentity {
  name: string
  version: string
}

/**
 * The sha256 of a data file's content: an external dataset's declared digest (known without downloading
 * it; a fetch that does not match it fails), else that of the file in the checkout.
 */
export async function dataFileDigest(file: RegistryFile): Promise<string> {
  return file.external?.sha256 ?? contentDigest(file.absolute)
}

/** The content addresses of everything a model's weights and its evaluation depend on. */
export interface ModelIdentity {
  training_fingerprint: string
  evaluation_fingerprint: string
  /** What went into each fingerprint, kept for manifests and for explaining a cache miss. */
  training_inputs: Record<string, unknown>
  evaluation_inputs: Record<string, unknown>
}

/** The base model, task family and method: in the training fingerprint and, as they are, in a version's manifest. */
export function whatIsTrained(spec: ModelSpec): {
  base_model: { id: string; revision: string; architecture: string }
  task_family: string
  method: string
} {
  return {
    base_model: {
      id: spec.base_model.id,
      revision: spec.base_model.revision,
      architecture: spec.base_model.architecture
    },
    task_family: spec.task_family,
    method: spec.training.method
  }
}

/**
 * Digests of the model's files, then the two fingerprints over canonical JSON (docs/architecture.md §4).
 * File names are left out on purpose: renaming a dataset does not change the weights. A file's digest is
 * that of its content, the same for a Git LFS pointer checkout and a smudged one.
 */
export async function modelIdentity(model: LoadedModel, trainer: TrainerIdentity): Promise<ModelIdentity> {
  const { spec } = model
  const digests = async (files: RegistryFile[]) => Promise.all(files.map(dataFileDigest))
  const prompt = model.prompt.spec
  const training_inputs = {
    schema: 'tunegate.training-fingerprint/v1',
    ...whatIsTrained(spec),
    hyperparameters: spec.training.hyperparameters,
    // The process layout changes the numerics (the global batch is processes × batch_size, and sharded reductions
    // sum in another order), so another layout is another result. Only when set: other fingerprints stay as they were.
    ...(spec.training.distributed ? { distributed: spec.training.distributed } : {}),
    seed: spec.training.seed,
    trainer,
    data: {
      format: spec.data.format,
      labels: spec.data.labels ?? null,
      target: spec.data.target ?? null,
      train: await digests(model.train)
    },
    prompt: sha256(
      canonicalJson({ system: prompt.system ?? null, template: prompt.template, variables: prompt.variables })
    ),
    output_schema: model.outputSchema ?? null,
    tokenizer: model.tokenizer ? await contentDigest(model.tokenizer.absolute) : null
  }
  const training_fingerprint = sha256(canonicalJson(training_inputs))
  const evaluation_inputs = {
    schema: 'tunegate.evaluation-fingerprint/v1',
    training_fingerprint,
    eval: await digests(model.eval),
    use_cases: spec.use_cases,
    metrics: spec.evaluation.metrics,
    gates: spec.evaluation.gates,
    confidence: spec.evaluation.confidence,
    bootstrap_resamples: spec.evaluation.bootstrap_resamples,
    banned_terms: model.bannedTerms ? await contentDigest(model.bannedTerms.absolute) : null,
    injection_probes: model.injectionProbes ? await contentDigest(model.injectionProbes.absolute) : null,
    // Only with a judge, so that every other model's fingerprint stays what it was.
    ...(model.judge && spec.evaluation.judge
      ? {
          judge: {
            spec: spec.evaluation.judge,
            rubrics: Object.fromEntries(Object.entries(model.judge.rubrics).map(([u, r]) => [u, r.digest])),
            calibration: model.judge.calibration ? await contentDigest(model.judge.calibration.absolute) : null
          }
        }
      : {})
  }
  return {
    training_fingerprint,
    evaluation_fingerprint: sha256(canonicalJson(evaluation_inputs)),
    training_inputs,
    evaluation_inputs
  }
}
