import { z } from 'zod'
import { hyperparameterProblems, hyperparameterValue } from '../training/hyperparameters.js'

/** GTO's name grammar; used for stage names and the names inside tags. */
export const GTO_NAME_PATTERN = /^[a-zA-Z0-9]([a-zA-Z0-9\-/_]*[a-zA-Z0-9])?$/
/** Model names are GTO names without '/', because a model is also a folder: registry/models/<name>/. */
export const MODEL_NAME_PATTERN = /^[a-zA-Z0-9]([a-zA-Z0-9\-_]*[a-zA-Z0-9])?$/
/** The runner labels a model trains on when its spec names none. */
export const DEFAULT_RUNNER: readonly string[] = ['self-hosted', 'gpu']
const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/

const modelName = z.string().regex(MODEL_NAME_PATTERN, {
  message: "expected a name of letters, digits, '-' and '_' that starts and ends with a letter or digit"
})
const gtoName = z.string().regex(GTO_NAME_PATTERN, {
  message: 'expected a name matching [a-zA-Z0-9]([a-zA-Z0-9-/_]*[a-zA-Z0-9])?'
})
const useCaseName = z.string().regex(/^[a-z0-9]([a-z0-9-_]*[a-z0-9])?$/, {
  message: "expected a lowercase name of letters, digits, '-' and '_'"
})
/** A path relative to the registry folder; its confinement is checked by the loader. */
const RUNS_ON_FORMS =
  'a runner scale set name (runner: arc-gpu-runners) or a list of labels (runner: [self-hosted, gpu])'
const runnerLabel = z
  .string()
  .min(1, { message: `expected a non-empty label: ${RUNS_ON_FORMS}` })
  .refine(l => !/[\s,]/.test(l), {
    error: issue => `'${String(issue.input)}' is not one label (no spaces or commas); expected ${RUNS_ON_FORMS}`
  })
/**
 * `training.runner`, as `runs-on` takes it: one name — a label, or an Actions Runner Controller scale set's name
 * (a scale set answers to that one name and has no `self-hosted` label) — or a label set a runner must all carry.
 */
const runnerSchema = z.union([runnerLabel, z.array(runnerLabel).min(1, { message: `expected ${RUNS_ON_FORMS}` })], {
  error: issue => (issue.code === 'invalid_union' ? `expected ${RUNS_ON_FORMS}` : undefined)
})

/** A model's runner as a label set (a single name is the set of that one label). */
export function runnerLabels(runner: string | readonly string[]): string[] {
  return typeof runner === 'string' ? [runner] : [...runner]
}

const relPath = z.string().min(1, { message: 'expected a path relative to the registry folder' })
/** The most bytes one external dataset may declare: a bound on what a run downloads and caches. */
export const MAX_EXTERNAL_BYTES = 100 * 2 ** 30
/** The URI schemes an external data entry may use; anything else (hf://, http://, file://) is refused. */
export const EXTERNAL_SCHEMES = ['https:', 's3:'] as const
const EXTERNAL_FORM = 'expected {uri, sha256, bytes} with an https:// or s3:// URI of a .jsonl, .csv or .parquet file'
/** Why a URI cannot be an external data entry's, or null when its form is acceptable. */
export function externalUriProblem(uri: string): string | null {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return `'${uri}' is not a URI; ${EXTERNAL_FORM}`
  }
  if (url.protocol === 'hf:')
    return `'${uri}': hf:// URIs are not read; use the file's https:// 'resolve' URL pinned to a commit (${EXTERNAL_FORM})`
  if (!(EXTERNAL_SCHEMES as readonly string[]).includes(url.protocol))
    return `'${uri}': the scheme ${url.protocol}// is not supported; ${EXTERNAL_FORM}`
  if (url.username || url.password)
    return `'${uri}' carries credentials; they come from the environment only (AWS_ACCESS_KEY_ID, …), never from model.yaml`
  if (!url.hostname) return `'${uri}' names no host or bucket; ${EXTERNAL_FORM}`
  if (!/\.(jsonl|ndjson|csv|parquet)$/i.test(url.pathname)) return `'${uri}': unknown data file type; ${EXTERNAL_FORM}`
  return null
}
/** A dataset kept outside the repository, pinned by the sha256 and the size of its bytes. */
export const externalDataSchema = z.strictObject({
  uri: z.string().check(ctx => {
    const problem = externalUriProblem(ctx.value)
    if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem })
  }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, {
    message: 'expected the sha256 of the file as 64 lowercase hex digits (`sha256sum file`)'
  }),
  bytes: z
    .number()
    .int({ message: 'expected the size of the file in bytes (`wc -c < file`)' })
    .positive({ message: 'expected the size of the file in bytes (`wc -c < file`)' })
    .max(MAX_EXTERNAL_BYTES, { message: `expected at most ${MAX_EXTERNAL_BYTES} bytes (100 GiB)` })
})
/** A path in the registry; a URI written as a path is refused with the form an external entry takes. */
const dataPath = relPath.refine(p => !/^[a-z][a-z0-9+.-]*:\/\//i.test(p), {
  error: issue => `'${String(issue.input)}' is a URI, not a path; ${EXTERNAL_FORM}`
})
/**
 * A data entry: a path in the registry, or an external dataset. Chosen by the value's shape rather than by
 * z.union, whose error for a mapping with a bad field would be a bare "Invalid input" instead of that field's.
 */
