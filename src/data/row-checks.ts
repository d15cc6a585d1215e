import type { Problem } from '../errors.js'
import type { Example, FormatRules } from './examples.js'
import { toExample } from './examples.js'
import { combine53, HashIndex, hash53 } from './hash-index.js'
import { MINHASH_BINS } from './minhash.js'
import { findPii, type PiiFinding, type PiiKind } from './pii.js'
import { readRowBatches, type RowEvent } from './readers.js'
import { compiledTemplate, plainLength, renderPlain, type PlainPart } from '../prompts/template.js'
import { defaultTemplateLimits, TemplateLimitError, TemplateSandbox } from '../prompts/sandbox.js'
import { approximateCounter, approximateTokens, LengthStats, tokenizerCounter, type TokenCounter } from './tokens.js'
import { NearDuplicateIndex, TextScanner } from './text-scan.js'

/**
 * Rows rendered through the prompt: the first RENDER_FIRST of a file (RENDER_FIRST_LATER of each later
 * range of a large file), then every RENDER_EVERY-th.
 */
const RENDER_FIRST = 500
const RENDER_FIRST_LATER = 20
const RENDER_EVERY = 1000
/**
 * Sampled rows sent to the template sandbox at once: at most RENDER_BATCH rows, and a batch is sent as soon as its
 * rows hold max_line_bytes characters. Each batch is a message there and back; at 32 rows a registry-wide change
 * over 1,000 small models sent 22,000 of them, and the main thread spent more time in the channel than in the checks.
 */
const RENDER_BATCH = 256
/** The rows waiting for the sandbox may hold this many lines at the line cap before the row checks wait for it. */
const RENDER_WAITING_LINES = 32
/** Ids starting with this are the injection probes' (appended to the eval file): a data row may not use it. */
export const PROBE_ID_PREFIX = 'probe:'

/** Problems a range keeps in full; past this they are counted. */
export const MAX_RANGE_PROBLEMS = 1000

/** The eval split's inputs, for the leakage checks of train rows (plain arrays: sent to workers). */
export interface EvalIndex {
  inputHashes: Float64Array
  /** MinHash signatures, MINHASH_BINS per row; rows without one are all 0xffffffff. */
  signatures: Uint32Array
  /** `file:line` of each eval row, for messages. */
  locations: string[]
}

/** One byte range of one data file to check: everything a worker thread needs, and nothing it cannot receive. */
export interface RangeTask {
  file: string
  display: string
  split: 'train' | 'eval'
  start: number
  end: number
  rules: FormatRules
  pii: 'error' | 'warning' | 'off'
  maxLineBytes: number
  nearThreshold: number
  template?: string
  /** The prompt file (with the line of its template where known), named in messages. */
  promptFile: string
  requiredVars: string[]
  tokenizerPath?: string
  contextWindow: number
  /** The max_seq_length the trainer will use (at most the context window); the context window when absent. */
  maxSeqLength?: number
  /** True when the target follows the prompt in one sequence (decoder text generation), so a long prompt crowds it out. */
  targetAfterPrompt?: boolean
}

/** What a range found. Lines are relative to the range's first line (1-based). */
export interface RangeResult {
  lines: number
  rows: number
  invalid: number
  problems: Problem[]
  counts: { errors: number; warnings: number }
  useCases: Record<string, number>
  labels: Record<string, number>
  tokenLengths: Int32Array
  piiByKind: Partial<Record<PiiKind, number>>
  leakageExact: number
  leakageNear: number
  overContext: number
  /** Rows whose prompt alone fills max_seq_length: the trainer would see no target token of them. */
  withoutTarget: number
  rowsMissingVariables: number
  rendered: number
  renderErrors: number
  overhead: number
  /** Per valid row: its line, the hash of its id (NaN without one), and its exact-duplicate key. */
  rowLines: Int32Array
  idHashes: Float64Array
  dupKeys: Float64Array
  /** Eval ranges only: normalised input hashes and MinHash signatures, for the train ranges. */
  inputHashes?: Float64Array
  signatures?: Uint32Array
  sawAnyRow: boolean
}

