// An in-memory GitHub on 127.0.0.1 for tests. Every request and every response is checked against
// GitHub's OpenAPI description; a request GitHub would reject is answered 422 and recorded as a violation.
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GitBacking } from './git-backing.js'
import { openApi, type Route } from './openapi.js'

type Json = Record<string, unknown>
interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  raw?: Buffer
}
export interface Fault {
  method?: string
  path: RegExp
  status: number
  headers?: Record<string, string>
  message?: string
  /** How many matching requests get the fault (default 1). */
  times?: number
  /** How many matching requests are answered normally before the fault applies (default 0). */
  after?: number
}
export interface LoggedRequest {
  method: string
  path: string
  operationId?: string
  status: number
  body?: unknown
  /** When the request arrived (ms since the epoch). */
  at?: number
}
export interface User {
  login: string
  type: 'Bot' | 'User'
  /** A job's GITHUB_TOKEN: the scopes its `permissions:` granted; a write outside them answers 403. */
  permissions?: Record<string, string>
}

/** The permission a write needs (GitHub's "permissions required for GitHub Apps"); several: any one will do. */
const WRITE_PERMISSIONS: Record<string, string[]> = {
  'issues/create-comment': ['issues', 'pull-requests'],
  'issues/update-comment': ['issues', 'pull-requests'],
  'issues/delete-comment': ['issues', 'pull-requests'],
  'issues/add-labels': ['issues', 'pull-requests'],
  'issues/create': ['issues'],
  'issues/update': ['issues'],
  'repos/create-commit-status': ['statuses'],
  'git/create-tag': ['contents'],
  'git/create-ref': ['contents'],
  'git/update-ref': ['contents'],
  'git/create-tree': ['contents'],
  'git/create-commit': ['contents'],
  'repos/create-release': ['contents'],
  'repos/update-release': ['contents'],
  'repos/upload-release-asset': ['contents'],
  'pulls/create': ['pull-requests'],
  'pulls/update': ['pull-requests'],
  'actions/create-workflow-dispatch': ['actions']
}
export interface PullSeed {
  number?: number
  title?: string
  body?: string
  author?: string
  state?: 'open' | 'closed'
  merged?: boolean
  mergeCommitSha?: string
  head: { ref: string; sha: string; fork?: boolean }
  base: { ref: string; sha: string }
  files?: { filename: string; status: string; previous_filename?: string | undefined }[]
  reviews?: { user: string; state: string; commit_id: string }[]
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z')
const sha1 = (s: string | Buffer) => createHash('sha1').update(s).digest('hex')

/**
 * A GitHub stand-in: start it, point GITHUB_API_URL at `url`, read `violations` after. With `git` (a bare
 * repository's folder) its git data — refs, commits, trees, tags — is that repository's: what a client writes
 * through the REST API can be fetched with git, and what is pushed there is what the API answers.
 */
export class GitHubStandIn {
  private readonly backing: GitBacking | undefined
  constructor(options: { git?: string } = {}) {
    this.backing = options.git ? new GitBacking(options.git) : undefined
  }
  readonly owner = 'acme'
  readonly repo = 'models'
  url = ''
  readonly violations: string[] = []
  readonly log: LoggedRequest[] = []
  private server?: Server
  private readonly faults: (Fault & { left: number; pass: number })[] = []
  private nextId = 1000
  readonly users = new Map<string, User>([
    ['test-token', { login: 'github-actions[bot]', type: 'Bot' }],
    ['app-token', { login: 'tunegate[bot]', type: 'Bot' }],
    ['human-token', { login: 'octocat', type: 'User' }],
    ['reviewer-token', { login: 'bob', type: 'User' }]
  ])

  // Repository state.
  readonly comments = new Map<
    number,
    { id: number; issue: number; body: string; user: User; created: string; updated: string }
  >()
  readonly statuses: {
    id: number
    sha: string
    state: string
    context: string
    description: string | null
    target_url: string | null
    created: string
  }[] = []
  readonly pulls = new Map<
    number,
    Required<Omit<PullSeed, 'mergeCommitSha'>> & { mergeCommitSha?: string; labels: string[] }
  >()
  readonly issues = new Map<
    number,
    { number: number; title: string; body: string; labels: string[]; state: string; user: User }
  >()
  readonly refs = new Map<string, string>()
  readonly tagObjects = new Map<
    string,
    { sha: string; tag: string; message: string; object: string; tagger: { name: string; email: string; date: string } }
  >()
  readonly commits = new Map<string, { sha: string; tree: string; parents: string[]; message: string }>()
  readonly trees = new Map<string, Map<string, string>>()
  readonly blobs = new Map<string, string>()
  readonly releases = new Map<
    number,
    {
      id: number
      tag: string
      name: string
      body: string
      draft: boolean
      author: User
      created: string
      published?: string
    }
  >()
  readonly assets = new Map<
    number,
    { id: number; release: number; name: string; data: Buffer; contentType: string; created: string }
  >()
  readonly artifacts = new Map<
    number,
    { id: number; name: string; runId: number; zip: Buffer; expired: boolean; created: string; digest: string }
  >()
  /** workflow_dispatch events received (drift dispatches the PR workflow when its token is GITHUB_TOKEN). */
  readonly dispatches: { workflow: string; ref: string; inputs: Record<string, string>; user: string }[] = []
  /** The workflow_dispatch inputs a workflow declares, where a test sets them: GitHub refuses any other (422). */
  readonly workflowInputs = new Map<string, string[]>()
  private issueCounter = 0
  /** Repository settings `tunegate doctor` reads; only the logins in `admins` may read the admin-only ones. */
  readonly settings = {
    defaultBranch: 'main',
    /** Rules that apply to the default branch, as GET /rules/branches/{branch} lists them. */
    branchRules: [] as Json[],
    /** Classic branch protection's required contexts; undefined: the branch is not protected. */
    classicRequired: undefined as string[] | undefined,
    rulesets: [] as {
      id: number
      name: string
      target: 'branch' | 'tag'
      enforcement: string
      include: string[]
      rules: string[]
    }[],
    /** Environments by name; `secrets`: the names of the environment's secrets. */
    environments: new Map<string, { reviewers: string[]; secrets?: string[] }>(),
    runners: [] as { name: string; labels: string[] }[],
    admins: new Set<string>(),
    /** Repository Actions variables by name; secrets by name (values are never readable through the API). */
    variables: new Map<string, string>(),
    secrets: [] as string[],
    /** public, private or internal (GET /repos/{owner}/{repo}'s `visibility`). */
    visibility: 'public' as 'public' | 'private' | 'internal',
    /** The GitHub Pages site; undefined: Pages is not enabled (GET /pages answers 404). */
    pages: undefined as { public: boolean; buildType: 'workflow' | 'legacy' } | undefined
  }
  // Promotion: workflow runs, their environment approvals, GitHub's eventual consistency of commit → pulls.
  readonly runs = new Map<
    number,
    {
      id: number
      headSha: string
      event: string
      created: string
      /** The workflow file the run is of; `.github/workflows/tunegate.yml` unless a test says otherwise. */
      path: string
      /** owner/name of the head commit's repository: a fork's for a fork's pull request. */
      headRepository: string
      headBranch: string
    }
  >()
  /** Reviewers' access to the repository by login (`admin`, `write`, `read`); anyone else has `read` (public). */
  readonly collaborators = new Map<string, string>(
    ['octocat', 'alice', 'bob', 'carol', 'dan', 'dana', 'erin'].map(u => [u, 'write'])
  )
  /** The repository's activity (GET /activity), newest last; a test records the pushes it needs. */
  readonly activities: { ref: string; before: string; after: string; actor: string; type: string }[] = []
  /** The GitHub accounts of a commit's author and committer; unset: the author of the pull request it heads. */
  readonly commitAccounts = new Map<string, { author: string | null; committer: string | null }>()
  /** Who made each commit created through POST /git/commits: GitHub attributes it to the token's account. */
  readonly apiCommitAuthors = new Map<string, string>()
  readonly environmentApprovals = new Map<number, { user: string; state: string; environments: string[] }[]>()
  /** Answers GET /commits/{sha}/pulls with an empty list this many times first, as GitHub does just after a merge. */
  readonly pullsLag = new Map<string, number>()
  /** When true, a published release is immutable: updating it or uploading to it answers 422. */
  immutableReleases = true

