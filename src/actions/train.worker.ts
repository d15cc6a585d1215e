import { serveRangeTasks } from '../data/row-worker.js'

// The train action's prompt-template sandbox process (src/prompts/sandbox.ts) runs this bundle.
serveRangeTasks()
