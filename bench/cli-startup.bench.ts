// `tunegate --help` from the bundle (dist/cli/index.js, what the installed package runs), against `node -e 0` in
// the same run: the CLI's start-up beyond Node's own. Target: under 0.3 s, taken as at most 5x `node -e 0`
// (0.06 s where Node starts in that) so the figure means the same on a slower machine. The sources through
// tsx (a clone's `node bin/tunegate.js`) run once, for contrast.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { loadLine } from './child-run.js'

const RUNS = 9
const bin = path.join(import.meta.dirname, '../bin/tunegate.js')

/** Wall time of one child process, in seconds; throws on a non-zero exit. */
function seconds(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now()
  const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8' })
  const s = (performance.now() - started) / 1000
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return s
}

/** The median of RUNS runs after one warm-up (the page cache, and Node 22's compile cache). */
function median(args: string[], env: NodeJS.ProcessEnv = {}): number {
  seconds(args, env)
  const runs = Array.from({ length: RUNS }, () => seconds(args, env)).sort((a, b) => a - b)
  return runs[Math.floor(RUNS / 2)]!
}

export async function benchCliStartup(): Promise<{ ratio: number }> {
  if (!existsSync(path.join(import.meta.dirname, '../dist/cli/index.js')))
    throw new Error('dist/cli/index.js is missing: run `node scripts/build.mjs cli` first')
  const node = median(['-e', '0'])
  const help = median([bin, '--help'], { TUNEGATE_CLI: 'bundle' })
  const sources = seconds([bin, '--help'], { TUNEGATE_CLI: 'sources' })
  const ratio = help / node
  console.log(`cli start-up: tunegate --help, median of ${RUNS}`)
  console.log(`  node -e 0: ${node.toFixed(3)} s`)
  console.log(`  tunegate --help (bundle): ${help.toFixed(3)} s`)
  console.log(`  tunegate --help (sources through tsx, one run): ${sources.toFixed(3)} s`)
  console.log(`  ratio ${ratio.toFixed(2)}x of node -e 0 (target <= 5): ${ratio <= 5 ? 'PASS' : 'FAIL'}`)
  console.log(loadLine())
  return { ratio }
}
