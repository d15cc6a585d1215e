import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { WriteStream } from 'node:fs'
import type { LoadedModel, RegistryFile } from '../registry/loader.js'
import { ConfigurationError } from '../errors.js'
import { toExample, type FormatRules } from '../data/examples.js'
import { readRows } from '../data/readers.js'
import { PROBE_ID_PREFIX } from '../data/row-checks.js'
import { compileTemplate } from '../prompts/template.js'
import {
  defaultTemplateLimits,
  TemplateLimitError,
  TemplateSandbox,
  promptTemplateLocation
} from '../prompts/sandbox.js'
import type { RunSpec } from './contract.js'
import { ensureExternalFiles, type FetchSettings } from '../data/external.js'

export interface Materialised {
  format: RunSpec['data_format']
  trainRows: number
  evalRows: number
}

async function write(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain')
}

/** An example's id: its own, or its place in the data when it has none. */
export function exampleId(id: string | undefined, split: string, file: RegistryFile, line: number): string {
  return id ?? `${split}-${file.relative}-${line}`
}

/** Rows sent to the template sandbox in one message. */
const RENDER_BATCH_ROWS = 256

/** The id prefix of injection-probe rows appended to the eval file (reserved: validate refuses it in data). */
export const PROBE_PREFIX = PROBE_ID_PREFIX

/** Reads a model's injection probes: JSONL rows of {id, input, must_not_contain}. */
export async function readProbes(file: RegistryFile): Promise<{ id: string; input: string; mustNotContain: string }[]> {
  const probes: { id: string; input: string; mustNotContain: string }[] = []
  for await (const ev of readRows(file.absolute, { maxLineBytes: 1 << 20, display: file.display })) {
    if (ev.kind === 'error') throw new ConfigurationError(`${file.display}:${ev.line}:${ev.column}: ${ev.message}`)
    const { id, input, must_not_contain: mustNot } = ev.value
    if (typeof id !== 'string' || typeof input !== 'string' || typeof mustNot !== 'string' || !mustNot.trim()) {
      throw new ConfigurationError(
        `${file.display}:${ev.line}: expected {"id": string, "input": string, "must_not_contain": non-empty string}`
      )
    }
    probes.push({ id, input, mustNotContain: mustNot })
  }
  return probes
}

/**
 * Writes the model's train (unless `trainOut` is null) and eval splits as normalised JSONL for a trainer: chat rows keep their
 * messages (the trainer applies the model's chat template); other rows get the prompt template
 * rendered into `prompt`, with `completion` the target; classification rows keep `text` and `label`.
 * Every row has an `id` (the line's position when the data has none) and its `use_case`.
 */
export async function materialise(
  model: LoadedModel,
  maxLineBytes: number,
  trainOut: string | null,
  evalOut: string,
  fetch: FetchSettings = {}
): Promise<Materialised> {
  const { spec } = model
  // External datasets are fetched into the cache and verified against their digests before any row is read.
  await ensureExternalFiles([...(trainOut === null ? [] : model.train), ...model.eval], fetch)
  const format: RunSpec['data_format'] =
    spec.data.format === 'chat' ? 'chat' : spec.task_family === 'classification' ? 'classification' : 'completion'
  const compiled = compileTemplate(model.prompt.spec.template)
  if (!compiled.ok) throw new ConfigurationError(`${model.prompt.file.display}: ${compiled.message}`)
  const rules = {
    format: spec.data.format,
    labels: spec.data.labels,
    useCases: spec.use_cases,
    target: spec.data.target
  }
  const sandbox = new TemplateSandbox(
    model.prompt.spec.template,
    defaultTemplateLimits(maxLineBytes),
    await promptTemplateLocation(model.prompt)
  )
  const run: MaterialiseRun = { model, maxLineBytes, format, rules, sandbox }
  try {
    // trainOut null: only the eval split is needed (a served model answers it), so the train data is not copied.
    return {
      format,
      trainRows: trainOut === null ? 0 : await writeSplit(run, model.train, trainOut, 'train'),
      evalRows: await writeSplit(run, model.eval, evalOut, 'eval')
    }
  } finally {
    await sandbox.end()
  }
}

/** What writing each split needs: the model, its row rules, the trainer's format and the template sandbox. */
interface MaterialiseRun {
  model: LoadedModel
  maxLineBytes: number
  format: RunSpec['data_format']
  rules: FormatRules
  sandbox: TemplateSandbox
}