class Growable<T extends Float64Array | Int32Array | Uint32Array> {
  length = 0
  constructor(
    public data: T,
    private readonly make: (n: number) => T
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = v
  }
  result(): T {
    return this.data.slice(0, this.length) as T
  }
}

const counters = new Map<string, Promise<TokenCounter>>()
/** One tokenizer per thread, however many ranges it checks. */
function counterFor(tokenizerPath: string | undefined): Promise<TokenCounter> {
  if (!tokenizerPath) return Promise.resolve(approximateCounter)
  let c = counters.get(tokenizerPath)
  if (!c) counters.set(tokenizerPath, (c = tokenizerCounter(tokenizerPath)))
  return c
}

/** What renders a range's sampled rows: a template sandbox of this thread, or of the main thread by message. */
export type TemplateRenderer = Pick<TemplateSandbox, 'warm' | 'renderAll' | 'measureAll'> & {
  /** Ends its process once idle (a sandbox of this thread; see TemplateSandbox.release). */
  release?: () => void
}

/** What a sandbox is known by: its template, the line cap its limits follow, and the place its messages name. */
export interface SandboxKey {
  template: string
  maxLineBytes: number
  where: string
}

let remoteRenderer: ((key: SandboxKey) => TemplateRenderer) | undefined
/**
 * Makes this thread's renders go elsewhere: a worker thread sends them to the main thread's sandbox (see
 * RangeWorkers), so that one sandbox process serves every thread instead of one starting per thread.
 */
export function renderRemotely(make: (key: SandboxKey) => TemplateRenderer): void {
  remoteRenderer = make
}

/** Template sandboxes kept per thread: more than the models checked at once, so none is ended while in use. */
const MAX_SANDBOXES = 8
/** The sandboxes by key, least recently used first. */
const sandboxes = new Map<string, TemplateRenderer>()
/**
 * One template sandbox per template (and thread, unless renders go to the main thread), started on first use.
 * At most MAX_SANDBOXES are kept: a registry-wide change meets a template per model, and each sandbox is a
 * process; the least recently used is released (its process ends once its batches are done).
 */
export function sandboxFor(key: SandboxKey): TemplateRenderer {
  const id = `${key.where}\0${key.maxLineBytes}\0${key.template}`
  let s = sandboxes.get(id)
  if (s) sandboxes.delete(id)
  else
    s = remoteRenderer
      ? remoteRenderer(key)
      : new TemplateSandbox(key.template, defaultTemplateLimits(key.maxLineBytes), key.where)
  sandboxes.set(id, s)
  for (const [old, sandbox] of sandboxes) {
    if (sandboxes.size <= MAX_SANDBOXES) break
    sandboxes.delete(old)
    sandbox.release?.()
  }
  return s
}

/** The exact and near-duplicate lookups of an eval index, built once per thread and index. */
interface EvalLookup {
  index: EvalIndex
  exact: HashIndex
  near: NearDuplicateIndex<number>
}
let lookupCache: EvalLookup | undefined

function evalLookup(index: EvalIndex): EvalLookup {
  if (lookupCache?.index === index) return lookupCache
  const exact = new HashIndex(index.inputHashes.length)
  const signed: { signature: Uint32Array; item: number }[] = []
  for (let i = 0; i < index.inputHashes.length; i++) {
    exact.setIfAbsent(index.inputHashes[i]!, i)
    const sig = index.signatures.subarray(i * MINHASH_BINS, (i + 1) * MINHASH_BINS)
    if (sig[0] !== 0xffffffff || sig[1] !== 0xffffffff) signed.push({ signature: sig, item: i })
  }
  const near = new NearDuplicateIndex(signed)
  lookupCache = { index, exact, near }
  return lookupCache
}

