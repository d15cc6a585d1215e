import { runAction } from './common.js'
import { run } from './promote.js'

await runAction(run)
