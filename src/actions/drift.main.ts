import { run } from './drift.js'

await run()
