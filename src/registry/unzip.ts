import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import { ConfigurationError } from '../errors.js'

/** Unpacks a zip archive into a folder; entries that would land outside it (zip slip) are refused. */
export async function unzipTo(zip: Buffer, destination: string): Promise<string[]> {
  const root = path.resolve(destination)
  await mkdir(root, { recursive: true })
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (e, z) =>
      e ? reject(e) : resolve(z)
    )
  )
  const written: string[] = []
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => {
      archive.close()
      reject(e instanceof Error ? e : new Error(String(e)))
    }
    archive.on('error', fail)
    archive.on('end', () => resolve(written))
    archive.on('entry', (entry: yauzl.Entry) => {
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
