import { writeFile } from 'node:fs/promises'
import { z } from 'zod'
import { openRegularFile } from './runner.js'

/** Largest header a safetensors file may declare (the format's own limit is 100 MB). */
const MAX_HEADER_BYTES = 100 * 1024 * 1024
const DTYPE_BYTES: Record<string, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
  F8_E4M3: 1,
  F8_E5M2: 1,
  U16: 2,
  U32: 4,
  U64: 8
}

export interface Tensor {
  dtype: 'F32' | 'I32'
  shape: number[]
  data: Float32Array | Int32Array
}

/**
 * Writes a safetensors file: an 8-byte little-endian header length, a JSON header of tensor offsets,
 * then the raw little-endian bytes. Hand-written: the format is a page long and no npm package writes it
 * without pulling in a tensor library.
 */
export async function writeSafetensors(
  path: string,
  tensors: Record<string, Tensor>,
  metadata: Record<string, string> = {}
): Promise<void> {
  const header: Record<string, unknown> = { __metadata__: metadata }
  let offset = 0
  const names = Object.keys(tensors).sort()
  for (const name of names) {
    const t = tensors[name]!
    const bytes = t.data.byteLength
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] }
    offset += bytes
  }
  let json = JSON.stringify(header)
  // The data section starts 8-byte aligned, as the reference implementation pads it.
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8)
  const head = Buffer.alloc(8)
  head.writeBigUInt64LE(BigInt(Buffer.byteLength(json)))
  const parts: Buffer[] = [head, Buffer.from(json)]
  for (const name of names) {
    const t = tensors[name]!
    parts.push(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength))
  }
  await writeFile(path, Buffer.concat(parts))
}

/** Reads a safetensors file written by writeSafetensors (F32 and I32 tensors). */
export async function readSafetensors(
  path: string
): Promise<{ tensors: Record<string, Tensor>; metadata: Record<string, string> }> {
  const check = await checkSafetensors(path)
  if (!check.ok) throw new Error(check.reason)
  const handle = await openRegularFile(path)
  try {
    const tensors: Record<string, Tensor> = {}
    for (const [name, info] of Object.entries(check.tensors)) {
      const [begin, end] = info.data_offsets
      const buf = Buffer.alloc(end - begin)
      await handle.read(buf, 0, buf.length, check.dataStart + begin)
      const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)
      tensors[name] = {
        dtype: info.dtype as Tensor['dtype'],
        shape: info.shape,
        data: info.dtype === 'I32' ? new Int32Array(ab) : new Float32Array(ab)
      }
    }
    return { tensors, metadata: check.metadata }
  } finally {
    await handle.close()
  }
}

const tensorEntry = z.strictObject({
  dtype: z.enum(Object.keys(DTYPE_BYTES) as [string, ...string[]], {
    message: `expected a dtype of ${Object.keys(DTYPE_BYTES).join(', ')}`
  }),
  shape: z.array(z.number().int().nonnegative(), { message: 'expected a list of non-negative integers' }),
  data_offsets: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()], {
    message: 'expected [begin, end] byte offsets, non-negative integers'
  })
})
type HeaderEntry = z.infer<typeof tensorEntry>

/** The header as the format defines it: an object of tensors, with optional string metadata. */
const headerSchema = z
  .object({ __metadata__: z.record(z.string(), z.string()).optional() }, { message: 'expected a JSON object' })
  .catchall(tensorEntry)

/**
 * Checks a safetensors header without loading the tensors: length, JSON, the schema (dtypes, shapes of
 * non-negative integers, integer offsets), each span equal to dtype size × element count, ranges inside the
 * file and not overlapping.
 */
export async function checkSafetensors(
  path: string
): Promise<
  | { ok: true; tensors: Record<string, HeaderEntry>; metadata: Record<string, string>; dataStart: number }
  | { ok: false; reason: string }
> {
  const handle = await openRegularFile(path)
  try {
    const { size } = await handle.stat()
    if (size < 8) return { ok: false, reason: `${path}: ${size} bytes is too short for a safetensors file` }
    const lenBuf = Buffer.alloc(8)
    await handle.read(lenBuf, 0, 8, 0)
    const len = Number(lenBuf.readBigUInt64LE())
    if (len > MAX_HEADER_BYTES || 8 + len > size)
      return {
        ok: false,
        reason: `${path}: header length ${len} is impossible for a ${size}-byte file; not a safetensors file`
      }
    const headBuf = Buffer.alloc(len)
    await handle.read(headBuf, 0, len, 8)
    let json: unknown
    try {
      json = JSON.parse(headBuf.toString('utf8'))
    } catch {
      return { ok: false, reason: `${path}: the safetensors header is not JSON` }
    }
    const parsed = headerSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      const [name, ...field] = issue.path.map(String)
      const where = name === undefined ? 'the header' : name === '__metadata__' ? '__metadata__' : `tensor '${name}'`
      return {
        ok: false,
        reason: `${path}: ${where}${field.length ? ` ${field.join('.')}` : ''}: ${issue.message} (safetensors header)`
      }
    }
    const { __metadata__: meta, ...entries } = parsed.data
    const header = entries as Record<string, HeaderEntry>
    const dataStart = 8 + len
    const dataBytes = size - dataStart
    const tensors: Record<string, HeaderEntry> = {}
    const ranges: [number, number, string][] = []
    for (const [name, e] of Object.entries(header)) {
      const width = DTYPE_BYTES[e.dtype]!
      const [begin, end] = e.data_offsets
      const count = e.shape.reduce((a, b) => a * b, 1)
      if (end < begin || end > dataBytes)
        return { ok: false, reason: `${path}: tensor '${name}' lies outside the file` }
      if (!Number.isSafeInteger(count * width) || end - begin !== count * width)
        return {
          ok: false,
          reason: `${path}: tensor '${name}' has ${end - begin} bytes; its shape and dtype need ${count * width}`
        }
      ranges.push([begin, end, name])
      tensors[name] = e
    }
    ranges.sort((a, b) => a[0] - b[0])
    for (let i = 1; i < ranges.length; i++)
      if (ranges[i]![0] < ranges[i - 1]![1])
        return { ok: false, reason: `${path}: tensors '${ranges[i - 1]![2]}' and '${ranges[i]![2]}' overlap` }
    const metadata = meta ?? {}
    return { ok: true, tensors, metadata, dataStart }
  } finally {
    await handle.close()
  }
}
