import { appendFileSync, createReadStream } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { ConfigurationError } from '../../errors.js'
import { runSpecSchema, type RunSpec } from '../contract.js'
import { readSafetensors, writeSafetensors, type Tensor } from '../safetensors.js'
import { mulberry32 } from '../../data/seeded-random.js'
import { hashedFeatures, words } from './features.js'
import { resolveHyperparameters } from '../hyperparameters.js'

/** The baseline trainer's name and version, as recorded in fingerprints and manifests. */
export const BASELINE_TRAINER = { name: 'baseline', version: '1.0.0' }

interface Row {
  id: string
  use_case: string | null
  messages?: { role: string; content: string }[]
  prompt?: string
  completion?: string
  text?: string
  label?: string
  /** The row's line in its file, for messages. */
  line: number
}

async function readJsonl(file: string): Promise<Row[]> {
  const rows: Row[] = []
  let n = 0
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    n++
    if (line.trim()) rows.push({ ...(JSON.parse(line) as Row), line: n })
  }
  return rows
}

function inputOf(r: Row): string {
  if (r.messages)
    return r.messages
      .slice(0, -1)
      .filter(m => m.role !== 'system')
      .map(m => m.content)
      .join('\n')
  return r.prompt ?? r.text ?? ''
}

function targetOf(r: Row): string {
  if (r.messages) return r.messages[r.messages.length - 1]?.content ?? ''
  return r.completion ?? r.label ?? ''
}

/** A baseline setting from the run spec, overlaid on the documented defaults (src/training/hyperparameters.ts). */
function setting(spec: RunSpec, key: string): number {
  const v = resolveHyperparameters('baseline', spec.hyperparameters, spec.base_model.context_window)[key]
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ConfigurationError(`run spec: hyperparameter '${key}' is ${JSON.stringify(v)}; expected a number`)
  return v
}

/**
 * Tunegate's CPU baseline, a process that follows the trainer contract: a fastText-style linear
 * classifier for classification, BM25 nearest neighbour for generation. A floor for the evaluation to
 * beat and a way to run the pipeline without a GPU — not language-model fine-tuning.
 */
export async function runBaselineTrainer(specPath: string): Promise<void> {
  const parsed = runSpecSchema.safeParse(JSON.parse(await readFile(specPath, 'utf8')))
  if (!parsed.success)
    throw new ConfigurationError(
      `${specPath}: not a Tunegate run spec: ${parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`
    )
  const spec = parsed.data
  const out = spec.output_dir
  await mkdir(path.join(out, 'adapter'), { recursive: true })
  const eventsFile = path.join(out, 'events.jsonl')
  const emit = (e: Record<string, unknown>) => appendFileSync(eventsFile, JSON.stringify(e) + '\n')
  const [train, evalRows] = await Promise.all([readJsonl(spec.train_file), readJsonl(spec.eval_file)])
  if (train.length === 0) throw new ConfigurationError('the train file is empty')
  const predictions =
    spec.data_format === 'classification'
      ? await trainClassifier(spec, train, evalRows, emit)
      : await trainBm25(spec, train, evalRows, emit)
  await writeFile(path.join(out, 'predictions.jsonl'), predictions.map(p => JSON.stringify(p)).join('\n') + '\n')
  emit({ type: 'done' })
}

/** A train row's class; a label outside the declared set is an error at its line, never a silent class. */
function labelIndex(labels: string[], r: Row, file: string): number {
  const k = labels.indexOf(r.label ?? '')
  if (k < 0)
    throw new ConfigurationError(
      `${file}:${r.line}: label ${JSON.stringify(r.label ?? null)} (row '${r.id}') is not one of data.labels (${labels.join(', ')})`
    )
  return k
}

/** A linear softmax classifier over hashed features: `W` is buckets × K (row-major), one bias per class. */
interface LinearModel {
  W: Float32Array
  bias: Float32Array
  K: number
  buckets: number
}