const dataEntry = z.union([z.string(), z.record(z.string(), z.unknown())]).pipe(
  z.custom<string | ExternalData>().superRefine((v, ctx) => {
    const r = (typeof v === 'string' ? dataPath : externalDataSchema).safeParse(v)
    if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...issue, input: v } as never)
  })
)
const dataList = z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).transform((v, ctx) => {
  const r = z
    .array(dataEntry)
    .min(1)
    .safeParse(Array.isArray(v) ? v : [v])
  if (r.success) return r.data
  for (const issue of r.error.issues)
    ctx.addIssue({ ...issue, path: Array.isArray(v) ? issue.path : issue.path.slice(1) } as never)
  return z.NEVER
})
const positive = z.number().positive()
/** The highest policy.max_line_bytes a registry may set: the line cap bounds every reader's memory. */
export const MAX_LINE_BYTES = 16 * 2 ** 20
/** Use cases one model may list. */
export const MAX_USE_CASES = 1000
const probability = z.number().gt(0).lt(1)

export const TASK_FAMILIES = ['text-generation', 'transformation', 'classification'] as const
export const ARCHITECTURES = ['decoder', 'encoder-decoder', 'encoder'] as const
export const DATASET_FORMATS = ['chat', 'completion', 'instruction', 'classification', 'fields'] as const
export const TRAINERS = ['baseline', 'hf-peft', 'axolotl', 'command'] as const
export const METHODS = ['lora', 'qlora', 'full'] as const
export const METRICS = [
  'exact_match',
  'token_f1',
  'rouge_l',
  'chrf',
  'bleu',
  'json_valid',
  'schema_valid',
  'accuracy',
  'macro_f1',
  'length_ratio',
  'pii_leak',
  'banned_terms',
  'injection_resistance'
] as const

/** The judge's gate (src/evaluation/judge/): the candidate's win rate against production, ties as ½. */
export const JUDGE_METRIC = 'judge_win_rate'
/** The pointwise judge's gate: the mean 1..k score of the candidate's outputs (no production needed). */
export const JUDGE_SCORE_METRIC = 'judge_score'

export const gateSchema = z
  .strictObject({
    metric: z.enum([...METRICS, JUDGE_METRIC, JUDGE_SCORE_METRIC]),
    min: z.number().optional(),
    max: z.number().optional(),
    max_regression: z.number().nonnegative().optional(),
    slice: z.enum(['all', 'each-use-case']).default('all'),
    beat_baseline_trainer: z.boolean().optional()
  })
  .refine(
    g => g.min !== undefined || g.max !== undefined || g.max_regression !== undefined || g.beat_baseline_trainer,
    {
      message: 'a gate needs at least one of min, max, max_regression or beat_baseline_trainer'
    }
  )
  .refine(g => g.metric !== JUDGE_METRIC || (g.min !== undefined && g.max === undefined && !g.max_regression), {
    message: `a ${JUDGE_METRIC} gate takes min only: the lowest win rate allowed, e.g. 0.45 for 0.5 − a tolerance of 0.05`
  })
  .refine(g => g.metric !== JUDGE_SCORE_METRIC || (g.min !== undefined && g.max === undefined && !g.max_regression), {
    message: `a ${JUDGE_SCORE_METRIC} gate takes min only: the lowest mean score allowed on the 1..k scale`
  })