/**
 * The growing arrays of a range's per-row results, kept for the thread's next range: a worker checks
 * dozens of ranges, and growing fresh arrays for each (the results are copied out) cost memory and time.
 */
const newScratch = () => ({
  rowLines: new Growable(new Int32Array(1024), n => new Int32Array(n)),
  idHashes: new Growable(new Float64Array(1024), n => new Float64Array(n)),
  dupKeys: new Growable(new Float64Array(1024), n => new Float64Array(n)),
  tokenLengths: new Growable(new Int32Array(1024), n => new Int32Array(n)),
  inputHashes: new Growable(new Float64Array(1024), n => new Float64Array(n)),
  signatures: new Growable(new Uint32Array(1024 * MINHASH_BINS), n => new Uint32Array(n)),
  contextLines: new Growable(new Int32Array(1024), n => new Int32Array(n)),
  contextTokens: new Growable(new Int32Array(1024), n => new Int32Array(n)),
  contextPromptTokens: new Growable(new Int32Array(1024), n => new Int32Array(n))
})
const spareScratch: ReturnType<typeof newScratch>[] = []

/** Checks a range; `evalIndex`, for train ranges, is the eval split's inputs to check leakage against. */
export async function checkRange(task: RangeTask, evalIndex?: EvalIndex): Promise<RangeResult> {
  const scratch = spareScratch.pop() ?? newScratch()
  try {
    return await checkRangeWith(task, evalIndex, scratch)
  } finally {
    spareScratch.push(scratch)
  }
}

/**
 * A range's check in order: each row as it is read (its format, leakage, PII, tokens and prompt variables, and a
 * sample sent to the template sandbox), then, once the renders are back, the rows over the context window.
 */
async function checkRangeWith(
  task: RangeTask,
  evalIndex: EvalIndex | undefined,
  scratch: Scratch
): Promise<RangeResult> {
  const check = new RangeCheck(task, evalIndex, scratch, await counterFor(task.tokenizerPath))
  for await (const batch of readRowBatches(task.file, {
    maxLineBytes: task.maxLineBytes,
    start: task.start,
    end: task.end,
    onEnd: n => (check.lines = n)
  }))
    for (const ev of batch) {
      const wait = check.row(ev)
      if (wait) await wait
    }
  await check.renders.done()
  check.checkContextWindow()
  return check.result()
}

type Scratch = ReturnType<typeof newScratch>

/**
 * A range's problems, kept up to MAX_RANGE_PROBLEMS and counted past it. Problems known only after their row has
 * gone by — render failures (the sandbox answers while later rows are checked) and rows over the context window
 * (known once the range's renders have measured the template's overhead) — go to lists of their own, each in line
 * order and capped alike; `merged` sorts all three by line, so the problems kept are the first ones, as if each
 * had been reported at its row.
 */
class RangeProblems {
  readonly problems: Problem[] = []
  readonly renderProblems: Problem[] = []
  readonly contextProblems: Problem[] = []
  readonly counts = { errors: 0, warnings: 0 }

  constructor(private readonly display: string) {}

  /** Counts a problem and keeps it while there is room; a message is built only while it will be kept. */
  report(
    line: number,
    column: number,
    severity: Problem['severity'],
    message: string | (() => string),
    into = this.problems
  ): void {
    if (severity === 'error') this.counts.errors++
    else this.counts.warnings++
    if (into.length < MAX_RANGE_PROBLEMS)
      into.push({
        file: this.display,
        line,
        column,
        severity,
        message: typeof message === 'string' ? message : message()
      })
  }

  /** The kept problems of all three lists, by line. */
  merged(): Problem[] {
    const { problems, renderProblems, contextProblems } = this
    if (!renderProblems.length && !contextProblems.length) return problems
    // Stable: at one line, the row's own problems come first, then its rendering's, then its length.
    return [...problems, ...renderProblems, ...contextProblems]
      .sort((a, b) => a.line - b.line)
      .slice(0, MAX_RANGE_PROBLEMS)
  }
}

