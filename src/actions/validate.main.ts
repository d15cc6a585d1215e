import { isRowWorker, serveRangeTasks } from '../data/row-worker.js'
import { run } from './validate.js'

// The bundle is also the worker-thread script for checking large files in parallel.
if (isRowWorker()) serveRangeTasks()
else await run()
