// Worker-thread entry when running from TypeScript sources (CLI from a clone, tests): Node 20 does not
// carry loader hooks into workers, so the worker registers tsx itself before loading the checks.
import { register } from 'tsx/esm/api'

register()
await import('./row-worker.main.ts')
