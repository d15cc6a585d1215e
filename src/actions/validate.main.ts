import { run } from './validate.js'

await run()
