import { serveRangeTasks } from '../data/row-worker.js'

// The validate action's worker threads: each checks ranges of a large data file (see row-worker.ts).
serveRangeTasks()
