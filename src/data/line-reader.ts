import { open } from 'node:fs/promises'
import { isUtf8 } from 'node:buffer'
import { bytePosition, firstInvalidUtf8Offset } from '../registry/source-text.js'

/** One line of a text file, or the reason it could not be read. */
export type LineEvent =
  | { kind: 'line'; line: number; text: string; bytes: number }
  | { kind: 'error'; line: number; column: number; message: string }

export interface LineReaderOptions {
  /** Lines longer than this are reported and skipped without being held in memory. */
  maxLineBytes: number
  /** Called with the bytes read so far, for progress bars. */
  onProgress?: (bytesRead: number) => void
  chunkBytes?: number
  /** Read only the bytes [start, end): a range that starts at a line's first byte. */
  start?: number
  end?: number
  /** Called at the end with the number of lines the file or range held. */
  onEnd?: (lines: number) => void
}

const BOM = [0xef, 0xbb, 0xbf]

/**
 * Streams the lines of a file with bounded memory: a line over the cap is reported and skipped
 * (never buffered whole), a UTF-8 error names its line and column, a BOM and CRLF endings are accepted.
 * Hand-written rather than readline: readline has no line cap and decodes invalid bytes to U+FFFD silently.
 * Lines come in batches, one per chunk read, so a line costs no async step of its own.
 */
export async function* readLineBatches(path: string, options: LineReaderOptions): AsyncGenerator<LineEvent[]> {
  const handle = await open(path, 'r')
  const chunkBytes = options.chunkBytes ?? 1 << 20
  let position = options.start ?? 0
  const end = options.end ?? Infinity
  const max = options.maxLineBytes
  let carry: Buffer | null = null
  let lineNo = 1
  let skipping = false
  let skippedBytes = 0
  let readTotal = 0
  let first = position === 0
  let pending: Promise<{ bytesRead: number }> | undefined
  try {
    // Two buffers: the next read runs in the background while the current chunk's lines are processed.
    const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)]
    let which = 0
    const next = (buffer: Buffer) => {
      const length = Math.max(0, Math.min(chunkBytes, end - position))
      const read = length === 0 ? Promise.resolve({ bytesRead: 0 }) : handle.read(buffer, 0, length, position)
      position += length
      return read
    }
    pending = next(buffers[0]!)
    for (;;) {
      const { bytesRead } = await pending
      if (bytesRead === 0) break
      const chunk = buffers[which]!
      which ^= 1
      pending = next(buffers[which]!)
      readTotal += bytesRead
      options.onProgress?.(readTotal)
      let buf = chunk.subarray(0, bytesRead)
      if (first) {
        first = false
        if (buf.length >= 3 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2]) buf = buf.subarray(3)
      }
      let start = 0
      const batch: LineEvent[] = []
      for (;;) {
        const nl = buf.indexOf(10, start)
        if (nl < 0) break
        if (skipping) {
          skippedBytes += nl - start
          batch.push(tooLong(lineNo, skippedBytes, max))
          skipping = false
          skippedBytes = 0
        } else {
          const piece = buf.subarray(start, nl)
          const whole: Buffer = carry ? Buffer.concat([carry, piece]) : piece
          carry = null
          batch.push(whole.length > max ? tooLong(lineNo, whole.length, max) : decodeLine(whole, lineNo))
        }
        lineNo++
        start = nl + 1
      }
      if (batch.length) yield batch
      const rest = buf.subarray(start)
      if (skipping) skippedBytes += rest.length
      else if (rest.length) {
        const size = (carry?.length ?? 0) + rest.length
        if (size > max) {
          // Past the cap: stop keeping the line, count it, and report it when its end arrives.
          skipping = true
          skippedBytes = size
          carry = null
        } else carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest)
      }
    }
    if (skipping) yield [tooLong(lineNo, skippedBytes, max)]
    else if (carry && carry.length) yield [decodeLine(carry, lineNo)]
    options.onEnd?.(skipping || (carry && carry.length) ? lineNo : lineNo - 1)
  } finally {
    // A consumer that stops early leaves a read in flight; let it land before closing the file.
    await pending?.catch(() => undefined)
    await handle.close()
  }
}

function tooLong(line: number, bytes: number, max: number): LineEvent {
  return { kind: 'error', line, column: 1, message: `line is ${bytes} bytes; expected at most ${max} bytes per line (policy.max_line_bytes in registry.yaml)` }
}

function decodeLine(bytes: Buffer, line: number): LineEvent {
  const end = bytes.length && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length
  const body = bytes.subarray(0, end)
  if (!isUtf8(body)) {
    const offset = firstInvalidUtf8Offset(body)
    const { column } = bytePosition(body, Math.max(0, offset))
    return { kind: 'error', line, column, message: `invalid UTF-8 byte 0x${(body[offset] ?? 0).toString(16).padStart(2, '0')} at column ${column}; expected UTF-8 text` }
  }
  return { kind: 'line', line, text: body.toString('utf8'), bytes: bytes.length + 1 }
}
