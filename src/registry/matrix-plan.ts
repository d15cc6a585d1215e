import { ConfigurationError } from '../errors.js'
import type { AffectedModel } from './changes.js'

/** GitHub runs at most this many jobs from one job's matrix. */
export const MAX_MATRIX_JOBS = 256
/** What separates the models of a batched matrix job (model names never hold it). */
export const BATCH_SEPARATOR = ','

/** One job of the train and evaluate matrices: a model, or a batch of models that share a runner. */
export interface MatrixLeg {
  /** The model, or the batch's models joined by commas (the train and evaluate actions take either). */
  model: string
  /** The model's spec file; absent on a batch. */
  spec?: string
  /** `runs-on`: one name (a scale set's) or a label set, as training.runner has it. */
  runner: string | string[]
}

/** How the affected models are spread over the matrix's jobs. */
export interface MatrixPlan {
  legs: MatrixLeg[]
  /** The most models one job trains and evaluates (1 unless there are more models than jobs). */
  perJob: number
  models: number
}

/**
 * The matrix for the affected models: one job per model while they fit in `maxJobs`, else batches of models
 * that share a runner (a job runs on one runner), as few models per job as fit, spread evenly. More distinct
 * runners than jobs cannot be planned: that is a configuration error naming the count.
 */
export function planMatrix(affected: AffectedModel[], maxJobs = MAX_MATRIX_JOBS): MatrixPlan {
  if (affected.length <= maxJobs)
    return {
      legs: affected.map(({ model, spec, runner }) => ({ model, spec, runner })),
      perJob: affected.length ? 1 : 0,
      models: affected.length
    }
  const byRunner = new Map<string, AffectedModel[]>()
  for (const a of affected) {
    const key = JSON.stringify(a.runner)
    byRunner.set(key, [...(byRunner.get(key) ?? []), a])
  }
  if (byRunner.size > maxJobs)
    throw new ConfigurationError(
      `${affected.length} affected models train on ${byRunner.size} different runners, but a matrix runs at most ` +
        `${maxJobs} jobs and a job runs on one runner. Expected at most ${maxJobs} distinct training.runner values.`
    )
  const groups = [...byRunner.values()]
  const jobsFor = (perJob: number) => groups.reduce((n, g) => n + Math.ceil(g.length / perJob), 0)
  let perJob = Math.ceil(affected.length / maxJobs)
  while (jobsFor(perJob) > maxJobs) perJob++
  const legs: MatrixLeg[] = []
  for (const group of groups) {
    // Evenly: 5 models at 3 per job make jobs of 3 and 2, never 4 and 1.
    const jobs = Math.ceil(group.length / perJob)
    for (let j = 0; j < jobs; j++) {
      const batch = group.slice(Math.floor((j * group.length) / jobs), Math.floor(((j + 1) * group.length) / jobs))
      legs.push({ model: batch.map(b => b.model).join(BATCH_SEPARATOR), runner: batch[0]!.runner })
    }
  }
  return { legs, perJob, models: affected.length }
}

/** The models of one matrix job's `model` value (one model, or a batch). */
export function legModels(model: string): string[] {
  return model
    .split(BATCH_SEPARATOR)
    .map(m => m.trim())
    .filter(Boolean)
}