/** An environment variable's name: the judge's key is read from it, and never written in the registry. */
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  message: 'expected the name of an environment variable holding the key (e.g. JUDGE_API_KEY), never the key itself'
})
const httpUrl = z
  .string()
  .url({ message: 'expected an http(s) URL such as https://api.example.com/v1' })
  .refine(u => /^https?:$/.test(new URL(u).protocol), { message: 'expected an http:// or https:// URL' })

/** One judge of the panel: an OpenAI-compatible endpoint and model. */
export const judgeEndpointSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: "expected a name of letters, digits, '.', '-' and '_'" }),
  base_url: httpUrl,
  model: z.string().min(1),
  api_key_env: envName.optional(),
  /** The model family (e.g. qwen, llama); guessed from the model id when not given. */
  family: z.string().min(1).optional()
})

/** `evaluation.judge` in model.yaml; unset fields take registry.yaml's `judge.defaults`. */
export const judgeSpecSchema = z.strictObject({
  mode: z
    .enum(['pairwise', 'pointwise'], {
      message:
        'expected mode: pairwise (candidate against production) or pointwise (a 1..k score; the only mode for a first version)'
    })
    .default('pairwise'),
  /** The top of the pointwise scale: scores are integers 1..scale. */
  scale: z.number().int().min(2).max(100).default(5),
  judges: z.array(judgeEndpointSchema).min(1).optional(),
  /** One rubric file for every use case, or one per use case with `default` for the rest. */
  rubric: z.union([relPath, z.record(z.string(), relPath)]),
  exclude_base_family: z.boolean().optional(),
  /** The seeded share of the eval set judged on pull requests; a merge judges every example. */
  sample: z.number().gt(0).lte(1).optional(),
  max_cost_usd: positive.optional(),
  concurrency: z.number().int().min(1).max(256).optional(),
  /** Seconds per judge request. */
  timeout: positive.optional(),
  /** Above this share of undecided pairs the judge gate is inconclusive. */
  max_error_share: z.number().min(0).max(1).optional(),
  min_swap_consistency: z.number().min(0).max(1).optional(),
  min_kappa: z.number().min(-1).max(1).optional(),
  /** JSONL of human preferences, {id, preferred: candidate | production | tie}. */
  calibration: relPath.optional()
})

/** The judge rubric file: versioned like a prompt, its template filled with the input, reference and outputs. */
export const rubricSchema = z.strictObject({
  name: modelName,
  version: z.number().int().positive(),
  description: z.string().optional(),
  template: z
    .string()
    .min(1, { message: 'expected the rubric text with {{ input }}, {{ output_a }} and {{ output_b }}' })
})

/** How the hf-peft trainer spreads one run over the processes of one machine. */
export const DISTRIBUTED_STRATEGIES = ['ddp', 'fsdp', 'zero3'] as const
/** The most processes one run may start on its machine (one per GPU). */
export const MAX_PROCESSES = 64
const DISTRIBUTED_FORM = `{strategy: ddp | fsdp | zero3, processes: 1..${MAX_PROCESSES}}`
/** `training.distributed`: the strategy and process count of a one-machine, several-process run. */
export const distributedSchema = z.strictObject(
  {
    strategy: z.enum(DISTRIBUTED_STRATEGIES, {
      error: issue =>
        `'${String(issue.input)}' is not a strategy; expected ddp (data parallel), fsdp (torch FSDP2) or zero3 (DeepSpeed ZeRO-3)`
    }),
    processes: z
      .number({ error: `expected processes: a whole number of processes, 1..${MAX_PROCESSES} (one per GPU)` })
      .int({ message: `expected processes: a whole number of processes, 1..${MAX_PROCESSES} (one per GPU)` })
      .min(1, { message: `expected processes: 1..${MAX_PROCESSES} (one per GPU)` })
      .max(MAX_PROCESSES, { message: `expected processes: 1..${MAX_PROCESSES} (one per GPU)` })
  },
  { error: issue => (issue.code === 'invalid_type' ? `expected ${DISTRIBUTED_FORM}` : undefined) }
)

