import { STATUS_CONTEXT } from '../constants.js'
import { appendFile, copyFile, cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ConfigurationError } from '../errors.js'
import { fileDigest, sha256 } from '../registry/digest.js'
import { git, GitError } from '../registry/git.js'
import { appendToLfsObject, parseLfsPointer } from '../registry/lfs.js'
import { createAnnotatedTag, readTags, type TagRecord } from '../registry/state.js'
import { TUNEGATE_TAGGER } from '../registry/tag-provenance.js'
import { stickyBody, type StickyWrite } from '../report/sticky-comment.js'
import type {
  ArtifactInfo,
  AssetInfo,
  CommitPullRequest,
  CommitStatus,
  CommitStatusRecord,
  EnvironmentApproval,
  ReleaseInfo,
  TagOptions,
  WorkflowRunInfo,
  WorkflowRunOrigin,
  Host,
  IssueChange,
  PullRequestChange,
  PullRequestInfo,
  ReleaseAsset,
  ReleaseRef,
  Written
} from '../registry/host.js'
import { appendNewLines, episodeBranch, MAX_EPISODES } from '../registry/host.js'

/** A local pull request's record, `pulls/<branch>.json`: what a pull request on GitHub would hold. */
interface PullRecord {
  number: number
  title: string
  body: string
  state?: string
  /** The commits Tunegate made on the branch, oldest first: any other commit on it is foreign. */
  commits?: string[]
}

/**
 * The Host for the CLI: reports, statuses, releases and artifacts are files under one folder,
 * tags and branches go to the local git repository. Nothing leaves the machine.
 */
export class LocalHost implements Host {
  constructor(
    /** Folder for reports and records, e.g. `.tunegate/`. */
    readonly dir: string,
    /** The git repository for tags and branches. */
    readonly repo: string
  ) {}

  private file(...parts: string[]): string {
    return path.join(this.dir, ...parts)
  }

