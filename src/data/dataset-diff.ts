import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { contentDigest } from '../registry/digest.js'
import { git } from '../registry/git.js'
import { readLfsPointer, smudgeLfsObject } from '../registry/lfs.js'
import { parse as parseYaml } from 'yaml'
import { ConfigurationError, errorMessage } from '../errors.js'
import { externalCachePath } from '../registry/external-data.js'
import type { RegistryFile } from '../registry/loader.js'
import { externalDataSchema, type ExternalData } from '../registry/schema.js'
import { ensureExternalFile, type FetchSettings } from './external.js'
import { toExample, type FormatRules } from './examples.js'
import { hash53 } from './hash-index.js'
import { readRows } from './readers.js'

export interface DiffCounts {
  added: number
  removed: number
  changed: number
}

export interface DatasetDiff {
  file: string
  status: 'added' | 'modified' | 'unchanged' | 'renamed'
  from?: string
  baseRows: number
  headRows: number
  total: DiffCounts
  byUseCase: Record<string, DiffCounts>
  byLabel: Record<string, DiffCounts>
}

interface RowKey {
  hash: number
  useCase: string
  label: string
}

/** Rows of a file keyed by id (or by content when a row has none), with what the diff groups by. */
async function indexRows(file: string, rules: FormatRules, maxLineBytes: number): Promise<Map<string, RowKey>> {
  const rows = new Map<string, RowKey>()
  for await (const ev of readRows(file, { maxLineBytes })) {
    if (ev.kind !== 'row') continue
    const content = JSON.stringify(ev.value)
    const hash = hash53(content)
    const r = toExample(ev.value, rules)
    const id = r.ok && r.example.id !== undefined ? `id:${r.example.id}` : `content:${hash}`
    rows.set(id, { hash, useCase: (r.ok && r.example.useCase) || '(none)', label: (r.ok && r.example.label) || '' })
  }
  return rows
}

/** The size of a file's content (an LFS pointer's object size for a pointer). */
async function contentSize(file: string): Promise<number> {
  return (await readLfsPointer(file))?.size ?? (await stat(file)).size
}

/** Whether two files hold the same content: sizes first, then digests (which read the whole file). */
async function sameContent(a: string, b: string): Promise<boolean> {
  if ((await contentSize(a)) !== (await contentSize(b))) return false
  return (await contentDigest(a)) === (await contentDigest(b))
}

/**
 * Rows added, removed and changed in a dataset file between the base commit and the working tree,
 * per use case and per label. Rows are matched by id; rows without one by their content. A file whose
 * content is the same on both sides (a Git LFS pointer counts as its object's content) is unchanged.
 */
