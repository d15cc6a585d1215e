import { execFile } from 'node:child_process'
import { ConfigurationError } from '../errors.js'

/** Runs git with arguments (never through a shell) and returns stdout. */
export function git(
  cwd: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {}
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...options.env, GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim() || error.message
          reject(new GitError(`git ${args[0]} failed: ${detail}`, stderr))
        } else resolve(stdout)
      }
    )
    if (options.input !== undefined) child.stdin?.end(options.input)
  })
}

/** A git command that failed; `stderr` holds what git said. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string
  ) {
    super(message)
    this.name = 'GitError'
  }
}

/** The top folder of the git repository holding `dir`. */
export async function gitTopLevel(dir: string): Promise<string> {
  try {
    return (await git(dir, ['rev-parse', '--show-toplevel'])).trim()
  } catch {
    throw new ConfigurationError(`'${dir}' is not inside a git repository. Expected the registry to be tracked by git.`)
  }
}

/** Resolves a ref to a full commit sha, with a clear error for a missing ref. */
export async function resolveCommit(repo: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new ConfigurationError(`Invalid git ref '${ref}'. Expected a branch, tag or commit.`)
  try {
    return (await git(repo, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`])).trim()
  } catch {
    throw new ConfigurationError(
      `Git ref '${ref}' does not name a commit in ${repo}. Expected a branch, tag or commit (is the history fetched? use fetch-depth: 0).`
    )
  }
}
