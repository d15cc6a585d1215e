import { runAction } from './common.js'
import { run } from './validate.js'

await runAction(run)
