import { lstat, mkdir, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { isPickleFile } from '../registry/paths.js'
import { ConfigurationError } from '../errors.js'
import type { LoadedModel } from '../registry/loader.js'
import { materialise } from './materialise.js'
import { openRegularFile } from './runner.js'
import { checkSafetensors } from './safetensors.js'

/** Files a trainer may leave in adapter/ besides safetensors weights: configs, tokenizers, notes. */
const ALLOWED_EXTENSIONS = ['.safetensors', '.json', '.jsonl', '.txt', '.md', '.model', '.tiktoken', '.yaml', '.yml']

/**
 * Every reason a trainer's outputs cannot be used; empty when they can. The same check serves a fresh run
 * and a reused (cached) one. Nothing but regular files and folders is accepted, and no file is opened
 * before it is known to be one: a FIFO would block the open for ever.
 */
export async function checkTrainerOutputs(
  outputDir: string,
  evalIds: Set<string>,
  signal?: AbortSignal
): Promise<string[]> {
  const problems: string[] = []
  const adapter = path.join(outputDir, 'adapter')
  const files: string[] = []
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name)
      const rel = path.relative(outputDir, abs)
      if (e.isSymbolicLink()) problems.push(`${rel}: symbolic links are not accepted in an adapter`)
      else if (e.isDirectory()) await walk(abs)
      else if (e.isFile()) files.push(abs)
      else problems.push(`${rel}: not a regular file (a FIFO, socket or device); expected files and folders only`)
    }
  }
  try {
    if (!(await lstat(adapter)).isDirectory()) throw new Error('not a folder')
    await walk(adapter)
  } catch {
    return [`${adapter}: missing; the trainer must write its weights to adapter/ (safetensors)`]
  }
  let weights = 0
  for (const f of files) {
    signal?.throwIfAborted()
    const rel = path.relative(outputDir, f)
    if (isPickleFile(f)) {
      problems.push(
        `${rel}: pickle-based weights run code when loaded and are refused; save with safetensors (save_pretrained(..., safe_serialization=True))`
      )
      continue
    }
    const ext = path.extname(f).toLowerCase()
    if (!ALLOWED_EXTENSIONS.includes(ext)) {
      problems.push(
        `${rel}: '${ext || 'no extension'}' files are not accepted in an adapter; expected safetensors weights and ${ALLOWED_EXTENSIONS.slice(1).join(' ')} files`
      )
      continue
    }
    if (ext === '.safetensors') {
      const check = await checkSafetensors(f)
      if (!check.ok) problems.push(check.reason.replace(f, rel))
      else weights++
    }
  }
  if (weights === 0 && !problems.length) problems.push('adapter/: no .safetensors weights')

  const predictions = path.join(outputDir, 'predictions.jsonl')
  let handle
  try {
    if (!(await lstat(predictions)).isFile())
      return [...problems, 'predictions.jsonl: not a regular file; expected {"id", "prediction"} lines']
    handle = await openRegularFile(predictions)
  } catch {
    problems.push('predictions.jsonl: missing; the trainer must predict every eval example')
    return problems
  }
  const seen = new Set<string>()
  const duplicates: string[] = []
  try {
    let lineNo = 0
    for await (const line of createInterface({ input: handle.createReadStream(), crlfDelay: Infinity })) {
      lineNo++
      if (lineNo % 4096 === 0) signal?.throwIfAborted()
      if (!line.trim()) continue
      let row: { id?: unknown; prediction?: unknown }
      try {
        row = JSON.parse(line) as typeof row
      } catch {
        problems.push(`predictions.jsonl:${lineNo}: not JSON; expected {"id": ..., "prediction": ...}`)
        continue
      }
      if ((typeof row.id !== 'string' && typeof row.id !== 'number') || typeof row.prediction !== 'string') {
        problems.push(`predictions.jsonl:${lineNo}: expected {"id": string, "prediction": string}`)
        continue
      }
      const id = String(row.id)
      if (!evalIds.has(id)) problems.push(`predictions.jsonl:${lineNo}: id '${id}' is not in the eval set`)
      else if (seen.has(id)) duplicates.push(`predictions.jsonl:${lineNo}: a second prediction for id '${id}'`)
      seen.add(id)
    }
  } finally {
    await handle.close()
  }
  if (duplicates.length)
    problems.push(
      `${duplicates.slice(0, 3).join('; ')}${duplicates.length > 3 ? ` (and ${duplicates.length - 3} more)` : ''}; expected one prediction per eval id`
    )
  const missing = [...evalIds].filter(id => !seen.has(id))
  if (missing.length)
    problems.push(
      `predictions.jsonl: no prediction for ${missing.length} eval example(s), e.g. ${missing.slice(0, 3).join(', ')}`
    )
  return problems
}

/**
 * Checks outputs made elsewhere (a --run-dir, a downloaded artifact) against today's eval set, exactly as a
 * fresh run's are checked; throws a ConfigurationError listing every problem.
 */
export async function assertUsableOutputs(
  model: LoadedModel,
  maxLineBytes: number,
  runDir: string,
  scratchDir: string
): Promise<void> {
  await mkdir(scratchDir, { recursive: true })
  const evalFile = path.join(scratchDir, 'eval.jsonl')
  try {
    await materialise(model, maxLineBytes, null, evalFile)
    const ids = new Set<string>()
    const handle = await openRegularFile(evalFile)
    try {
      for await (const line of createInterface({ input: handle.createReadStream(), crlfDelay: Infinity }))
        if (line.trim()) ids.add(String((JSON.parse(line) as { id: unknown }).id))
    } finally {
      await handle.close()
    }
    const problems = await checkTrainerOutputs(runDir, ids)
    if (problems.length)
      throw new ConfigurationError(
        `The training outputs in ${runDir} cannot be used:\n${problems.map(p => `  ${p}`).join('\n')}`
      )
  } finally {
    await rm(scratchDir, { recursive: true, force: true })
  }
}
