// `npm run bench`: every benchmark, each printing a ratio against a baseline measured in the same run.
import { benchCliStartup } from './cli-startup.bench.js'
import { benchDrift } from './drift.bench.js'
import { benchEvaluateProduction } from './evaluate-production.bench.js'
import { benchEvaluation } from './evaluation.bench.js'
import { benchJudge } from './judge.bench.js'
import { benchRegistryShow } from './registry-show.bench.js'
import { benchSite } from './site.bench.js'
import { benchTextScan } from './text-scan.bench.js'
import { benchValidate } from './validate.bench.js'
import { benchValidateBase } from './validate-base.bench.js'

const only = process.argv[2]
const benches: Record<string, () => Promise<unknown>> = {
  validate: benchValidate,
  evaluation: benchEvaluation,
  drift: benchDrift,
  'registry-show': benchRegistryShow,
  'validate-base': benchValidateBase,
  'evaluate-production': benchEvaluateProduction,
  'text-scan': benchTextScan,
  'cli-startup': benchCliStartup,
  site: benchSite,
  judge: benchJudge
}
let failed = false
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue
  try {
    await bench()
  } catch (e) {
    failed = true
    console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`)
  }
}
process.exitCode = failed ? 1 : 0
