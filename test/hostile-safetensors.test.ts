import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkSafetensors } from '../src/training/safetensors.js'

/** A safetensors file with `header` (any JSON text) and `dataBytes` bytes of data. */
async function file(header: string, dataBytes = 8): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-st-'))
  const f = path.join(dir, 'w.safetensors')
  const len = Buffer.alloc(8)
  len.writeBigUInt64LE(BigInt(Buffer.byteLength(header)))
  await writeFile(f, Buffer.concat([len, Buffer.from(header), Buffer.alloc(dataBytes)]))
  return f
}

const reason = async (header: unknown, dataBytes = 8) => {
  const f = await file(JSON.stringify(header), dataBytes)
  const r = await checkSafetensors(f)
  return r.ok ? 'ok' : r.reason.replace(f, 'w.safetensors')
}

describe('safetensors headers are checked against the format', () => {
  it('a valid header passes', async () => {
    expect(
      await reason({ __metadata__: { format: 'pt' }, w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } })
    ).toBe('ok')
  })

  it('a null, array or string header is a plain error', async () => {
    for (const h of [null, [1], 'x'])
      expect(await reason(h)).toBe('w.safetensors: the header: expected a JSON object (safetensors header)')
  })

  it('negative, fractional or string shapes and string offsets are refused', async () => {
    expect(await reason({ w: { dtype: 'F32', shape: [-1, -2], data_offsets: [0, 8] } })).toMatch(
      /^w.safetensors: tensor 'w' shape.0: .*\(safetensors header\)$/
    )
    expect(await reason({ w: { dtype: 'F32', shape: ['2'], data_offsets: [0, 8] } })).toMatch(/tensor 'w' shape.0: /)
    expect(await reason({ w: { dtype: 'F32', shape: [1.5], data_offsets: [0, 8] } })).toMatch(/tensor 'w' shape.0: /)
    expect(await reason({ w: { dtype: 'F32', shape: [2], data_offsets: ['0', '8'] } })).toMatch(
      /tensor 'w' data_offsets.0: /
    )
    expect(await reason({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8], extra: 1 } })).toMatch(/tensor 'w'/)
  })

  it('unknown dtypes, wrong spans, overlaps and ranges outside the file are refused', async () => {
    expect(await reason({ w: { dtype: 'F31', shape: [2], data_offsets: [0, 8] } })).toMatch(
      /tensor 'w' dtype: expected a dtype of F64, F32/
    )
    expect(await reason({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } })).toMatch(
      /tensor 'w' has 8 bytes; its shape and dtype need 12/
    )
    expect(
      await reason(
        {
          a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
          b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] }
        },
        16
      )
    ).toMatch(/tensors 'a' and 'b' overlap/)
    expect(await reason({ w: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } })).toMatch(/lies outside the file/)
    expect(await reason({ __metadata__: { n: 1 }, w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } })).toMatch(
      /__metadata__ n: /
    )
  })
})
