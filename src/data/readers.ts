import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { readLineBatches, type LineBatch, type LineEvent, type LineReaderOptions } from './line-reader.js'
import { parseJsonLine } from './json-line.js'
import { assertNotLfsPointer } from '../registry/lfs.js'

/** A row of a dataset file, or a located reason it is not one. */
export type RowEvent =
  /** `chars`: the length of the row's text, where the reader has it (JSONL). */
  | { kind: 'row'; line: number; value: Record<string, unknown>; chars?: number }
  | { kind: 'error'; line: number; column: number; message: string }

/** The line reader's options; the byte range and onEnd apply to JSONL only. `display`: the file's name in errors. */
export type ReadOptions = Omit<LineReaderOptions, 'chunkBytes'> & { display?: string }

export type DataFormatKind = 'jsonl' | 'csv' | 'parquet'

/** The file kind by extension; anything else is refused by the caller. */
export function fileKind(path: string): DataFormatKind | undefined {
  const lower = path.toLowerCase()
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl'
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.parquet')) return 'parquet'
  return undefined
}

/** Streams the rows of a JSONL, CSV or Parquet file. Line numbers are 1-based (Parquet: row numbers). */
export async function* readRows(path: string, options: ReadOptions): AsyncGenerator<RowEvent> {
  for await (const batch of readRowBatches(path, options)) yield* batch
}

/**
 * readRows in batches (a chunk of a JSONL file at a time), for loops where every row counts.
 * A Git LFS pointer where the data should be throws LfsPointerError, naming the file and how to get the data.
 */
export async function* readRowBatches(path: string, options: ReadOptions): AsyncGenerator<Iterable<RowEvent>> {
  if (!options.start) await assertNotLfsPointer(path, options.display)
  const kind = fileKind(path)
  if (kind === 'jsonl') {
    for await (const lines of readLineBatches(path, { ...options, keyMarks: true })) yield jsonlRows(lines)
    return
  }
  const single = kind === 'csv' ? readCsv(path, options) : kind === 'parquet' ? readParquet(path, options) : undefined
  if (!single) {
    yield [{ kind: 'error', line: 1, column: 1, message: 'unknown data file type; expected .jsonl, .csv or .parquet' }]
    return
  }
  let batch: RowEvent[] = []
  for await (const ev of single) {
    batch.push(ev)
    if (batch.length === 1024) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}

/** The rows of a batch of lines, each parsed only when reached (so a parsed row dies young). */
function* jsonlRows(lines: LineBatch): Iterable<RowEvent> {
  for (const ev of lines) {
    const row = jsonlRow(ev)
    if (row) yield row
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 11 && c !== 12 && c !== 0xfeff && c !== 0xa0)
      return text.trim() === ''
  }
  return true
}

function jsonlRow(ev: LineEvent): RowEvent | undefined {
  if (ev.kind === 'error') return ev
  if (isBlank(ev.text)) return undefined
  const parsed = parseJsonLine(ev.text, ev.keyMarks)
  if (!parsed.ok) return { kind: 'error', line: ev.line, column: parsed.column, message: parsed.message }
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return {
      kind: 'error',
      line: ev.line,
      column: 1,
      message: `expected a JSON object per line, got ${Array.isArray(parsed.value) ? 'an array' : parsed.value === null ? 'null' : typeof parsed.value}`
    }
  }
  return { kind: 'row', line: ev.line, value: parsed.value as Record<string, unknown>, chars: ev.text.length }
}

async function* readCsv(path: string, options: ReadOptions): AsyncGenerator<RowEvent> {
  // The CSV and Parquet libraries load with the first such file: a thread checking JSONL starts without them.
  const { parse: parseCsv } = await import('csv-parse')
  let read = 0
  let lines = 1
  let utf8Error: string | undefined
  const strict = new TextDecoder('utf-8', { fatal: true })
  const source = createReadStream(path)
  source.on('data', (c: Buffer | string) => {
    const bytes = typeof c === 'string' ? Buffer.from(c) : c
    read += bytes.length
    options.onProgress?.(read)
    if (utf8Error) return
    try {
      strict.decode(bytes, { stream: true })
    } catch {
      utf8Error = 'invalid UTF-8 in the file; expected UTF-8 text'
    }
  })
  const parser = source.pipe(
    parseCsv({
      // The header is checked before any record is built, so a column can never set a prototype.
      columns: (header: string[]) => {
        const bad = header.find(h => h === '__proto__' || h === 'constructor' || h === 'prototype')
        if (bad) throw new Error(`column '${bad}' is not allowed; rename it`)
        return header
      },
      bom: true,
      info: true,
      max_record_size: options.maxLineBytes,
      relax_column_count: false,
      skip_empty_lines: true
    })
  )
  try {
    for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      lines = rec.info.lines
      if (utf8Error) {
        yield { kind: 'error', line: lines, column: 1, message: utf8Error }
        return
      }
      yield { kind: 'row', line: lines, value: rec.record }
    }
    if (utf8Error) yield { kind: 'error', line: lines, column: 1, message: utf8Error }
  } catch (e) {
    const err = e as { message?: string; lines?: number }
    yield { kind: 'error', line: err.lines ?? lines, column: 1, message: `invalid CSV: ${err.message ?? String(e)}` }
  } finally {
    source.destroy()
  }
}

const PARQUET_MAGIC = 'PAR1'

async function* readParquet(path: string, options: ReadOptions): AsyncGenerator<RowEvent> {
  // Check the magic bytes first so a file that is not Parquet gets a plain answer, not a decoder's error.
  const handle = await open(path, 'r')
  let head = ''
  let tail = ''
  let size = 0
  try {
    size = (await handle.stat()).size
    const b = Buffer.alloc(4)
    if (size >= 8) {
      await handle.read(b, 0, 4, 0)
      head = b.toString('latin1')
      await handle.read(b, 0, 4, size - 4)
      tail = b.toString('latin1')
    }
  } finally {
    await handle.close()
  }
  if (head !== PARQUET_MAGIC || tail !== PARQUET_MAGIC) {
    yield {
      kind: 'error',
      line: 1,
      column: 1,
      message: `not a Parquet file (no PAR1 magic bytes at both ends); expected a Parquet file or rename it`
    }
    return
  }
  try {
    const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await import('hyparquet')
    const file = await asyncBufferFromFile(path)
    const metadata = await parquetMetadataAsync(file)
    let rowStart = 0
    // One row group at a time, so memory stays bounded by the largest group, not the file.
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows)
      const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd })
      for (const [i, value] of rows.entries())
        yield { kind: 'row', line: rowStart + i + 1, value: normaliseParquet(value) }
      options.onProgress?.(Math.round((rowEnd / Math.max(1, Number(metadata.num_rows))) * size))
      rowStart = rowEnd
    }
  } catch (e) {
    yield {
      kind: 'error',
      line: 1,
      column: 1,
      message: `cannot read Parquet: ${e instanceof Error ? e.message : String(e)}`
    }
  }
}

/** Parquet gives BigInt for int64 columns; rows are JSON-shaped everywhere else. */
function normaliseParquet(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v
  return out
}
