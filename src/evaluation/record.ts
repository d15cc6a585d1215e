import { z } from 'zod'

const bootstrapSchema = z.object({
  delta: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  candidate: z.number(),
  baseline: z.number(),
  n: z.number(),
  resamples: z.number(),
  confidence: z.number()
})

/** The evaluation record, `tunegate.evaluation/v1`: what promotion verifies and what the next version compares with. */
export const evaluationRecordSchema = z.object({
  schema: z.literal('tunegate.evaluation/v1'),
  model: z.string(),
  created_at: z.string(),
  training_fingerprint: z.string(),
  evaluation_fingerprint: z.string(),
  predictions_sha256: z.string(),
  candidate: z.object({ trainer: z.object({ name: z.string(), version: z.string() }), run: z.string().nullable() }),
  baseline: z
    .object({
      version: z.string(),
      evaluation_fingerprint: z.string(),
      shared_examples: z.number(),
      only_candidate: z.number(),
      only_baseline: z.number()
    })
    .nullable(),
  settings: z.object({ confidence: z.number(), resamples: z.number(), seed: z.number() }),
  metrics: z.record(
    z.string(),
    z.object({
      scale: z.number(),
      higher_is_better: z.boolean(),
      slices: z.record(
        z.string(),
        z.object({
          value: z.number(),
          n: z.number(),
          comparison: bootstrapSchema.nullable(),
          baseline_trainer: z.number().nullable()
        })
      )
    })
  ),
  per_class: z
    .array(z.object({ label: z.string(), precision: z.number(), recall: z.number(), support: z.number() }))
    .nullable(),
  gates: z.array(
    z.object({
      metric: z.string(),
      slice: z.string(),
      kind: z.string(),
      threshold: z.number().nullable(),
      value: z.number().nullable(),
      passed: z.boolean(),
      inconclusive: z.boolean(),
      reason: z.string(),
      source: z.string()
    })
  ),
  /** `inconclusive` only when an inconclusive gate blocks under registry.yaml's `policy.inconclusive: block`. */
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  /** Present when the predictions came from a served model rather than the trainer. */
  serving: z
    .object({
      endpoint: z.string(),
      model: z.string(),
      latency_ms: z.object({ p50: z.number(), p95: z.number(), mean: z.number() }),
      tokens: z.object({ prompt: z.number(), completion: z.number() }),
      retries: z.number()
    })
    .optional(),
  per_example: z.array(
    z.object({ id: z.string(), use_case: z.string(), stats: z.record(z.string(), z.array(z.number())) })
  )
})
export type EvaluationRecord = z.infer<typeof evaluationRecordSchema>
