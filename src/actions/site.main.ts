import { runAction } from './common.js'
import { run } from './site.js'

await runAction(run)
