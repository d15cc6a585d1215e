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

const judgeSliceSchema = z.object({
  n: z.number(),
  wins: z.number(),
  ties: z.number(),
  losses: z.number(),
  errors: z.number(),
  win_rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  p_value: z.number(),
  p_holm: z.number(),
  swap_consistency: z.number().nullable(),
  length_ratio_of_wins: z.number().nullable()
})

const scoreSliceSchema = z.object({
  n: z.number(),
  errors: z.number(),
  mean: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable()
})

/**
 * The judge's part of a record: every verdict (reasons are untrusted text), their digest, and the figures. A
 * pointwise judge stores `outputs` and `scores` (its `pairs` and `verdicts` are empty) and `summary.scores`.
 */
export const judgeRecordSchema = z.object({
  mode: z.enum(['pairwise', 'pointwise']),
  /** The pointwise scale's top: scores are integers 1..scale. */
  scale: z.number().optional(),
  judges: z.array(z.object({ name: z.string(), model: z.string() })),
  /** Judges left out as of the candidate's base-model family. */
  excluded: z.array(z.string()),
  rubrics: z.record(z.string(), z.string()),
  /** The share of the eval set judged (1 on a merge) and the seed that drew it. */
  sample: z.number(),
  seed: z.number(),
  calls: z.number(),
  cached: z.number(),
  tokens: z.object({ prompt: z.number(), completion: z.number() }),
  cost_usd: z.number(),
  max_cost_usd: z.number(),
  budget_reached: z.boolean(),
  /** Why the judge gate cannot decide, whatever the interval says (errors, budget, swap consistency, κ). */
  inconclusive: z.array(z.string()),
  pairs: z.array(
    z.object({
      id: z.string(),
      use_case: z.string(),
      candidate_sha256: z.string(),
      production_sha256: z.string(),
      candidate_chars: z.number(),
      production_chars: z.number(),
      identical: z.boolean(),
      injection: z.boolean()
    })
  ),
  verdicts: z.array(
    z.object({
      id: z.string(),
      judge: z.string(),
      order: z.enum(['candidate-first', 'production-first']),
      key: z.string(),
      winner: z.enum(['A', 'B', 'tie']).nullable(),
      reason: z.string(),
      error: z.string().nullable(),
      prompt_tokens: z.number(),
      completion_tokens: z.number()
    })
  ),
  /** The pointwise judge's scored outputs: digests and lengths, never the texts. */
  outputs: z
    .array(
      z.object({
        id: z.string(),
        use_case: z.string(),
        output_sha256: z.string(),
        output_chars: z.number(),
        injection: z.boolean()
      })
    )
    .optional(),
  /** Each pointwise judge's score of each output (null with the error when it has none). */
  scores: z
    .array(
      z.object({
        id: z.string(),
        judge: z.string(),
        key: z.string(),
        score: z.number().nullable(),
        reason: z.string(),
        error: z.string().nullable(),
        prompt_tokens: z.number(),
        completion_tokens: z.number()
      })
    )
    .optional(),
  /** sha256 of the canonical JSON of `pairs` and `verdicts` (and a pointwise judge's `outputs` and `scores`): promotion refuses a record whose verdicts were edited. */
  verdicts_sha256: z.string(),
  summary: z.object({
    slices: z.record(z.string(), judgeSliceSchema),
    error_share: z.number(),
    kappa: z.number().nullable(),
    kappa_n: z.number(),
    injections: z.array(z.string()),
    /** The pointwise mean score per slice, with its bootstrap interval over examples. */
    scores: z.record(z.string(), scoreSliceSchema).optional()
  })
})
export type JudgeRecord = z.infer<typeof judgeRecordSchema>

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
  /** Present when the model has `evaluation.judge` and a production version to judge against. */
  judge: judgeRecordSchema.optional(),
  per_example: z.array(
    z.object({ id: z.string(), use_case: z.string(), stats: z.record(z.string(), z.array(z.number())) })
  )
})
export type EvaluationRecord = z.infer<typeof evaluationRecordSchema>

const recordHeadSchema = evaluationRecordSchema.omit({ per_example: true })
const perExampleSchema = evaluationRecordSchema.shape.per_example.element

/**
 * Parses a record as `evaluationRecordSchema.safeParse` does, the per-example scores one at a time and in place:
 * parsed whole, a record of 100,000 examples held zod's copy of every example beside the JSON's.
 */
export function parseEvaluationRecord(
  json: unknown
):
  | { success: true; data: EvaluationRecord; error?: undefined }
  | { success: false; data?: undefined; error: z.ZodError } {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return evaluationRecordSchema.safeParse(json)
  const { per_example: examples, ...head } = json as Record<string, unknown>
  const parsedHead = recordHeadSchema.safeParse(head)
  if (!parsedHead.success || !Array.isArray(examples)) return evaluationRecordSchema.safeParse(json)
  for (let i = 0; i < examples.length; i++) {
    const one = perExampleSchema.safeParse(examples[i])
    if (!one.success)
      return {
        success: false,
        error: new z.ZodError(one.error.issues.map(issue => ({ ...issue, path: ['per_example', i, ...issue.path] })))
      }
    examples[i] = one.data
  }
  return { success: true, data: { ...parsedHead.data, per_example: examples as EvaluationRecord['per_example'] } }
}
