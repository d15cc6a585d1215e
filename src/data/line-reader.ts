import { open } from 'node:fs/promises'
import { isAscii, isUtf8 } from 'node:buffer'
import { bytePosition, firstInvalidUtf8Offset } from '../registry/source-text.js'
import { keyMarksPerLine } from './text-scan.js'

/** One line of a text file, or the reason it could not be read. */
export type LineEvent =
  /** `keyMarks`: the '":' pairs in the line, where counted (LineReaderOptions.keyMarks). */
  | { kind: 'line'; line: number; text: string; keyMarks?: number }
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
  /** Count the '":' pairs of each line (JSON lines: parseJsonLine's duplicate-key check), where it is cheap. */
  keyMarks?: boolean
}

const BOM = [0xef, 0xbb, 0xbf]
/** Bytes of complete lines decoded into one string (see readLineBatches). */
const DECODE_BYTES = 48 * 1024

/** Lines decoded together: a run of complete, valid UTF-8 lines, each ending with '\n'. */
interface TextRun {
  text: string
  firstLine: number
  max: number
  /** Per line, its '":' pairs (counted on the bytes, in one pass over the run). */
  marks: Int32Array | undefined
}

/**
 * The lines of one chunk of a file. The chunk is decoded once, as one string; a line's event is made
 * only when iteration reaches it, so a consumer that handles each line at once keeps nothing alive
 * from one line to the next (which keeps the garbage collector's work small on large files).
 */
export class LineBatch implements Iterable<LineEvent> {
  constructor(private readonly parts: readonly (LineEvent | TextRun)[]) {}

  *[Symbol.iterator](): Iterator<LineEvent> {
    for (const part of this.parts) {
      if (!('text' in part && 'firstLine' in part)) {
        yield part
        continue
      }
      const { text, max, marks } = part
      let line = part.firstLine
      for (let pos = 0, k = 0; pos < text.length; line++, k++) {
        const nl = text.indexOf('\n', pos)
        let endOfLine = nl
        if (endOfLine > pos && text.charCodeAt(endOfLine - 1) === 13) endOfLine--
        const lineText = text.slice(pos, endOfLine)
        pos = nl + 1
        // A UTF-16 unit is at most 3 UTF-8 bytes (and a CR one more): only long lines need their bytes counted.
        const bytes = lineText.length * 3 + 1 <= max ? 0 : Buffer.byteLength(lineText) + (endOfLine < nl ? 1 : 0)
        if (bytes > max) yield tooLong(line, bytes, max)
        else
          yield marks
            ? { kind: 'line', line, text: lineText, keyMarks: marks[k]! }
            : { kind: 'line', line, text: lineText }
      }
    }
  }
}

/**
 * Cuts a stream of chunks into lines, keeping state across chunks: the line begun in one chunk and ended in a
 * later one (its parts kept in a list, copied once when it ends), or the one being skipped past the cap.
 */
class LineSplitter {
  private carry: Buffer[] = []
  private carryBytes = 0
  private skipping = false
  private skippedBytes = 0
  /** The number of the next line to end. */
  lineNo = 1

  constructor(
    private readonly max: number,
    private readonly keyMarks = false
  ) {}

  /** The lines a chunk completes, as decoded runs of whole lines and single line events. */
  split(buf: Buffer): (LineEvent | TextRun)[] {
    const parts: (LineEvent | TextRun)[] = []
    let start = 0
    // The line begun in an earlier chunk ends here (or goes on).
    if (this.skipping || this.carryBytes) {
      const nl = buf.indexOf(10)
      if (nl < 0) {
        this.keep(buf)
        return parts
      }
      parts.push(this.endCarried(buf.subarray(0, nl)))
      start = nl + 1
    }
    const last = buf.lastIndexOf(10)
    if (last >= start) {
      this.completeLines(buf.subarray(start, last + 1), parts)
      start = last + 1
    }
    this.keep(buf.subarray(start))
    return parts
  }

  /** The unfinished last line, at the end of the input. */
  finish(): LineEvent | undefined {
    if (this.skipping) return tooLong(this.lineNo, this.skippedBytes, this.max)
    if (this.carryBytes) return decodeLine(Buffer.concat(this.carry, this.carryBytes), this.lineNo)
    return undefined
  }

  /** Lines in the input: the unfinished last one counts. */
  get lines(): number {
    return this.skipping || this.carryBytes ? this.lineNo : this.lineNo - 1
  }

  /** Ends the carried (or skipped) line with `tail`, the bytes before its newline. */
  private endCarried(tail: Buffer): LineEvent {
    let event: LineEvent
    if (this.skipping) event = tooLong(this.lineNo, this.skippedBytes + tail.length, this.max)
    else {
      const size = this.carryBytes + tail.length
      event =
        size > this.max
          ? tooLong(this.lineNo, size, this.max)
          : decodeLine(Buffer.concat([...this.carry, tail], size), this.lineNo)
    }
    this.skipping = false
    this.skippedBytes = 0
    this.carry = []
    this.carryBytes = 0
    this.lineNo++
    return event
  }

