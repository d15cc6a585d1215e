import { serveRangeTasks } from '../data/row-worker.js'

// The CLI's worker-thread and template-sandbox entry (dist/cli/worker/index.js), as each action has its own.
serveRangeTasks()