/** Trains the linear classifier by SGD, one checkpoint per epoch, and predicts a label per eval row. */
async function trainClassifier(
  spec: RunSpec,
  train: Row[],
  evalRows: Row[],
  emit: (e: Record<string, unknown>) => void
) {
  const labels = spec.labels ?? [...new Set(train.map(r => r.label ?? ''))].sort()
  const K = labels.length
  const buckets = Math.round(setting(spec, 'baseline_buckets'))
  const epochs = Math.round(setting(spec, 'baseline_epochs'))
  const lr0 = setting(spec, 'baseline_learning_rate')
  const model: LinearModel = { W: new Float32Array(buckets * K), bias: new Float32Array(K), K, buckets }
  let startEpoch = 0
  if (spec.resume_from_checkpoint) {
    const ckpt = await readSafetensors(path.join(spec.resume_from_checkpoint, 'model.safetensors'))
    model.W.set(ckpt.tensors.weight!.data as Float32Array)
    model.bias.set(ckpt.tensors.bias!.data as Float32Array)
    startEpoch = Number(ckpt.metadata.epoch ?? 0)
  }
  const features = train.map(r => hashedFeatures(r.text ?? inputOf(r), buckets))
  const y = train.map(r => labelIndex(labels, r, spec.train_file))
  const total = epochs * train.length
  const random = mulberry32(spec.seed)
  const order = train.map((_, i) => i)
  const probs = new Float32Array(K)
  const started = Date.now()
  let tokens = 0
  // The reported loss is an exponential moving average over recent examples, smooth across epochs.
  let ema: number | undefined
  for (let epoch = 0; epoch < epochs; epoch++) {
    // The shuffle of every epoch is drawn even when resuming, so a resumed run equals an uninterrupted one.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    if (epoch < startEpoch) continue
    for (let n = 0; n < order.length; n++) {
      const idx = order[n]!
      const f = features[idx]!
      const step = epoch * train.length + n + 1
      const lr = lr0 * (1 - step / (total + 1))
      const loss = sgdStep(model, f, y[idx]!, lr, probs)
      ema = ema === undefined ? loss : 0.98 * ema + 0.02 * loss
      tokens += f.length
      if (step % 200 === 0 || n === order.length - 1) {
        const seconds = Math.max(1e-3, (Date.now() - started) / 1000)
        emit({
          type: 'progress',
          step,
          total_steps: total,
          epoch: epoch + (n + 1) / order.length,
          loss: ema,
          learning_rate: lr,
          tokens_per_second: tokens / seconds
        })
      }
    }
    const ckptDir = path.join(spec.output_dir, 'checkpoints', `epoch-${epoch + 1}`)
    await mkdir(ckptDir, { recursive: true })
    await writeSafetensors(path.join(ckptDir, 'model.safetensors'), classifierTensors(model), {
      epoch: String(epoch + 1)
    })
    emit({ type: 'checkpoint', path: ckptDir, step: (epoch + 1) * train.length })
  }
  await writeSafetensors(path.join(spec.output_dir, 'adapter', 'model.safetensors'), classifierTensors(model), {
    kind: 'tunegate-baseline-linear-classifier',
    labels: JSON.stringify(labels),
    buckets: String(buckets),
    features: 'fasttext word 1-2 grams + char 3-5 grams, hashed'
  })
  return predictLabels(model, labels, evalRows)
}

/**
 * One SGD step of softmax regression on an example's hashed features (the scores scaled by 1/√features);
 * returns the example's cross-entropy loss before the step. `probs` is scratch space of K floats.
 */
function sgdStep({ W, bias, K }: LinearModel, f: number[], target: number, lr: number, probs: Float32Array): number {
  let max = -Infinity
  for (let k = 0; k < K; k++) {
    let s = bias[k]!
    for (const b of f) s += W[b * K + k]!
    s /= Math.max(1, Math.sqrt(f.length))
    probs[k] = s
    if (s > max) max = s
  }
  let z = 0
  for (let k = 0; k < K; k++) z += probs[k] = Math.exp(probs[k]! - max)
  for (let k = 0; k < K; k++) probs[k]! /= z
  const loss = -Math.log(Math.max(1e-12, probs[target]!))
  const scale = lr / Math.max(1, Math.sqrt(f.length))
  for (let k = 0; k < K; k++) {
    const g = probs[k]! - (k === target ? 1 : 0)
    bias[k] = bias[k]! - lr * g
    for (const b of f) W[b * K + k] = W[b * K + k]! - scale * g
  }
  return loss
}

