import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { appendFile, mkdtemp, open, rename, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { pipeline } from 'node:stream/promises'
import { ConfigurationError } from '../errors.js'

/**
 * Git LFS pointer files (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): a pointer is
 * under 1,024 bytes of `key value` lines, `version https://git-lfs.github.com/spec/v1` first, then
 * `oid sha256:<64 hex>` and `size <bytes>` (and optional `ext-…` lines). The oid is the sha256 of the
 * file's content, so a pointer tells the content's digest without the content.
 */
export const LFS_POINTER_MAX_BYTES = 1024

const VERSION_LINE = 'version https://git-lfs.github.com/spec/v1'

/** What a pointer says of its object: the content's sha256 and size. */
export interface LfsPointer {
  oid: string
  size: number
}

/** How long one git-lfs command may take (an object of gigabytes downloaded on a slow runner). */
const LFS_TIMEOUT_MS = 60 * 60 * 1000

/** The pointer a file's bytes spell, or undefined when they are not one (hand-written: no library parses it). */
export function parseLfsPointer(bytes: Buffer | string): LfsPointer | undefined {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('latin1')
  if (text.length >= LFS_POINTER_MAX_BYTES || !text.startsWith(`${VERSION_LINE}\n`)) return undefined
  let oid: string | undefined
  let size: number | undefined
  for (const line of text.split('\n').slice(1)) {
    if (line === '') continue
    const m = /^([a-z0-9.-]+) (.+)$/.exec(line)
    if (!m) return undefined
    if (m[1] === 'oid') oid = /^sha256:([0-9a-f]{64})$/.exec(m[2]!)?.[1]
    else if (m[1] === 'size') size = /^\d{1,15}$/.test(m[2]!) ? Number(m[2]) : undefined
  }
  return oid !== undefined && size !== undefined ? { oid, size } : undefined
}

/**
 * The pointer a file on disk holds, reading at most its first kilobyte; undefined for any other file. `known`:
 * the file's stat where the caller has it (a file over a kilobyte is then answered without a call).
 */
export async function readLfsPointer(
  file: string,
  known?: { size: number; isFile(): boolean }
): Promise<LfsPointer | undefined> {
  const info = known ?? (await stat(file).catch(() => undefined))
  if (!info?.isFile() || info.size >= LFS_POINTER_MAX_BYTES || info.size < VERSION_LINE.length) return undefined
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(info.size)
    const { bytesRead } = await handle.read(buffer, 0, info.size, 0)
    return parseLfsPointer(buffer.subarray(0, bytesRead))
  } finally {
    await handle.close()
  }
}

/** The message for a data file read as a pointer: what it is and how to get the data. */
export function lfsPointerMessage(display: string, pointer: LfsPointer): string {
  return (
    `${display} is a Git LFS pointer (object sha256:${pointer.oid.slice(0, 12)}…, ${pointer.size.toLocaleString('en-US')} bytes), ` +
    "not the data: the repository was checked out without its LFS objects. Set the Tunegate workflow's 'lfs' input " +
    "to true (checkout with LFS), or run 'git lfs pull' in the checkout."
  )
}

/** A data file that is an LFS pointer where its content was expected. */
export class LfsPointerError extends ConfigurationError {
  constructor(
    readonly file: string,
    readonly pointer: LfsPointer
  ) {
    super(lfsPointerMessage(file, pointer))
    this.name = 'LfsPointerError'
  }
}

/** Throws LfsPointerError when the file is an LFS pointer rather than data. */
export async function assertNotLfsPointer(file: string, display = file): Promise<void> {
  const pointer = await readLfsPointer(file)
  if (pointer) throw new LfsPointerError(display, pointer)
}

/** Runs git-lfs with stdin from a file or text and stdout to a file; rejects with what it said. */
function gitLfs(repo: string, args: string[], io: { input: string | { file: string }; output: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['lfs', ...args], {
      cwd: repo,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: LFS_TIMEOUT_MS,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_LFS_SKIP_SMUDGE: '0' }
    })
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (s: string) => {
      if (stderr.length < 4096) stderr += s
    })
    const written = pipeline(child.stdout, createWriteStream(io.output))
    const fed =
      typeof io.input === 'string'
        ? new Promise<void>(r => child.stdin.end(io.input, () => r()))
        : pipeline(createReadStream(io.input.file), child.stdin)
    const exited = new Promise<number | null>((r, j) => {
      child.on('error', j)
      child.on('close', code => r(code))
    })
    Promise.all([exited, written, fed.catch(() => undefined)]).then(([code]) => {
      if (code === 0) resolve()
      else reject(new Error(gitLfsSaid(stderr) || `git lfs ${args[0]} exited with ${code ?? 'a signal'}`))
    }, reject)
  })
}

/** What git-lfs said on failure, as one line: its progress and log-file hints left out. */
function gitLfsSaid(stderr: string): string {
  return stderr
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !/^(Downloading |Errors logged to|Use `git lfs logs last`)/.test(line))
    .join('; ')
    .slice(0, 1000)
}

/** Whether git-lfs is installed (`git lfs version` answers). */
export async function hasGitLfs(repo: string): Promise<boolean> {
  return new Promise(resolve => {
    const child = spawn('git', ['lfs', 'version'], { cwd: repo, stdio: 'ignore', timeout: 30_000 })
    child.on('error', () => resolve(false))
    child.on('close', code => resolve(code === 0))
  })
}

/**
 * Writes the content of a pointer's object to `destination` through git-lfs (from the local object
 * store, or downloaded from the repository's LFS remote), checked against the pointer's size and sha256.
 */
