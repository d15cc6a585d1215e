// What the benchmarks share: a measured pass in its own process (so its peak RSS is its own), generated rows,
// and the load average that says how far a ratio on a shared machine can be trusted.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import path from 'node:path'
import { rng } from '../scripts/example-data.js'

/**
 * Runs `script args…` and returns the JSON object its last stdout line holds: a TypeScript script under tsx, a
 * bundle (see bundled) as it is.
 */
export function measuredChild<T>(script: string, args: string[]): Promise<T> {
  const node = script.endsWith('.ts') ? ['--import', 'tsx', script] : [script]
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [...node, ...args], { maxBuffer: 1 << 24 }, (e, stdout, stderr) =>
      e ? reject(new Error(stderr || e.message)) : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as T)
    )
  )
}

/**
 * A measured script bundled as Tunegate ships its code (scripts/build.mjs: one file per entry, the data-checking
 * worker and template sandbox entry beside it in worker/index.js), in `dir`; returns the bundle's path. Run from
 * TypeScript sources, every worker thread and sandbox process would also start tsx and transpile the modules it
 * loads, which no run of the actions or the installed CLI does. esbuild, not ncc: the same single-file bundle in
 * a second rather than a minute.
 */
export async function bundled(script: string, dir: string): Promise<string> {
  const { build } = await import('esbuild')
  // ES modules that some dependencies' CommonJS code still calls require() from.
  const banner = {
    js: "import { createRequire as __tgRequire } from 'node:module'; const require = __tgRequire(import.meta.url);"
  }
  const common = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner
  } as const
  const out = path.join(dir, 'index.js')
  await build({ ...common, entryPoints: [script], outfile: out })
  const worker = path.join(import.meta.dirname, '../src/cli/tunegate.worker.ts')
  await build({ ...common, entryPoints: [worker], outfile: path.join(dir, 'worker', 'index.js') })
  for (const folder of [dir, path.join(dir, 'worker')])
    await writeFile(path.join(folder, 'package.json'), '{ "type": "module" }\n')
  return out
}

/** Writes `rows` JSONL rows made by `row` from a seeded generator, numbered from `serialFrom`. */
export async function writeRows(
  file: string,
  rows: number,
  seed: number,
  serialFrom: number,
  row: (r: ReturnType<typeof rng>, serial: number) => unknown
): Promise<void> {
  const out = createWriteStream(file)
  const r = rng(seed)
  for (let i = 0; i < rows; i++) if (!out.write(JSON.stringify(row(r, serialFrom + i)) + '\n')) await once(out, 'drain')
  out.end()
  await once(out, 'finish')
}

/** The machine's load, printed under each result. */
export function loadLine(): string {
  return `  load average (1, 5, 15 min): ${loadavg()
    .map(l => l.toFixed(2))
    .join(', ')}`
}

/**
 * CPU seconds this process has used, its threads and its ended child processes (git) included: on a machine shared
 * with other work, wall time is mostly waiting for a core, and CPU time is not. A child still running is not
 * counted (validate's template sandbox lives until the process exits). The children's share is read from
 * /proc/self/stat (cutime and cstime, in clock ticks of 1/100 s); 0 where there is no /proc.
 */
export function cpuSeconds(): number {
  const own = process.cpuUsage()
  let children = 0
  try {
    // The command name, in parentheses, may hold spaces: the fields are counted after its closing parenthesis.
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')
    children = (Number(fields[13]) + Number(fields[14])) / 100
  } catch {
    children = 0
  }
  return (own.user + own.system) / 1e6 + children
}
