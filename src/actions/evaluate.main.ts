import { runAction } from './common.js'
import { run } from './evaluate.js'

await runAction(run)