export async function smudgeLfsObject(
  repo: string,
  pointer: LfsPointer,
  destination: string,
  display: string
): Promise<void> {
  const fail = (why: string) =>
    new ConfigurationError(
      `${display} is a Git LFS pointer (object sha256:${pointer.oid.slice(0, 12)}…) whose data could not be read: ${why}. ` +
        "Expected git-lfs installed and the object in the checkout or on the LFS remote (the Tunegate workflow's 'lfs' input, or 'git lfs fetch')."
    )
  if (!(await hasGitLfs(repo))) throw fail('git-lfs is not installed')
  const partial = `${destination}.partial`
  try {
    await gitLfs(repo, ['smudge', '--', display], {
      input: pointerText(pointer),
      output: partial
    })
    const got = await digestAndSize(partial)
    if (got.size !== pointer.size || got.sha256 !== pointer.oid)
      throw new Error(`git-lfs gave ${got.size} bytes with sha256 ${got.sha256}, not the pointer's object`)
    await rename(partial, destination)
  } catch (e) {
    await rm(partial, { force: true })
    throw e instanceof ConfigurationError ? e : fail(e instanceof Error ? e.message : String(e))
  }
}

/**
 * Stores a file's content as an LFS object in the repository's local object store (git-lfs clean)
 * and returns the pointer text to commit in its place.
 */
export async function cleanToLfsObject(
  repo: string,
  source: string,
  display: string,
  pointerFile: string
): Promise<{ text: string; pointer: LfsPointer }> {
  if (!(await hasGitLfs(repo)))
    throw new ConfigurationError(
      `${display} is tracked by Git LFS, and git-lfs is not installed: refusing to write it as a plain file. Install git-lfs (apt-get install git-lfs).`
    )
  await gitLfs(repo, ['clean', '--', display], { input: { file: source }, output: pointerFile })
  const pointer = await readLfsPointer(pointerFile)
  if (!pointer) throw new Error(`git lfs clean of ${display} did not give a pointer`)
  const handle = await open(pointerFile, 'r')
  try {
    return { text: (await handle.readFile()).toString('utf8'), pointer }
  } finally {
    await handle.close()
  }
}

async function digestAndSize(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    size += (chunk as Buffer).length
    hash.update(chunk as Buffer)
  }
  return { sha256: hash.digest('hex'), size }
}

/** A file's new pointer after lines were appended to its LFS object; `changed` is false when every line was there. */
export interface LfsAppend {
  text: string
  pointer: LfsPointer
  changed: boolean
}

/**
 * Appends the lines of `addition` that the object does not already hold to an LFS-tracked file (`original`:
 * its pointer text as committed), as a new
 * LFS object: the current object is fetched in full and checked against its pointer first (so nothing
 * is written from a partial read), and the result is stored with git-lfs clean. Refuses without git-lfs.
 */
export async function appendToLfsObject(
  repo: string,
  original: string,
  addition: string,
  display: string
): Promise<LfsAppend> {
  const current = parseLfsPointer(original)
  if (!current) throw new Error(`appendToLfsObject: ${display} is not an LFS pointer`)
  if (!(await hasGitLfs(repo)))
    throw new ConfigurationError(
      `${display} is tracked by Git LFS, and git-lfs is not installed: refusing to append to its pointer. Install git-lfs (apt-get install git-lfs).`
    )
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-lfs-append-'))
  try {
    const content = path.join(dir, 'content')
    await smudgeLfsObject(repo, current, content, display)
    // The lines to add, less those the file holds (the same rule as appendNewLines, streamed: the file can be gigabytes).
    const fresh = new Set(addition.split('\n').filter(line => line !== ''))
    let lastByte = 0x0a
    for await (const line of createInterface({ input: createReadStream(content), crlfDelay: Infinity }))
      fresh.delete(line)
    if (!fresh.size) return { text: original, pointer: current, changed: false }
    if (current.size > 0) {
      const handle = await open(content, 'r')
      try {
        const one = Buffer.alloc(1)
        await handle.read(one, 0, 1, current.size - 1)
        lastByte = one[0]!
      } finally {
        await handle.close()
      }
    }
    await appendFile(content, `${lastByte === 0x0a ? '' : '\n'}${[...fresh].join('\n')}\n`)
    const stored = await cleanToLfsObject(repo, content, display, path.join(dir, 'pointer'))
    return { ...stored, changed: true }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The canonical pointer text of an object (the form git-lfs writes). */
export function pointerText(pointer: LfsPointer): string {
  return `${VERSION_LINE}\noid sha256:${pointer.oid}\nsize ${pointer.size}\n`
}

/** Uploads a local LFS object to a remote's LFS store (git lfs push --object-id), for a commit made through an API. */
export async function pushLfsObject(repo: string, remote: string, pointer: LfsPointer, display: string): Promise<void> {
  if (!(await hasGitLfs(repo)))
    throw new ConfigurationError(`${display} is tracked by Git LFS, and git-lfs is not installed; cannot upload it.`)
  const devNull = process.platform === 'win32' ? 'NUL' : '/dev/null'
  try {
    await gitLfs(repo, ['push', '--object-id', remote, pointer.oid], { input: '', output: devNull })
  } catch (e) {
    throw new ConfigurationError(
      `Cannot upload the LFS object of ${display} (sha256:${pointer.oid.slice(0, 12)}…) to '${remote}': ${e instanceof Error ? e.message : String(e)}. Expected a checkout with push credentials (actions/checkout's default).`
    )
  }
}
