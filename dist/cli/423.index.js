export const id = 423;
export const ids = [423];
export const modules = {

/***/ 7242:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cn: () => (/* binding */ artifactAttempt),
/* harmony export */   j: () => (/* binding */ STATUS_CONTEXT),
/* harmony export */   t0: () => (/* binding */ runFolderName)
/* harmony export */ });
/* unused harmony exports modelStatusContext, evaluationArtifactName, attemptArtifactName */
/** Names shared by the actions, the CLI and the hosts, kept in one place so they cannot drift apart. */
/** The commit status branch protection requires (the merge gate); also the title of annotations. */
const STATUS_CONTEXT = 'tunegate';
/** A model's own commit status, from which the merge gate is aggregated: `tunegate/<model>`. */
function modelStatusContext(model) {
    return `${STATUS_CONTEXT}/${model}`;
}
/** The folder of one training run under a work dir: the model and the start of its training fingerprint. */
function runFolderName(model, trainingFingerprint) {
    return `${model}-${trainingFingerprint.slice(0, 16)}`;
}
/** The workflow artifact that carries an evaluation record: found again by the evaluation fingerprint. */
function evaluationArtifactName(model, evaluationFingerprint) {
    return `tunegate-evaluation-${model}-${evaluationFingerprint.slice(0, 32)}`;
}
/**
 * An artifact's name in one attempt of a workflow run: `<name>-<attempt>`. A re-run is the same run, and the
 * artifact service refuses a second artifact of one name in a run, so every upload carries its attempt.
 */
function attemptArtifactName(name, attempt) {
    return `${name}-${attempt}`;
}
/** The run attempt of an artifact named `<name>-<attempt>`, or undefined when it is not one of `name`'s. */
function artifactAttempt(artifactName, name) {
    const rest = artifactName.startsWith(`${name}-`) ? artifactName.slice(name.length + 1) : '';
    return /^[1-9]\d{0,5}$/.test(rest) ? Number(rest) : undefined;
}


/***/ }),

/***/ 5423:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  a: () => (/* binding */ LocalHost)
});

// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/registry/digest.ts
var digest = __webpack_require__(5035);
// EXTERNAL MODULE: ./src/registry/git.ts
var git = __webpack_require__(6603);
// EXTERNAL MODULE: ./src/registry/lfs.ts
var lfs = __webpack_require__(9676);
// EXTERNAL MODULE: ./src/registry/state.ts
var state = __webpack_require__(4174);
// EXTERNAL MODULE: ./src/registry/tag-provenance.ts
var tag_provenance = __webpack_require__(4603);
// EXTERNAL MODULE: ./src/report/sticky-comment.ts
var sticky_comment = __webpack_require__(647);
;// CONCATENATED MODULE: ./src/registry/host.ts
/** Suffixed branches tried for new episodes before giving up. */
const MAX_EPISODES = 100;
/** The branch of the n-th episode (1-based) of a deterministic branch. */
function episodeBranch(branch, n) {
    return n === 1 ? branch : `${branch}-${n}`;
}
/** Appends the lines of `addition` that `text` does not already hold, keeping `text` ending with a newline. */
function appendNewLines(text, addition) {
    const have = new Set(text.split('\n'));
    const fresh = [];
    for (const line of addition.split('\n'))
        if (line !== '' && !have.has(line)) {
            have.add(line);
            fresh.push(line);
        }
    if (!fresh.length)
        return text;
    return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${fresh.join('\n')}\n`;
}
/** The hidden marker of an issue or PR found again by key. */
function keyMarker(key) {
    return `<!-- tunegate:key ${key.replace(/[^a-zA-Z0-9:._/-]/g, '-')} -->`;
}

;// CONCATENATED MODULE: ./src/host/local-host.ts











/**
 * The Host for the CLI: reports, statuses, releases and artifacts are files under one folder,
 * tags and branches go to the local git repository. Nothing leaves the machine.
 */
class LocalHost {
    dir;
    repo;
    constructor(
    /** Folder for reports and records, e.g. `.tunegate/`. */
    dir, 
    /** The git repository for tags and branches. */
    repo) {
        this.dir = dir;
        this.repo = repo;
    }
    file(...parts) {
        return external_node_path_default().join(this.dir, ...parts);
    }
    async readJson(file) {
        try {
            return JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return undefined;
            throw e;
        }
    }
    async writeJson(file, value) {
        await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
        await (0,promises_.writeFile)(file, JSON.stringify(value, null, 2) + '\n');
    }
    async upsertCommentSection(pr, section, markdown) {
        return this.writeSticky(pr, { section, markdown });
    }
    async upsertCommentSections(pr, sections, footer = '') {
        return this.writeSticky(pr, { sections, footer });
    }
    /** The one write of the sticky comment: `pulls/<pr>/comment.md`, left alone when its body would not change. */
    async writeSticky(pr, write) {
        const file = this.file('pulls', String(pr), 'comment.md');
        const before = await (0,promises_.readFile)(file, 'utf8').catch(() => undefined);
        const next = (0,sticky_comment/* stickyBody */.uX)(before, write);
        if (next === before)
            return { url: file, changed: false };
        await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
        await (0,promises_.writeFile)(file, next);
        return { url: file, changed: true };
    }
    async setCommitStatus(sha, status) {
        await (0,promises_.mkdir)(this.dir, { recursive: true });
        await (0,promises_.appendFile)(this.file('statuses.jsonl'), JSON.stringify({ sha, context: status.context ?? constants/* STATUS_CONTEXT */.j, ...status, at: new Date().toISOString() }) + '\n');
    }
    async getPullRequest(pr) {
        const info = await this.readJson(this.file('pulls', String(pr), 'pull.json'));
        if (!info)
            throw new errors/* ConfigurationError */.j1(`No local pull request #${pr}: expected ${this.file('pulls', String(pr), 'pull.json')}.`);
        return info;
    }
    /** A local pull request is recorded by hand, with no access control: every reviewer in it may approve. */
    async repositoryAccess() {
        return 'write';
    }
    /** A local pull request has no push history: its author made its commits. */
    async headPushers(pr) {
        return [pr.author];
    }
    /** Records a pull request for local runs (the CLI's stand-in for opening one on GitHub). */
    async recordPullRequest(info) {
        await this.writeJson(this.file('pulls', String(info.number), 'pull.json'), info);
    }
    async listPullRequestsForCommit(sha) {
        let entries = [];
        try {
            // pulls/ holds recorded pull requests (`<number>/pull.json`) beside drift's branch records
            // (`branch-*.json` files): only the numbered folders are pull requests.
            entries = (await (0,promises_.readdir)(this.file('pulls'), { withFileTypes: true }))
                .filter(e => e.isDirectory() && /^[1-9][0-9]*$/.test(e.name))
                .map(e => e.name);
        }
        catch {
            return [];
        }
        const found = [];
        for (const entry of entries.sort((a, b) => Number(a) - Number(b))) {
            const info = await this.readJson(this.file('pulls', entry, 'pull.json'));
            if (info && (info.mergeCommitSha === sha || info.headSha === sha))
                found.push({
                    number: info.number,
                    ...(info.merged ? { mergedAt: info.mergedAt ?? '1970-01-01T00:00:00Z' } : {}),
                    ...(info.mergeCommitSha ? { mergeCommitSha: info.mergeCommitSha } : {})
                });
        }
        return found;
    }
    async findPullRequestForCommit(sha) {
        return (await this.listPullRequestsForCommit(sha)).find(p => p.mergedAt && p.mergeCommitSha === sha)?.number;
    }
    async createTag(name, sha, message, options = {}) {
        try {
            const existing = (await (0,git/* git */.$Y)(this.repo, ['rev-parse', '--verify', '--quiet', `refs/tags/${name}^{commit}`])).trim();
            if (existing === sha)
                return 'exists';
            throw new errors/* ConfigurationError */.j1(`Tag '${name}' already exists on ${existing.slice(0, 12)}, not ${sha.slice(0, 12)}; tags are never moved.`);
        }
        catch (e) {
            if (!(e instanceof git/* GitError */.XS))
                throw e;
        }
        // Tunegate's tagger, as on GitHub: a stage tag by another tagger is not taken for production.
        await (0,state/* createAnnotatedTag */.Bw)(this.repo, name, sha, message, options.tagger ?? tag_provenance/* TUNEGATE_TAGGER */.bU, options.taggedAt);
        return 'created';
    }
    async listTags(model) {
        const tags = await (0,state/* readTags */.g$)(this.repo);
        return model === undefined ? tags : tags.filter(t => t.name.startsWith(model.replace(':', '=')));
    }
    async getRelease(tag) {
        const dir = this.file('releases', tag);
        const record = await this.readJson(external_node_path_default().join(dir, 'release.json'));
        if (!record)
            return undefined;
        const ref = { id: record.id, tag, draft: record.draft, url: dir, uploadUrl: external_node_path_default().join(dir, 'assets') };
        return { ...ref, assets: await this.listReleaseAssets(ref) };
    }
    async listReleaseAssets(release) {
        let names = [];
        try {
            names = await (0,promises_.readdir)(release.uploadUrl);
        }
        catch {
            return [];
        }
        const assets = [];
        for (const name of names.sort()) {
            const file = external_node_path_default().join(release.uploadUrl, name);
            assets.push({ name, size: (await (0,promises_.stat)(file)).size, digest: `sha256:${await (0,digest/* fileDigest */.hd)(file)}` });
        }
        return assets;
    }
    /** Local runs have no workflow runs: records and outputs come from the CLI's own folders. */
    async listWorkflowRuns() {
        return [];
    }
    async listEnvironmentApprovals() {
        return [];
    }
    async createDraftRelease(tag, name, body) {
        const dir = this.file('releases', tag);
        const record = await this.readJson(external_node_path_default().join(dir, 'release.json'));
        if (record && !record.draft)
            throw new errors/* ConfigurationError */.j1(`Release ${tag} is already published; a published release is never changed.`);
        const id = record?.id ?? parseInt((0,digest/* sha256 */.sc)(tag).slice(0, 8), 16);
        await this.writeJson(external_node_path_default().join(dir, 'release.json'), { id, tag, name, draft: true });
        await (0,promises_.writeFile)(external_node_path_default().join(dir, 'body.md'), body);
        return { id, tag, draft: true, url: dir, uploadUrl: external_node_path_default().join(dir, 'assets') };
    }
    async uploadReleaseAsset(release, asset) {
        const record = await this.readJson(this.file('releases', release.tag, 'release.json'));
        if (record && !record.draft)
            throw new errors/* ConfigurationError */.j1(`Release ${release.tag} is published; its assets cannot change.`);
        const target = external_node_path_default().join(release.uploadUrl, asset.name);
        await (0,promises_.mkdir)(release.uploadUrl, { recursive: true });
        try {
            if ((await (0,digest/* fileDigest */.hd)(target)) === (await (0,digest/* fileDigest */.hd)(asset.path)))
                return;
            throw new errors/* ConfigurationError */.j1(`Release ${release.tag} already has an asset '${asset.name}' with other content; assets are never overwritten.`);
        }
        catch (e) {
            if (e.code !== 'ENOENT')
                throw e;
        }
        await (0,promises_.copyFile)(asset.path, target);
    }
    async downloadReleaseAsset(tag, name, destination) {
        try {
            await (0,promises_.copyFile)(this.file('releases', tag, 'assets', name), destination);
            return true;
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return false;
            throw e;
        }
    }
    async listCommitStatuses(sha) {
        let text = '';
        try {
            text = await (0,promises_.readFile)(this.file('statuses.jsonl'), 'utf8');
        }
        catch {
            return [];
        }
        return text
            .split('\n')
            .filter(Boolean)
            .map(l => JSON.parse(l))
            .filter(s => s.sha === sha)
            .reverse();
    }
    async publishRelease(release) {
        const file = this.file('releases', release.tag, 'release.json');
        const record = await this.readJson(file);
        if (!record)
            throw new errors/* ConfigurationError */.j1(`No local release ${release.tag} to publish.`);
        if (record.draft === false)
            throw new errors/* ConfigurationError */.j1(`Release ${release.tag} is already published.`);
        await this.writeJson(file, { ...record, draft: false, publishedAt: new Date().toISOString() });
        return external_node_path_default().dirname(file);
    }
    pullRecordFile(branch) {
        return this.file('pulls', `branch-${branch.replace(/[^a-zA-Z0-9._-]/g, '_')}.json`);
    }
    async branchHead(branch) {
        try {
            return (await (0,git/* git */.$Y)(this.repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])).trim() || undefined;
        }
        catch {
            return undefined;
        }
    }
    async upsertPullRequest(change) {
        // This episode's branch: the first of branch, branch-2, … whose local PR record is open or absent.
        // A record marked closed or merged — or whose branch the base already contains (merged) — is left alone.
        let branch = change.branch;
        let existing;
        for (let n = 1;; n++) {
            if (n > MAX_EPISODES)
                throw new errors/* ConfigurationError */.j1(`Branches ${change.branch} to ${episodeBranch(change.branch, MAX_EPISODES)} all have closed pull requests.`);
            branch = episodeBranch(change.branch, n);
            const record = await this.readJson(this.pullRecordFile(branch));
            if (!record) {
                existing = undefined;
                break;
            }
            if ((record.state ?? 'open') === 'open') {
                const head = await this.branchHead(branch);
                const merged = head !== undefined &&
                    (await (0,git/* git */.$Y)(this.repo, ['merge-base', '--is-ancestor', head, change.base]).then(() => true, () => false));
                if (!merged) {
                    existing = record;
                    break;
                }
                await this.writeJson(this.pullRecordFile(branch), { ...record, state: 'merged' });
            }
        }
        const branchRef = `refs/heads/${branch}`;
        const branchHead = await this.branchHead(branch);
        if (branchHead)
            await this.refuseForeignCommits(branch, change.base, existing, this.pullRecordFile(branch));
        const parent = branchHead ?? (await (0,git/* git */.$Y)(this.repo, ['rev-parse', '--verify', `${change.base}^{commit}`])).trim();
        const files = { ...change.files };
        for (const [p, addition] of Object.entries(change.append ?? {})) {
            // A file that exists is read in full or not at all: a failed read is an error, never an empty file.
            const exists = await (0,git/* git */.$Y)(this.repo, ['cat-file', '-e', `${parent}:${p}`]).then(() => true, () => false);
            const current = files[p] ?? (exists ? await (0,git/* git */.$Y)(this.repo, ['cat-file', 'blob', `${parent}:${p}`]) : '');
            files[p] = (0,lfs/* parseLfsPointer */.y)(current)
                ? (await (0,lfs/* appendToLfsObject */.QF)(this.repo, current, addition, p)).text
                : appendNewLines(current, addition);
        }
        // Build the commit with plumbing in a private index, so the user's working tree and index are untouched.
        const index = external_node_path_default().join(this.dir, `index-${process.pid}`);
        await (0,promises_.mkdir)(this.dir, { recursive: true });
        const env = { GIT_INDEX_FILE: external_node_path_default().resolve(index) };
        await (0,git/* git */.$Y)(this.repo, ['read-tree', parent], { env });
        for (const [p, content] of Object.entries(files)) {
            const blob = (await (0,git/* git */.$Y)(this.repo, ['hash-object', '-w', '--stdin'], { input: content })).trim();
            await (0,git/* git */.$Y)(this.repo, ['update-index', '--add', '--cacheinfo', `100644,${blob},${p}`], { env });
        }
        const tree = (await (0,git/* git */.$Y)(this.repo, ['write-tree'], { env })).trim();
        await (0,promises_.rm)(index, { force: true });
        const parentTree = (await (0,git/* git */.$Y)(this.repo, ['rev-parse', `${parent}^{tree}`])).trim();
        let changed = false;
        const commits = existing?.commits ?? [];
        if (tree !== parentTree) {
            const commit = (await (0,git/* git */.$Y)(this.repo, ['commit-tree', tree, '-p', parent, '-F', '-'], { input: change.commitMessage })).trim();
            // update-ref with the old value refuses to move the branch if it changed meanwhile: no force-push.
            await (0,git/* git */.$Y)(this.repo, ['update-ref', branchRef, commit, branchHead ?? '']);
            commits.push(commit);
            changed = true;
        }
        const recordFile = this.pullRecordFile(branch);
        const number = existing?.number ?? parseInt((0,digest/* sha256 */.sc)(branch).slice(0, 6), 16);
        if (!existing || existing.title !== change.title || existing.body !== change.body)
            changed = true;
        await this.writeJson(recordFile, {
            number,
            branch,
            base: change.base,
            state: 'open',
            title: change.title,
            body: change.body,
            labels: change.labels ?? [],
            commits
        });
        return { number, url: recordFile, created: !existing, changed, branch };
    }
    /**
     * Refuses a branch that holds commits Tunegate did not make (a person's commit on the retraining branch), as
     * the GitHub host does: the next commit would carry them into retraining, and dropping them would lose them.
     * A local commit names whoever configured git, so Tunegate's commits are the ones its pull record lists.
     */
    async refuseForeignCommits(branch, base, record, recordFile) {
        const ours = new Set(record?.commits ?? []);
        // One more than ours is enough to find a foreign commit, however long the branch: the listing stays small.
        const ahead = (await (0,git/* git */.$Y)(this.repo, ['rev-list', `--max-count=${ours.size + 1}`, `${base}..refs/heads/${branch}`, '--']))
            .split('\n')
            .filter(Boolean);
        const foreign = ahead.find(c => !ours.has(c));
        if (!foreign)
            return;
        const who = `${foreign.slice(0, 7)} by ${(await (0,git/* git */.$Y)(this.repo, ['log', '-1', '--format=%an <%ae>', foreign])).trim()}`;
        throw new errors/* ConfigurationError */.j1(record
            ? `Branch ${branch} has commits not made by Tunegate (${who}); nothing was written to it. Review and remove them from the branch of pull request #${record.number} (${recordFile}), or close it, and run drift again.`
            : `Branch ${branch} has commits that are not on ${base} and no open pull request (${who}); nothing was written to it. Delete the branch or merge it, and run drift again.`);
    }
    /** Records a workflow_dispatch (the CLI has no workflows to start; the record says what would run). */
    async dispatchWorkflow(workflow, ref, inputs) {
        await (0,promises_.mkdir)(this.dir, { recursive: true });
        await (0,promises_.appendFile)(this.file('dispatches.jsonl'), JSON.stringify({ workflow, ref, inputs: inputs ?? {}, at: new Date().toISOString() }) + '\n');
    }
    async upsertIssue(change) {
        // A record marked closed stays closed: the next episode gets a new record (and number).
        for (let n = 1; n <= MAX_EPISODES; n++) {
            const key = n === 1 ? change.key : `${change.key}#${n}`;
            const file = this.file('issues', `${key.replace(/[^a-zA-Z0-9._-]/g, '_')}.json`);
            const existing = await this.readJson(file);
            if (existing && (existing.state ?? 'open') !== 'open')
                continue;
            const number = existing?.number ?? parseInt((0,digest/* sha256 */.sc)(key).slice(0, 6), 16);
            const changed = !existing || existing.title !== change.title || existing.body !== change.body;
            if (changed)
                await this.writeJson(file, {
                    number,
                    key: change.key,
                    state: 'open',
                    title: change.title,
                    body: change.body,
                    labels: change.labels ?? []
                });
            return { number, url: file, created: !existing, changed };
        }
        throw new errors/* ConfigurationError */.j1(`Issues for '${change.key}' were closed ${MAX_EPISODES} times; delete old records.`);
    }
    /** Stores a folder as a named artifact of a run (what the train step hands to evaluate). */
    async storeArtifact(name, source, runId = 0) {
        const dir = this.file('artifacts', name);
        await (0,promises_.cp)(source, external_node_path_default().join(dir, 'files'), { recursive: true, errorOnExist: true, force: false });
        const info = {
            id: parseInt((0,digest/* sha256 */.sc)(name).slice(0, 8), 16),
            name,
            sizeInBytes: 0,
            runId,
            createdAt: new Date().toISOString(),
            expired: false
        };
        await this.writeJson(external_node_path_default().join(dir, 'artifact.json'), info);
        return info;
    }
    async listArtifacts(filter) {
        let names = [];
        try {
            names = await (0,promises_.readdir)(this.file('artifacts'));
        }
        catch {
            return [];
        }
        const infos = [];
        for (const name of names) {
            const info = await this.readJson(this.file('artifacts', name, 'artifact.json'));
            if (info &&
                (filter.name === undefined || info.name === filter.name) &&
                (filter.runId === undefined || info.runId === filter.runId))
                infos.push(info);
        }
        return infos;
    }
    /** Local artifacts are all written on this machine by tunegate: each run is of the local repository. */
    async workflowRun(id) {
        return { id, path: '.github/workflows/local.yml', event: 'push', headRepository: 'local', repository: 'local' };
    }
    runContext() {
        return { repository: 'local' };
    }
    async downloadArtifact(artifact, destination) {
        await (0,promises_.cp)(this.file('artifacts', artifact.name, 'files'), destination, { recursive: true });
        return destination;
    }
}


/***/ })

};
