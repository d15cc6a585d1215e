// Writes the example registry's datasets: `npm run generate-registry -- [--rows N] [--model M] [--out FILE] [--seed S]`.
// Without --out it rewrites registry/datasets/<model>/{train,eval}.jsonl (80/20 split by a seeded draw).
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { once } from 'node:events'
import { parseArgs } from 'node:util'
import { GENERATORS, rng, type ExampleModel } from './example-data.js'

const DEFAULT_ROWS: Record<ExampleModel, number> = {
  'seo-writer': 750,
  'content-classifier': 1000,
  'schema-markup': 500
}

async function write(stream: NodeJS.WritableStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain')
}

/** What the model sees of a row (its target left out), lower-cased: equal keys would leak between splits. */
function inputKey(record: Record<string, unknown>): string {
  const { id: _id, use_case: _uc, label: _label, jsonld: _jsonld, messages, ...rest } = record
  const turns = Array.isArray(messages) ? (messages as { content: string }[]).slice(0, -1).map(m => m.content) : []
  return JSON.stringify([turns, rest]).toLowerCase().replace(/\s+/g, ' ')
}

async function generate(model: ExampleModel, rows: number, seed: number, out?: string): Promise<void> {
  const r = rng(seed)
  const split = rng(seed ^ 0x5eed)
  const row = GENERATORS[model]
  const seen = new Set<string>()
  if (out) {
    const stream = createWriteStream(out)
    for (let i = 0; i < rows; i++) await write(stream, JSON.stringify(row(r, i + 1)) + '\n')
    stream.end()
    await once(stream, 'finish')
    console.log(`${out}: ${rows} rows`)
    return
  }
  const dir = path.join('registry', 'datasets', model)
  await mkdir(dir, { recursive: true })
  const train = createWriteStream(path.join(dir, 'train.jsonl'))
  const evalStream = createWriteStream(path.join(dir, 'eval.jsonl'))
  let counts = [0, 0]
  for (let i = 0; i < rows; i++) {
    const record = row(r, i + 1)
    // The example data is kept free of repeated inputs, so no split leaks into the other.
    const key = inputKey(record)
    if (seen.has(key)) continue
    seen.add(key)
    const toEval = split() < 0.2
    await write(toEval ? evalStream : train, JSON.stringify(record) + '\n')
    counts = toEval ? [counts[0]!, counts[1]! + 1] : [counts[0]! + 1, counts[1]!]
  }
  train.end()
  evalStream.end()
  await Promise.all([once(train, 'finish'), once(evalStream, 'finish')])
  console.log(`${dir}: ${counts[0]} train, ${counts[1]} eval`)
}

const { values } = parseArgs({
  options: {
    rows: { type: 'string' },
    model: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '20261122' }
  }
})
const models = values.model ? [values.model as ExampleModel] : (Object.keys(GENERATORS) as ExampleModel[])
for (const model of models) {
  if (!(model in GENERATORS))
    throw new Error(`Unknown model '${model}'. Expected one of: ${Object.keys(GENERATORS).join(', ')}`)
  await generate(model, values.rows ? Number(values.rows) : DEFAULT_ROWS[model], Number(values.seed), values.out)
}