  /** A run of complete lines: decoded at once when valid UTF-8, line by line to locate an error. */
  private completeLines(run: Buffer, parts: (LineEvent | TextRun)[]): void {
    const max = this.max
    // ASCII (the common case) decodes as Latin-1 to the same text, at about twice the speed.
    const ascii = isAscii(run)
    if (ascii || isUtf8(run)) {
      // Decoded in pieces of about DECODE_BYTES (whole lines): a string that small is born in the young
      // generation and dies there, where a larger one gets pages of its own, mapped and unmapped
      // each time (measured: 130,000 page faults, ~0.5 s, on a 550 MB file).
      for (let from = 0; from < run.length;) {
        const to = from + DECODE_BYTES >= run.length ? run.length : run.indexOf(10, from + DECODE_BYTES) + 1
        const piece = run.subarray(from, to)
        const firstLine = this.lineNo
        const marks = this.keyMarks ? keyMarksPerLine(piece, true) : undefined
        if (marks) this.lineNo += marks.length
        else for (let i = piece.indexOf(10); i >= 0; i = piece.indexOf(10, i + 1)) this.lineNo++
        parts.push({ text: piece.toString(ascii ? 'latin1' : 'utf8'), firstLine, max, marks })
        from = to
      }
      return
    }
    for (let i = 0; i < run.length;) {
      const nl = run.indexOf(10, i)
      const piece = run.subarray(i, nl)
      parts.push(piece.length > max ? tooLong(this.lineNo, piece.length, max) : decodeLine(piece, this.lineNo))
      this.lineNo++
      i = nl + 1
    }
  }

  /** Bytes of a line that goes on into the next chunk: kept, or counted once past the cap. */
  private keep(rest: Buffer): void {
    if (!rest.length) return
    if (this.skipping) {
      this.skippedBytes += rest.length
      return
    }
    const size = this.carryBytes + rest.length
    if (size > this.max) {
      // Past the cap: stop keeping the line, count it, and report it when its end arrives.
      this.skipping = true
      this.skippedBytes = size
      this.carry = []
      this.carryBytes = 0
      return
    }
    // A copy: the read buffer is reused for a later chunk.
    this.carry.push(Buffer.from(rest))
    this.carryBytes = size
  }
}

/**
 * Streams the lines of a file with bounded memory: a line over the cap is reported and skipped
 * (never buffered whole), a UTF-8 error names its line and column, a BOM and CRLF endings are accepted.
 * Hand-written rather than readline: readline has no line cap and decodes invalid bytes to U+FFFD silently.
 * Lines come in batches, one per chunk read, so a line costs no async step of its own; a chunk of valid
 * UTF-8 is checked and decoded in one call each.
 */
export async function* readLineBatches(path: string, options: LineReaderOptions): AsyncGenerator<LineBatch> {
  const handle = await open(path, 'r')
  // At least 3 bytes, so the first chunk holds a whole BOM. 512 KiB by default: Node decodes a buffer of
  // about 1 MB or more to an external string, whose memory the garbage collector frees late; below that,
  // a chunk's text is an ordinary heap string (measured: 60 MB less memory on a worker thread).
  const chunkBytes = Math.max(3, options.chunkBytes ?? 1 << 19)
  let position = options.start ?? 0
  const end = options.end ?? Infinity
  const lines = new LineSplitter(options.maxLineBytes, options.keyMarks)
  let readTotal = 0
  let first = position === 0
  let pending: Promise<{ bytesRead: number }> | undefined
  let buffers: Buffer[] = []
  try {
    // Two buffers: the next read runs in the background while the current chunk's lines are processed.
    buffers = [takeBuffer(chunkBytes), takeBuffer(chunkBytes)]
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
      const parts = lines.split(buf)
      if (parts.length) yield new LineBatch(parts)
    }
    const last = lines.finish()
    if (last) yield new LineBatch([last])
    options.onEnd?.(lines.lines)
  } finally {
    // A consumer that stops early leaves a read in flight; let it land before closing the file.
    await pending?.catch(() => undefined)
    await handle.close()
    for (const b of buffers) spareBuffers.push(b)
  }
}

/**
 * Read buffers kept for the next file or range. A worker thread checks dozens of ranges; fresh
 * buffers for each are off-heap memory that the garbage collector frees late (it counts a small heap,
 * not these), which cost a worker tens of megabytes.
 */
const spareBuffers: Buffer[] = []

function takeBuffer(bytes: number): Buffer {
  const i = spareBuffers.findIndex(b => b.length === bytes)
  if (i >= 0) return spareBuffers.splice(i, 1)[0]!
  if (spareBuffers.length > 8) spareBuffers.length = 0
  return Buffer.allocUnsafe(bytes)
}

function tooLong(line: number, bytes: number, max: number): LineEvent {
  return {
    kind: 'error',
    line,
    column: 1,
    message: `line is ${bytes} bytes; expected at most ${max} bytes per line (policy.max_line_bytes in registry.yaml)`
  }
}

function decodeLine(bytes: Buffer, line: number): LineEvent {
  const end = bytes.length && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length
  const body = bytes.subarray(0, end)
  if (!isUtf8(body)) {
    const offset = firstInvalidUtf8Offset(body)
    const { column } = bytePosition(body, Math.max(0, offset))
    return {
      kind: 'error',
      line,
      column,
      message: `invalid UTF-8 byte 0x${(body[offset] ?? 0).toString(16).padStart(2, '0')} at column ${column}; expected UTF-8 text`
    }
  }
  return { kind: 'line', line, text: body.toString('utf8') }
}
