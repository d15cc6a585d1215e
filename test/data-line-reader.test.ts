import { isUtf8 } from 'node:buffer'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readLineBatches } from '../src/data/line-reader.js'

/** What each line of a file should read as, computed the plain way: split the bytes on '\n'. */
function expected(bytes: Buffer, max: number): string[] {
  let body = bytes
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3)
  const out: string[] = []
  let line = 1
  for (let i = 0; i < body.length; line++) {
    let nl = body.indexOf(10, i)
    if (nl < 0) nl = body.length
    const piece = body.subarray(i, nl)
    const text = piece.at(-1) === 13 ? piece.subarray(0, -1) : piece
    if (piece.length > max) out.push(`${line} too long ${piece.length}`)
    else if (!isUtf8(text)) out.push(`${line} invalid`)
    else out.push(`${line} ${text.toString('utf8')}`)
    i = nl + 1
  }
  return out
}

/** Lines whose '":' pairs the reader counted (on the bytes), each checked against the text. */
let keyMarksChecked = 0

async function read(file: string, max: number, chunkBytes: number): Promise<{ lines: string[]; count: number }> {
  const lines: string[] = []
  let count = -1
  const options = { maxLineBytes: max, chunkBytes, onEnd: (n: number) => (count = n), keyMarks: true }
  for await (const batch of readLineBatches(file, options)) {
    for (const ev of batch) {
      if (ev.kind === 'line') {
        lines.push(`${ev.line} ${ev.text}`)
        if (ev.keyMarks !== undefined) {
          expect(ev.keyMarks, ev.text).toBe(ev.text.split('":').length - 1)
          keyMarksChecked++
        }
      } else {
        const m = /^line is (\d+) bytes/.exec(ev.message)
        lines.push(m ? `${ev.line} too long ${m[1]}` : `${ev.line} invalid`)
      }
    }
  }
  return { lines, count }
}

describe('the line reader', () => {
  const dirs: string[] = []
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true })
  })

  it('reads what a plain split reads, whatever the chunk size: multi-byte text, CRLF, invalid bytes, long lines, a BOM', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-lines-'))
    dirs.push(dir)
    let seed = 11
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
    const pieces = [
      Buffer.from('{"a":1}'),
      Buffer.from('é€😀'),
      Buffer.from('\r'),
      Buffer.from([0xff]),
      Buffer.from([0xe2, 0x82]),
      Buffer.from(' '),
      Buffer.from('x'.repeat(40)),
      Buffer.from('\n'),
      Buffer.from('\n')
    ]
    for (let f = 0; f < 40; f++) {
      const parts: Buffer[] = f % 5 === 0 ? [Buffer.from([0xef, 0xbb, 0xbf])] : []
      const n = Math.floor(random() * 60)
      for (let k = 0; k < n; k++) parts.push(pieces[Math.floor(random() * pieces.length)]!)
      const bytes = Buffer.concat(parts)
      const file = path.join(dir, `f${f}.jsonl`)
      await writeFile(file, bytes)
      for (const max of [30, 1000]) {
        const want = expected(bytes, max)
        for (const chunk of [1, 3, 7, 16, 64, 4096]) {
          const got = await read(file, max, chunk)
          expect(
            got.lines,
            `file ${f}, max ${max}, chunks of ${chunk}: ${JSON.stringify(bytes.toString('latin1'))}`
          ).toEqual(want)
          expect(got.count).toBe(want.length)
        }
      }
    }
    expect(keyMarksChecked).toBeGreaterThan(500)
  })

  it('counts a CR in the line cap, as the bytes of the line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-lines-'))
    dirs.push(dir)
    const file = path.join(dir, 'cap.jsonl')
    // Three 3-byte characters: 9 bytes, or 10 with the CR of a CRLF ending.
    const bytes = Buffer.from('€€€\r\n€€€\n€€€€\n')
    await writeFile(file, bytes)
    const got = await read(file, 9, 4096)
    expect(got.lines).toEqual(['1 too long 10', '2 €€€', '3 too long 12'])
    expect(got.lines).toEqual(expected(bytes, 9))
  })

  it('reads a file of many chunks and decoded pieces (default sizes) line for line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-lines-'))
    dirs.push(dir)
    const lines = Array.from(
      { length: 4000 },
      (_, i) =>
        (i % 7 === 0
          ? `{"text": "é€😀 ${'y'.repeat(i % 900)}"}`
          : `{"n": ${i}, "pad": "${'x'.repeat((i * 37) % 1500)}"}`) + (i % 5 === 0 ? '\r' : '')
    )
    const bytes = Buffer.from(lines.join('\n') + '\n')
    expect(bytes.length).toBeGreaterThan(2 * (1 << 20))
    const file = path.join(dir, 'big.jsonl')
    await writeFile(file, bytes)
    const got: string[] = []
    for await (const batch of readLineBatches(file, { maxLineBytes: 1 << 20 }))
      for (const ev of batch) got.push(ev.kind === 'line' ? `${ev.line} ${ev.text}` : `${ev.line} error`)
    expect(got).toEqual(expected(bytes, 1 << 20))
  })
})
