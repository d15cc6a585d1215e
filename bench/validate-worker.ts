// One measured run, in its own process so its peak RSS is its own: `baseline FILE...`, `validate REGISTRY`,
// or `validate-base REGISTRY BASE` (the whole validation of a change, as `tunegate validate --base BASE`).
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { checkModelData } from '../src/data/dataset-check.js'
import { validateRegistry } from '../src/data/validate.js'
import { loadRegistry } from '../src/registry/loader.js'
import { cpuSeconds } from './child-run.js'

const [mode, target, ...more] = process.argv.slice(2)
const started = performance.now()
// CPU from here too: the modules' start (through tsx) is not the work measured, on either side.
const cpuAtStart = cpuSeconds()
let rows = 0
if (mode === 'baseline') {
  for (const file of [target!, ...more]) {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
    for await (const line of lines) {
      if (line) {
        JSON.parse(line)
        rows++
      }
    }
  }
} else if (mode === 'validate-base') {
  const result = await validateRegistry({ registryDir: target!, base: more[0]!, head: 'HEAD' })
  rows = result.models.reduce((n, m) => n + m.data.splits.train.rows + m.data.splits.eval.rows, 0)
  if (result.models.length !== result.affected.length || !result.valid)
    throw new Error(`unexpected: ${result.models.length} models validated, errors ${result.counts.errors}`)
} else {
  const registry = await loadRegistry(target!)
  if (!registry.config || registry.problems.some(p => p.severity === 'error'))
    throw new Error(JSON.stringify(registry.problems))
  const report = await checkModelData(registry.models[0]!, registry.config)
  rows = report.splits.train.rows + report.splits.eval.rows
  if (report.counts.errors) throw new Error(`unexpected errors: ${JSON.stringify(report.problems.slice(0, 3))}`)
}
const ms = performance.now() - started
console.log(
  JSON.stringify({ ms, cpuS: cpuSeconds() - cpuAtStart, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 })
)
