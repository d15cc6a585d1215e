import type { TrainerIdentity } from '../registry/fingerprint.js'
import { z } from 'zod'

/** The run spec a trainer receives: TUNEGATE_RUN_SPEC is the path of a JSON file of this shape. */
export const runSpecSchema = z.strictObject({
  schema: z.literal('tunegate.run-spec/v1'),
  model: z.string(),
  task_family: z.enum(['text-generation', 'transformation', 'classification']),
  base_model: z.strictObject({
    id: z.string(),
    revision: z.string(),
    architecture: z.enum(['decoder', 'encoder-decoder', 'encoder']),
    context_window: z.number()
  }),
  method: z.enum(['lora', 'qlora', 'full']),
  hyperparameters: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  /** Normalised JSONL: chat rows keep `messages`; others carry a rendered `prompt` and a `completion`. */
  train_file: z.string(),
  eval_file: z.string(),
  /** `chat`, `completion` (prompt → completion) or `classification` (text → label). */
  data_format: z.enum(['chat', 'completion', 'classification']),
  labels: z.array(z.string()).nullable(),
  output_dir: z.string(),
  resume_from_checkpoint: z.string().nullable(),
  fingerprint: z.string(),
  /** model.yaml's training.distributed, when set: the strategy the trainer checks it was launched with. */
  distributed: z.strictObject({ strategy: z.enum(['ddp', 'fsdp', 'zero3']), processes: z.number().int() }).optional()
})
export type RunSpec = z.infer<typeof runSpecSchema>

/** One line of events.jsonl. Unknown extra fields are allowed so trainers can add their own. */
export const trainerEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('progress'),
    step: z.number().int().nonnegative(),
    total_steps: z.number().int().positive(),
    epoch: z.number().nonnegative().optional(),
    loss: z.number().optional(),
    learning_rate: z.number().optional(),
    tokens_per_second: z.number().nonnegative().optional()
  }),
  z.looseObject({ type: z.literal('metric'), name: z.string(), value: z.number(), step: z.number().int().optional() }),
  z.looseObject({ type: z.literal('checkpoint'), path: z.string(), step: z.number().int().nonnegative() }),
  z.looseObject({ type: z.literal('done') })
])
export type TrainerEvent = z.infer<typeof trainerEventSchema>

/** The record of one training run, written as run.json beside the outputs. */
export interface RunManifest {
  schema: 'tunegate.train-run/v1'
  model: string
  training_fingerprint: string
  evaluation_fingerprint: string
  trainer: TrainerIdentity
  base_model: { id: string; revision: string }
  method: string
  runner: { name: string; labels: string[]; os: string; gpus: number }
  started_at: string
  finished_at: string
  wall_seconds: number
  gpu_seconds: number
  cost: { currency: string; amount: number; rate_per_gpu_hour: number }
  rows: { train: number; eval: number }
  /**
   * Train rows whose prompt left no target token within max_seq_length (nothing of them trained), as the trainer
   * counted them (a `metric` event named train_rows_without_target); absent when the trainer does not count them.
   */
  without_target?: { rows: number; max_seq_length: number; max_share: number }
  resumed_from: string | null
  loss_curve: { step: number; loss: number }[]
  outputs: { file: string; sha256: string; bytes: number }[]
}
