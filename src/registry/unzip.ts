import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import { ConfigurationError } from '../errors.js'

/** Bounds on what an archive may unpack to: a 2 MB zip of zeros can declare gigabytes. */
export interface UnzipLimits {
  /** Total uncompressed bytes (default 8 GiB). */
  maxTotalBytes?: number
  /** Uncompressed ÷ compressed size, for the archive and each entry over 64 MiB (default 200). */
  maxRatio?: number
  /** Entries (default 100,000). */
  maxEntries?: number
}

// Below this, a high ratio costs nothing and is normal: the baseline classifier's 4.7 MB of mostly-zero hashed
// weights deflate about 500:1. A bomb is a bomb for what it unpacks to.
const RATIO_FLOOR_BYTES = 64 << 20

/**
 * Unpacks a zip archive into a folder; entries that would land outside it (zip slip) are refused, and so is an
 * archive whose declared sizes pass the limits (yauzl's validateEntrySizes holds each entry to its declared size).
 */
export async function unzipTo(zip: Buffer, destination: string, limits: UnzipLimits = {}): Promise<string[]> {
  const maxTotal = limits.maxTotalBytes ?? 8 * 2 ** 30
  const maxRatio = limits.maxRatio ?? 200
  const maxEntries = limits.maxEntries ?? 100_000
  const root = path.resolve(destination)
  await mkdir(root, { recursive: true })
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (e, z) =>
      e ? reject(e) : resolve(z)
    )
  )
  const written: string[] = []
  let total = 0
  let entries = 0
  const tooBig = (entry: yauzl.Entry): string | undefined => {
    total += entry.uncompressedSize
    if (++entries > maxEntries) return `more than ${maxEntries} entries`
    if (total > maxTotal) return `more than ${maxTotal} bytes uncompressed`
    if (total > RATIO_FLOOR_BYTES && total / Math.max(1, zip.length) > maxRatio)
      return `${total} bytes uncompressed from ${zip.length}, a ratio over ${maxRatio}`
    if (
      entry.uncompressedSize > RATIO_FLOOR_BYTES &&
      entry.uncompressedSize / Math.max(1, entry.compressedSize) > maxRatio
    )
      return `entry '${entry.fileName}' unpacks ${entry.compressedSize} bytes to ${entry.uncompressedSize}, a ratio over ${maxRatio}`
    return undefined
  }
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => {
      archive.close()
      reject(e instanceof Error ? e : new Error(String(e)))
    }
    archive.on('error', fail)
    archive.on('end', () => resolve(written))
    archive.on('entry', (entry: yauzl.Entry) => {
      const bomb = tooBig(entry)
      if (bomb) {
        fail(new ConfigurationError(`The archive unpacks to ${bomb}; refused as a zip bomb.`))
        return
      }
      const target = path.resolve(root, entry.fileName)
      if (!target.startsWith(root + path.sep)) {
        fail(new ConfigurationError(`Artifact entry '${entry.fileName}' would be written outside ${root}; refused.`))
        return
      }
      if (entry.fileName.endsWith('/')) {
        mkdir(target, { recursive: true }).then(() => archive.readEntry(), fail)
        return
      }
      archive.openReadStream(entry, (e, stream) => {
        if (e) return fail(e)
        mkdir(path.dirname(target), { recursive: true })
          .then(() => pipeline(stream, createWriteStream(target, { flags: 'wx' })))
          .then(() => {
            written.push(path.relative(root, target))
            archive.readEntry()
          }, fail)
      })
    })
    archive.readEntry()
  })
}