/** The classifier's weights and biases as safetensors entries. */
function classifierTensors({ W, bias, K, buckets }: LinearModel): Record<string, Tensor> {
  return {
    weight: { dtype: 'F32', shape: [buckets, K], data: W },
    bias: { dtype: 'F32', shape: [K], data: bias }
  }
}

/** Each eval row's label: the class of highest score (the first on a tie). */
function predictLabels({ W, bias, K, buckets }: LinearModel, labels: string[], evalRows: Row[]) {
  return evalRows.map(r => {
    const f = hashedFeatures(r.text ?? inputOf(r), buckets)
    let best = 0
    let bestScore = -Infinity
    for (let k = 0; k < K; k++) {
      let s = bias[k]!
      for (const b of f) s += W[b * K + k]!
      if (s > bestScore) {
        bestScore = s
        best = k
      }
    }
    return { id: r.id, prediction: labels[best]! }
  })
}

async function trainBm25(spec: RunSpec, train: Row[], evalRows: Row[], emit: (e: Record<string, unknown>) => void) {
  const k1 = setting(spec, 'baseline_bm25_k1')
  const b = setting(spec, 'baseline_bm25_b')
  const docs = train.map(r => words(inputOf(r)))
  const postings = new Map<string, { doc: number; tf: number }[]>()
  const total = train.length + evalRows.length
  const started = Date.now()
  let tokens = 0
  docs.forEach((ws, doc) => {
    const tf = new Map<string, number>()
    for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1)
    for (const [w, n] of tf) {
      const list = postings.get(w)
      if (list) list.push({ doc, tf: n })
      else postings.set(w, [{ doc, tf: n }])
    }
    tokens += ws.length
    if ((doc + 1) % 500 === 0 || doc === docs.length - 1)
      emit({
        type: 'progress',
        step: doc + 1,
        total_steps: total,
        epoch: 0,
        tokens_per_second: tokens / Math.max(1e-3, (Date.now() - started) / 1000)
      })
  })
  const N = docs.length
  const avgdl = docs.reduce((n, d) => n + d.length, 0) / N
  const idf = new Map<string, number>()
  for (const [w, list] of postings) idf.set(w, Math.log(1 + (N - list.length + 0.5) / (list.length + 0.5)))
  const vocab = [...idf.keys()].sort()
  await writeSafetensors(
    path.join(spec.output_dir, 'adapter', 'bm25.safetensors'),
    {
      idf: { dtype: 'F32', shape: [vocab.length], data: Float32Array.from(vocab.map(w => idf.get(w)!)) },
      doc_lengths: { dtype: 'I32', shape: [N], data: Int32Array.from(docs.map(d => d.length)) }
    },
    { kind: 'tunegate-baseline-bm25', k1: String(k1), b: String(b), avgdl: String(avgdl) }
  )
  await writeFile(path.join(spec.output_dir, 'adapter', 'vocab.json'), JSON.stringify(vocab))
  await writeFile(
    path.join(spec.output_dir, 'adapter', 'responses.jsonl'),
    train.map(r => JSON.stringify({ id: r.id, response: targetOf(r) })).join('\n') + '\n'
  )
  const scores = new Float64Array(N)
  return evalRows.map((r, i) => {
    scores.fill(0)
    for (const w of new Set(words(inputOf(r)))) {
      const list = postings.get(w)
      if (!list) continue
      const weight = idf.get(w)!
      for (const { doc, tf } of list)
        scores[doc] = scores[doc]! + (weight * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * docs[doc]!.length) / avgdl))
    }
    let best = 0
    for (let d = 1; d < N; d++) if (scores[d]! > scores[best]!) best = d
    const step = train.length + i + 1
    if (step % 100 === 0 || i === evalRows.length - 1) emit({ type: 'progress', step, total_steps: total, epoch: 1 })
    return { id: r.id, prediction: targetOf(train[best]!) }
  })
}