export async function diffDataset(
  repoTop: string,
  baseCommit: string,
  headPath: string,
  repoRelative: string,
  rules: FormatRules,
  maxLineBytes: number,
  renamedFrom?: string
): Promise<DatasetDiff> {
  const display = repoRelative
  const basePathInRepo = renamedFrom ?? repoRelative
  const head = await indexRows(headPath, rules, maxLineBytes)
  let base = new Map<string, RowKey>()
  let exists = true
  try {
    await git(repoTop, ['cat-file', '-e', `${baseCommit}:${basePathInRepo}`])
  } catch {
    exists = false
  }
  if (exists) {
    const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-diff-'))
    try {
      const tmp = path.join(dir, path.basename(basePathInRepo))
      // Streamed from git to a file: the base version can be as large as the dataset itself.
      const child = spawn('git', ['cat-file', 'blob', `${baseCommit}:${basePathInRepo}`], {
        cwd: repoTop,
        stdio: ['ignore', 'pipe', 'ignore']
      })
      await pipeline(child.stdout, createWriteStream(tmp))
      // Content against content: an LFS pointer on either side stands for its object (its oid is the
      // content's sha256), so the same data is unchanged however it is checked out, and only a changed
      // LFS file's base version is fetched, through git-lfs.
      if (await sameContent(tmp, headPath)) base = head
      else {
        const pointer = await readLfsPointer(tmp)
        if (pointer) await smudgeLfsObject(repoTop, pointer, tmp, `${basePathInRepo}@${baseCommit.slice(0, 12)}`)
        base = await indexRows(tmp, rules, maxLineBytes)
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  return rowDiff(display, head, base, !exists ? 'added' : renamedFrom ? 'renamed' : undefined, renamedFrom)
}

/** Rows added, removed and changed from `base` to `head`; `status` when known, else modified or unchanged. */
function rowDiff(
  file: string,
  head: Map<string, RowKey>,
  base: Map<string, RowKey>,
  status?: DatasetDiff['status'],
  from?: string
): DatasetDiff {
  const total: DiffCounts = { added: 0, removed: 0, changed: 0 }
  const byUseCase: Record<string, DiffCounts> = {}
  const byLabel: Record<string, DiffCounts> = {}
  const bump = (row: RowKey, kind: keyof DiffCounts) => {
    total[kind]++
    ;(byUseCase[row.useCase] ??= { added: 0, removed: 0, changed: 0 })[kind]++
    if (row.label) (byLabel[row.label] ??= { added: 0, removed: 0, changed: 0 })[kind]++
  }
  for (const [id, row] of head) {
    const before = base.get(id)
    if (!before) bump(row, 'added')
    else if (before.hash !== row.hash) bump(row, 'changed')
  }
  for (const [id, row] of base) if (!head.has(id)) bump(row, 'removed')
  const changed = total.added + total.removed + total.changed > 0
  return {
    file,
    status: status ?? (changed ? 'modified' : 'unchanged'),
    ...(from ? { from } : {}),
    baseRows: base.size,
    headRows: head.size,
    total,
    byUseCase,
    byLabel
  }
}

/** The external entries of a model.yaml at a commit, read leniently (the base's spec was validated there). */
export async function externalEntriesAt(repoTop: string, commit: string, modelYaml: string): Promise<ExternalData[]> {
  let text: string
  try {
    text = await git(repoTop, ['show', `${commit}:${modelYaml}`])
  } catch {
    return []
  }
  let data: unknown
  try {
    data = (parseYaml(text) as { data?: unknown } | null)?.data
  } catch {
    return []
  }
  const entries: ExternalData[] = []
  for (const split of ['train', 'eval'])
    for (const v of [(data as Record<string, unknown> | undefined)?.[split]].flat()) {
      const r = externalDataSchema.safeParse(v)
      if (r.success) entries.push(r.data)
    }
  return entries
}

/**
 * The diff of an external dataset, known from the digests first: a digest the base pinned too is
 * unchanged (renamed when its URI moved) without downloading anything; the same URI with a new digest is
 * compared row by row, the base version fetched into the cache by its own digest; a new URI is added.
 */
export async function diffExternalDataset(
  head: RegistryFile & { external: ExternalData },
  headRows: number,
  baseEntries: ExternalData[],
  rules: FormatRules,
  maxLineBytes: number,
  fetch: FetchSettings = {}
): Promise<DatasetDiff> {
  const { uri, sha256: digest } = head.external
  const same = baseEntries.find(e => e.sha256 === digest)
  if (same) {
    const none = { added: 0, removed: 0, changed: 0 }
    return {
      file: uri,
      status: same.uri === uri ? 'unchanged' : 'renamed',
      ...(same.uri === uri ? {} : { from: same.uri }),
      ...{ baseRows: headRows, headRows, total: none, byUseCase: {}, byLabel: {} }
    }
  }
  const headIndex = await indexRows(head.absolute, rules, maxLineBytes)
  const before = baseEntries.find(e => e.uri === uri)
  if (!before) return rowDiff(uri, headIndex, new Map(), 'added')
  const basePath = externalCachePath(before, path.dirname(head.absolute))
  try {
    await ensureExternalFile(before, basePath, fetch)
  } catch (e) {
    throw new ConfigurationError(
      `${uri}: the base version (sha256 ${before.sha256}) cannot be fetched to compare rows: ${errorMessage(e)}`
    )
  }
  return rowDiff(uri, headIndex, await indexRows(basePath, rules, maxLineBytes), 'modified')
}
