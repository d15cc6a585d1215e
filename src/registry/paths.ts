import { lstatSync, realpathSync } from 'node:fs'
import { realpath } from 'node:fs/promises'
import path from 'node:path'

/** Weight and data formats that execute code when loaded; never accepted anywhere in a registry. */
export const PICKLE_EXTENSIONS = ['.bin', '.pt', '.pth', '.ckpt', '.pkl', '.pickle'] as const

/** True when a file name has a pickle-based extension. */
export function isPickleFile(name: string): boolean {
  const lower = name.toLowerCase()
  return PICKLE_EXTENSIONS.some(ext => lower.endsWith(ext))
}

/**
 * Why a path written in a spec may not be used, or null when its form is acceptable.
 * Checks the form only; `resolveConfined` also checks where it leads on disk.
 */
export function pathFormProblem(p: string): string | null {
  if (p.length === 0) return 'expected a relative path, got an empty string'
  if (p.includes('\0')) return `path '${p}' contains a NUL byte; expected a relative path`
  if (path.posix.isAbsolute(p) || path.win32.isAbsolute(p) || /^[a-zA-Z]:/.test(p)) {
    return `path '${p}' is absolute; expected a path relative to the registry folder`
  }
  if (p.split(/[\\/]/).some(seg => seg === '..')) {
    return `path '${p}' contains '..'; expected a path inside the registry folder`
  }
  return null
}

export type Confined = { ok: true; absolute: string } | { ok: false; reason: string }

/**
 * Resolves a spec path against the registry root and proves it stays inside:
 * no absolute path, no `..`, and no symlink on the way that leads out. `rootIsReal`: `root` is its own realpath.
 */
export async function resolveConfined(root: string, relative: string, rootIsReal = false): Promise<Confined> {
  const formProblem = pathFormProblem(relative)
  if (formProblem) return { ok: false, reason: formProblem }
  // A caller that resolved the root already (the loader, a dozen references per model) spares the call.
  const rootReal = rootIsReal ? root : await realpath(root)
  const joined = path.resolve(rootReal, relative)
  let real: string
  try {
    // Synchronous: two calls of a few microseconds each, where the promise round trip through the thread pool
    // costs several times that (a registry-wide change resolves thousands of references).
    real = realpathSync.native(joined)
  } catch {
    return {
      ok: false,
      reason: `file '${relative}' does not exist (looked for ${path.relative(process.cwd(), joined) || joined})`
    }
  }
  if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
    return {
      ok: false,
      reason: `path '${relative}' leads outside the registry folder through a symbolic link (to ${real})`
    }
  }
  const stat = lstatSync(real)
  if (!stat.isFile()) return { ok: false, reason: `path '${relative}' is not a regular file` }
  return { ok: true, absolute: real }
}