/** A sampled row's rendered prompt in tokens, or why the template fails on it. */
type TokensOutcome = { ok: true; tokens: number } | { ok: false; message: string }

/** A row sampled for rendering: its variables, and what its rendering is measured against. */
type Sampled = { line: number; variables: Record<string, unknown>; target: string; tokens: number }

/**
 * Sampled rows go to the sandbox in batches, one batch at a time, while the rows after them are checked: the row
 * checks never wait for the sandbox (its start takes a few hundred milliseconds), except when the rows waiting
 * for it hold as many characters as RENDER_WAITING_LINES rows at the line cap. A batch shares the time limit; when it is hit, the sandbox re-renders the batch a row at a time to name
 * the row, and this range renders no more.
 */
class RenderQueue {
  rendered = 0
  renderErrors = 0
  /** Each rendered row's tokens beyond its own: the template's overhead. */
  readonly overheads = new LengthStats(2000)
  private pending: Sampled[] = []
  private pendingChars = 0
  private waitingChars = 0
  private readonly waitingBudget: number
  private readonly batchChars: number
  private renders: Promise<void> = Promise.resolve()
  private renderFailure: { error: unknown } | undefined
  private warmed = false

  /** The most characters a row's rendering may have (the sandbox's output limit). */
  private readonly outputChars: number

  constructor(
    /** Undefined when the template does not compile; after a limit is hit, this range renders no more. */
    private sandbox: TemplateRenderer | undefined,
    /** A plain-substitution template's parts: its rows of string values are rendered here, without the sandbox. */
    private readonly plain: PlainPart[] | undefined,
    maxLineBytes: number,
    private readonly counter: TokenCounter,
    private readonly log: RangeProblems
  ) {
    this.waitingBudget = RENDER_WAITING_LINES * maxLineBytes
    this.batchChars = maxLineBytes
    this.outputChars = defaultTemplateLimits(maxLineBytes).outputChars
  }

  /** Whether rows are rendered at all. */
  get active(): boolean {
    return this.sandbox !== undefined
  }

  /** Queues a row; a promise to wait for when the rows waiting for the sandbox hold too many characters. */
  add(row: Sampled, chars: number): Promise<void> | undefined {
    // The sandbox starts with the first sampled row (if it has not yet), so it is ready for the first batch; a
    // plain template renders most rows here, and its sandbox starts only when a row needs it.
    if (!this.warmed && !this.plain) this.sandbox?.warm()
    this.warmed = true
    this.pending.push(row)
    this.pendingChars += chars
    this.waitingChars += chars
    if (this.pending.length >= RENDER_BATCH || this.pendingChars >= this.batchChars) this.send()
    return this.waitingChars > this.waitingBudget ? this.done() : undefined
  }

  /** Waits for every batch sent; a failure other than a template limit is the range's. */
  async done(): Promise<void> {
    this.send()
    await this.renders
    if (this.renderFailure) throw this.renderFailure.error
  }

  private send(): void {
    if (!this.pending.length) return
    const batch = this.pending
    const chars = this.pendingChars
    this.pending = []
    this.pendingChars = 0
    this.renders = this.renders
      .then(() => this.renderBatch(batch))
      .catch((error: unknown) => void (this.renderFailure ??= { error }))
      .finally(() => void (this.waitingChars -= chars))
  }

  private async renderBatch(batch: Sampled[]): Promise<void> {
    // After a failure the range reports it; the batches chained behind it are not sent to the sandbox.
    if (!this.sandbox || this.renderFailure) return
    let outcomes: TokensOutcome[]
    try {
      outcomes = await this.renderedTokens(batch)
    } catch (e) {
      if (!(e instanceof TemplateLimitError)) throw e
      this.sandbox = undefined
      this.rendered += e.row + 1
      this.renderErrors++
      const line = batch[e.row]?.line ?? batch[0]!.line
      this.log.report(line, 1, 'error', `${e.message}; the rest of the file is not rendered`, this.log.renderProblems)
      return
    }
    for (let i = 0; i < batch.length; i++) {
      const b = batch[i]!
      const out = outcomes[i]!
      this.rendered++
      if (!out.ok) {
        this.renderErrors++
        const message = `the prompt template fails on this row: ${out.message}`
        this.log.report(b.line, 1, 'error', message, this.log.renderProblems)
      } else this.overheads.add(Math.max(0, out.tokens + this.counter.count(b.target) - b.tokens))
    }
  }

