import { createReadStream, createWriteStream } from 'node:fs'
import { lstat, readdir } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import yazl from 'yazl'
import { ConfigurationError } from '../errors.js'
import { fileDigest } from '../registry/digest.js'
import { isPickleFile } from '../registry/paths.js'

/** GitHub refuses release assets of 2 GiB or more. */
export const MAX_ASSET_BYTES = 2 * 1024 ** 3 - 1

// A fixed time for every entry, so the same outputs always make the same archive (a re-run uploads the same bytes).
const EPOCH = new Date('2000-01-01T00:00:00Z')
/** The training outputs a release carries; checkpoints and materialised data stay behind. */
const INCLUDED = ['run.json', 'predictions.jsonl', 'events.jsonl', 'adapter']

/**
 * Zips a run's outputs (run.json, predictions, events, adapter/) deterministically: sorted entries, one fixed
 * time, no checkpoints or materialised data. `replacements` (archive path → bytes) take the place of the files
 * of the same name, or are added. Refuses pickle files and links.
 */
export async function zipOutputs(
  runDir: string,
  destination: string,
  replacements: ReadonlyMap<string, Buffer> = new Map()
): Promise<{ sha256: string; bytes: number }> {
  const files: string[] = []
  const walk = async (rel: string) => {
    const abs = path.join(runDir, rel)
    const st = await lstat(abs).catch(() => undefined)
    if (!st) return
    if (st.isSymbolicLink())
      throw new ConfigurationError(`${abs}: a symbolic link; release archives hold plain files only`)
    if (st.isDirectory()) {
      for (const e of (await readdir(abs)).sort()) await walk(path.posix.join(rel, e))
    } else {
      if (isPickleFile(rel))
        throw new ConfigurationError(`${abs}: pickle formats are refused; weights must be safetensors`)
      files.push(rel)
    }
  }
  for (const name of INCLUDED) await walk(name)
  if (!files.includes('run.json'))
    throw new ConfigurationError(`${runDir}: no run.json; these are not training outputs`)
  for (const rel of replacements.keys()) {
    if (!INCLUDED.some(i => rel === i || rel.startsWith(`${i}/`)))
      throw new Error(`${rel}: not a path the release archive holds`)
    if (!files.includes(rel)) files.push(rel)
  }
  const zip = new yazl.ZipFile()
  const options = { mtime: EPOCH, mode: 0o100644, compress: true }
  for (const rel of files.sort()) {
    const replaced = replacements.get(rel)
    if (replaced) zip.addBuffer(replaced, rel, options)
    else zip.addFile(path.join(runDir, rel), rel, options)
  }
  zip.end()
  await pipeline(zip.outputStream, createWriteStream(destination))
  return { sha256: await fileDigest(destination), bytes: (await lstat(destination)).size }
}

/**
 * Splits a file into numbered parts of at most `maxBytes` (`name.001`, `name.002`, ...), streamed; whoever
 * downloads joins them in order (`cat name.0* > name`) and checks the whole against SHA256SUMS.
 */
export async function splitFile(
  file: string,
  maxBytes: number
): Promise<{ name: string; path: string; sha256: string; bytes: number }[]> {
  const size = (await lstat(file)).size
  const parts: { name: string; path: string; sha256: string; bytes: number }[] = []
  for (let start = 0, i = 1; start < size; start += maxBytes, i++) {
    const partPath = `${file}.${String(i).padStart(3, '0')}`
    const end = Math.min(size, start + maxBytes) - 1
    await pipeline(createReadStream(file, { start, end }), createWriteStream(partPath))
    parts.push({
      name: path.basename(partPath),
      path: partPath,
      sha256: await fileDigest(partPath),
      bytes: end - start + 1
    })
  }
  return parts
}

/** SHA256SUMS in sha256sum's format: `<hex>  <name>`, one line per file, sorted by name. */
export function sha256sums(entries: { name: string; sha256: string }[]): string {
  return (
    [...entries]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map(e => `${e.sha256}  ${e.name}`)
      .join('\n') + '\n'
  )
}

/** Reads SHA256SUMS back into name → digest; a malformed line is an error naming it. */
export function parseSha256sums(text: string): Map<string, string> {
  const sums = new Map<string, string>()
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line)
    if (!m) throw new ConfigurationError(`SHA256SUMS line ${i + 1}: expected '<64 hex digits>  <file name>'`)
    sums.set(m[2]!, m[1]!)
  })
  return sums
}
