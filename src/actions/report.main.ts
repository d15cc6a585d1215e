import { runAction } from './common.js'
import { run } from './report.js'

await runAction(run)