  /**
   * Each row's rendered prompt in tokens. An estimate from the length needs only the length, which the sandbox
   * measures without sending the text back; an exact count needs the text.
   */
  private async renderedTokens(batch: Sampled[]): Promise<TokensOutcome[]> {
    const out: (TokensOutcome | undefined)[] = batch.map(b => this.renderedHere(b.variables))
    const rest: number[] = []
    for (let i = 0; i < batch.length; i++) if (!out[i]) rest.push(i)
    if (!rest.length) return out as TokensOutcome[]
    let fromSandbox: TokensOutcome[]
    try {
      fromSandbox = await this.sandboxTokens(rest.map(i => batch[i]!.variables))
    } catch (e) {
      // The row is named by its place in the batch.
      throw e instanceof TemplateLimitError ? new TemplateLimitError(e.message, rest[e.row] ?? 0) : e
    }
    rest.forEach((i, j) => (out[i] = fromSandbox[j]!))
    return out as TokensOutcome[]
  }

  /**
   * A row's rendered prompt in tokens where the template is plain substitution and the row's values are strings
   * (the rendering is then the text and the values joined); undefined for the sandbox to render, which also
   * names a rendering past the output limit.
   */
  private renderedHere(variables: Record<string, unknown> | ((name: string) => unknown)): TokensOutcome | undefined {
    if (!this.plain) return undefined
    const length = plainLength(this.plain, variables)
    if (length === undefined || length > this.outputChars) return undefined
    if (this.counter === approximateCounter) return { ok: true, tokens: approximateTokens(length) }
    return { ok: true, tokens: this.counter.count(renderPlain(this.plain, variables)!) }
  }

  /**
   * Measures a sampled row now where the template renders it without the sandbox (see renderedHere), in the order
   * of the rows; false when the row must be queued for the sandbox (add).
   */
  measureHere(value: (name: string) => unknown, target: string, tokens: number): boolean {
    // Nothing is rendered after a limit was hit, nor ahead of rows still queued for the sandbox.
    if (!this.sandbox || this.pending.length || this.waitingChars > 0) return false
    const out = this.renderedHere(value)
    if (!out?.ok) return false
    this.rendered++
    this.overheads.add(Math.max(0, out.tokens + this.counter.count(target) - tokens))
    return true
  }

  private async sandboxTokens(rows: Record<string, unknown>[]): Promise<TokensOutcome[]> {
    const counter = this.counter
    if (counter === approximateCounter)
      return (await this.sandbox!.measureAll(rows)).map(o =>
        o.ok ? { ok: true as const, tokens: approximateTokens(o.length) } : o
      )
    return (await this.sandbox!.renderAll(rows)).map(o =>
      o.ok ? { ok: true as const, tokens: counter.count(o.text) } : o
    )
  }
}

/** One range's check: the state the rows add to, and the steps of a row, in the order they run. */
class RangeCheck {
  readonly log: RangeProblems
  readonly renders: RenderQueue
  /** Lines read (the reader's count once it ends). */
  lines = 0
  private rows = 0
  private invalid = 0
  private seen = 0
  private sawAnyRow = false
  private leakageExact = 0
  private leakageNear = 0
  private overContext = 0
  private withoutTarget = 0
  private rowsMissingVariables = 0
  /** The template's typical overhead in tokens, once the renders are back. */
  private overhead = 0
  private readonly renderFirst: number
  // Maps, not objects: a key from a row (a fresh string) costs an object a string-table lookup per row.
  private readonly useCases = new Map<string, number>()
  private readonly labels = new Map<string, number>()
  private readonly piiByKind: Partial<Record<PiiKind, number>> = {}
  private readonly lookup: EvalLookup | undefined
  private readonly wantSignatures: boolean
  private readonly inputScan = new TextScanner()
  private readonly targetScan = new TextScanner()
  /** The names the template mentions: a row's other fields do not go to the sandbox. */
  private readonly templateNames: Set<string>

