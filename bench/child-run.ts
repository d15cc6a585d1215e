// What the benchmarks share: a measured pass in its own process (so its peak RSS is its own), generated rows,
// and the load average that says how far a ratio on a shared machine can be trusted.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { loadavg } from 'node:os'
import { rng } from '../scripts/example-data.js'

/** Runs `script args…` under tsx and returns the JSON object its last stdout line holds. */
export function measuredChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { maxBuffer: 1 << 24 }, (e, stdout, stderr) =>
      e ? reject(new Error(stderr || e.message)) : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as T)
    )
  )
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
