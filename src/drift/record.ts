import { z } from 'zod'
import type { DriftComparison, DriftStatistic, SkippedStatistic } from './compare.js'
import type { PiiKind } from '../data/pii.js'

/** What one drift run concluded for one model: the job summary's figures, kept as the run's artifact. */
export interface DriftRecord {
  schema: 'tunegate.drift/v1'
  model: string
  version: string
  commit: string
  at: string
  /** The model's verdict under the policy (K consecutive runs); `raw` is this run's alone. */
  verdict: 'drift' | 'no-drift'
  raw: 'drift' | 'no-drift'
  /** Runs in a row, up to this one, whose own verdict was drift (for the same production version). */
  streak: number
  consecutiveRuns: number
  share: number
  shareThreshold: number
  statistics: DriftStatistic[]
  skipped: SkippedStatistic[]
  rows: DriftComparison['rows']
  sample: DriftComparison['sample']
  referenceInvalid: number
  feedback?: {
    read: number
    accepted: number
    target?: string
    leftOut: { invalid: number; pii: number; duplicates: number; overLimit: number }
    piiByKind: Partial<Record<PiiKind, number>>
    /** Fields the model does not read, dropped from the accepted rows; absent in records of older versions. */
    droppedFields?: number
  }
  action: {
    kind: 'none' | 'pull-request' | 'issue'
    number?: number
    url?: string
    branch?: string
    dispatched?: string
  }
}

/** The fields of an earlier record that the next run reads (an artifact is outside data: checked). */
export const previousRecordSchema = z.object({
  schema: z.literal('tunegate.drift/v1'),
  model: z.string(),
  version: z.string(),
  raw: z.enum(['drift', 'no-drift']),
  streak: z.number().int().nonnegative()
})

export type PreviousRecord = z.output<typeof previousRecordSchema>

/** The record file's name inside a drift artifact or state folder. */
export const DRIFT_RECORD_FILE = 'drift.json'

/** The artifact name of a model's drift records: one per run, the newest is the previous run's. */
export function driftArtifactName(model: string): string {
  return `tunegate-drift-${model}`
}