  constructor(
    private readonly task: RangeTask,
    private readonly evalIndex: EvalIndex | undefined,
    private readonly scratch: Scratch,
    private readonly counter: TokenCounter
  ) {
    this.log = new RangeProblems(task.display)
    const compiled = task.template === undefined ? undefined : compiledTemplate(task.template)
    const facts = compiled?.ok ? compiled.prompt : undefined
    this.templateNames = facts?.names ?? new Set()
    const sandbox =
      task.template !== undefined && facts
        ? sandboxFor({ template: task.template, maxLineBytes: task.maxLineBytes, where: task.promptFile })
        : undefined
    this.renders = new RenderQueue(sandbox, facts?.plain, task.maxLineBytes, counter, this.log)
    this.lookup = evalIndex ? evalLookup(evalIndex) : undefined
    this.wantSignatures = task.split === 'eval'
    for (const g of Object.values(scratch)) g.length = 0
    this.renderFirst = task.start === 0 ? RENDER_FIRST : RENDER_FIRST_LATER
  }

  /** Checks one row as read; a promise to wait for when the sandbox has too many rows waiting. */
  row(ev: RowEvent): Promise<void> | undefined {
    this.lines = Math.max(this.lines, ev.line)
    if (ev.kind === 'error') {
      this.invalid++
      this.log.report(ev.line, ev.column, 'error', ev.message)
      return undefined
    }
    this.sawAnyRow = true
    this.seen++
    const result = toExample(ev.value, this.task.rules)
    if (!result.ok) {
      this.invalidExample(ev, result.problems)
      return undefined
    }
    const ex = result.example
    this.countExample(ev.line, ex)
    this.scanTexts(ev.line, ex)
    this.checkLeakage(ev.line)
    this.checkPii(ev.line, ex)
    const promptTokens = this.counter.count(ex.input)
    const tokens = promptTokens + this.counter.count(ex.target)
    this.scratch.tokenLengths.push(tokens)
    if (this.lacksVariables(ev.line, ex)) return undefined
    const wait = this.sampleForRender(ev, ex, tokens)
    // Checked against the context window once the range's renders have measured the prompt's overhead.
    this.scratch.contextLines.push(ev.line)
    this.scratch.contextTokens.push(tokens)
    this.scratch.contextPromptTokens.push(promptTokens)
    return wait
  }

  /** A row that is not an example of the format: its problems, and the personal data its text still shows. */
  private invalidExample(ev: Extract<RowEvent, { kind: 'row' }>, problems: string[]): void {
    this.invalid++
    for (const m of problems) this.log.report(ev.line, 1, 'error', m)
    // The row's text can still be read: its personal data is reported now, not after the format is fixed.
    if (this.task.pii === 'off') return
    const found = findPii(stringsOf(ev.value))
    if (!found.length) return
    for (const f of found) this.piiByKind[f.kind] = (this.piiByKind[f.kind] ?? 0) + 1
    this.log.report(ev.line, 1, this.task.pii, piiMessage(this.task.split, found))
  }

  /** The reserved probe ids, and the row's use case and label counted. */
  private countExample(line: number, ex: Example): void {
    if (ex.id?.startsWith(PROBE_ID_PREFIX))
      this.log.report(
        line,
        1,
        'error',
        `id '${ex.id}' starts with '${PROBE_ID_PREFIX}', which is reserved for the injection probes; rename it`
      )
    this.rows++
    if (ex.useCase) this.useCases.set(ex.useCase, (this.useCases.get(ex.useCase) ?? 0) + 1)
    if (ex.label) this.labels.set(ex.label, (this.labels.get(ex.label) ?? 0) + 1)
  }

