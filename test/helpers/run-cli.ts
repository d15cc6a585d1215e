import { execFile } from 'node:child_process'
import path from 'node:path'

export const CLI = path.resolve(import.meta.dirname, '../../bin/tunegate.js')

/** Runs the tunegate CLI as a user would, in a child process. */
export function runCli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  /** Written to the CLI's stdin, which is then closed (closed at once without it), as a pipe would. */
  input = ''
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
      }
    )
    child.stdin?.end(input)
  })
}
