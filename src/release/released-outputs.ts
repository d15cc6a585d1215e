import { lstat, readFile } from 'node:fs/promises'
import path from 'node:path'
import { ConfigurationError } from '../errors.js'
import { sha256 } from '../registry/digest.js'
import type { ModelSpec } from '../registry/schema.js'
import type { RunManifest } from '../training/contract.js'

/** The largest adapter config or run.json read back into memory: these are small JSON files. */
const MAX_JSON_BYTES = 4 * 1024 * 1024

/** The file beside a classification adapter that names its labels, in the keywords transformers takes. */
export const LABELS_FILE = 'labels.json'

/**
 * The files a release archive carries in place of the trainer's (or beside them), so the released adapter works
 * outside the runner whichever trainer made it: the model card as adapter/README.md (peft writes a placeholder);
 * adapter_config.json naming the registry's base model id and revision (a trainer saves the folder it loaded
 * from, on the runner, and no revision); for a classification adapter, labels.json with `num_labels`,
 * `id2label` and `label2id`, which peft's adapter config cannot hold; for full weights, the same label names
 * in config.json; and run.json with the digests of what changed. Files already right are left as they are.
 */
export async function releasedOutputs(
  runDir: string,
  spec: Pick<ModelSpec, 'task_family' | 'base_model' | 'data' | 'training'>,
  card: string
): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  const put = async (rel: string, text: string) => {
    const current = await readText(runDir, rel).catch(() => undefined)
    if (current !== text) files.set(rel, Buffer.from(text))
  }
  await put('adapter/README.md', card)

  const adapterConfig = await readJson(runDir, 'adapter/adapter_config.json')
  if (adapterConfig) {
    const fixed = {
      ...adapterConfig,
      base_model_name_or_path: spec.base_model.id,
      revision: spec.base_model.revision
    }
    if (
      adapterConfig.base_model_name_or_path !== fixed.base_model_name_or_path ||
      adapterConfig.revision !== fixed.revision
    )
      files.set('adapter/adapter_config.json', Buffer.from(JSON.stringify(fixed, null, 2) + '\n'))
  }

  const labels = spec.task_family === 'classification' ? spec.data.labels : undefined
  if (labels && spec.training.trainer !== 'baseline') {
    const id2label = Object.fromEntries(labels.map((l, i) => [String(i), l]))
    const label2id = Object.fromEntries(labels.map((l, i) => [l, i]))
    if (adapterConfig) {
      const text = JSON.stringify({ num_labels: labels.length, id2label, label2id }, null, 2) + '\n'
      await put(`adapter/${LABELS_FILE}`, text)
    }
    const config = await readJson(runDir, 'adapter/config.json')
    if (
      config &&
      !adapterConfig &&
      JSON.stringify([config.id2label, config.label2id]) !== JSON.stringify([id2label, label2id])
    )
      files.set('adapter/config.json', Buffer.from(JSON.stringify({ ...config, id2label, label2id }, null, 2) + '\n'))
  }

  // run.json lists every output's digest (a cached reuse of the archive checks them): it follows the changes.
  const run = (await readJson(runDir, 'run.json')) as RunManifest | undefined
  if (run && Array.isArray(run.outputs) && files.size) {
    const outputs = run.outputs.map(o => {
      const replaced = files.get(o.file)
      return replaced ? { file: o.file, sha256: sha256(replaced), bytes: replaced.length } : o
    })
    const added = [...files.keys()].filter(f => !outputs.some(o => o.file === f)).sort()
    for (const f of added) outputs.push({ file: f, sha256: sha256(files.get(f)!), bytes: files.get(f)!.length })
    files.set('run.json', Buffer.from(JSON.stringify({ ...run, outputs }, null, 2)))
  }
  return files
}

async function readText(runDir: string, rel: string): Promise<string | undefined> {
  const file = path.join(runDir, rel)
  const st = await lstat(file).catch(() => undefined)
  if (!st) return undefined
  if (!st.isFile()) throw new ConfigurationError(`${file}: not a regular file; expected a JSON or text file`)
  if (st.size > MAX_JSON_BYTES)
    throw new ConfigurationError(`${file}: ${st.size} bytes; expected at most ${MAX_JSON_BYTES} bytes`)
  return readFile(file, 'utf8')
}

async function readJson(runDir: string, rel: string): Promise<Record<string, unknown> | undefined> {
  const text = await readText(runDir, rel)
  if (text === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw new ConfigurationError(`${path.join(runDir, rel)}: not JSON (${(e as Error).message}); expected an object`)
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ConfigurationError(`${path.join(runDir, rel)}: expected a JSON object`)
  return value as Record<string, unknown>
}