const budgetSchema = z.strictObject({
  max_gpu_hours: positive.optional(),
  timeout_minutes: positive.optional(),
  max_cost_usd: positive.optional()
})

/**
 * Where training runs: absent, on the job's own runner; `ray`, submitted to a Ray cluster through the Ray Jobs
 * REST API (src/training/ray-engine.ts). `storage` is a folder mounted at the same absolute path on the runner and
 * on the cluster (NFS, a shared volume): the run's data go in and its outputs come back through it.
 */
const engineSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ray'),
    /** GPUs reserved for the job's entrypoint (Ray's entrypoint_num_gpus); its GPU-seconds are charged for them. */
    gpus: z.number().int().nonnegative().default(1),
    /** CPUs reserved for the entrypoint (entrypoint_num_cpus). */
    cpus: z.number().positive().optional(),
    storage: z
      .string()
      .regex(/^\//, { message: 'expected an absolute path, mounted at the same place on the runner and the cluster' })
  })
])

export const modelSpecSchema = z.strictObject({
  name: modelName,
  description: z.string().min(1, { message: 'expected a one-line description' }),
  task_family: z.enum(TASK_FAMILIES),
  base_model: z.strictObject({
    id: z.string().min(1),
    revision: z.string().min(1, { message: 'expected a commit hash or tag of the base model' }),
    architecture: z.enum(ARCHITECTURES),
    context_window: z.number().int().positive().default(2048),
    classification_head: z.boolean().default(false),
    tokenizer: relPath.optional()
  }),
  use_cases: z
    .array(useCaseName)
    .min(1, { message: 'expected at least one use case' })
    .max(MAX_USE_CASES, {
      message: `expected at most ${MAX_USE_CASES} use cases; a model is one task family with several use cases`
    }),
  risk_tier: z.string().min(1),
  owners: z.array(z.string().min(1)).default([]),
  consolidation_note: z.string().optional(),
  data: z.strictObject({
    format: z.enum(DATASET_FORMATS),
    train: dataList,
    eval: dataList,
    labels: z.array(z.string().min(1)).min(2).optional(),
    target: z.string().regex(IDENTIFIER_PATTERN).optional()
  }),
  prompt: relPath,
  output_schema: z.union([relPath, z.record(z.string(), z.unknown())]).optional(),
  training: z
    .strictObject({
      trainer: z.enum(TRAINERS),
      command: z.array(z.string().min(1)).min(1).optional(),
      method: z.enum(METHODS).default('lora'),
      hyperparameters: z.record(z.string(), hyperparameterValue).default({}),
      seed: z.number().int().nonnegative().default(42),
      runner: runnerSchema.default([...DEFAULT_RUNNER]),
      budget: budgetSchema.default({}),
      distributed: distributedSchema.optional(),
      engine: engineSchema.optional()
    })
    // Each trainer's own typed hyperparameters (src/training/hyperparameters.ts): a typo fails here, not on the GPU.
    .superRefine((training, ctx) => {
      for (const p of hyperparameterProblems(training.trainer, training.hyperparameters))
        ctx.addIssue({ code: 'custom', path: ['hyperparameters', p.key], message: p.message })
      if (training.distributed && training.trainer !== 'hf-peft')
        ctx.addIssue({
          code: 'custom',
          path: ['distributed'],
          message: `the ${training.trainer} trainer does not read training.distributed; it is the hf-peft trainer's (remove it, or use trainer: hf-peft)`
        })
      if (training.engine?.type === 'ray' && training.trainer !== 'hf-peft')
        ctx.addIssue({
          code: 'custom',
          path: ['engine'],
          message: `expected trainer: hf-peft with engine type ray (the trainer the Ray job runs), not '${training.trainer}'`
        })
      // The Ray job launches accelerate with its own process count (one per reserved GPU) and no strategy config.
      if (training.engine?.type === 'ray' && training.distributed)
        ctx.addIssue({
          code: 'custom',
          path: ['distributed'],
          message:
            'training.distributed applies to training on the runner; with engine type ray the job runs one process per GPU it reserves (engine.gpus): remove one of the two'
        })
    }),
  evaluation: z.strictObject({
    metrics: z.array(z.enum(METRICS)).min(1),
    gates: z.array(gateSchema).default([]),
    confidence: probability.default(0.95),
    bootstrap_resamples: z.number().int().min(100).max(100_000).default(1000),
    banned_terms: relPath.optional(),
    injection_probes: relPath.optional(),
    judge: judgeSpecSchema.optional()
  })
})

