import { execFile } from 'node:child_process'
import { cp, mkdtemp, open, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { describe, expect, it } from 'vitest'
import { readRows, type RowEvent } from '../src/data/readers.js'
import { validateRegistry } from '../src/data/validate.js'
import { EXAMPLE_REGISTRY } from './helpers/git-repo.js'

async function rows(file: string, maxLineBytes = 1 << 20): Promise<RowEvent[]> {
  const out: RowEvent[] = []
  for await (const ev of readRows(file, { maxLineBytes })) out.push(ev)
  return out
}

async function tmpFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-data-'))
  const file = path.join(dir, name)
  await writeFile(file, content)
  return file
}

const errorsOf = (evs: RowEvent[]) =>
  evs.filter(e => e.kind === 'error').map(e => e.kind === 'error' && `${e.line}:${e.column} ${e.message}`)

describe('hostile dataset files get a located error, never a crash or a hang', () => {
  it('invalid UTF-8: the line and column of the bad byte, and the next line still read', async () => {
    const file = await tmpFile(
      'd.jsonl',
      Buffer.concat([
        Buffer.from('{"text":"ok","label":"a"}\n{"text":"caf'),
        Buffer.from([0xe9]),
        Buffer.from('","label":"b"}\n{"text":"fine","label":"c"}\n')
      ])
    )
    const evs = await rows(file)
    expect(errorsOf(evs)).toEqual(['2:13 invalid UTF-8 byte 0xe9 at column 13; expected UTF-8 text'])
    expect(evs.filter(e => e.kind === 'row')).toHaveLength(2)
  })

  it('a BOM and CRLF line endings are accepted', async () => {
    const file = await tmpFile('d.jsonl', '\uFEFF{"text":"a","label":"x"}\r\n{"text":"b","label":"y"}\r\n')
    const evs = await rows(file)
    expect(evs.map(e => e.kind === 'row' && e.value.text)).toEqual(['a', 'b'])
  })

  it('prototype keys and duplicate keys are refused', async () => {
    const file = await tmpFile(
      'd.jsonl',
      [
        '{"__proto__":{"polluted":true},"text":"a"}',
        '{"text":"b","meta":{"constructor":{"prototype":{"x":1}}}}',
        '{"text":"c","label":"x","label":"y"}',
        '{"text":"d: e","label":"x"}',
        // A space before one colon hides one key's '":' pair: the count alone would match the kept keys.
        '{"text":"f","label" :"x","label":"y"}'
      ].join('\n') + '\n'
    )
    const evs = await rows(file)
    expect(errorsOf(evs)).toEqual([
      "1:1 a key '__proto__', 'constructor' or 'prototype' is not allowed in a row; rename it",
      "2:1 a key '__proto__', 'constructor' or 'prototype' is not allowed in a row; rename it",
      "3:25 duplicate key 'label'; expected each key once per object (JSON.parse would keep only the last)",
      "5:26 duplicate key 'label'; expected each key once per object (JSON.parse would keep only the last)"
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(evs.filter(e => e.kind === 'row').at(-1)).toMatchObject({ kind: 'row', line: 4 })
  })

  it('a row nested 200,000 levels deep is refused at its line, without a stack overflow', async () => {
    const depth = 200_000
    const file = await tmpFile(
      'd.jsonl',
      `{"text":"a","label":"x"}\n{"text":"b","meta":${'['.repeat(depth)}${']'.repeat(depth)}}\n{"text":"c","label":"y"}\n`
    )
    const evs = await rows(file, 1 << 21)
    expect(errorsOf(evs)).toEqual(['2:1 the row nests more than 512 levels deep; expected a flat example'])
    expect(evs.filter(e => e.kind === 'row')).toHaveLength(2)
  })

  it('a lone surrogate escape is refused with its line and column; a pair is accepted', async () => {
    const file = await tmpFile(
      'd.jsonl',
      '{"text":"ok \\ud83d\\ude00"}\n{"text":"bad \\ud800 here"}\n{"text":"\\\\ud800 is text"}\n'
    )
    const evs = await rows(file)
    expect(errorsOf(evs)).toEqual([
      "2:14 lone surrogate '\\ud800' at column 14; expected well-formed Unicode text (strict UTF-8)"
    ])
    expect(evs.filter(e => e.kind === 'row').map(e => e.line)).toEqual([1, 3])
  })

  it('invalid JSON names the line and column', async () => {
    const file = await tmpFile('d.jsonl', '{"text":"a"}\n{"text": oops}\n[1,2]\n')
    expect(errorsOf(await rows(file))).toEqual([
      "2:10 invalid JSON: unexpected token 'o' at column 10",
      '3:1 expected a JSON object per line, got an array'
    ])
  })

  it('a line over the cap is reported and skipped; the rows after it are read', async () => {
    const file = await tmpFile('d.jsonl', `{"text":"a"}\n{"text":"${'x'.repeat(5000)}"}\n{"text":"c"}\n`)
    const evs = await rows(file, 1000)
    expect(errorsOf(evs)).toEqual([
      '2:1 line is 5011 bytes; expected at most 1000 bytes per line (policy.max_line_bytes in registry.yaml)'
    ])
    expect(evs.filter(e => e.kind === 'row').map(e => e.line)).toEqual([1, 3])
  })

  it('a single 1 GB line is read in bounded memory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-big-'))
    const file = path.join(dir, 'huge.jsonl')
    // A sparse 1 GiB file with no newline: one line of NUL bytes, then a normal row.
    const handle = await open(file, 'w')
    await handle.truncate(1 << 30)
    await handle.write('\n{"text":"after"}\n', 1 << 30)
    await handle.close()
    const script = `
      import { readRows } from ${JSON.stringify(path.resolve('src/data/readers.ts'))}
      const out = []
      for await (const ev of readRows(${JSON.stringify(file)}, { maxLineBytes: 1 << 20 })) out.push(ev.kind === 'error' ? ev.line + ' ' + ev.message : 'row ' + ev.line)
      console.log(JSON.stringify({ out, maxRssMb: process.resourceUsage().maxRSS / 1024 }))`
    const result = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { maxBuffer: 1 << 20 },
        (e, stdout) => (e ? reject(e) : resolve(stdout))
      )
    )
    await rm(dir, { recursive: true, force: true })
    const { out, maxRssMb } = JSON.parse(result) as { out: string[]; maxRssMb: number }
    expect(out).toEqual([
      '1 line is 1073741824 bytes; expected at most 1048576 bytes per line (policy.max_line_bytes in registry.yaml)',
      'row 2'
    ])
    expect(maxRssMb).toBeLessThan(300)
  }, 120_000)

  it('a .parquet file that is not Parquet gets a plain answer; a real one is read', async () => {
    const fake = await tmpFile('d.parquet', '{"text":"I am JSON"}\n')
    expect(errorsOf(await rows(fake))).toEqual([
      '1:1 not a Parquet file (no PAR1 magic bytes at both ends); expected a Parquet file or rename it'
    ])
    const truncated = await tmpFile(
      't.parquet',
      Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7), Buffer.from('PAR1')])
    )
    expect(errorsOf(await rows(truncated))[0]).toMatch(/^1:1 cannot read Parquet/)
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'text', data: ['first', 'second'] },
        { name: 'label', data: ['a', 'b'] }
      ]
    })
    const real = await tmpFile('r.parquet', Buffer.from(buffer))
    expect((await rows(real)).map(e => e.kind === 'row' && e.value)).toEqual([
      { text: 'first', label: 'a' },
      { text: 'second', label: 'b' }
    ])
  })

  it('CSV: rows with line numbers, a bad header and invalid UTF-8 refused', async () => {
    const good = await tmpFile('d.csv', 'text,label\n"hello, world",a\nbye,b\n')
    expect((await rows(good)).map(e => e.kind === 'row' && [e.line, e.value])).toEqual([
      [2, { text: 'hello, world', label: 'a' }],
      [3, { text: 'bye', label: 'b' }]
    ])
    const proto = await tmpFile('p.csv', 'text,__proto__\na,b\n')
    expect(errorsOf(await rows(proto))[0]).toMatch(/column '__proto__' is not allowed/)
    const bad = await tmpFile(
      'b.csv',
      Buffer.concat([Buffer.from('text,label\nok,a\ncaf'), Buffer.from([0xe9]), Buffer.from(',b\n')])
    )
    expect(errorsOf(await rows(bad))).toEqual([expect.stringMatching(/invalid UTF-8/)])
    const ragged = await tmpFile('r.csv', 'text,label\na,b,c\n')
    expect(errorsOf(await rows(ragged))[0]).toMatch(/^2:1 invalid CSV/)
  })
})

