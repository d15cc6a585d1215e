// `tunegate registry show` over 50,000 GTO tags (1,000 models, each with 25 versions registered and assigned to
// production on their own commits), against `git for-each-ref` reading the same tags' fields in the same run.
// Target: show within 2x the for-each-ref. Both run in this process's child git; show's own work (parsing,
// state replay, the table) is what the ratio adds. The CLI's start-up (tsx) is measured apart: it does not
// grow with the tags.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { registryShow } from '../src/cli/registry-commands.js'

const TAGS = Number(process.env.BENCH_TAGS ?? 50_000)
const MODELS = 1_000
// What readTags asks git for: the same fields, so the baseline is the read that show cannot avoid.
const FORMAT =
  '%(refname:strip=2)%1f%(objecttype)%1f%(taggerdate:unix)%1f%(*objectname)%1f%(objectname)%1f%(taggername)%1f%(contents)%1e'

/** A repository of `tags` annotated tags written by one git fast-import, then packed as a clone would be. */
export function tagRepository(dir: string, tags: number): void {
  execFileSync('git', ['init', '-q', dir])
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`
  const chunks: string[] = []
  const versions = Math.ceil(tags / 2 / MODELS)
  let mark = 0
  for (let v = 0; v < versions; v++)
    for (let m = 0; m < MODELS && mark * 2 < tags; m++) {
      mark++
      const at = 1_700_000_000 + mark * 10
      const model = `model-${String(m).padStart(4, '0')}`
      const tag = (name: string, time: number, message: string) =>
        `tag ${name}\nfrom :${mark}\ntagger tunegate <t@x.test> ${time} +0000\n${data(message)}`
      chunks.push(
        `commit refs/heads/main\nmark :${mark}\ncommitter T <t@x.test> ${at} +0000\n${data(`change ${mark}`)}` +
          `M 644 inline change.txt\n${data(String(mark))}` +
          tag(`${model}@v1.${v}.0`, at, `${model} v1.${v}.0\n\ntraining_fingerprint: ${'0'.repeat(64)}`) +
          tag(`${model}#production#${v + 1}`, at + 1, `${model} v1.${v}.0 lands in production`)
      )
    }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 28 })
  execFileSync('git', ['gc', '-q'], { cwd: dir })
  // An empty registry folder: show lists the tags' models.
  mkdirSync(path.join(dir, 'registry'))
}

function time<T>(f: () => T): { ms: number; value: T } {
  const started = performance.now()
  const value = f()
  return { ms: performance.now() - started, value }
}

/** Median of three runs: one run on a shared machine is noise. */
async function median(f: () => Promise<unknown> | unknown): Promise<number> {
  const runs: number[] = []
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    await f()
    runs.push(performance.now() - started)
  }
  return runs.sort((a, b) => a - b)[1]!
}

export async function benchRegistryShow(): Promise<{ ratio: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-bench-show-'))
  try {
    const made = time(() => tagRepository(dir, TAGS))
    console.log(
      `registry show: ${TAGS.toLocaleString()} tags of ${MODELS} models (made in ${(made.ms / 1000).toFixed(1)} s)`
    )
    const forEachRef = () =>
      execFileSync('git', ['for-each-ref', 'refs/tags', `--format=${FORMAT}`], { cwd: dir, maxBuffer: 1 << 28 })
    forEachRef() // warm the page cache for both sides
    const baseline = await median(forEachRef)
    let lines = 0
    const out = { line: () => void lines++, error: () => undefined, interactive: false }
    const show = await median(() => registryShow(path.join(dir, 'registry'), false, out, dir))
    const ratio = show / baseline
    console.log(`  git for-each-ref (the same fields): ${(baseline / 1000).toFixed(2)} s`)
    console.log(`  tunegate registry show (in process): ${(show / 1000).toFixed(2)} s`)
    // The command as a user starts it, for its fixed start-up cost (not part of the ratio).
    const cli = path.join(import.meta.dirname, '../bin/tunegate.js')
    const started = performance.now()
    const run = spawnSync(process.execPath, [cli, 'registry', 'show', '--registry', path.join(dir, 'registry')], {
      cwd: dir,
      maxBuffer: 1 << 26
    })
    const cliMs = performance.now() - started
    console.log(
      `  bin/tunegate.js registry show (start-up included): ${(cliMs / 1000).toFixed(2)} s, exit ${run.status}, ${String(run.stdout).split('\n').length - 1} lines`
    )
    console.log(`  ratio ${ratio.toFixed(2)}x of for-each-ref (target <= 2): ${ratio <= 2 ? 'PASS' : 'FAIL'}`)
    return { ratio }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
