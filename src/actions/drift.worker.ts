import { serveRangeTasks } from '../data/row-worker.js'

// The drift action's prompt-template sandbox process (src/prompts/sandbox.ts) runs this bundle.
serveRangeTasks()