  /** Starts listening on 127.0.0.1 on a free port. */
  async start(): Promise<this> {
    openApi()
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(e => {
        this.violations.push(
          `stand-in crashed on ${req.method} ${req.url}: ${e instanceof Error ? e.stack : String(e)}`
        )
        if (!res.headersSent) res.writeHead(500).end()
      })
    })
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  /** Answers the next matching requests with an error status instead of handling them. */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1, pass: fault.after ?? 0 })
  }

  id(): number {
    return this.nextId++
  }

  /** Seeds a commit on a branch (a tree of files) and returns its sha. */
  seedCommit(branch: string, files: Record<string, string>, message = 'seed', parents: string[] = []): string {
    const tree = this.storeTree(new Map(Object.entries(files).map(([p, c]) => [p, this.storeBlob(c)])))
    const sha = sha1(`commit ${tree} ${parents.join(',')} ${message} ${this.nextId++}`)
    this.commits.set(sha, { sha, tree, parents, message })
    this.refs.set(`refs/heads/${branch}`, sha)
    return sha
  }

  /** Seeds a pull request with its files and reviews. */
  seedPull(seed: PullSeed): number {
    const number = seed.number ?? ++this.issueCounter
    this.issueCounter = Math.max(this.issueCounter, number)
    this.pulls.set(number, {
      number,
      title: seed.title ?? `PR ${number}`,
      body: seed.body ?? '',
      author: seed.author ?? 'contributor',
      state: seed.state ?? 'open',
      merged: seed.merged ?? false,
      mergeCommitSha: seed.mergeCommitSha,
      head: { fork: false, ...seed.head },
      base: seed.base,
      files: seed.files ?? [],
      reviews: seed.reviews ?? [],
      labels: []
    })
    return number
  }

  /** Makes a commit of a real git repository known, so tags can point at it. */
  addCommit(sha: string, parents: string[] = []): void {
    if (!this.commits.has(sha)) this.commits.set(sha, { sha, tree: this.storeTree(new Map()), parents, message: sha })
  }

  /** Seeds an annotated tag (tag object and ref) with a tagger time, as an earlier promotion left it. */
  seedTag(name: string, commit: string, date: string, message = name): void {
    this.addCommit(commit)
    const sha = sha1(`tag ${name} ${commit} ${this.nextId++}`)
    this.tagObjects.set(sha, {
      sha,
      tag: name,
      message,
      object: commit,
      tagger: { name: 'tunegate', email: 't@x.test', date }
    })
    this.refs.set(`refs/tags/${name}`, sha)
  }

  /** Seeds a workflow run of a commit (of this repository's tunegate.yml unless told otherwise); returns its id. */
  seedRun(
    headSha: string,
    event = 'pull_request',
    id = this.id(),
    origin: { path?: string; headRepository?: string; headBranch?: string } = {}
  ): number {
    this.runs.set(id, {
      id,
      headSha,
      event,
      created: new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      path: origin.path ?? '.github/workflows/tunegate.yml',
      headRepository: origin.headRepository ?? `${this.owner}/${this.repo}`,
      headBranch: origin.headBranch ?? 'main'
    })
    return id
  }

  /** Sets a commit's `tunegate` merge gate as a run's report job does: its target URL is the run's page. */
  seedGate(sha: string, runId: number, state = 'success'): void {
    this.statuses.push({
      id: this.id(),
      sha,
      state,
      context: 'tunegate',
      description: `gate of run ${runId}`,
      target_url: `https://github.test/${this.owner}/${this.repo}/actions/runs/${runId}`,
      created: now()
    })
  }

  /** Records a reviewer's decision on a run's deployment to environments. */
  approveEnvironment(runId: number, user: string, environments: string[], state = 'approved'): void {
    this.environmentApprovals.set(runId, [
      ...(this.environmentApprovals.get(runId) ?? []),
      { user, state, environments }
    ])
  }

  /**
   * Seeds a workflow-run artifact holding a zip archive. A run the test has not seeded becomes a run of this
   * repository's own workflow (trusted); a fork's run is seeded first with seedRun.
   */
  seedArtifact(name: string, runId: number, zip: Buffer, expired = false): number {
    if (!this.runs.has(runId)) this.seedRun('0'.repeat(40), 'pull_request', runId)
    const id = this.id()
    // The artifact service records the digest at upload: bytes changed later no longer match it.
    const digest = `sha256:${createHash('sha256').update(zip).digest('hex')}`
    this.artifacts.set(id, { id, name, runId, zip, expired, created: now(), digest })
    return id
  }

  private storeBlob(content: string): string {
    const sha = sha1(`blob ${content}`)
    this.blobs.set(sha, content)
    return sha
  }

  private storeTree(files: Map<string, string>): string {
    const sha = sha1(
      'tree ' +
        [...files.entries()]
          .sort()
          .map(([p, b]) => `${p}:${b}`)
          .join('\n')
    )
    this.trees.set(sha, files)
    return sha
  }

  /** The stand-in's reading of a file at a branch, for assertions. */
  fileAt(branch: string, file: string): string | undefined {
    this.syncRefs()
    const sha = this.refs.get(`refs/heads/${branch}`)
    if (this.backing) return sha ? this.backing.file(sha, file)?.toString('utf8') : undefined
    const commit = sha ? this.commits.get(sha) : undefined
    const blob = commit ? this.trees.get(commit.tree)?.get(file) : undefined
    return blob ? this.blobs.get(blob) : undefined
  }

  /** With a bare repository: the refs as it holds them now, and each open pull request's head with its branch. */
  syncRefs(): void {
    if (!this.backing) return
    this.refs.clear()
    for (const [ref, sha] of this.backing.refs()) this.refs.set(ref, sha)
    for (const pr of this.pulls.values()) {
      const sha = this.refs.get(`refs/heads/${pr.head.ref}`)
      if (pr.state === 'open' && !pr.head.fork && sha) pr.head.sha = sha
    }
  }

  private commitOf(sha: string): { sha: string; tree: string; parents: string[]; message: string } | undefined {
    return this.backing ? this.backing.commit(sha) : this.commits.get(sha)
  }

  private tagOf(sha: string) {
    return this.tagObjects.get(sha) ?? this.backing?.tag(sha)
  }

  private isTag(sha: string): boolean {
    return this.backing ? this.backing.type(sha) === 'tag' : this.tagObjects.has(sha)
  }

  /** Writes a ref (in the bare repository too, refusing to move it from anything but `expected`). */
  private writeRef(ref: string, sha: string, expected: string): void {
    if (this.backing) {
      this.backing.setRef(ref, sha, expected)
      this.syncRefs()
    } else this.refs.set(ref, sha)
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    const method = req.method ?? 'GET'
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const raw = Buffer.concat(chunks)
    const contentType = String(req.headers['content-type'] ?? '')

    if (url.pathname.startsWith('/_blob/artifact/')) {
      const a = this.artifacts.get(Number(url.pathname.split('/').pop()))
      this.send(
        res,
        a
          ? { status: 200, raw: a.zip, headers: { 'content-type': 'application/zip' } }
          : { status: 404, body: { message: 'Not Found' } }
      )
      return
    }
    const route = openApi().match(method, url.pathname)
    const entry: LoggedRequest = {
      method,
      path: url.pathname + url.search,
      status: 0,
      at: Date.now(),
      ...(route ? { operationId: route.operationId } : {})
    }
    this.log.push(entry)
    const reply = (r: Reply) => {
      entry.status = r.status
      this.send(res, r)
    }
    if (!route) {
      this.violations.push(`${method} ${url.pathname} is not an endpoint of GitHub's REST API`)
      return reply({ status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } })
    }
    const user = this.users.get(String(req.headers.authorization ?? '').replace(/^(token|bearer) /i, ''))
    if (!user)
      return reply({
        status: 401,
        body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }
      })

    if (user.permissions && method !== 'GET' && method !== 'HEAD') {
      const needed = WRITE_PERMISSIONS[route.operationId]
      if (!needed) this.violations.push(`the stand-in knows no permission for ${route.operationId}`)
      else if (!needed.some(p => user.permissions![p] === 'write'))
        return reply({
          status: 403,
          body: {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest'
          }
        })
    }

    const fault = this.faults.find(f => f.left > 0 && (!f.method || f.method === method) && f.path.test(url.pathname))
    if (fault && fault.pass > 0) fault.pass--
    else if (fault) {
      fault.left--
      return reply({
        status: fault.status,
        headers: fault.headers,
        body: {
          message: fault.message ?? `Injected ${fault.status}`,
          documentation_url: 'https://docs.github.com/rest'
        }
      })
    }

    let body: unknown
    if (raw.length && contentType.includes('json')) {
      try {
        body = JSON.parse(raw.toString('utf8'))
      } catch {
        this.violations.push(`${method} ${url.pathname}: body is not JSON`)
        return reply({
          status: 400,
          body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest' }
        })
      }
    }
    entry.body = body
    this.syncRefs()
    const problems = openApi().validateRequest(route, url.searchParams, body, contentType)
    if (problems.length) {
      this.violations.push(
        `${route.operationId} (${method} ${url.pathname}) breaks GitHub's schema: ${problems.join('; ')}`
      )
      return reply({
        status: 422,
        body: {
          message: `Invalid request.\n\n${problems.join('\n')}`,
          documentation_url: 'https://docs.github.com/rest'
        }
      })
    }
    const result = this.dispatch(
      route,
      url.searchParams,
      (body ?? {}) as Json,
      raw,
      contentType,
      user,
      String(req.headers.accept ?? '')
    )
    if (result.status < 300 && result.body !== undefined && !result.raw) {
      const bad = openApi().validateResponse(route, result.status, result.body)
      if (bad.length) this.violations.push(`stand-in answered against GitHub's schema: ${bad.join('; ')}`)
    }
    reply(result)
  }

  private send(res: ServerResponse, r: Reply): void {
    const headers: Record<string, string> = {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      ...(r.headers ?? {})
    }
    if (r.raw) {
      res.writeHead(r.status, headers).end(r.raw)
      return
    }
    if (r.body === undefined) {
      res.writeHead(r.status, headers).end()
      return
    }
    res
      .writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(r.body))
  }

  /** A response object: the stand-in's fields completed into a full instance of the documented schema. */
  private shape(route: Route, status: number, overlay: Json, list = false): unknown {
    const schema = openApi().responseSchema(route, status)
    const itemSchema = list ? ((schema?.items as Json | undefined) ?? {}) : (schema ?? {})
    return openApi().instance(itemSchema, overlay)
  }

  private page<T>(items: T[], query: URLSearchParams, path: string): { items: T[]; headers: Record<string, string> } {
    const perPage = Math.min(Number(query.get('per_page') ?? 30), 100)
    const pageNo = Number(query.get('page') ?? 1)
    const slice = items.slice((pageNo - 1) * perPage, pageNo * perPage)
    const headers: Record<string, string> = {}
    if (pageNo * perPage < items.length) {
      const next = new URLSearchParams(query)
      next.set('page', String(pageNo + 1))
      headers.link = `<${this.url}${path}?${next}>; rel="next"`
    }
    return { items: slice, headers }
  }

  private userJson(u: User | string): Json {
    const user = typeof u === 'string' ? { login: u, type: 'User' } : u
    return {
      login: user.login,
      type: user.type,
      id: sha1(user.login).charCodeAt(0),
      html_url: `https://github.test/${encodeURIComponent(user.login)}`
    }
  }

  private repoJson(fork = false): Json {
    const fullName = fork ? `fork-owner/${this.repo}` : `${this.owner}/${this.repo}`
    return {
      name: this.repo,
      full_name: fullName,
      fork,
      owner: this.userJson(fork ? 'fork-owner' : this.owner),
      html_url: `https://github.test/${fullName}`
    }
  }

  private notFound(): Reply {
    return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } }
  }

  private unprocessable(message: string): Reply {
    return { status: 422, body: { message, documentation_url: 'https://docs.github.com/rest' } }
  }

  private commentJson(
    route: Route,
    status: number,
    c: { id: number; issue: number; body: string; user: User; created: string; updated: string },
    list = false
  ) {
    return this.shape(
      route,
      status,
      {
        id: c.id,
        body: c.body,
        user: this.userJson(c.user),
        created_at: c.created,
        updated_at: c.updated,
        html_url: `https://github.test/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`,
        issue_url: `${this.url}/repos/${this.owner}/${this.repo}/issues/${c.issue}`
      },
      list
    )
  }

  private pullJson(route: Route, status: number, p: ReturnType<GitHubStandIn['pulls']['get']> & object, list = false) {
    return this.shape(
      route,
      status,
      {
        number: p.number,
        title: p.title,
        body: p.body,
        state: p.state,
        merged: p.merged,
        merged_at: p.merged ? now() : null,
        merge_commit_sha: p.mergeCommitSha ?? null,
        user: this.userJson(p.author),
        html_url: `https://github.test/${this.owner}/${this.repo}/pull/${p.number}`,
        head: {
          ref: p.head.ref,
          sha: p.head.sha,
          label: `${p.head.fork ? 'fork-owner' : this.owner}:${p.head.ref}`,
          repo: this.repoJson(p.head.fork)
        },
        base: { ref: p.base.ref, sha: p.base.sha, label: `${this.owner}:${p.base.ref}`, repo: this.repoJson() }
      },
      list
    )
  }

  private releaseJson(
    route: Route,
    status: number,
    r: NonNullable<ReturnType<GitHubStandIn['releases']['get']>>,
    list = false,
    assets: NonNullable<ReturnType<GitHubStandIn['assets']['get']>>[] = []
  ) {
    return this.shape(
      route,
      status,
      {
        id: r.id,
        tag_name: r.tag,
        name: r.name,
        body: r.body,
        draft: r.draft,
        prerelease: false,
        author: this.userJson(r.author),
        created_at: r.created,
        published_at: r.published ?? null,
        html_url: `https://github.test/${this.owner}/${this.repo}/releases/tag/${encodeURIComponent(r.tag)}`,
        upload_url: `${this.url}/repos/${this.owner}/${this.repo}/releases/${r.id}/assets{?name,label}`,
        assets: assets.map(a => this.assetFields(a))
      },
      list
    )
  }

  private assetFields(a: NonNullable<ReturnType<GitHubStandIn['assets']['get']>>) {
    return {
      id: a.id,
      name: a.name,
      size: a.data.length,
      content_type: a.contentType,
      state: 'uploaded',
      digest: `sha256:${createHash('sha256').update(a.data).digest('hex')}`,
      created_at: a.created,
      updated_at: a.created,
      browser_download_url: `https://github.test/${this.owner}/${this.repo}/releases/download/${a.id}/${a.name}`
    }
  }

  private assetJson(
    route: Route,
    status: number,
    a: NonNullable<ReturnType<GitHubStandIn['assets']['get']>>,
    list = false
  ) {
    return this.shape(route, status, this.assetFields(a), list)
  }

  private issueJson(
    route: Route,
    status: number,
    i: NonNullable<ReturnType<GitHubStandIn['issues']['get']>>,
    list = false
  ) {
    return this.shape(
      route,
      status,
      {
        number: i.number,
        title: i.title,
        body: i.body,
        state: i.state,
        user: this.userJson(i.user),
        labels: i.labels.map(name => ({ name, id: sha1(name).charCodeAt(0), color: 'ededed' })),
        html_url: `https://github.test/${this.owner}/${this.repo}/issues/${i.number}`
      },
      list
    )
  }

  private artifactJson(route: Route, status: number, a: NonNullable<ReturnType<GitHubStandIn['artifacts']['get']>>) {
    const item = (
      (openApi().responseSchema(route, status)?.properties as Json | undefined)?.artifacts as Json | undefined
    )?.items as Json
    return openApi().instance(item ?? {}, {
      id: a.id,
      name: a.name,
      size_in_bytes: a.zip.length,
      expired: a.expired,
      created_at: a.created,
      archive_download_url: `${this.url}/repos/${this.owner}/${this.repo}/actions/artifacts/${a.id}/zip`,
      workflow_run: { id: a.runId, head_sha: 'a'.repeat(40) },
      digest: a.digest
    })
  }

  private refJson(route: Route, status: number, ref: string, sha: string, list = false) {
    const type = this.isTag(sha) ? 'tag' : 'commit'
    return this.shape(
      route,
      status,
      { ref, object: { sha, type, url: `${this.url}/repos/${this.owner}/${this.repo}/git/${type}s/${sha}` } },
      list
    )
  }

  /** The repository settings endpoints (rules, rulesets, environments, immutable releases, runners). */
  private settingsReply(route: Route, user: User): Reply | undefined {
    const p = route.params
    const s = this.settings
    const forbidden: Reply = {
      status: 403,
      body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' }
    }
    const rulesetJson = (r: (typeof s.rulesets)[number], status: number, list = false) =>
      this.shape(
        route,
        status,
        {
          id: r.id,
          name: r.name,
          target: r.target,
          source_type: 'Repository',
          source: `${this.owner}/${this.repo}`,
          enforcement: r.enforcement,
          conditions: { ref_name: { include: r.include, exclude: [] } },
          rules: r.rules.map(type => ({ type }))
        },
        list
      )
    switch (route.operationId) {
      case 'repos/get':
        return {
          status: 200,
          body: this.shape(route, 200, {
            name: this.repo,
            full_name: `${this.owner}/${this.repo}`,
            default_branch: s.defaultBranch,
            private: s.visibility !== 'public',
            visibility: s.visibility,
            owner: this.userJson({ login: this.owner, type: 'User' })
          })
        }
      case 'repos/get-branch-rules':
        return { status: 200, body: p.branch === s.defaultBranch ? s.branchRules : [] }
      case 'repos/get-status-checks-protection':
        if (!s.admins.has(user.login)) return this.notFound()
        if (!s.classicRequired || p.branch !== s.defaultBranch) return this.notFound()
        return {
          status: 200,
          body: this.shape(route, 200, {
            strict: false,
            contexts: s.classicRequired,
            checks: s.classicRequired.map(context => ({ context, app_id: null }))
          })
        }
      case 'repos/get-repo-rulesets':
        return { status: 200, body: s.rulesets.map(r => rulesetJson(r, 200, true)) }
      case 'repos/get-repo-ruleset': {
        const r = s.rulesets.find(x => x.id === Number(p.ruleset_id))
        return r ? { status: 200, body: rulesetJson(r, 200) } : this.notFound()
      }
      case 'repos/get-environment': {
        const env = s.environments.get(p.environment_name!)
        if (!env) return this.notFound()
        return {
          status: 200,
          body: this.shape(route, 200, {
            name: p.environment_name,
            protection_rules: env.reviewers.length
              ? [
                  {
                    id: 1,
                    node_id: 'GA_1',
                    type: 'required_reviewers',
                    prevent_self_review: true,
                    reviewers: env.reviewers.map(login => ({
                      type: 'User',
                      reviewer: this.userJson({ login, type: 'User' })
                    }))
                  }
                ]
              : []
          })
        }
      }
      case 'actions/get-repo-variable': {
        // A job's GITHUB_TOKEN has no Variables permission; a person's or an App's token with it reads them.
        if (user.permissions || user.login === 'github-actions[bot]') return forbidden
        const value = s.variables.get(p.name!)
        if (value === undefined) return this.notFound()
        return {
          status: 200,
          body: this.shape(route, 200, { name: p.name, value, created_at: now(), updated_at: now() })
        }
      }
      case 'actions/list-repo-secrets':
        if (user.permissions || user.login === 'github-actions[bot]') return forbidden
        return {
          status: 200,
          body: this.shape(route, 200, {
            total_count: s.secrets.length,
            secrets: s.secrets.map(name => ({ name, created_at: now(), updated_at: now() }))
          })
        }
      case 'actions/list-environment-secrets': {
        if (user.permissions || user.login === 'github-actions[bot]') return forbidden
        const env = s.environments.get(p.environment_name!)
        if (!env) return this.notFound()
        const names = env.secrets ?? []
        return {
          status: 200,
          body: this.shape(route, 200, {
            total_count: names.length,
            secrets: names.map(name => ({ name, created_at: now(), updated_at: now() }))
          })
        }
      }
      case 'repos/check-immutable-releases':
        return this.immutableReleases
          ? { status: 200, body: { enabled: true, enforced_by_owner: false } }
          : this.notFound()
      case 'repos/get-pages': {
        // Pages: read; a job's GITHUB_TOKEN has it only where the job grants pages (the default token has none).
        if (user.permissions ? !user.permissions.pages : user.login === 'github-actions[bot]') return forbidden
        if (!s.pages) return this.notFound()
        const site = `https://${this.owner}.github.io/${this.repo}/`
        return {
          status: 200,
          body: this.shape(route, 200, {
            url: `${this.url}/repos/${this.owner}/${this.repo}/pages`,
            status: 'built',
            cname: null,
            custom_404: false,
            html_url: site,
            build_type: s.pages.buildType,
            ...(s.pages.buildType === 'legacy' ? { source: { branch: 'gh-pages', path: '/' } } : {}),
            public: s.pages.public,
            https_enforced: true
          })
        }
      }
      case 'actions/list-self-hosted-runners-for-repo':
        if (!s.admins.has(user.login)) return forbidden
        return {
          status: 200,
          body: {
            total_count: s.runners.length,
            runners: s.runners.map((r, i) => ({
              id: i + 1,
              name: r.name,
              os: 'linux',
              status: 'online',
              busy: false,
              labels: r.labels.map((name, j) => ({ id: j + 1, name, type: 'custom' }))
            }))
          }
        }
      default:
        return undefined
    }
  }

  private dispatch(
    route: Route,
    query: URLSearchParams,
    body: Json,
    raw: Buffer,
    contentType: string,
    user: User,
    accept: string
  ): Reply {
    const p = route.params
    const base = `/repos/${this.owner}/${this.repo}`
    if (p.owner && (p.owner !== this.owner || p.repo !== this.repo)) return this.notFound()
    const settings = this.settingsReply(route, user)
    if (settings) return settings
    switch (route.operationId) {
      case 'users/get-authenticated':
        // Installation and workflow tokens cannot read /user; a person's token can.
        if (user.type === 'Bot')
          return {
            status: 403,
            body: {
              message: 'Resource not accessible by integration',
              documentation_url: 'https://docs.github.com/rest'
            }
          }
        return {
          status: 200,
          body: this.shape(route, 200, {
            ...this.userJson(user),
            name: user.login,
            created_at: '2020-01-01T00:00:00Z',
            updated_at: '2020-01-01T00:00:00Z'
          })
        }
      case 'issues/list-comments': {
        const n = Number(p.issue_number)
        if (!this.pulls.has(n) && !this.issues.has(n)) return this.notFound()
        const all = [...this.comments.values()].filter(c => c.issue === n).sort((a, b) => a.id - b.id)
        const { items, headers } = this.page(all, query, `${base}/issues/${n}/comments`)
        return { status: 200, headers, body: items.map(c => this.commentJson(route, 200, c, true)) }
      }
      case 'issues/create-comment': {
        const n = Number(p.issue_number)
        if (!this.pulls.has(n) && !this.issues.has(n)) return this.notFound()
        if (commentTooLong(body.body)) return commentTooLong(body.body)!
        const c = { id: this.id(), issue: n, body: String(body.body), user, created: now(), updated: now() }
        this.comments.set(c.id, c)
        return { status: 201, body: this.commentJson(route, 201, c) }
      }
      case 'issues/get-comment': {
        const c = this.comments.get(Number(p.comment_id))
        return c ? { status: 200, body: this.commentJson(route, 200, c) } : this.notFound()
      }
      case 'issues/update-comment': {
        const c = this.comments.get(Number(p.comment_id))
        if (!c) return this.notFound()
        if (c.user.login !== user.login)
          return {
            status: 403,
            body: {
              message: 'Resource not accessible by integration',
              documentation_url: 'https://docs.github.com/rest'
            }
          }
        if (commentTooLong(body.body)) return commentTooLong(body.body)!
        c.body = String(body.body)
        c.updated = now()
        return { status: 200, body: this.commentJson(route, 200, c) }
      }
      case 'issues/delete-comment': {
        const c = this.comments.get(Number(p.comment_id))
        if (!c) return this.notFound()
        this.comments.delete(c.id)
        return { status: 204 }
      }
      case 'repos/create-commit-status': {
        const s = {
          id: this.id(),
          sha: p.sha!,
          state: String(body.state),
          context: String(body.context ?? 'default'),
          description: (body.description as string | undefined) ?? null,
          target_url: (body.target_url as string | undefined) ?? null,
          created: now()
        }
        if (s.description && s.description.length > 140)
          return this.unprocessable('description is too long (maximum is 140 characters)')
        this.statuses.push(s)
        return {
          status: 201,
          body: this.shape(route, 201, {
            id: s.id,
            state: s.state,
            context: s.context,
            description: s.description,
            target_url: s.target_url,
            created_at: s.created,
            updated_at: s.created,
            creator: this.userJson(user)
          })
        }
      }
      case 'pulls/get': {
        const pr = this.pulls.get(Number(p.pull_number))
        return pr ? { status: 200, body: this.pullJson(route, 200, pr) } : this.notFound()
      }
      case 'pulls/list': {
        let all = [...this.pulls.values()]
        const state = query.get('state') ?? 'open'
        if (state !== 'all') all = all.filter(x => x.state === state)
        const head = query.get('head')
        if (head) all = all.filter(x => `${x.head.fork ? 'fork-owner' : this.owner}:${x.head.ref}` === head)
        const { items, headers } = this.page(all, query, `${base}/pulls`)
        return { status: 200, headers, body: items.map(x => this.pullJson(route, 200, x, true)) }
      }
      case 'pulls/create': {
        const headRef = String(body.head)
        const sha = this.refs.get(`refs/heads/${headRef}`)
        const baseSha = this.refs.get(`refs/heads/${String(body.base)}`)
        if (!sha || !baseSha)
          return this.unprocessable(
            `Validation Failed: head '${headRef}' or base '${String(body.base)}' does not exist`
          )
        if ([...this.pulls.values()].some(x => x.state === 'open' && x.head.ref === headRef))
          return this.unprocessable(`A pull request already exists for ${this.owner}:${headRef}.`)
        const n = this.seedPull({
          title: String(body.title),
          body: String(body.body ?? ''),
          author: user.login,
          head: { ref: headRef, sha },
          base: { ref: String(body.base), sha: baseSha },
          ...(this.backing ? { files: this.backing.diffFiles(baseSha, sha) } : {})
        })
        return { status: 201, body: this.pullJson(route, 201, this.pulls.get(n)!) }
      }
      case 'pulls/update': {
        const pr = this.pulls.get(Number(p.pull_number))
        if (!pr) return this.notFound()
        if (typeof body.title === 'string') pr.title = body.title
        if (typeof body.body === 'string') pr.body = body.body
        return { status: 200, body: this.pullJson(route, 200, pr) }
      }
      case 'pulls/list-files': {
        const pr = this.pulls.get(Number(p.pull_number))
        if (!pr) return this.notFound()
        const { items, headers } = this.page(pr.files, query, `${base}/pulls/${pr.number}/files`)
        return {
          status: 200,
          headers,
          body: items.map(f =>
            this.shape(route, 200, { ...f, sha: sha1(f.filename), additions: 1, deletions: 0, changes: 1 }, true)
          )
        }
      }
      case 'pulls/list-reviews': {
        const pr = this.pulls.get(Number(p.pull_number))
        if (!pr) return this.notFound()
        const { items, headers } = this.page(pr.reviews, query, `${base}/pulls/${pr.number}/reviews`)
        return {
          status: 200,
          headers,
          body: items.map((r, i) =>
            this.shape(
              route,
              200,
              {
                id: i + 1,
                user: this.userJson(r.user),
                state: r.state,
                commit_id: r.commit_id,
                submitted_at: now(),
                body: ''
              },
              true
            )
          )
        }
      }
      case 'pulls/create-review': {
        const pr = this.pulls.get(Number(p.pull_number))
        if (!pr) return this.notFound()
        const states: Record<string, string> = {
          APPROVE: 'APPROVED',
          REQUEST_CHANGES: 'CHANGES_REQUESTED',
          COMMENT: 'COMMENTED'
        }
        const state = body.event ? states[String(body.event)] : 'PENDING'
        if (!state) return this.unprocessable(`Unprocessable Entity: event ${String(body.event)}`)
        if (state !== 'COMMENTED' && state !== 'PENDING' && user.login === pr.author)
          return this.unprocessable(
            `Review Can not ${state === 'APPROVED' ? 'approve' : 'request changes on'} your own pull request`
          )
        const review = { user: user.login, state, commit_id: String(body.commit_id ?? pr.head.sha) }
        pr.reviews.push(review)
        return {
          status: 200,
          body: this.shape(route, 200, {
            id: pr.reviews.length,
            user: this.userJson(user),
            state,
            commit_id: review.commit_id,
            body: String(body.body ?? ''),
            submitted_at: now(),
            html_url: `https://github.test/${this.owner}/${this.repo}/pull/${pr.number}#pullrequestreview-${pr.reviews.length}`,
            pull_request_url: `${this.url}${base}/pulls/${pr.number}`
          })
        }
      }
      case 'pulls/merge': {
        // A merge commit of the head into the base branch as it is now (the button's default method).
        const pr = this.pulls.get(Number(p.pull_number))
        if (!pr) return this.notFound()
        if (!this.backing) {
          this.violations.push('the stand-in merges pull requests only with a git repository behind it')
          return { status: 501, body: { message: 'Not implemented in the stand-in without git' } }
        }
        if (pr.state !== 'open' || pr.merged)
          return { status: 405, body: { message: 'Pull Request is not mergeable', documentation_url: '' } }
        if (body.sha !== undefined && body.sha !== pr.head.sha)
          return {
            status: 409,
            body: { message: 'Head branch was modified. Review and try the merge again.', documentation_url: '' }
          }
        const baseRef = `refs/heads/${pr.base.ref}`
        const baseSha = this.refs.get(baseRef)!
        const tree = this.backing.mergeTree(baseSha, pr.head.sha)
        if (!tree) return { status: 405, body: { message: 'Merge conflict', documentation_url: '' } }
        const message = `Merge pull request #${pr.number} from ${this.owner}/${pr.head.ref}\n\n${String(body.commit_title ?? pr.title)}\n`
        const sha = this.backing.createCommit(tree, [baseSha, pr.head.sha], message, {
          name: user.login,
          email: `${user.login}@users.noreply.github.test`
        })
        this.writeRef(baseRef, sha, baseSha)
        Object.assign(pr, { state: 'closed', merged: true, mergeCommitSha: sha })
        return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } }
      }
      case 'repos/list-pull-requests-associated-with-commit': {
        const lag = this.pullsLag.get(p.commit_sha!) ?? 0
        if (lag > 0) {
          this.pullsLag.set(p.commit_sha!, lag - 1)
          return { status: 200, body: [] }
        }
        const all = [...this.pulls.values()].filter(
          x => x.mergeCommitSha === p.commit_sha || x.head.sha === p.commit_sha
        )
        return { status: 200, body: all.map(x => this.pullJson(route, 200, x, true)) }
      }
      case 'git/get-ref': {
        const ref = `refs/${p.ref}`
        const sha = this.refs.get(ref)
        return sha ? { status: 200, body: this.refJson(route, 200, ref, sha) } : this.notFound()
      }
      case 'git/create-ref': {
        const ref = String(body.ref)
        if (!/^refs\/(heads|tags)\/./.test(ref))
          return this.unprocessable('Reference name must start with refs/heads/ or refs/tags/')
        if (this.refs.has(ref)) return this.unprocessable('Reference already exists')
        const sha = String(body.sha)
        if (!this.commitOf(sha) && !this.isTag(sha)) return this.unprocessable('Object does not exist')
        this.writeRef(ref, sha, '')
        return { status: 201, body: this.refJson(route, 201, ref, sha) }
      }
      case 'git/update-ref': {
        const ref = `refs/${p.ref}`
        const current = this.refs.get(ref)
        if (!current) return this.unprocessable('Reference does not exist')
        const sha = String(body.sha)
        const commit = this.commitOf(sha)
        if (!commit) return this.unprocessable('Object does not exist')
        // GitHub refuses a non-fast-forward update unless force is true.
        if (body.force !== true && !this.isAncestor(current, sha))
          return this.unprocessable('Update is not a fast forward')
        this.writeRef(ref, sha, current)
        return { status: 200, body: this.refJson(route, 200, ref, sha) }
      }
      case 'git/list-matching-refs': {
        const prefix = `refs/${p.ref}`
        const all = [...this.refs.entries()].filter(([r]) => r.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1))
        // GitHub returns every match in one response: the endpoint documents no page parameters.
        return { status: 200, body: all.map(([r, sha]) => this.refJson(route, 200, r, sha, true)) }
      }
      case 'actions/list-workflow-runs-for-repo': {
        const head = query.get('head_sha')
        const all = [...this.runs.values()].filter(r => !head || r.headSha === head).sort((a, b) => b.id - a.id)
        const { items, headers } = this.page(all, query, `${base}/actions/runs`)
        const item = (
          (openApi().responseSchema(route, 200)?.properties as Json | undefined)?.workflow_runs as Json | undefined
        )?.items as Json
        return {
          status: 200,
          headers,
          body: {
            total_count: all.length,
            workflow_runs: items.map(r =>
              openApi().instance(item ?? {}, {
                id: r.id,
                head_sha: r.headSha,
                event: r.event,
                status: 'completed',
                conclusion: 'success',
                created_at: r.created,
                updated_at: r.created,
                html_url: `https://github.test/${this.owner}/${this.repo}/actions/runs/${r.id}`
              })
            )
          }
        }
      }
      case 'repos/get-collaborator-permission-level': {
        const access = this.collaborators.get(p.username!) ?? 'read'
        return {
          status: 200,
          body: this.shape(route, 200, {
            permission: access === 'maintain' ? 'write' : access === 'triage' ? 'read' : access,
            role_name: access,
            user: this.userJson(p.username!)
          })
        }
      }
      case 'repos/list-activities': {
        const ref = query.get('ref')
        const all = this.activities
          .map((a, i) => ({ ...a, id: i + 1 }))
          .filter(a => !ref || a.ref === ref)
          .reverse()
        const { items, headers } = this.page(all, query, `${base}/activity`)
        return {
          status: 200,
          headers,
          body: items.map(a =>
            this.shape(
              route,
              200,
              {
                id: a.id,
                node_id: `A_${a.id}`,
                before: a.before,
                after: a.after,
                ref: a.ref,
                timestamp: now(),
                activity_type: a.type,
                actor: this.userJson(a.actor)
              },
              true
            )
          )
        }
      }
      case 'repos/get-commit': {
        const sha = p.ref!
        if (!this.commitOf(sha)) return this.notFound()
        const headed = [...this.pulls.values()].find(x => x.head.sha === sha)?.author ?? null
        const who = this.commitAccounts.get(sha) ?? { author: headed, committer: headed }
        return {
          status: 200,
          body: this.shape(route, 200, {
            sha,
            node_id: `C_${sha}`,
            url: `${this.url}${base}/commits/${sha}`,
            html_url: `https://github.test/${this.owner}/${this.repo}/commit/${sha}`,
            comments_url: `${this.url}${base}/commits/${sha}/comments`,
            commit: {
              url: `${this.url}${base}/git/commits/${sha}`,
              message: sha,
              comment_count: 0,
              tree: { sha: 't'.repeat(40), url: `${this.url}${base}/git/trees/${'t'.repeat(40)}` },
              author: null,
              committer: null
            },
            author: who.author ? this.userJson(who.author) : null,
            committer: who.committer ? this.userJson(who.committer) : null,
            parents: []
          })
        }
      }
      case 'repos/compare-commits-with-basehead': {
        // base...head: the commits reachable from head and not from base, oldest first, as GitHub lists them.
        const [baseRef = '', headRef = ''] = p.basehead!.split('...')
        const resolve = (r: string) => (this.commitOf(r) ? r : this.refs.get(`refs/heads/${r}`))
        const baseSha = resolve(baseRef)
        const headSha = resolve(headRef)
        if (!baseSha || !headSha) return this.notFound()
        const reachable = (from: string) => {
          const seen = new Set<string>()
          const todo = [from]
          while (todo.length) {
            const s = todo.pop()!
            if (seen.has(s)) continue
            seen.add(s)
            todo.push(...(this.commitOf(s)?.parents ?? []))
          }
          return seen
        }
        const fromBase = reachable(baseSha)
        const ahead = [...reachable(headSha)].filter(s => !fromBase.has(s)).reverse()
        const behind = [...fromBase].filter(s => !reachable(headSha).has(s))
        const commitJson = (sha: string) => {
          const who = this.commitAccounts.get(sha)
          const author = who ? who.author : (this.apiCommitAuthors.get(sha) ?? null)
          const committer = who ? who.committer : (this.apiCommitAuthors.get(sha) ?? null)
          return {
            sha,
            node_id: `C_${sha}`,
            url: `${this.url}${base}/commits/${sha}`,
            html_url: `https://github.test/${this.owner}/${this.repo}/commit/${sha}`,
            commit: { url: `${this.url}${base}/git/commits/${sha}`, message: this.commitOf(sha)!.message },
            author: author ? this.userJson(author) : null,
            committer: committer ? this.userJson(committer) : null,
            parents: this.commitOf(sha)!.parents.map(s => ({ sha: s, url: `${this.url}${base}/commits/${s}` }))
          }
        }
        return {
          status: 200,
          body: this.shape(route, 200, {
            status:
              ahead.length && behind.length
                ? 'diverged'
                : ahead.length
                  ? 'ahead'
                  : behind.length
                    ? 'behind'
                    : 'identical',
            ahead_by: ahead.length,
            behind_by: behind.length,
            total_commits: ahead.length,
            base_commit: commitJson(baseSha),
            commits: ahead.slice(0, 250).map(commitJson)
          })
        }
      }
      case 'actions/get-workflow-run': {
        const r = this.runs.get(Number(p.run_id))
        if (!r) return this.notFound()
        const repository = (fullName: string) => {
          const [owner = '', name = ''] = fullName.split('/')
          return {
            id: sha1(fullName).charCodeAt(0),
            node_id: `R_${fullName}`,
            name,
            full_name: fullName,
            private: false,
            fork: fullName !== `${this.owner}/${this.repo}`,
            owner: this.userJson({ login: owner, type: 'User' }),
            html_url: `https://github.test/${fullName}`,
            url: `${this.url}/repos/${fullName}`
          }
        }
        return {
          status: 200,
          body: this.shape(route, 200, {
            id: r.id,
            name: 'Tunegate pipeline',
            head_branch: r.headBranch,
            head_sha: r.headSha,
            path: r.path,
            event: r.event,
            status: 'completed',
            conclusion: 'success',
            run_number: r.id,
            run_attempt: 1,
            workflow_id: 1,
            created_at: r.created,
            updated_at: r.created,
            html_url: `https://github.test/${this.owner}/${this.repo}/actions/runs/${r.id}`,
            pull_requests: [],
            repository: repository(`${this.owner}/${this.repo}`),
            head_repository: repository(r.headRepository)
          })
        }
      }
      case 'actions/get-reviews-for-run': {
        if (!this.runs.has(Number(p.run_id))) return this.notFound()
        const all = this.environmentApprovals.get(Number(p.run_id)) ?? []
        return {
          status: 200,
          body: all.map(a =>
            this.shape(
              route,
              200,
              {
                state: a.state,
                comment: '',
                user: this.userJson(a.user),
                environments: a.environments.map((name, i) => ({
                  id: i + 1,
                  name,
                  node_id: `E${i}`,
                  url: '',
                  html_url: ''
                }))
              },
              true
            )
          )
        }
      }
      case 'git/create-tag': {
        const object = String(body.object)
        if (!this.commitOf(object)) return this.unprocessable('Object does not exist')
        const tagger = (body.tagger as { name: string; email: string; date?: string } | undefined) ?? {
          name: user.login,
          email: 'bot@github.test'
        }
        const fields = {
          tag: String(body.tag),
          message: String(body.message),
          object,
          tagger: { ...tagger, date: tagger.date ?? now() }
        }
        const t = {
          sha: this.backing
            ? this.backing.createTag(fields)
            : sha1(`tag ${String(body.tag)} ${object} ${this.nextId++}`),
          ...fields
        }
        this.tagObjects.set(t.sha, t)
        return { status: 201, body: this.tagJson(route, 201, t) }
      }
      case 'git/get-tag': {
        const t = this.tagOf(p.tag_sha!)
        return t ? { status: 200, body: this.tagJson(route, 200, t) } : this.notFound()
      }
      case 'git/get-commit': {
        const c = this.commitOf(p.commit_sha!)
        if (!c) return this.notFound()
        return {
          status: 200,
          body: this.shape(route, 200, {
            sha: c.sha,
            message: c.message,
            tree: { sha: c.tree, url: `${this.url}${base}/git/trees/${c.tree}` },
            parents: c.parents.map(s => ({
              sha: s,
              url: `${this.url}${base}/git/commits/${s}`,
              html_url: `https://github.test/${this.owner}/${this.repo}/commit/${s}`
            }))
          })
        }
      }
      case 'git/create-tree': {
        if (this.backing) {
          if (body.base_tree && this.backing.type(String(body.base_tree)) !== 'tree')
            return this.unprocessable('base_tree is not a valid tree')
          const made = this.backing.createTree(
            body.base_tree ? String(body.base_tree) : undefined,
            body.tree as { path: string; content?: string; sha?: string | null }[]
          )
          return {
            status: 201,
            body: this.shape(route, 201, {
              sha: made.sha,
              tree: made.files.map(([path, blob]) => ({ path, mode: '100644', type: 'blob', sha: blob }))
            })
          }
        }
        const baseTree = body.base_tree ? this.trees.get(String(body.base_tree)) : new Map<string, string>()
        if (!baseTree) return this.unprocessable('base_tree is not a valid tree')
        const files = new Map(baseTree)
        for (const entry of body.tree as { path: string; content?: string; sha?: string | null }[]) {
          if (entry.sha === null) files.delete(entry.path)
          else if (typeof entry.content === 'string') files.set(entry.path, this.storeBlob(entry.content))
          else if (entry.sha) files.set(entry.path, entry.sha)
        }
        const sha = this.storeTree(files)
        return {
          status: 201,
          body: this.shape(route, 201, {
            sha,
            tree: [...files.entries()].map(([path, blob]) => ({ path, mode: '100644', type: 'blob', sha: blob }))
          })
        }
      }
      case 'git/create-commit': {
        const tree = String(body.tree)
        if (this.backing ? this.backing.type(tree) !== 'tree' : !this.trees.has(tree))
          return this.unprocessable('Tree does not exist')
        const parents = (body.parents as string[] | undefined) ?? []
        if (parents.some(s => !this.commitOf(s))) return this.unprocessable('Parent does not exist')
        const sha = this.backing
          ? this.backing.createCommit(tree, parents, String(body.message), {
              name: user.login,
              email: `${user.login}@users.noreply.github.test`
            })
          : sha1(`commit ${tree} ${parents.join(',')} ${String(body.message)} ${this.nextId++}`)
        if (!this.backing) this.commits.set(sha, { sha, tree, parents, message: String(body.message) })
        this.apiCommitAuthors.set(sha, user.login)
        return {
          status: 201,
          body: this.shape(route, 201, {
            sha,
            message: String(body.message),
            tree: { sha: tree, url: `${this.url}${base}/git/trees/${tree}` },
            parents: parents.map(s => ({
              sha: s,
              url: `${this.url}${base}/git/commits/${s}`,
              html_url: `https://github.test/${this.owner}/${this.repo}/commit/${s}`
            })),
            html_url: `https://github.test/${this.owner}/${this.repo}/commit/${sha}`
          })
        }
      }
      case 'repos/list-releases': {
        // Drafts are listed only for users with push access; the stand-in's tokens all have it.
        const all = [...this.releases.values()].sort((a, b) => b.id - a.id)
        const { items, headers } = this.page(all, query, `${base}/releases`)
        return { status: 200, headers, body: items.map(r => this.releaseJson(route, 200, r, true)) }
      }
      case 'repos/create-release': {
        const tag = String(body.tag_name)
        if ([...this.releases.values()].some(r => r.tag === tag))
          return this.unprocessable('Validation Failed: tag_name already_exists')
        const r = {
          id: this.id(),
          tag,
          name: String(body.name ?? tag),
          body: String(body.body ?? ''),
          draft: body.draft === true,
          author: user,
          created: now(),
          ...(body.draft === true ? {} : { published: now() })
        }
        this.releases.set(r.id, r)
        return { status: 201, body: this.releaseJson(route, 201, r) }
      }
      case 'repos/update-release': {
        const r = this.releases.get(Number(p.release_id))
        if (!r) return this.notFound()
        if (this.immutableReleases && !r.draft) return this.unprocessable('Cannot update an immutable release')
        if (typeof body.body === 'string') r.body = body.body
        if (typeof body.name === 'string') r.name = body.name
        if (body.draft === false && r.draft) {
          r.draft = false
          r.published = now()
        }
        return { status: 200, body: this.releaseJson(route, 200, r) }
      }
      case 'repos/get-release-by-tag': {
        // "Get a published release with the specified tag": drafts are not found by tag.
        const r = [...this.releases.values()].find(x => x.tag === p.tag && !x.draft)
        if (!r) return this.notFound()
        const assets = [...this.assets.values()].filter(a => a.release === r.id)
        return { status: 200, body: this.releaseJson(route, 200, r, false, assets) }
      }
      case 'repos/get-release-asset': {
        const a = this.assets.get(Number(p.asset_id))
        if (!a) return this.notFound()
        // With Accept: application/octet-stream GitHub answers with the bytes.
        if (accept.includes('application/octet-stream'))
          return { status: 200, raw: a.data, headers: { 'content-type': 'application/octet-stream' } }
        return { status: 200, body: this.assetJson(route, 200, a) }
      }
      case 'repos/list-commit-statuses-for-ref': {
        const all = this.statuses.filter(x => x.sha === p.ref).reverse()
        const { items, headers } = this.page(all, query, `${base}/commits/${p.ref}/statuses`)
        return {
          status: 200,
          headers,
          body: items.map(x =>
            this.shape(
              route,
              200,
              {
                id: x.id,
                state: x.state,
                context: x.context,
                description: x.description,
                target_url: x.target_url,
                created_at: x.created,
                updated_at: x.created,
                creator: this.userJson('github-actions[bot]')
              },
              true
            )
          )
        }
      }
      case 'repos/list-release-assets': {
        const all = [...this.assets.values()].filter(a => a.release === Number(p.release_id))
        const { items, headers } = this.page(all, query, `${base}/releases/${p.release_id}/assets`)
        return { status: 200, headers, body: items.map(a => this.assetJson(route, 200, a, true)) }
      }
      case 'repos/upload-release-asset': {
        const release = Number(p.release_id)
        if (!this.releases.has(release)) return this.notFound()
        if (this.immutableReleases && !this.releases.get(release)!.draft)
          return this.unprocessable('Cannot upload assets to an immutable release')
        const name = query.get('name')!
        if ([...this.assets.values()].some(a => a.release === release && a.name === name))
          return this.unprocessable('Validation Failed: name already_exists')
        const a = {
          id: this.id(),
          release,
          name,
          data: raw,
          contentType: contentType || 'application/octet-stream',
          created: now()
        }
        this.assets.set(a.id, a)
        return { status: 201, body: this.assetJson(route, 201, a) }
      }
      case 'issues/list-for-repo': {
        const labels = query.get('labels')?.split(',').filter(Boolean) ?? []
        const state = query.get('state') ?? 'open'
        const all = [...this.issues.values()].filter(
          i => (state === 'all' || i.state === state) && labels.every(l => i.labels.includes(l))
        )
        const { items, headers } = this.page(all, query, `${base}/issues`)
        return { status: 200, headers, body: items.map(i => this.issueJson(route, 200, i, true)) }
      }
      case 'issues/create': {
        const i = {
          number: ++this.issueCounter,
          title: String(body.title),
          body: String(body.body ?? ''),
          labels: ((body.labels as string[] | undefined) ?? []).map(String),
          state: 'open',
          user
        }
        this.issues.set(i.number, i)
        return { status: 201, body: this.issueJson(route, 201, i) }
      }
      case 'issues/update': {
        const i = this.issues.get(Number(p.issue_number))
        if (!i) return this.notFound()
        if (typeof body.title === 'string') i.title = body.title
        if (typeof body.body === 'string') i.body = body.body
        return { status: 200, body: this.issueJson(route, 200, i) }
      }
      case 'issues/add-labels': {
        const n = Number(p.issue_number)
        const target = this.pulls.get(n) ?? this.issues.get(n)
        if (!target) return this.notFound()
        const add = ((body.labels as string[] | undefined) ?? []).map(String)
        target.labels = [...new Set([...target.labels, ...add])]
        return {
          status: 200,
          body: target.labels.map(name =>
            this.shape(
              route,
              200,
              { name, id: sha1(name).charCodeAt(0), color: 'ededed', url: `${this.url}${base}/labels/${name}` },
              true
            )
          )
        }
      }
      case 'actions/list-workflow-run-artifacts':
      case 'actions/list-artifacts-for-repo': {
        const name = query.get('name')
        const all = [...this.artifacts.values()].filter(
          a => (!p.run_id || a.runId === Number(p.run_id)) && (!name || a.name === name)
        )
        const { items, headers } = this.page(
          all,
          query,
          route.operationId === 'actions/list-artifacts-for-repo'
            ? `${base}/actions/artifacts`
            : `${base}/actions/runs/${p.run_id}/artifacts`
        )
        return {
          status: 200,
          headers,
          body: { total_count: all.length, artifacts: items.map(a => this.artifactJson(route, 200, a)) }
        }
      }
      case 'actions/download-artifact': {
        const a = this.artifacts.get(Number(p.artifact_id))
        if (!a) return this.notFound()
        if (a.expired)
          return {
            status: 410,
            body: { message: 'Artifact has expired', documentation_url: 'https://docs.github.com/rest' }
          }
        return { status: 302, headers: { location: `${this.url}/_blob/artifact/${a.id}` } }
      }
      case 'repos/get-content': {
        // Drift reads a file at a commit with the raw media type (files up to 100 MB); only that is served.
        if (!accept.includes('raw')) {
          this.violations.push('the stand-in serves repos/get-content with the raw media type only')
          return { status: 415, body: { message: 'Unsupported media type' } }
        }
        const ref = query.get('ref') ?? 'main'
        if (this.backing) {
          const at = this.backing.commit(ref) ? ref : this.refs.get(`refs/heads/${ref}`)
          const data = at ? this.backing.file(at, p.path!) : undefined
          return data
            ? { status: 200, raw: data, headers: { 'content-type': 'application/vnd.github.raw' } }
            : this.notFound()
        }
        const sha = this.commits.has(ref) ? ref : this.refs.get(`refs/heads/${ref}`)
        const commit = sha ? this.commits.get(sha) : undefined
        const blob = commit ? this.trees.get(commit.tree)?.get(p.path!) : undefined
        if (!blob) return this.notFound()
        return {
          status: 200,
          raw: Buffer.from(this.blobs.get(blob)!),
          headers: { 'content-type': 'application/vnd.github.raw' }
        }
      }
      case 'actions/create-workflow-dispatch': {
        const ref = String(body.ref)
        if (!this.refs.has(`refs/heads/${ref}`) && !this.refs.has(ref))
          return this.unprocessable(`No ref found for: ${ref}`)
        const declared = this.workflowInputs.get(String(p.workflow_id))
        const unexpected = Object.keys((body.inputs as object | undefined) ?? {}).filter(k => !declared?.includes(k))
        if (declared && unexpected.length)
          return this.unprocessable(`Unexpected inputs provided: ${JSON.stringify(unexpected)}`)
        this.dispatches.push({
          workflow: String(p.workflow_id),
          ref,
          inputs: (body.inputs as Record<string, string> | undefined) ?? {},
          user: user.login
        })
        return { status: 204 }
      }
      default:
        this.violations.push(`the stand-in does not implement ${route.operationId} (${route.method} ${route.template})`)
        return { status: 501, body: { message: `Not implemented in the stand-in: ${route.operationId}` } }
    }
  }

  private tagJson(
    route: Route,
    status: number,
    t: {
      sha: string
      tag: string
      message: string
      object: string
      tagger: { name: string; email: string; date: string }
    }
  ) {
    return this.shape(route, status, {
      sha: t.sha,
      tag: t.tag,
      message: t.message,
      tagger: t.tagger,
      object: {
        sha: t.object,
        type: 'commit',
        url: `${this.url}/repos/${this.owner}/${this.repo}/git/commits/${t.object}`
      },
      url: `${this.url}/repos/${this.owner}/${this.repo}/git/tags/${t.sha}`
    })
  }

  private isAncestor(ancestor: string, sha: string): boolean {
    if (this.backing) return this.backing.isAncestor(ancestor, sha)
    const stack = [sha]
    const seen = new Set<string>()
    while (stack.length) {
      const s = stack.pop()!
      if (s === ancestor) return true
      if (seen.has(s)) continue
      seen.add(s)
      stack.push(...(this.commits.get(s)?.parents ?? []))
    }
    return false
  }
}

/** GitHub's limit on an issue or pull request comment's body, in characters. */
export const MAX_COMMENT_BODY = 65_536

/** GitHub's answer to a comment body over its limit (422, its validation error shape), or undefined. */
function commentTooLong(body: unknown): Reply | undefined {
  const length = [...String(body ?? '')].length
  if (length <= MAX_COMMENT_BODY) return undefined
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: `Body is too long (maximum is ${MAX_COMMENT_BODY} characters)`
        }
      ],
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '422'
    }
  }
}