/** A row waiting for its prompt: where it came from, its id and use case, the template's variables and its target. */
interface PendingRow {
  file: RegistryFile
  line: number
  base: Record<string, unknown>
  vars: Record<string, unknown>
  target: string
}

/** Writes one split's rows (and, for eval, the injection probes) to `out`; returns the data rows written. */
async function writeSplit(run: MaterialiseRun, files: RegistryFile[], out: string, split: string): Promise<number> {
  const { model, maxLineBytes, format, rules } = run
  const stream = createWriteStream(out)
  let n = 0
  const renderer = promptRenderer(run, stream)
  try {
    for (const file of files) {
      for await (const ev of readRows(file.absolute, { maxLineBytes, display: file.display })) {
        if (ev.kind === 'error')
          throw new ConfigurationError(
            `${file.display}:${ev.line}:${ev.column}: ${ev.message} (run tunegate validate first)`
          )
        const r = toExample(ev.value, rules)
        if (!r.ok)
          throw new ConfigurationError(
            `${file.display}:${ev.line}: ${r.problems.join('; ')} (run tunegate validate first)`
          )
        const ex = r.example
        const id = exampleId(ex.id, split, file, ev.line)
        if (id.startsWith(PROBE_PREFIX))
          throw new ConfigurationError(
            `${file.display}:${ev.line}: id '${id}' starts with '${PROBE_PREFIX}', reserved for the injection probes (run tunegate validate first)`
          )
        const base = { id, use_case: ex.useCase ?? null }
        n++
        if (format === 'chat') await write(stream, JSON.stringify({ ...base, messages: ev.value.messages }) + '\n')
        else if (format === 'classification')
          await write(stream, JSON.stringify({ ...base, text: ex.input, label: ex.label }) + '\n')
        else
          await renderer.add(
            { file, line: ev.line, base, vars: { ...ex.fields, use_case: ex.useCase }, target: ex.target },
            ex.input.length + ex.target.length
          )
      }
    }
    await renderer.flush()
    // Injection probes ride along in the eval file, so every trainer predicts them too.
    if (split === 'eval' && model.injectionProbes) await writeProbes(run, model.injectionProbes, stream)
  } finally {
    stream.end()
    await once(stream, 'finish')
  }
  return n
}

/**
 * Renders completion rows' prompts through the sandbox in batches (one message per row would cost more than the
 * rendering) and writes each as {id, use_case, prompt, completion}, in the order the rows came.
 */
function promptRenderer({ model, maxLineBytes, sandbox }: MaterialiseRun, stream: WriteStream) {
  const system = model.prompt.spec.system
  let batch: PendingRow[] = []
  let batchChars = 0
  const flush = async () => {
    if (!batch.length) return
    const rows = batch
    batch = []
    batchChars = 0
    let texts
    try {
      texts = await sandbox.renderAll(rows.map(r => r.vars))
    } catch (e) {
      const at = e instanceof TemplateLimitError ? rows[e.row] : undefined
      throw at ? new ConfigurationError(`${at.file.display}:${at.line}: ${(e as Error).message}`) : e
    }
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!
      const t = texts[i]!
      if (!t.ok)
        throw new ConfigurationError(`${r.file.display}:${r.line}: the prompt template fails on this row: ${t.message}`)
      const prompt = system ? `${system}\n\n${t.text}` : t.text
      await write(stream, JSON.stringify({ ...r.base, prompt, completion: r.target }) + '\n')
    }
  }
  /** Queues a row; the batch is rendered once it holds enough rows or characters. */
  const add = async (row: PendingRow, chars: number) => {
    batch.push(row)
    batchChars += chars
    if (batch.length >= RENDER_BATCH_ROWS || batchChars >= maxLineBytes) await flush()
  }
  return { add, flush }
}

/** Appends the injection probes as rows of the trainer's format (the target of a generative row is the forbidden text). */
async function writeProbes(
  { model, format }: MaterialiseRun,
  probes: RegistryFile,
  stream: WriteStream
): Promise<void> {
  const { spec } = model
  for (const probe of await readProbes(probes)) {
    const base = { id: `${PROBE_PREFIX}${probe.id}`, use_case: null }
    const row =
      format === 'chat'
        ? {
            ...base,
            messages: [
              { role: 'user', content: probe.input },
              { role: 'assistant', content: probe.mustNotContain }
            ]
          }
        : format === 'classification'
          ? { ...base, text: probe.input, label: spec.data.labels?.[0] ?? '' }
          : { ...base, prompt: probe.input, completion: probe.mustNotContain }
    await write(stream, JSON.stringify(row) + '\n')
  }
}
