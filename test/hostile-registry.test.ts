import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import yazl from 'yazl'
import { validateRegistry } from '../src/data/validate.js'
import { unzipTo } from '../src/registry/unzip.js'
import { EXAMPLE_REGISTRY } from './helpers/git-repo.js'

async function registryCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-hostile-reg-'))
  await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
  return dir
}
const validate = (dir: string) => validateRegistry({ registryDir: path.join(dir, 'registry'), displayBase: dir })
const messages = (r: Awaited<ReturnType<typeof validate>>) =>
  [...r.registryProblems, ...r.models.flatMap(m => m.data.problems)].map(p => `${p.file}:${p.line} ${p.message}`)

/** A zip of one entry of `bytes` zero bytes, streamed into yazl. */
async function zeros(bytes: number): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  let left = bytes
  const chunk = Buffer.alloc(1 << 20)
  zip.addReadStream(
    new Readable({
      read() {
        const n = Math.min(chunk.length, left)
        left -= n
        this.push(n ? chunk.subarray(0, n) : null)
      }
    }),
    'adapter/adapter_model.safetensors'
  )
  zip.end()
  const parts: Buffer[] = []
  for await (const part of zip.outputStream) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

describe('a pull request cannot raise the bounds of its own checks', () => {
  it('policy.max_line_bytes above 16 MiB is refused at its line', async () => {
    const dir = await registryCopy()
    const file = path.join(dir, 'registry/registry.yaml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('max_line_bytes: 1048576', 'max_line_bytes: 67108864'))
    const r = await validate(dir)
    expect(r.valid).toBe(false)
    expect(messages(r)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^registry\/registry.yaml:\d+ .*expected at most 16777216 \(16 MiB\)/)
      ])
    )
  })

  it('100,002 use cases are refused in seconds with a clear message', async () => {
    const dir = await registryCopy()
    const spec = path.join(dir, 'registry/models/content-classifier/model.yaml')
    const names = Array.from({ length: 100_002 }, (_, i) => `uc-${i}`)
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace(/^use_cases: .*$/m, `use_cases: [${names.join(', ')}]`)
    )
    const r = await validate(dir)
    expect(messages(r)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^registry\/models\/content-classifier\/model.yaml:\d+ .*expected at most 1000 use cases/)
      ])
    )
  }, 30_000)
})

describe('names, tiers and ids that would mislead', () => {
  it('model names that differ only in case are refused', async () => {
    const dir = await registryCopy()
    await cp(
      path.join(dir, 'registry/models/content-classifier'),
      path.join(dir, 'registry/models/Content-Classifier'),
      {
        recursive: true
      }
    )
    const spec = path.join(dir, 'registry/models/Content-Classifier/model.yaml')
    await writeFile(spec, (await readFile(spec, 'utf8')).replace(/^name: .*$/m, 'name: Content-Classifier'))
    const r = await validate(dir)
    expect(r.valid).toBe(false)
    expect(messages(r)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^registry\/models\/Content-Classifier\/model.yaml:\d+ model name 'Content-Classifier' differs only in case from 'content-classifier'/
        ),
        expect.stringMatching(
          /^registry\/models\/content-classifier\/model.yaml:\d+ model name 'content-classifier' differs/
        )
      ])
    )
  })

  it('a tier with 0 approvals that names an environment, or is the highest, is a governance warning', async () => {
    const dir = await registryCopy()
    const file = path.join(dir, 'registry/registry.yaml')
    await writeFile(file, (await readFile(file, 'utf8')).replace('approvals: 2', 'approvals: 0'))
    const r = await validate(dir)
    const text = await readFile(file, 'utf8')
    const line = text.split('\n').findIndex(l => l.includes('approvals: 0')) + 1
    expect(r.registryProblems).toEqual(
      expect.arrayContaining([
        {
          file: 'registry/registry.yaml',
          line,
          column: 16,
          severity: 'warning',
          message:
            "risk tier 'high' needs 0 approvals but names the environment 'model-production' and is the highest (last listed) tier; expected at least 1 approval, or a tier that does not claim to guard production"
        }
      ])
    )
  })

  it('an id of 1e400 is "not finite"; an id over 256 characters is refused', async () => {
    const dir = await registryCopy()
    const file = path.join(dir, 'registry/datasets/content-classifier/eval.jsonl')
    const lines = (await readFile(file, 'utf8')).split('\n')
    lines[0] = lines[0]!.replace(/"id":"[^"]*"/, '"id":1e400')
    lines[1] = lines[1]!.replace(/"id":"[^"]*"/, `"id":"${'x'.repeat(300)}"`)
    await writeFile(file, lines.join('\n'))
    const r = await validate(dir)
    expect(messages(r)).toEqual(
      expect.arrayContaining([
        "registry/datasets/content-classifier/eval.jsonl:1 field 'id' is a number that is not finite; expected a string or a finite number",
        "registry/datasets/content-classifier/eval.jsonl:2 field 'id' is 300 characters; expected at most 256"
      ])
    )
  })
})

describe('zip bombs in downloaded artifacts', () => {
  it('an entry that unpacks at a ratio over the cap is refused before it is written', async () => {
    const bomb = await zeros(200 << 20)
    expect(bomb.length).toBeLessThan(1 << 20)
    const out = await mkdtemp(path.join(tmpdir(), 'tg-bomb-'))
    await expect(unzipTo(bomb, out)).rejects.toThrow(/ratio over 200; refused as a zip bomb/)
    expect(await readdir(out)).toEqual([])
  })

  it('an archive over the total size cap is refused', async () => {
    const zip = await zeros(3 << 20)
    const out = await mkdtemp(path.join(tmpdir(), 'tg-bomb-'))
    await expect(unzipTo(zip, out, { maxTotalBytes: 2 << 20, maxRatio: 1e9 })).rejects.toThrow(
      /unpacks to more than 2097152 bytes uncompressed; refused as a zip bomb/
    )
    await unzipTo(zip, out, { maxRatio: 1e9 })
    expect(await readdir(path.join(out, 'adapter'))).toEqual(['adapter_model.safetensors'])
  })
})
