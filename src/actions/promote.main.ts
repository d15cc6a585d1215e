import { run } from './promote.js'

await run()