  /** One pass per text: normalised hashes, the MinHash signature (inputs that need one) and PII hints. */
  private scanTexts(line: number, ex: Example): void {
    const { inputScan, targetScan, scratch } = this
    const near = this.lookup?.near
    inputScan.scan(ex.input, this.wantSignatures || (near !== undefined && near.size > 0))
    targetScan.scan(ex.target, false)
    scratch.rowLines.push(line)
    scratch.idHashes.push(ex.id === undefined ? NaN : hash53(ex.id))
    scratch.dupKeys.push(combine53(inputScan.hash, targetScan.hash))
    if (this.wantSignatures) {
      scratch.inputHashes.push(inputScan.hash)
      for (let b = 0; b < MINHASH_BINS; b++)
        scratch.signatures.push(inputScan.hasSignature ? inputScan.signature[b]! : 0xffffffff)
    }
  }

  /** A train row's input against the eval rows': the same after normalising, or a near-duplicate by MinHash. */
  private checkLeakage(line: number): void {
    const { lookup, evalIndex, inputScan, task } = this
    if (this.wantSignatures || !lookup || !evalIndex) return
    const leaked = lookup.exact.get(inputScan.hash)
    if (leaked >= 0) {
      this.leakageExact++
      this.log.report(
        line,
        1,
        'error',
        () => `train/eval leakage: same input as ${evalIndex.locations[leaked]} (after normalising case and whitespace)`
      )
      return
    }
    if (!inputScan.hasSignature) return
    const near = lookup.near.query(inputScan.signature, task.nearThreshold)
    if (!near) return
    this.leakageNear++
    this.log.report(
      line,
      1,
      'warning',
      () =>
        `train/eval near-duplicate: estimated Jaccard ${near.similarity.toFixed(2)} ≥ ${task.nearThreshold} with ${evalIndex.locations[near.item]} (MinHash over word 3-grams)`
    )
  }

  /** The scanners saw every character already: findPii runs only where one of them saw a hint. */
  private checkPii(line: number, ex: Example): void {
    const { inputScan, targetScan, task } = this
    if (task.pii === 'off' || !(inputScan.piiFamilies || targetScan.piiFamilies)) return
    const inInput = inputScan.piiFamilies ? findPii(ex.input, inputScan.piiFamilies) : []
    const inTarget = targetScan.piiFamilies ? findPii(ex.target, targetScan.piiFamilies) : []
    const found = inTarget.length ? [...inInput, ...inTarget] : inInput
    if (!found.length) return
    for (const f of found) this.piiByKind[f.kind] = (this.piiByKind[f.kind] ?? 0) + 1
    this.log.report(line, 1, task.pii, piiMessage(task.split, found))
  }

  /** True (and reported) when the row lacks a variable the prompt template uses. */
  private lacksVariables(line: number, ex: Example): boolean {
    const { task } = this
    if (!task.requiredVars.length) return false
    let missing: string[] | undefined
    for (const v of task.requiredVars) if (!(v in ex.fields)) (missing ??= []).push(v)
    if (!missing) return false
    this.rowsMissingVariables++
    this.log.report(
      line,
      1,
      'error',
      `row lacks ${missing.map(v => `'${v}'`).join(', ')}, used by the prompt template ${task.promptFile}`
    )
    return true
  }

