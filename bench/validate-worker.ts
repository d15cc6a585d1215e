// One measured run, in its own process so its peak RSS is its own: `baseline FILE` or `validate REGISTRY`.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { checkModelData } from '../src/data/dataset-check.js'
import { loadRegistry } from '../src/registry/loader.js'

const [mode, target] = process.argv.slice(2)
const started = performance.now()
let rows = 0
if (mode === 'baseline') {
  const lines = createInterface({ input: createReadStream(target!), crlfDelay: Infinity })
  for await (const line of lines) {
    if (line) {
      JSON.parse(line)
      rows++
    }
  }
} else {
  const registry = await loadRegistry(target!)
  if (!registry.config || registry.problems.some(p => p.severity === 'error'))
    throw new Error(JSON.stringify(registry.problems))
  const report = await checkModelData(registry.models[0]!, registry.config)
  rows = report.splits.train.rows + report.splits.eval.rows
  if (report.counts.errors) throw new Error(`unexpected errors: ${JSON.stringify(report.problems.slice(0, 3))}`)
}
console.log(JSON.stringify({ ms: performance.now() - started, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }))
