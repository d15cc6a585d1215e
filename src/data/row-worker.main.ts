import { serveRangeTasks } from './row-worker.js'

serveRangeTasks()