  private async readJson<T>(file: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as T
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw e
    }
  }

  private async writeJson(file: string, value: unknown): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, JSON.stringify(value, null, 2) + '\n')
  }

  async upsertCommentSection(
    pr: number,
    section: string,
    markdown: string
  ): Promise<{ url: string; changed: boolean }> {
    return this.writeSticky(pr, { section, markdown })
  }

  async upsertCommentSections(
    pr: number,
    sections: Map<string, string>,
    footer = ''
  ): Promise<{ url: string; changed: boolean }> {
    return this.writeSticky(pr, { sections, footer })
  }

  /** The one write of the sticky comment: `pulls/<pr>/comment.md`, left alone when its body would not change. */
  private async writeSticky(pr: number, write: StickyWrite): Promise<{ url: string; changed: boolean }> {
    const file = this.file('pulls', String(pr), 'comment.md')
    const before = await readFile(file, 'utf8').catch(() => undefined)
    const next = stickyBody(before, write)
    if (next === before) return { url: file, changed: false }
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, next)
    return { url: file, changed: true }
  }

  async setCommitStatus(sha: string, status: CommitStatus): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    await appendFile(
      this.file('statuses.jsonl'),
      JSON.stringify({ sha, context: status.context ?? STATUS_CONTEXT, ...status, at: new Date().toISOString() }) + '\n'
    )
  }

  async getPullRequest(pr: number): Promise<PullRequestInfo> {
    const info = await this.readJson<PullRequestInfo>(this.file('pulls', String(pr), 'pull.json'))
    if (!info)
      throw new ConfigurationError(
        `No local pull request #${pr}: expected ${this.file('pulls', String(pr), 'pull.json')}.`
      )
    return info
  }

  /** A local pull request is recorded by hand, with no access control: every reviewer in it may approve. */
  async repositoryAccess(): Promise<string> {
    return 'write'
  }

  /** A local pull request has no push history: its author made its commits. */
  async headPushers(pr: PullRequestInfo): Promise<string[]> {
    return [pr.author]
  }

  /** Records a pull request for local runs (the CLI's stand-in for opening one on GitHub). */
  async recordPullRequest(info: PullRequestInfo): Promise<void> {
    await this.writeJson(this.file('pulls', String(info.number), 'pull.json'), info)
  }

  async listPullRequestsForCommit(sha: string): Promise<CommitPullRequest[]> {
    let entries: string[] = []
    try {
      // pulls/ holds recorded pull requests (`<number>/pull.json`) beside drift's branch records
      // (`branch-*.json` files): only the numbered folders are pull requests.
      entries = (await readdir(this.file('pulls'), { withFileTypes: true }))
        .filter(e => e.isDirectory() && /^[1-9][0-9]*$/.test(e.name))
        .map(e => e.name)
    } catch {
      return []
    }
    const found: CommitPullRequest[] = []
    for (const entry of entries.sort((a, b) => Number(a) - Number(b))) {
      const info = await this.readJson<PullRequestInfo & { mergedAt?: string }>(this.file('pulls', entry, 'pull.json'))
      if (info && (info.mergeCommitSha === sha || info.headSha === sha))
        found.push({
          number: info.number,
          ...(info.merged ? { mergedAt: info.mergedAt ?? '1970-01-01T00:00:00Z' } : {}),
          ...(info.mergeCommitSha ? { mergeCommitSha: info.mergeCommitSha } : {})
        })
    }
    return found
  }

  async findPullRequestForCommit(sha: string): Promise<number | undefined> {
    return (await this.listPullRequestsForCommit(sha)).find(p => p.mergedAt && p.mergeCommitSha === sha)?.number
  }

  async createTag(name: string, sha: string, message: string, options: TagOptions = {}): Promise<'created' | 'exists'> {
    try {
      const existing = (await git(this.repo, ['rev-parse', '--verify', '--quiet', `refs/tags/${name}^{commit}`])).trim()
      if (existing === sha) return 'exists'
      throw new ConfigurationError(
        `Tag '${name}' already exists on ${existing.slice(0, 12)}, not ${sha.slice(0, 12)}; tags are never moved.`
      )
    } catch (e) {
      if (!(e instanceof GitError)) throw e
    }
    // Tunegate's tagger, as on GitHub: a stage tag by another tagger is not taken for production.
    await createAnnotatedTag(this.repo, name, sha, message, options.tagger ?? TUNEGATE_TAGGER, options.taggedAt)
    return 'created'
  }

  async listTags(model?: string): Promise<TagRecord[]> {
    const tags = await readTags(this.repo)
    return model === undefined ? tags : tags.filter(t => t.name.startsWith(model.replace(':', '=')))
  }

  async getRelease(tag: string): Promise<ReleaseInfo | undefined> {
    const dir = this.file('releases', tag)
    const record = await this.readJson<{ id: number; draft: boolean; name: string }>(path.join(dir, 'release.json'))
    if (!record) return undefined
    const ref = { id: record.id, tag, draft: record.draft, url: dir, uploadUrl: path.join(dir, 'assets') }
    return { ...ref, assets: await this.listReleaseAssets(ref) }
  }

  async listReleaseAssets(release: ReleaseRef): Promise<AssetInfo[]> {
    let names: string[] = []
    try {
      names = await readdir(release.uploadUrl)
    } catch {
      return []
    }
    const assets: AssetInfo[] = []
    for (const name of names.sort()) {
      const file = path.join(release.uploadUrl, name)
      assets.push({ name, size: (await stat(file)).size, digest: `sha256:${await fileDigest(file)}` })
    }
    return assets
  }

  /** Local runs have no workflow runs: records and outputs come from the CLI's own folders. */
  async listWorkflowRuns(): Promise<WorkflowRunInfo[]> {
    return []
  }

  async listEnvironmentApprovals(): Promise<EnvironmentApproval[]> {
    return []
  }

  async createDraftRelease(tag: string, name: string, body: string): Promise<ReleaseRef> {
    const dir = this.file('releases', tag)
    const record = await this.readJson<{ id: number; draft: boolean }>(path.join(dir, 'release.json'))
    if (record && !record.draft)
      throw new ConfigurationError(`Release ${tag} is already published; a published release is never changed.`)
    const id = record?.id ?? parseInt(sha256(tag).slice(0, 8), 16)
    await this.writeJson(path.join(dir, 'release.json'), { id, tag, name, draft: true })
    await writeFile(path.join(dir, 'body.md'), body)
    return { id, tag, draft: true, url: dir, uploadUrl: path.join(dir, 'assets') }
  }

  async uploadReleaseAsset(release: ReleaseRef, asset: ReleaseAsset): Promise<void> {
    const record = await this.readJson<{ draft: boolean }>(this.file('releases', release.tag, 'release.json'))
    if (record && !record.draft)
      throw new ConfigurationError(`Release ${release.tag} is published; its assets cannot change.`)
    const target = path.join(release.uploadUrl, asset.name)
    await mkdir(release.uploadUrl, { recursive: true })
    try {
      if ((await fileDigest(target)) === (await fileDigest(asset.path))) return
      throw new ConfigurationError(
        `Release ${release.tag} already has an asset '${asset.name}' with other content; assets are never overwritten.`
      )
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    }
    await copyFile(asset.path, target)
  }

  async downloadReleaseAsset(tag: string, name: string, destination: string): Promise<boolean> {
    try {
      await copyFile(this.file('releases', tag, 'assets', name), destination)
      return true
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw e
    }
  }

  async listCommitStatuses(sha: string): Promise<CommitStatusRecord[]> {
    let text = ''
    try {
      text = await readFile(this.file('statuses.jsonl'), 'utf8')
    } catch {
      return []
    }
    return text
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l) as CommitStatusRecord & { sha: string })
      .filter(s => s.sha === sha)
      .reverse()
  }

  async publishRelease(release: ReleaseRef): Promise<string> {
    const file = this.file('releases', release.tag, 'release.json')
    const record = await this.readJson<Record<string, unknown>>(file)
    if (!record) throw new ConfigurationError(`No local release ${release.tag} to publish.`)
    if (record.draft === false) throw new ConfigurationError(`Release ${release.tag} is already published.`)
    await this.writeJson(file, { ...record, draft: false, publishedAt: new Date().toISOString() })
    return path.dirname(file)
  }

  private pullRecordFile(branch: string): string {
    return this.file('pulls', `branch-${branch.replace(/[^a-zA-Z0-9._-]/g, '_')}.json`)
  }

  private async branchHead(branch: string): Promise<string | undefined> {
    try {
      return (await git(this.repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])).trim() || undefined
    } catch {
      return undefined
    }
  }

  async upsertPullRequest(change: PullRequestChange): Promise<Written> {
    // This episode's branch: the first of branch, branch-2, … whose local PR record is open or absent.
    // A record marked closed or merged — or whose branch the base already contains (merged) — is left alone.
    let branch = change.branch
    let existing: PullRecord | undefined
    for (let n = 1; ; n++) {
      if (n > MAX_EPISODES)
        throw new ConfigurationError(
          `Branches ${change.branch} to ${episodeBranch(change.branch, MAX_EPISODES)} all have closed pull requests.`
        )
      branch = episodeBranch(change.branch, n)
      const record = await this.readJson<PullRecord>(this.pullRecordFile(branch))
      if (!record) {
        existing = undefined
        break
      }
      if ((record.state ?? 'open') === 'open') {
        const head = await this.branchHead(branch)
        const merged =
          head !== undefined &&
          (await git(this.repo, ['merge-base', '--is-ancestor', head, change.base]).then(
            () => true,
            () => false
          ))
        if (!merged) {
          existing = record
          break
        }
        await this.writeJson(this.pullRecordFile(branch), { ...record, state: 'merged' })
      }
    }
    const branchRef = `refs/heads/${branch}`
    const branchHead = await this.branchHead(branch)
    if (branchHead) await this.refuseForeignCommits(branch, change.base, existing, this.pullRecordFile(branch))
    const parent = branchHead ?? (await git(this.repo, ['rev-parse', '--verify', `${change.base}^{commit}`])).trim()
    const files = { ...change.files }
    for (const [p, addition] of Object.entries(change.append ?? {})) {
      // A file that exists is read in full or not at all: a failed read is an error, never an empty file.
      const exists = await git(this.repo, ['cat-file', '-e', `${parent}:${p}`]).then(
        () => true,
        () => false
      )
      const current = files[p] ?? (exists ? await git(this.repo, ['cat-file', 'blob', `${parent}:${p}`]) : '')
      files[p] = parseLfsPointer(current)
        ? (await appendToLfsObject(this.repo, current, addition, p)).text
        : appendNewLines(current, addition)
    }
    // Build the commit with plumbing in a private index, so the user's working tree and index are untouched.
    const index = path.join(this.dir, `index-${process.pid}`)
    await mkdir(this.dir, { recursive: true })
    const env = { GIT_INDEX_FILE: path.resolve(index) }
    await git(this.repo, ['read-tree', parent], { env })
    for (const [p, content] of Object.entries(files)) {
      const blob = (await git(this.repo, ['hash-object', '-w', '--stdin'], { input: content })).trim()
      await git(this.repo, ['update-index', '--add', '--cacheinfo', `100644,${blob},${p}`], { env })
    }
    const tree = (await git(this.repo, ['write-tree'], { env })).trim()
    await rm(index, { force: true })
    const parentTree = (await git(this.repo, ['rev-parse', `${parent}^{tree}`])).trim()
    let changed = false
    const commits = existing?.commits ?? []
    if (tree !== parentTree) {
      const commit = (
        await git(this.repo, ['commit-tree', tree, '-p', parent, '-F', '-'], { input: change.commitMessage })
      ).trim()
      // update-ref with the old value refuses to move the branch if it changed meanwhile: no force-push.
      await git(this.repo, ['update-ref', branchRef, commit, branchHead ?? ''])
      commits.push(commit)
      changed = true
    }
    const recordFile = this.pullRecordFile(branch)
    const number = existing?.number ?? parseInt(sha256(branch).slice(0, 6), 16)
    if (!existing || existing.title !== change.title || existing.body !== change.body) changed = true
    await this.writeJson(recordFile, {
      number,
      branch,
      base: change.base,
      state: 'open',
      title: change.title,
      body: change.body,
      labels: change.labels ?? [],
      commits
    })
    return { number, url: recordFile, created: !existing, changed, branch }
  }

  /**
   * Refuses a branch that holds commits Tunegate did not make (a person's commit on the retraining branch), as
   * the GitHub host does: the next commit would carry them into retraining, and dropping them would lose them.
   * A local commit names whoever configured git, so Tunegate's commits are the ones its pull record lists.
   */
  private async refuseForeignCommits(
    branch: string,
    base: string,
    record: PullRecord | undefined,
    recordFile: string
  ): Promise<void> {
    const ours = new Set(record?.commits ?? [])
    // One more than ours is enough to find a foreign commit, however long the branch: the listing stays small.
    const ahead = (
      await git(this.repo, ['rev-list', `--max-count=${ours.size + 1}`, `${base}..refs/heads/${branch}`, '--'])
    )
      .split('\n')
      .filter(Boolean)
    const foreign = ahead.find(c => !ours.has(c))
    if (!foreign) return
    const who = `${foreign.slice(0, 7)} by ${(await git(this.repo, ['log', '-1', '--format=%an <%ae>', foreign])).trim()}`
    throw new ConfigurationError(
      record
        ? `Branch ${branch} has commits not made by Tunegate (${who}); nothing was written to it. Review and remove them from the branch of pull request #${record.number} (${recordFile}), or close it, and run drift again.`
        : `Branch ${branch} has commits that are not on ${base} and no open pull request (${who}); nothing was written to it. Delete the branch or merge it, and run drift again.`
    )
  }

  /** Records a workflow_dispatch (the CLI has no workflows to start; the record says what would run). */
  async dispatchWorkflow(workflow: string, ref: string, inputs?: Record<string, string>): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    await appendFile(
      this.file('dispatches.jsonl'),
      JSON.stringify({ workflow, ref, inputs: inputs ?? {}, at: new Date().toISOString() }) + '\n'
    )
  }

  async upsertIssue(change: IssueChange): Promise<Written> {
    // A record marked closed stays closed: the next episode gets a new record (and number).
    for (let n = 1; n <= MAX_EPISODES; n++) {
      const key = n === 1 ? change.key : `${change.key}#${n}`
      const file = this.file('issues', `${key.replace(/[^a-zA-Z0-9._-]/g, '_')}.json`)
      const existing = await this.readJson<{ number: number; title: string; body: string; state?: string }>(file)
      if (existing && (existing.state ?? 'open') !== 'open') continue
      const number = existing?.number ?? parseInt(sha256(key).slice(0, 6), 16)
      const changed = !existing || existing.title !== change.title || existing.body !== change.body
      if (changed)
        await this.writeJson(file, {
          number,
          key: change.key,
          state: 'open',
          title: change.title,
          body: change.body,
          labels: change.labels ?? []
        })
      return { number, url: file, created: !existing, changed }
    }
    throw new ConfigurationError(`Issues for '${change.key}' were closed ${MAX_EPISODES} times; delete old records.`)
  }

  /** Stores a folder as a named artifact of a run (what the train step hands to evaluate). */
  async storeArtifact(name: string, source: string, runId = 0): Promise<ArtifactInfo> {
    const dir = this.file('artifacts', name)
    await cp(source, path.join(dir, 'files'), { recursive: true, errorOnExist: true, force: false })
    const info: ArtifactInfo = {
      id: parseInt(sha256(name).slice(0, 8), 16),
      name,
      sizeInBytes: 0,
      runId,
      createdAt: new Date().toISOString(),
      expired: false
    }
    await this.writeJson(path.join(dir, 'artifact.json'), info)
    return info
  }

  async listArtifacts(filter: { runId?: number; name?: string }): Promise<ArtifactInfo[]> {
    let names: string[] = []
    try {
      names = await readdir(this.file('artifacts'))
    } catch {
      return []
    }
    const infos: ArtifactInfo[] = []
    for (const name of names) {
      const info = await this.readJson<ArtifactInfo>(this.file('artifacts', name, 'artifact.json'))
      if (
        info &&
        (filter.name === undefined || info.name === filter.name) &&
        (filter.runId === undefined || info.runId === filter.runId)
      )
        infos.push(info)
    }
    return infos
  }

  /** Local artifacts are all written on this machine by tunegate: each run is of the local repository. */
  async workflowRun(id: number): Promise<WorkflowRunOrigin | undefined> {
    return { id, path: '.github/workflows/local.yml', event: 'push', headRepository: 'local', repository: 'local' }
  }

  runContext(): { repository: string; runId?: number } {
    return { repository: 'local' }
  }

  async downloadArtifact(artifact: ArtifactInfo, destination: string): Promise<string> {
    await cp(this.file('artifacts', artifact.name, 'files'), destination, { recursive: true })
    return destination
  }
}
