import type { Problem } from '../errors.js'
import type { FormatRules } from './examples.js'
import { toExample } from './examples.js'
import { combine53, HashIndex, hash53 } from './hash-index.js'
import { MINHASH_BINS } from './minhash.js'
import { findPii, type PiiFinding, type PiiKind } from './pii.js'
import { readRowBatches } from './readers.js'
import { compileTemplate } from '../prompts/template.js'
import { defaultTemplateLimits, TemplateLimitError, TemplateSandbox } from '../prompts/sandbox.js'
import { approximateCounter, LengthStats, tokenizerCounter, type TokenCounter } from './tokens.js'
import { NearDuplicateIndex, TextScanner } from './text-scan.js'

/**
 * Rows rendered through the prompt: the first RENDER_FIRST of a file (RENDER_FIRST_LATER of each later
 * range of a large file), then every RENDER_EVERY-th.
 */
const RENDER_FIRST = 500
const RENDER_FIRST_LATER = 20
const RENDER_EVERY = 1000
/** Sampled rows sent to the template sandbox at once. */
const RENDER_BATCH = 32
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

const compiledTemplates = new Map<string, boolean>()
/** Whether a template compiles, found once per thread and template (a worker checks dozens of ranges). */
function compiles(template: string): boolean {
  let ok = compiledTemplates.get(template)
  if (ok === undefined) compiledTemplates.set(template, (ok = compileTemplate(template).ok))
  return ok
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
export type TemplateRenderer = Pick<TemplateSandbox, 'warm' | 'renderAll'>

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

const sandboxes = new Map<string, TemplateRenderer>()
/** One template sandbox per template (and thread, unless renders go to the main thread), started on first use. */
export function sandboxFor(key: SandboxKey): TemplateRenderer {
  const id = `${key.where}\0${key.maxLineBytes}\0${key.template}`
  let s = sandboxes.get(id)
  if (!s) {
    s = remoteRenderer
      ? remoteRenderer(key)
      : new TemplateSandbox(key.template, defaultTemplateLimits(key.maxLineBytes), key.where)
    sandboxes.set(id, s)
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

async function checkRangeWith(
  task: RangeTask,
  evalIndex: EvalIndex | undefined,
  scratch: ReturnType<typeof newScratch>
): Promise<RangeResult> {
  const problems: Problem[] = []
  const counts = { errors: 0, warnings: 0 }
  // Problems known only after their row has gone by: render failures (the sandbox answers while later rows
  // are checked) and rows over the context window (known once the range's renders have measured the
  // template's overhead). Each list is in line order and capped like `problems`; all three are merged by
  // line at the end, so the problems kept are the first ones, as if each had been reported at its row.
  const renderProblems: Problem[] = []
  const contextProblems: Problem[] = []
  // Messages are built only while they will be kept: a large file can have millions of warnings.
  const report = (
    line: number,
    column: number,
    severity: Problem['severity'],
    message: string | (() => string),
    into = problems
  ) => {
    if (severity === 'error') counts.errors++
    else counts.warnings++
    if (into.length < MAX_RANGE_PROBLEMS)
      into.push({
        file: task.display,
        line,
        column,
        severity,
        message: typeof message === 'string' ? message : message()
      })
  }
  const counter = await counterFor(task.tokenizerPath)
  // Rendering runs in a sandbox with a time and memory limit; after a limit is hit, this range renders no more.
  let sandbox =
    task.template !== undefined && compiles(task.template)
      ? sandboxFor({ template: task.template, maxLineBytes: task.maxLineBytes, where: task.promptFile })
      : undefined

  const lookup = evalIndex ? evalLookup(evalIndex) : undefined
  const evalExact = lookup?.exact
  const evalNear = lookup?.near
  const wantSignatures = task.split === 'eval'
  const inputScan = new TextScanner()
  const targetScan = new TextScanner()
  for (const g of Object.values(scratch)) g.length = 0
  const { rowLines, idHashes, dupKeys, tokenLengths, contextLines, contextTokens, contextPromptTokens } = scratch
  const inputHashes = wantSignatures ? scratch.inputHashes : undefined
  const signatures = wantSignatures ? scratch.signatures : undefined
  // Maps, not objects: a key from a row (a fresh string) costs an object a string-table lookup per row.
  const useCases = new Map<string, number>()
  const labels = new Map<string, number>()
  const piiByKind: Partial<Record<PiiKind, number>> = {}
  const overheads = new LengthStats(2000)
  const renderFirst = task.start === 0 ? RENDER_FIRST : RENDER_FIRST_LATER
  let rows = 0
  let invalid = 0
  let lines = 0
  let seen = 0
  let leakageExact = 0
  let leakageNear = 0
  let overContext = 0
  let withoutTarget = 0
  let rowsMissingVariables = 0
  let rendered = 0
  let renderErrors = 0
  let sawAnyRow = false

  // Sampled rows go to the sandbox in batches, one batch at a time, while the rows after them are checked:
  // the row checks never wait for the sandbox (its start takes a few hundred milliseconds), except when the
  // rows waiting for it hold as many characters as RENDER_BATCH rows at the line cap (the memory a pending
  // batch could always hold). A batch shares the time limit; when it is hit, the sandbox re-renders the
  // batch a row at a time to name the row, and this range renders no more.
  type Sampled = { line: number; variables: Record<string, unknown>; target: string; tokens: number }
  let pending: Sampled[] = []
  let pendingChars = 0
  let waitingChars = 0
  const waitingBudget = RENDER_BATCH * task.maxLineBytes
  let renders: Promise<void> = Promise.resolve()
  let renderFailure: { error: unknown } | undefined
  let warmed = false
  const renderBatch = async (batch: Sampled[]): Promise<void> => {
    // After a failure the range reports it; the batches chained behind it are not sent to the sandbox.
    if (!sandbox || renderFailure) return
    let outcomes: Awaited<ReturnType<TemplateRenderer['renderAll']>>
    try {
      outcomes = await sandbox.renderAll(batch.map(b => b.variables))
    } catch (e) {
      if (!(e instanceof TemplateLimitError)) throw e
      sandbox = undefined
      rendered += e.row + 1
      renderErrors++
      const line = batch[e.row]?.line ?? batch[0]!.line
      report(line, 1, 'error', `${e.message}; the rest of the file is not rendered`, renderProblems)
      return
    }
    for (let i = 0; i < batch.length; i++) {
      const b = batch[i]!
      const out = outcomes[i]!
      rendered++
      if (!out.ok) {
        renderErrors++
        report(b.line, 1, 'error', `the prompt template fails on this row: ${out.message}`, renderProblems)
      } else overheads.add(Math.max(0, counter.count(out.text) + counter.count(b.target) - b.tokens))
    }
  }
  const sendPending = () => {
    if (!pending.length) return
    const batch = pending
    const chars = pendingChars
    pending = []
    pendingChars = 0
    renders = renders
      .then(() => renderBatch(batch))
      .catch((error: unknown) => void (renderFailure ??= { error }))
      .finally(() => void (waitingChars -= chars))
  }
  /** Waits for every batch sent; a failure other than a template limit is the range's. */
  const rendersDone = async () => {
    sendPending()
    await renders
    if (renderFailure) throw renderFailure.error
  }
  for await (const batch of readRowBatches(task.file, {
    maxLineBytes: task.maxLineBytes,
    start: task.start,
    end: task.end,
    onEnd: n => (lines = n)
  }))
    for (const ev of batch) {
      lines = Math.max(lines, ev.line)
      if (ev.kind === 'error') {
        invalid++
        report(ev.line, ev.column, 'error', ev.message)
        continue
      }
      sawAnyRow = true
      seen++
      const result = toExample(ev.value, task.rules)
      if (!result.ok) {
        invalid++
        for (const m of result.problems) report(ev.line, 1, 'error', m)
        // The row's text can still be read: its personal data is reported now, not after the format is fixed.
        if (task.pii !== 'off') {
          const found = findPii(stringsOf(ev.value))
          if (found.length) {
            for (const f of found) piiByKind[f.kind] = (piiByKind[f.kind] ?? 0) + 1
            report(ev.line, 1, task.pii, piiMessage(task.split, found))
          }
        }
        continue
      }
      const ex = result.example
      if (ex.id?.startsWith(PROBE_ID_PREFIX))
        report(
          ev.line,
          1,
          'error',
          `id '${ex.id}' starts with '${PROBE_ID_PREFIX}', which is reserved for the injection probes; rename it`
        )
      rows++
      if (ex.useCase) useCases.set(ex.useCase, (useCases.get(ex.useCase) ?? 0) + 1)
      if (ex.label) labels.set(ex.label, (labels.get(ex.label) ?? 0) + 1)

      // One pass per text: normalised hashes, the MinHash signature (inputs that need one) and PII hints.
      inputScan.scan(ex.input, wantSignatures || (evalNear !== undefined && evalNear.size > 0))
      targetScan.scan(ex.target, false)
      rowLines.push(ev.line)
      idHashes.push(ex.id === undefined ? NaN : hash53(ex.id))
      dupKeys.push(combine53(inputScan.hash, targetScan.hash))
      if (inputHashes && signatures) {
        inputHashes.push(inputScan.hash)
        for (let b = 0; b < MINHASH_BINS; b++)
          signatures.push(inputScan.hasSignature ? inputScan.signature[b]! : 0xffffffff)
      } else if (evalExact && evalIndex) {
        const leaked = evalExact.get(inputScan.hash)
        if (leaked >= 0) {
          leakageExact++
          report(
            ev.line,
            1,
            'error',
            () =>
              `train/eval leakage: same input as ${evalIndex.locations[leaked]} (after normalising case and whitespace)`
          )
        } else if (inputScan.hasSignature && evalNear) {
          const near = evalNear.query(inputScan.signature, task.nearThreshold)
          if (near) {
            leakageNear++
            report(
              ev.line,
              1,
              'warning',
              () =>
                `train/eval near-duplicate: estimated Jaccard ${near.similarity.toFixed(2)} ≥ ${task.nearThreshold} with ${evalIndex.locations[near.item]} (MinHash over word 3-grams)`
            )
          }
        }
      }

      // The scanners saw every character already: findPii runs only where one of them saw a hint.
      if (task.pii !== 'off' && (inputScan.piiFamilies || targetScan.piiFamilies)) {
        const inInput = inputScan.piiFamilies ? findPii(ex.input, inputScan.piiFamilies) : []
        const inTarget = targetScan.piiFamilies ? findPii(ex.target, targetScan.piiFamilies) : []
        const found = inTarget.length ? [...inInput, ...inTarget] : inInput
        if (found.length) {
          for (const f of found) piiByKind[f.kind] = (piiByKind[f.kind] ?? 0) + 1
          report(ev.line, 1, task.pii, piiMessage(task.split, found))
        }
      }

      const promptTokens = counter.count(ex.input)
      const tokens = promptTokens + counter.count(ex.target)
      tokenLengths.push(tokens)

      if (task.requiredVars.length) {
        let missing: string[] | undefined
        for (const v of task.requiredVars) if (!(v in ex.fields)) (missing ??= []).push(v)
        if (missing) {
          rowsMissingVariables++
          report(
            ev.line,
            1,
            'error',
            `row lacks ${missing.map(v => `'${v}'`).join(', ')}, used by the prompt template ${task.promptFile}`
          )
          continue
        }
      }
      if (sandbox && (seen <= renderFirst || seen % RENDER_EVERY === 0)) {
        // The sandbox starts with the first sampled row (if it has not yet), so it is ready for the first batch.
        if (!warmed) sandbox.warm()
        warmed = true
        const chars = ev.chars ?? JSON.stringify(ex.fields, (_, v: unknown) => (typeof v === 'bigint' ? 0 : v)).length
        pending.push({ line: ev.line, variables: { ...ex.fields, use_case: ex.useCase }, target: ex.target, tokens })
        pendingChars += chars
        waitingChars += chars
        if (pending.length >= RENDER_BATCH) sendPending()
        if (waitingChars > waitingBudget) await rendersDone()
      }
      // Checked against the context window once the range's renders have measured the prompt's overhead.
      contextLines.push(ev.line)
      contextTokens.push(tokens)
      contextPromptTokens.push(promptTokens)
    }
  await rendersDone()
  // Rendered length = the row's own tokens + the template's typical overhead (the median over the rendered rows).
  const overhead = overheads.summary().p50
  // The trainer's max_seq_length, not only the context window: a row longer than it is truncated, and a row whose
  // prompt alone fills it trains nothing (the trainer counts those rows and fails above max_share_without_target).
  const limit = task.maxSeqLength ?? task.contextWindow
  const limitName =
    task.maxSeqLength === undefined
      ? `the base model's context window is ${task.contextWindow}`
      : `the trainer's max_seq_length is ${task.maxSeqLength}`
  for (let i = 0; i < contextLines.length; i++) {
    const tokens = contextTokens.data[i]!
    if (tokens + overhead <= limit) continue
    overContext++
    const prompt = contextPromptTokens.data[i]! + overhead
    const crowdedOut = task.targetAfterPrompt === true && prompt >= limit
    if (crowdedOut) withoutTarget++
    report(
      contextLines.data[i]!,
      1,
      'warning',
      () =>
        crowdedOut
          ? `the prompt alone is about ${prompt} tokens; ${limitName}, so no target token of this row would be trained`
          : `about ${tokens + overhead} tokens with the prompt; ${limitName} (the target would be truncated)`,
      contextProblems
    )
  }
  if (renderProblems.length || contextProblems.length) {
    // Stable: at one line, the row's own problems come first, then its rendering's, then its length.
    const merged = [...problems, ...renderProblems, ...contextProblems].sort((a, b) => a.line - b.line)
    problems.length = 0
    problems.push(...merged.slice(0, MAX_RANGE_PROBLEMS))
  }
  return {
    lines,
    rows,
    invalid,
    problems,
    counts,
    useCases: Object.fromEntries(useCases),
    labels: Object.fromEntries(labels),
    tokenLengths: tokenLengths.result(),
    piiByKind,
    leakageExact,
    leakageNear,
    overContext,
    withoutTarget,
    rowsMissingVariables,
    rendered,
    renderErrors,
    overhead,
    rowLines: rowLines.result(),
    idHashes: idHashes.result(),
    dupKeys: dupKeys.result(),
    ...(inputHashes && signatures ? { inputHashes: inputHashes.result(), signatures: signatures.result() } : {}),
    sawAnyRow
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
