import { lstat, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { ConfigurationError, type Problem } from '../errors.js'
import type { FormatRules } from '../data/examples.js'
import { fileKind, readRowBatches } from '../data/readers.js'
import type { SideProfile } from './profile.js'
import { readProfileRow } from './rows.js'

/** A folder of samples holds at most this many files; more is a mistake in the export step. */
const MAX_FILES = 10_000
/** Problems kept in full; past this they are counted. */
const MAX_PROBLEMS = 200

export interface DataFile {
  path: string
  display: string
  bytes: number
}

/**
 * The data files of a file or a folder (walked, in name order). Files whose names start with '.' or '_'
 * (Spark's _SUCCESS, editor files) are not data; any other file must be JSONL, CSV or Parquet.
 */
export async function dataFiles(target: string, what: string): Promise<DataFile[]> {
  let info
  try {
    info = await stat(target)
  } catch {
    throw new ConfigurationError(
      `The ${what} '${target}' does not exist. Expected a JSONL, CSV or Parquet file, or a folder of them.`
    )
  }
  const files: DataFile[] = []
  const problems: string[] = []
  const visit = async (p: string, size: number) => {
    if (!fileKind(p)) problems.push(`${p}: unknown data file type; expected .jsonl, .csv or .parquet`)
    else files.push({ path: p, display: p, bytes: size })
  }
  if (info.isFile()) await visit(target, info.size)
  else if (info.isDirectory()) {
    const stack = [target]
    while (stack.length) {
      const dir = stack.pop()!
      for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? 1 : -1))) {
        if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue
        const p = path.join(dir, entry.name)
        if (entry.isDirectory()) stack.push(p)
        else if (entry.isFile()) await visit(p, (await lstat(p)).size)
        else problems.push(`${p}: not a regular file (symbolic links and devices are not read)`)
        if (files.length + problems.length > MAX_FILES)
          throw new ConfigurationError(
            `The ${what} folder '${target}' holds more than ${MAX_FILES} files. Expected a few data files.`
          )
      }
    }
    files.sort((a, b) => (a.path < b.path ? -1 : 1))
  } else throw new ConfigurationError(`The ${what} '${target}' is not a file or a folder.`)
  if (problems.length) throw new ConfigurationError(problems.join('\n'))
  if (!files.length)
    throw new ConfigurationError(`The ${what} folder '${target}' holds no .jsonl, .csv or .parquet file.`)
  return files
}

export interface ProfileReading {
  rows: number
  invalid: number
  problems: Problem[]
}

/** Streams files into a side's profile; a row that cannot be read is a located problem (file:line:column). */
export async function profileFiles(
  files: DataFile[],
  rules: FormatRules,
  profile: SideProfile,
  options: { maxLineBytes: number; onProgress?: (file: DataFile, bytes: number) => void }
): Promise<ProfileReading> {
  const problems: Problem[] = []
  let invalid = 0
  let rows = 0
  for (const file of files) {
    const onProgress = options.onProgress ? (bytes: number) => options.onProgress!(file, bytes) : undefined
    for await (const batch of readRowBatches(file.path, {
      maxLineBytes: options.maxLineBytes,
      display: file.display,
      ...(onProgress ? { onProgress } : {})
    })) {
      for (const ev of batch) {
        const reading = ev.kind === 'row' ? readProfileRow(ev.value, rules) : undefined
        if (reading?.ok) {
          rows++
          profile.add(reading.row)
          continue
        }
        invalid++
        if (problems.length < MAX_PROBLEMS)
          problems.push({
            file: file.display,
            line: ev.line,
            column: ev.kind === 'error' ? ev.column : 1,
            severity: 'error',
            message: ev.kind === 'error' ? ev.message : (reading as { message: string }).message
          })
      }
    }
    options.onProgress?.(file, file.bytes)
  }
  return { rows, invalid, problems }
}
