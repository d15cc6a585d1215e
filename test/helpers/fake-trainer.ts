import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { trainModel } from '../../src/training/train.js'
import { EXAMPLE_REGISTRY } from './git-repo.js'

/**
 * Writes a Node script that behaves as a trainer: it reads TUNEGATE_RUN_SPEC and runs `body`
 * with `spec`, `emit(event)`, `fs` and `path` in scope. Returns the script's path.
 */
export async function fakeTrainer(body: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-trainer-'))
  const file = path.join(dir, 'trainer.mjs')
  await writeFile(
    file,
    `import fs from 'node:fs'
import path from 'node:path'
const spec = JSON.parse(fs.readFileSync(process.env.TUNEGATE_RUN_SPEC, 'utf8'))
const out = spec.output_dir
fs.mkdirSync(path.join(out, 'adapter'), { recursive: true })
const emit = e => fs.appendFileSync(path.join(out, 'events.jsonl'), JSON.stringify(e) + '\\n')
const evalIds = fs.readFileSync(spec.eval_file, 'utf8').split('\\n').filter(Boolean).map(l => JSON.parse(l).id)
const writeOutputs = () => {
  const header = Buffer.from(JSON.stringify({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }))
  const len = Buffer.alloc(8); len.writeBigUInt64LE(BigInt(header.length))
  const weights = Buffer.concat([len, header, Buffer.alloc(8)])
  fs.writeFileSync(path.join(out, 'adapter', 'adapter_model.safetensors'), weights)
  const predictions = evalIds.map(id => JSON.stringify({ id, prediction: 'x' }) + '\\n')
  fs.writeFileSync(path.join(out, 'predictions.jsonl'), predictions.join(''))
}
${body}
`
  )
  return file
}

/** Makes schema-markup of the registry copy at `dir` trained by `script` (the command backend). */
export async function useCommandTrainer(dir: string, script: string, budget = ''): Promise<void> {
  const spec = path.join(dir, 'registry/models/schema-markup/model.yaml')
  const text = await readFile(spec, 'utf8')
  await writeFile(
    spec,
    text.replace(
      '  trainer: baseline\n',
      `  trainer: command\n  command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(script)}]\n${budget}`
    )
  )
}

/** A copy of the example registry whose schema-markup model is trained by a command. */
export async function registryWithCommandTrainer(script: string, budget = ''): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-train-'))
  await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
  await useCommandTrainer(dir, script, budget)
  return dir
}

/** Trains schema-markup of a registryWithCommandTrainer copy, with a short grace period. */
export const trainCommandModel = (dir: string, extra: Partial<Parameters<typeof trainModel>[0]> = {}) =>
  trainModel({
    registryDir: path.join(dir, 'registry'),
    model: 'schema-markup',
    workDir: path.join(dir, 'runs'),
    graceMs: 500,
    ...extra
  })
