import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { WriteStream } from 'node:fs'
import type { LoadedModel, RegistryFile } from '../registry/loader.js'
import { ConfigurationError } from '../errors.js'
import { toExample } from '../data/examples.js'
import { readRows } from '../data/readers.js'
import { compileTemplate, render } from '../prompts/template.js'
import type { RunSpec } from './contract.js'

export interface Materialised {
  format: RunSpec['data_format']
  trainRows: number
  evalRows: number
}

async function write(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain')
}

/**
 * Writes the model's train and eval splits as normalised JSONL for a trainer: chat rows keep their
 * messages (the trainer applies the model's chat template); other rows get the prompt template
 * rendered into `prompt`, with `completion` the target; classification rows keep `text` and `label`.
 * Every row has an `id` (the line's position when the data has none) and its `use_case`.
 */
export async function materialise(model: LoadedModel, maxLineBytes: number, trainOut: string, evalOut: string): Promise<Materialised> {
  const { spec } = model
  const format: RunSpec['data_format'] = spec.data.format === 'chat' ? 'chat' : spec.task_family === 'classification' ? 'classification' : 'completion'
  const compiled = compileTemplate(model.prompt.spec.template)
  if (!compiled.ok) throw new ConfigurationError(`${model.prompt.file.display}: ${compiled.message}`)
  const rules = { format: spec.data.format, labels: spec.data.labels, useCases: spec.use_cases, target: spec.data.target }
  const one = async (files: RegistryFile[], out: string, split: string): Promise<number> => {
    const stream = createWriteStream(out)
    let n = 0
    try {
      for (const file of files) {
        for await (const ev of readRows(file.absolute, { maxLineBytes })) {
          if (ev.kind === 'error') throw new ConfigurationError(`${file.display}:${ev.line}:${ev.column}: ${ev.message} (run tunegate validate first)`)
          const r = toExample(ev.value, rules)
          if (!r.ok) throw new ConfigurationError(`${file.display}:${ev.line}: ${r.problems.join('; ')} (run tunegate validate first)`)
          const ex = r.example
          const id = ex.id ?? `${split}-${file.relative}-${ev.line}`
          const base = { id, use_case: ex.useCase ?? null }
          let row: Record<string, unknown>
          if (format === 'chat') row = { ...base, messages: ev.value.messages }
          else if (format === 'classification') row = { ...base, text: ex.input, label: ex.label }
          else {
            const rendered = render(compiled.prompt, { ...ex.fields, use_case: ex.useCase })
            if (!rendered.ok) throw new ConfigurationError(`${file.display}:${ev.line}: the prompt template fails on this row: ${rendered.message}`)
            row = { ...base, prompt: model.prompt.spec.system ? `${model.prompt.spec.system}\n\n${rendered.text}` : rendered.text, completion: ex.target }
          }
          await write(stream, JSON.stringify(row) + '\n')
          n++
        }
      }
    } finally {
      stream.end()
      await once(stream, 'finish')
    }
    return n
  }
  return { format, trainRows: await one(model.train, trainOut, 'train'), evalRows: await one(model.eval, evalOut, 'eval') }
}