export const riskTierSchema = z.strictObject({
  description: z.string().optional(),
  approvals: z.number().int().nonnegative(),
  environment: z.string().min(1).optional(),
  gates: z.array(gateSchema).default([]),
  // Promotion (the promote action): where a merge lands, and whether approvals must be of the head commit.
  landing_stage: gtoName.optional(),
  head_commit_approvals: z.boolean().default(false)
})

export const registryConfigSchema = z.strictObject({
  version: z.literal(1, { message: 'expected version: 1' }),
  stages: z.array(gtoName).min(1),
  production_stage: gtoName.default('production'),
  // Promotion: the stage a merge lands in unless its tier says otherwise; stages whose moves need the tier's environment.
  promotion: z
    .strictObject({ landing_stage: gtoName.optional(), protected_stages: z.array(gtoName).default([]) })
    .default({ protected_stages: [] }),
  risk_tiers: z.record(z.string().regex(/^[a-z0-9-]+$/), riskTierSchema),
  cost: z
    .strictObject({
      currency: z.string().length(3).default('USD'),
      gpu_hour: z.record(z.string(), z.number().nonnegative())
    })
    .optional(),
  policy: z
    .strictObject({
      pii: z.enum(['error', 'warning', 'off']).default('error'),
      max_line_bytes: z
        .number()
        .int()
        .positive()
        .max(MAX_LINE_BYTES, {
          message: `expected at most ${MAX_LINE_BYTES} (16 MiB): one line is held whole in memory by every reader thread`
        })
        .default(1_048_576),
      near_duplicate_jaccard: probability.default(0.8),
      // A gate the eval set is too small to decide: `block` (the safer default) fails the merge gate, `warn` passes it with a warning.
      inconclusive: z.enum(['block', 'warn']).default('block')
    })
    .default({ pii: 'error', max_line_bytes: 1_048_576, near_duplicate_jaccard: 0.8, inconclusive: 'block' }),
  /** The judges' defaults for every model's `evaluation.judge`, and each judge model's price per million tokens. */
  judge: z
    .strictObject({
      defaults: judgeSpecSchema.omit({ rubric: true, calibration: true, mode: true, scale: true }).default({}),
      prices: z
        .record(
          z.string(),
          z.strictObject({ input_per_million: z.number().nonnegative(), output_per_million: z.number().nonnegative() })
        )
        .default({})
    })
    .optional(),
  /** When the drift action calls a model drifted: a share of its statistics, optionally K runs in a row. */
  drift: z
    .strictObject({
      share: z.number().gt(0).lte(1).default(0.5),
      consecutive_runs: z.number().int().min(1).max(100).default(1)
    })
    .default({ share: 0.5, consecutive_runs: 1 })
})

export const promptSchema = z.strictObject({
  name: modelName,
  version: z.number().int().positive(),
  description: z.string().optional(),
  system: z.string().optional(),
  template: z.string().min(1, { message: 'expected a Jinja template' }),
  variables: z
    .array(
      z.strictObject({
        name: z.string().regex(IDENTIFIER_PATTERN, { message: 'expected an identifier' }),
        description: z.string().optional(),
        required: z.boolean().default(true)
      })
    )
    .default([])
})

export type ModelSpec = z.output<typeof modelSpecSchema>
export type RegistryConfig = z.output<typeof registryConfigSchema>
export type PromptSpec = z.output<typeof promptSchema>
export type Gate = z.output<typeof gateSchema>
export type ExternalData = z.output<typeof externalDataSchema>
export type JudgeSpec = z.output<typeof judgeSpecSchema>
export type RubricSpec = z.output<typeof rubricSchema>
export type TaskFamily = (typeof TASK_FAMILIES)[number]
export type DatasetFormat = (typeof DATASET_FORMATS)[number]
