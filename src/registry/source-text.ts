import { open } from 'node:fs/promises'
import { ConfigurationError } from '../errors.js'

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** Line and column (both 1-based) of a character offset, from precomputed line starts. */
export class LineIndex {
  private readonly starts: number[] = [0]
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1)
  }
  /** The 1-based line and column of a 0-based character offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.starts[mid] ?? 0) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 }
  }
}

/**
 * The offset of the first byte that is not valid UTF-8, or -1.
 * Hand-written because TextDecoder and Buffer.isUtf8 say "invalid" without saying where.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0
  const n = bytes.length
  while (i < n) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1
      min = 0x80
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      min = 0x800
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      min = 0x10000
    } else return i
    if (i + need >= n) return i
    let cp = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += need + 1
  }
  return -1
}

/** Line and column of a byte offset in bytes that are valid UTF-8 up to that offset. */
export function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++
      lineStart = i + 1
    }
  }
  // Column counts characters, so decode the valid prefix of the line.
  const column = decoder.decode(bytes.subarray(lineStart, offset)).length + 1
  return { line, column }
}

/** Decodes strict UTF-8: a bad byte is an error naming the file, line, column and byte offset. */
export function decodeUtf8Strict(bytes: Uint8Array, file: string): string {
  try {
    return decoder.decode(bytes)
  } catch {
    const offset = firstInvalidUtf8Offset(bytes)
    const { line, column } = bytePosition(bytes, Math.max(offset, 0))
    throw new ConfigurationError(
      `${file}:${line}:${column}: error: invalid UTF-8 byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at byte offset ${offset}; expected a UTF-8 encoded text file`
    )
  }
}

/** Reads a small text file with a size cap and strict UTF-8; a leading BOM is dropped. */
export async function readTextFile(path: string, displayPath: string, maxBytes: number): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    if (size > maxBytes) {
      throw new ConfigurationError(
        `${displayPath}:1:1: error: file is ${size} bytes; expected at most ${maxBytes} bytes for this kind of file`
      )
    }
    const bytes = new Uint8Array(size)
    let read = 0
    while (read < size) {
      const r = await handle.read(bytes, read, size - read, read)
      if (r.bytesRead === 0) break
      read += r.bytesRead
    }
    return decodeUtf8Strict(bytes.subarray(0, read), displayPath)
  } finally {
    await handle.close()
  }
}
