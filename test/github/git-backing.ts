// The stand-in's git data kept in a real bare repository, so what a client writes through the REST API
// (tags, trees, commits, refs) is what `git fetch` from that repository brings, with the same object ids.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export interface GitCommit {
  sha: string
  tree: string
  parents: string[]
  message: string
}
export interface GitTag {
  sha: string
  tag: string
  message: string
  object: string
  tagger: { name: string; email: string; date: string }
}

const isoDate = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z')

/** Plumbing commands on one bare repository; every method is synchronous (the stand-in answers synchronously). */
export class GitBacking {
  /** git processes started and the milliseconds they took, to see what the stand-in costs a test. */
  static readonly spent = { calls: 0, ms: 0 }
  constructor(readonly dir: string) {}

  private git(args: string[], o: { input?: string; env?: Record<string, string> } = {}): string {
    const started = Date.now()
    GitBacking.spent.calls++
    try {
      return this.run(args, o)
    } finally {
      GitBacking.spent.ms += Date.now() - started
    }
  }

  private run(args: string[], o: { input?: string; env?: Record<string, string> }): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      input: o.input ?? '',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...o.env },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe']
    })
  }

  private tryGit(args: string[]): string | undefined {
    try {
      return this.git(args)
    } catch {
      return undefined
    }
  }

  /** Every ref and the object it names. */
  refs(): Map<string, string> {
    const out = new Map<string, string>()
    for (const line of this.git(['for-each-ref', '--format=%(refname) %(objectname) %(objecttype)']).split('\n')) {
      const [ref, sha, type] = line.split(' ')
      if (ref && sha) out.set(ref, sha)
      if (sha && type) this.types.set(sha, type)
    }
    return out
  }

  /** Object types by id: an id names one object forever, so a type once read is kept (a ref list of 500 tags is one git call, not 500). */
  private readonly types = new Map<string, string>()

  /** The object's type, or undefined when the repository does not hold it. */
  type(sha: string): string | undefined {
    if (!/^[0-9a-f]{40}$/.test(sha)) return undefined
    const known = this.types.get(sha)
    if (known) return known
    const type = this.tryGit(['cat-file', '-t', sha])?.trim()
    if (type) this.types.set(sha, type)
    return type
  }

  commit(sha: string): GitCommit | undefined {
    if (this.type(sha) !== 'commit') return undefined
    const text = this.git(['cat-file', 'commit', sha])
    const end = text.indexOf('\n\n')
    const headers = text.slice(0, end).split('\n')
    return {
      sha,
      tree: headers.find(h => h.startsWith('tree '))!.slice(5),
      parents: headers.filter(h => h.startsWith('parent ')).map(h => h.slice(7)),
      message: text.slice(end + 2)
    }
  }

  tag(sha: string): GitTag | undefined {
    if (this.type(sha) !== 'tag') return undefined
    const text = this.git(['cat-file', 'tag', sha])
    const end = text.indexOf('\n\n')
    const header = (k: string) =>
      text
        .slice(0, end)
        .split('\n')
        .find(h => h.startsWith(`${k} `))
        ?.slice(k.length + 1) ?? ''
    const tagger = /^(.*) <(.*)> (\d+) [+-]\d{4}$/.exec(header('tagger'))
    return {
      sha,
      tag: header('tag'),
      object: header('object'),
      message: text.slice(end + 2),
      tagger: { name: tagger?.[1] ?? '', email: tagger?.[2] ?? '', date: isoDate(Number(tagger?.[3] ?? 0)) }
    }
  }

  /** A file's content at a commit, or undefined. */
  file(commit: string, file: string): Buffer | undefined {
    if (this.type(commit) !== 'commit' || this.tryGit(['cat-file', '-t', `${commit}:${file}`])?.trim() !== 'blob')
      return undefined
    return execFileSync('git', ['cat-file', 'blob', `${commit}:${file}`], {
      cwd: this.dir,
      maxBuffer: 256 * 1024 * 1024
    })
  }

  /** A tree from a base tree with entries set (content or blob sha) or removed (sha null). */
  createTree(
    baseTree: string | undefined,
    entries: { path: string; content?: string; sha?: string | null }[]
  ): { sha: string; files: [string, string][] } {
    const tmp = mkdtempSync(path.join(tmpdir(), 'tg-standin-index-'))
    const env = { GIT_INDEX_FILE: path.join(tmp, 'index') }
    try {
      this.git(baseTree ? ['read-tree', baseTree] : ['read-tree', '--empty'], { env })
      for (const e of entries) {
        if (e.sha === null) this.git(['update-index', '--force-remove', '--', e.path], { env })
        else {
          const blob =
            typeof e.content === 'string'
              ? this.git(['hash-object', '-w', '--stdin'], { input: e.content }).trim()
              : String(e.sha)
          this.git(['update-index', '--add', '--cacheinfo', `100644,${blob},${e.path}`], { env })
        }
      }
      const sha = this.git(['write-tree'], { env }).trim()
      return { sha, files: this.treeFiles(sha) }
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  }

  /** The blobs of a tree, recursively: [path, blob sha]. */
  treeFiles(tree: string): [string, string][] {
    return this.git(['ls-tree', '-r', tree])
      .split('\n')
      .filter(Boolean)
      .map(l => {
        const [meta, file] = l.split('\t')
        return [file!, meta!.split(' ')[2]!] as [string, string]
      })
  }

  createCommit(tree: string, parents: string[], message: string, author: { name: string; email: string }): string {
    const env = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email
    }
    return this.git(['commit-tree', tree, ...parents.flatMap(p => ['-p', p])], { input: message, env }).trim()
  }

  /** An annotated tag object (as GitHub's POST /git/tags writes one): no ref yet. */
  createTag(t: Omit<GitTag, 'sha'>): string {
    const seconds = Math.floor(Date.parse(t.tagger.date) / 1000)
    const text =
      `object ${t.object}\ntype commit\ntag ${t.tag}\ntagger ${t.tagger.name} <${t.tagger.email}> ${seconds} +0000\n\n` +
      t.message
    return this.git(['mktag'], { input: text }).trim()
  }

  /** Sets a ref, refusing to move it from anything but `expected` ('' = it must not exist). */
  setRef(ref: string, sha: string, expected: string): void {
    this.git(['update-ref', ref, sha, expected])
  }

  isAncestor(ancestor: string, sha: string): boolean {
    try {
      this.git(['merge-base', '--is-ancestor', ancestor, sha])
      return true
    } catch {
      return false
    }
  }

  /** The tree of merging `head` into `base`, or undefined on a conflict. */
  mergeTree(base: string, head: string): string | undefined {
    return this.tryGit(['merge-tree', '--write-tree', base, head])?.split('\n')[0]
  }

  /** Files changed between two commits, as GitHub lists a pull request's files. */
  diffFiles(base: string, head: string): { filename: string; status: string; previous_filename?: string }[] {
    const names: Record<string, string> = { A: 'added', M: 'modified', D: 'removed', R: 'renamed' }
    return this.git(['diff', '--name-status', '-M', `${base}...${head}`])
      .split('\n')
      .filter(Boolean)
      .map(l => {
        const [code, a, b] = l.split('\t')
        const status = names[code![0]!] ?? 'changed'
        return b ? { filename: b, status, previous_filename: a! } : { filename: a!, status }
      })
  }
}
