import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import canonicalize from 'canonicalize'
import { readLfsPointer } from './lfs.js'

/** sha256 of a file's bytes, streamed so a multi-gigabyte dataset is never held in memory. */
export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * sha256 of a file's content whichever way it is checked out: for a Git LFS pointer, its oid (the
 * sha256 of the content it stands for, known without downloading it); for any other file, its bytes'.
 */
export async function contentDigest(path: string): Promise<string> {
  return (await readLfsPointer(path))?.oid ?? (await fileDigest(path))
}

/** sha256 of a string or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** RFC 8785 canonical JSON: key order and number spelling do not change it. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value)
  if (text === undefined) throw new Error('canonicalJson: value has no JSON form')
  return text
}
