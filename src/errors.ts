/** A problem in the user's input, located at a file, line and column. */
export interface Problem {
  file: string
  line: number
  column: number
  severity: 'error' | 'warning'
  message: string
  /** Rows this one problem stands for: the same cause in several rows is reported once (default 1). */
  rows?: number
}

/** Marks the user's mistakes apart from bugs: reported as a message, never as a stack trace. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigurationError'
  }
}

/** A configuration error that carries every problem found, not only the first. */
export class ProblemsError extends ConfigurationError {
  readonly problems: Problem[]
  constructor(problems: Problem[], headline?: string) {
    const errors = problems.filter(p => p.severity === 'error')
    super(
      [
        headline ?? `${errors.length} problem${errors.length === 1 ? '' : 's'} found:`,
        ...problems.map(formatProblem)
      ].join('\n')
    )
    this.name = 'ProblemsError'
    this.problems = problems
  }
}

/** `file:line:col: severity: message`, the form editors and GitHub problem matchers read. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`
}

/** The message of anything thrown; a thrown non-Error is still reported. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) {
    if (e.message) return e.message
    const status = (e as { status?: number }).status
    return `${e.name || 'Error'}${status ? ` (HTTP ${status})` : ''} with no message`
  }
  if (typeof e === 'string') return e
  try {
    return `Unexpected error: ${JSON.stringify(e)}`
  } catch {
    return `Unexpected error: ${String(e)}`
  }
}

/** True for errors the user can fix (bad input), false for bugs. */
export function isUserError(e: unknown): boolean {
  return e instanceof ConfigurationError
}