describe('hostile registries through validate', () => {
  async function registryCopy(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-val-'))
    await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
    return dir
  }
  const validate = (dir: string) => validateRegistry({ registryDir: path.join(dir, 'registry'), displayBase: dir })
  const all = (r: Awaited<ReturnType<typeof validate>>) => [
    ...r.registryProblems,
    ...r.models.flatMap(m => m.data.problems)
  ]

  it('a row with a format error is still checked for personal data: both reported at once', async () => {
    const dir = await registryCopy()
    const file = path.join(dir, 'registry/datasets/content-classifier/eval.jsonl')
    const text = await readFile(file, 'utf8')
    const row = JSON.parse(text.split('\n')[0]!) as Record<string, unknown>
    const bad = { ...row, label: 'not-a-label', text: 'Write to jane.doe@example.com for a refund' }
    await writeFile(file, JSON.stringify(bad) + '\n' + text.split('\n').slice(1).join('\n'))
    const r = await validate(dir)
    const line1 = all(r).filter(p => p.file === 'registry/datasets/content-classifier/eval.jsonl' && p.line === 1)
    expect(line1.map(p => p.message)).toEqual([
      expect.stringMatching(/label 'not-a-label'/),
      expect.stringMatching(/^personal data or secret in eval data: email/)
    ])
  })

  it('empty and whitespace-only data files are errors', async () => {
    const dir = await registryCopy()
    await writeFile(path.join(dir, 'registry/datasets/schema-markup/eval.jsonl'), '')
    await writeFile(path.join(dir, 'registry/datasets/content-classifier/eval.jsonl'), '   \n\n \t\n')
    const r = await validate(dir)
    expect(r.valid).toBe(false)
    expect(all(r)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'registry/datasets/schema-markup/eval.jsonl',
          line: 1,
          message: 'the file has no rows; expected at least one example'
        }),
        expect.objectContaining({
          file: 'registry/datasets/content-classifier/eval.jsonl',
          line: 1,
          message: 'the file has no rows; expected at least one example'
        })
      ])
    )
  })

  it('a billion-laughs model.yaml, a ../ path and a symlink out fail validation with their locations', async () => {
    const dir = await registryCopy()
    const lol = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefgh'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)
    ]
    await writeFile(path.join(dir, 'registry/models/content-classifier/model.yaml'), lol.join('\n'))
    const spec = path.join(dir, 'registry/models/schema-markup/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace('train: datasets/schema-markup/train.jsonl', 'train: ../../outside.jsonl')
    )
    await rm(path.join(dir, 'registry/datasets/seo-writer/eval.jsonl'))
    await symlink('/etc/passwd', path.join(dir, 'registry/datasets/seo-writer/eval.jsonl'))
    const r = await validate(dir)
    expect(r.valid).toBe(false)
    const messages = all(r).map(p => `${p.file}:${p.line} ${p.message}`)
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^registry\/models\/content-classifier\/model.yaml:2 .*(aliases|resource exhaustion)/),
        expect.stringMatching(
          /^registry\/models\/schema-markup\/model.yaml:\d+ data.train: path '..\/..\/outside.jsonl' contains '..'/
        ),
        expect.stringMatching(
          /^registry\/datasets\/seo-writer\/eval.jsonl:1 symbolic link leads outside the registry folder/
        )
      ])
    )
  })
})
