import { mulberry32 } from '../data/seeded-random.js'

/** One row as drift sees it: the model's input text, and its use case and (predicted) label when it has them. */
export interface ProfileRow {
  text: string
  useCase?: string
  label?: string
}

/** Rows kept per side for the statistics that need only a sample (lengths, vocabulary, the domain classifier). */
export const SAMPLE_ROWS = 10_000

/**
 * One side of a comparison, built while its files stream past in bounded memory: every row is counted
 * (use-case and label mixes are exact), and a seeded reservoir sample (algorithm R) keeps up to
 * `capacity` rows for the statistics that need the text.
 */
export class SideProfile {
  rows = 0
  withUseCase = 0
  withLabel = 0
  readonly useCases = new Map<string, number>()
  readonly labels = new Map<string, number>()
  readonly sample: ProfileRow[] = []
  private readonly random: () => number

  constructor(
    readonly capacity = SAMPLE_ROWS,
    readonly seed = 42
  ) {
    this.random = mulberry32(seed)
  }

  add(row: ProfileRow): void {
    this.rows++
    if (row.useCase !== undefined) {
      this.withUseCase++
      this.useCases.set(row.useCase, (this.useCases.get(row.useCase) ?? 0) + 1)
    }
    if (row.label !== undefined) {
      this.withLabel++
      this.labels.set(row.label, (this.labels.get(row.label) ?? 0) + 1)
    }
    if (this.sample.length < this.capacity) this.sample.push(row)
    else {
      const j = Math.floor(this.random() * this.rows)
      if (j < this.capacity) this.sample[j] = row
    }
  }

  /** True when the sample holds every row. */
  get complete(): boolean {
    return this.rows <= this.capacity
  }
}