  /** The first rows of the range, then every RENDER_EVERY-th, go to the template sandbox. */
  private sampleForRender(ev: Extract<RowEvent, { kind: 'row' }>, ex: Example, tokens: number) {
    if (!this.renders.active || !(this.seen <= this.renderFirst || this.seen % RENDER_EVERY === 0)) return undefined
    // A plain template's row of strings is measured here, without a batch or an object of its variables.
    const value = (name: string) =>
      name === 'use_case' ? ex.useCase : Object.hasOwn(ex.fields, name) ? ex.fields[name] : undefined
    if (this.renders.measureHere(value, ex.target, tokens)) return undefined
    const chars = ev.chars ?? JSON.stringify(ex.fields, (_, v: unknown) => (typeof v === 'bigint' ? 0 : v)).length
    // fromEntries, not assignment: a row's field may be called __proto__.
    const entries: [string, unknown][] = []
    for (const name of this.templateNames)
      if (name === 'use_case') entries.push([name, ex.useCase])
      else if (Object.hasOwn(ex.fields, name)) entries.push([name, ex.fields[name]])
    const variables = Object.fromEntries(entries)
    return this.renders.add({ line: ev.line, variables, target: ex.target, tokens }, chars)
  }

  /**
   * Rows over the trainer's max_seq_length (not only the context window: a longer row is truncated, and a row
   * whose prompt alone fills it trains nothing — the trainer counts those rows and fails above
   * max_share_without_target), by the row's own tokens plus the template's typical overhead (the median over
   * the rendered rows).
   */
  checkContextWindow(): void {
    const { task, scratch } = this
    const overhead = (this.overhead = this.renders.overheads.summary().p50)
    const limit = task.maxSeqLength ?? task.contextWindow
    const limitName =
      task.maxSeqLength === undefined
        ? `the base model's context window is ${task.contextWindow}`
        : `the trainer's max_seq_length is ${task.maxSeqLength}`
    const { contextLines, contextTokens, contextPromptTokens } = scratch
    for (let i = 0; i < contextLines.length; i++) {
      const tokens = contextTokens.data[i]!
      if (tokens + overhead <= limit) continue
      this.overContext++
      const prompt = contextPromptTokens.data[i]! + overhead
      const crowdedOut = task.targetAfterPrompt === true && prompt >= limit
      if (crowdedOut) this.withoutTarget++
      this.log.report(
        contextLines.data[i]!,
        1,
        'warning',
        () =>
          crowdedOut
            ? `the prompt alone is about ${prompt} tokens; ${limitName}, so no target token of this row would be trained`
            : `about ${tokens + overhead} tokens with the prompt; ${limitName} (the target would be truncated)`,
        this.log.contextProblems
      )
    }
  }

  /** What the range found, its per-row arrays copied out of the scratch arrays. */
  result(): RangeResult {
    const { scratch, renders } = this
    return {
      lines: this.lines,
      rows: this.rows,
      invalid: this.invalid,
      problems: this.log.merged(),
      counts: this.log.counts,
      useCases: Object.fromEntries(this.useCases),
      labels: Object.fromEntries(this.labels),
      tokenLengths: scratch.tokenLengths.result(),
      piiByKind: this.piiByKind,
      leakageExact: this.leakageExact,
      leakageNear: this.leakageNear,
      overContext: this.overContext,
      withoutTarget: this.withoutTarget,
      rowsMissingVariables: this.rowsMissingVariables,
      rendered: renders.rendered,
      renderErrors: renders.renderErrors,
      overhead: this.overhead,
      rowLines: scratch.rowLines.result(),
      idHashes: scratch.idHashes.result(),
      dupKeys: scratch.dupKeys.result(),
      ...(this.wantSignatures
        ? { inputHashes: scratch.inputHashes.result(), signatures: scratch.signatures.result() }
        : {}),
      sawAnyRow: this.sawAnyRow
    }
  }
}

const piiMessage = (split: string, found: PiiFinding[]) =>
  `personal data or secret in ${split} data: ${found.map(f => `${f.kind} ${f.masked}`).join(', ')}`

/** Every string in a parsed row (keys included), one per line: what a row with a format error still shows. */
function stringsOf(value: unknown): string {
  const out: string[] = []
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v)
    else if (Array.isArray(v)) v.forEach(walk)
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        out.push(k)
        walk(x)
      }
  }
  walk(value)
  return out.join('\n')
}
