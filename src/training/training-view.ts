import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import path from 'node:path'
import type { RunManifest } from './contract.js'

/** What the train step did, as the evaluate step learns it from the train outputs it evaluates. */
export interface TrainingView {
  manifest: RunManifest
  /** True when the outputs came from an earlier run with the same training fingerprint (no GPU time spent now). */
  reused?: boolean
  /** The model's training budget (model.yaml `training.budget`). */
  budget?: { max_gpu_hours?: number; max_cost_usd?: number }
  /** Eval loss the trainer reported (`metric` events named `eval_loss`), for the loss chart. */
  evalLoss?: { step: number; loss: number }[]
}

/** Longest events.jsonl read for the eval loss: the chart needs a few hundred points, not a huge log. */
const MAX_EVENTS_BYTES = 64 * 1024 * 1024

/** The eval loss a trainer reported (`{"type":"metric","name":"eval_loss","value","step"}` events), streamed. */
export async function readEvalLoss(
  runDir: string,
  maxLineBytes = 1024 * 1024
): Promise<{ step: number; loss: number }[]> {
  const out: { step: number; loss: number }[] = []
  let bytes = 0
  try {
    for await (const line of createInterface({
      input: createReadStream(path.join(runDir, 'events.jsonl')),
      crlfDelay: Infinity
    })) {
      bytes += line.length + 1
      if (bytes > MAX_EVENTS_BYTES) break
      if (line.length > maxLineBytes || !line.includes('eval_loss')) continue
      try {
        const e = JSON.parse(line) as { type?: unknown; name?: unknown; value?: unknown; step?: unknown }
        if (e.type === 'metric' && e.name === 'eval_loss' && typeof e.value === 'number' && typeof e.step === 'number')
          if (Number.isFinite(e.value) && Number.isFinite(e.step)) out.push({ step: e.step, loss: e.value })
      } catch {
        // A line the trainer left broken: the train step reported it already; the chart skips it.
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  return out
}
