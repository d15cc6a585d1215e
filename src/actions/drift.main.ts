import { runAction } from './common.js'
import { run } from './drift.js'

await runAction(run)
