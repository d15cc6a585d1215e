import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Tokenizer } from '@huggingface/tokenizers'
import { assertNotLfsPointer } from '../registry/lfs.js'
import { ConfigurationError } from '../errors.js'

/** Counts tokens exactly (a tokenizer.json in the registry) or approximately (labelled so). */
export interface TokenCounter {
  exact: boolean
  /** How the count is made, for reports. */
  method: string
  count(text: string): number
}

/** The estimate of approximateCounter from a text's length alone (the template sandbox sends only lengths). */
export const approximateTokens = (length: number): number => Math.ceil(length / 4)

/** About four characters per token for English text with BPE tokenizers: an estimate, said as such. */
export const approximateCounter: TokenCounter = {
  exact: false,
  method: '≈ 4 characters per token (no tokenizer.json in the registry)',
  count: text => approximateTokens(text.length)
}

/** The largest tokenizer.json read (the largest real ones, of models with 256,000-token vocabularies, are ~35 MB). */
export const MAX_TOKENIZER_BYTES = 64 * 2 ** 20

/** A counter from a tokenizer.json (and tokenizer_config.json beside it, when present). */
export async function tokenizerCounter(tokenizerJsonPath: string): Promise<TokenCounter> {
  await assertNotLfsPointer(tokenizerJsonPath)
  // Read whole (and parsed) in every thread that counts tokens: a pull request's file is bounded first.
  const size = (await stat(tokenizerJsonPath).catch(() => undefined))?.size ?? 0
  if (size > MAX_TOKENIZER_BYTES)
    throw new ConfigurationError(
      `${tokenizerJsonPath}: ${size.toLocaleString('en-US')} bytes, past the ${MAX_TOKENIZER_BYTES / 2 ** 20} MiB a tokenizer.json may have; expected the tokenizer.json of the base model`
    )
  let json: object
  try {
    json = JSON.parse(await readFile(tokenizerJsonPath, 'utf8')) as object
  } catch (e) {
    throw new ConfigurationError(
      `${tokenizerJsonPath}: not a readable tokenizer.json (${e instanceof Error ? e.message : String(e)}); expected the tokenizer.json of the base model`
    )
  }
  let config: object = {}
  try {
    config = JSON.parse(
      await readFile(path.join(path.dirname(tokenizerJsonPath), 'tokenizer_config.json'), 'utf8')
    ) as object
  } catch {
    config = {}
  }
  let tokenizer: Tokenizer
  try {
    // Loaded when a model has a tokenizer: a data-checking thread without one starts without the library.
    const { Tokenizer } = await import('@huggingface/tokenizers')
    tokenizer = new Tokenizer(json, config)
  } catch (e) {
    throw new ConfigurationError(
      `${tokenizerJsonPath}: not a tokenizer the tokenizers library can load (${e instanceof Error ? e.message : String(e)})`
    )
  }
  return {
    exact: true,
    method: `exact, ${path.basename(tokenizerJsonPath)}`,
    count: text => tokenizer.encode(text, { add_special_tokens: false }).ids.length
  }
}

/** Count, mean, median, 95th percentile and maximum of a sample of lengths. */
export interface LengthSummary {
  count: number
  mean: number
  p50: number
  p95: number
  max: number
}

/**
 * Streaming length statistics in bounded memory: exact count, mean and max; percentiles from a
 * fixed-size reservoir sample (Vitter's algorithm R) with a seeded generator, so reports repeat.
 */
export class LengthStats {
  private readonly reservoir: number[] = []
  private n = 0
  private sum = 0
  private maxValue = 0
  private state = 0x9e3779b9

  constructor(private readonly capacity = 20_000) {}

  add(value: number): void {
    this.n++
    this.sum += value
    if (value > this.maxValue) this.maxValue = value
    if (this.reservoir.length < this.capacity) this.reservoir.push(value)
    else {
      const j = Math.floor(this.random() * this.n)
      if (j < this.capacity) this.reservoir[j] = value
    }
  }

  private random(): number {
    // xorshift32
    let x = this.state
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    this.state = x >>> 0
    return this.state / 4294967296
  }

  summary(): LengthSummary {
    // A typed array sorts numerically without a comparator call per pair (one summary per split and model).
    const sorted = Float64Array.from(this.reservoir).sort()
    const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0)
    return { count: this.n, mean: this.n ? this.sum / this.n : 0, p50: q(0.5), p95: q(0.95), max: this.maxValue }
  }
}
