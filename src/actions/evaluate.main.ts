import { run } from './evaluate.js'

await run()
