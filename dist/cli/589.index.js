export const id = 589;
export const ids = [589];
export const modules = {

/***/ 3291:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ productionBaseline),
/* harmony export */   O: () => (/* binding */ EVALUATION_ASSET)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _registry_state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4174);
/* harmony import */ var _registry_tag_provenance_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4603);
/* harmony import */ var _record_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6597);







/** The release asset that holds a version's evaluation record. */
const EVALUATION_ASSET = 'evaluation.json';
/**
 * The version at the production stage (resolved from the repository's GTO tags) and its evaluation
 * record from the release's assets; undefined for a model's first version.
 */
async function productionBaseline(host, repoDir, model, stage) {
    // Only stage tags Tunegate made: a hand-pushed `model#production#N` does not choose the baseline.
    const state = (0,_registry_state_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveState */ .KS)((0,_registry_tag_provenance_js__WEBPACK_IMPORTED_MODULE_5__/* .withoutForeignStageTags */ .o1)(await (0,_registry_state_js__WEBPACK_IMPORTED_MODULE_4__/* .readTags */ .g$)(repoDir)).tags).get(model);
    const at = state?.stages[stage];
    if (!at)
        return undefined;
    const version = state.versions.find(v => v.version === at.version);
    const tag = version?.tag ?? `${model}@${at.version}`;
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'tunegate-baseline-'));
    try {
        const file = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, EVALUATION_ASSET);
        // A version registered by hand (a tag pushed without Tunegate's promotion) has no release to compare with:
        // the user's to fix, so a ConfigurationError naming the version and the way out, never "internal error".
        if (!(await host.downloadReleaseAsset(tag, EVALUATION_ASSET, file)))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${model} ${at.version} is in ${stage} (${at.tag}), but ${tag} has no GitHub release with ${EVALUATION_ASSET}: ` +
                'it was not released by Tunegate’s promotion (a version or stage tag pushed by hand?), so there is no evaluation to compare with. ' +
                `Assign ${stage} to a version Tunegate released (the promote workflow's rollback or assign), or promote ${model} through a merged pull request.`);
        let json;
        try {
            json = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8'));
        }
        catch {
            json = undefined;
        }
        const parsed = _record_js__WEBPACK_IMPORTED_MODULE_6__/* .evaluationRecordSchema */ .H.safeParse(json);
        if (!parsed.success)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${tag}/${EVALUATION_ASSET} (${model} ${at.version} in ${stage}) is not a tunegate.evaluation/v1 record: ${parsed.error.issues[0]?.message ?? ''}`);
        return { version: at.version, tag, record: parsed.data };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 6597:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ evaluationRecordSchema)
/* harmony export */ });
/* unused harmony export judgeRecordSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9691);

const bootstrapSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    delta: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
    low: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
    high: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
    candidate: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    baseline: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    n: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    resamples: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    confidence: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()
});
const judgeSliceSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    n: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    wins: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    ties: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    losses: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    errors: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    win_rate: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
    low: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
    high: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
    p_value: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    p_holm: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    swap_consistency: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
    length_ratio_of_wins: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable()
});
const scoreSliceSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    n: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    errors: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    mean: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
    low: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
    high: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable()
});
/**
 * The judge's part of a record: every verdict (reasons are untrusted text), their digest, and the figures. A
 * pointwise judge stores `outputs` and `scores` (its `pairs` and `verdicts` are empty) and `summary.scores`.
 */
const judgeRecordSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    mode: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['pairwise', 'pointwise']),
    /** The pointwise scale's top: scores are integers 1..scale. */
    scale: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().optional(),
    judges: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), model: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP() })),
    /** Judges left out as of the candidate's base-model family. */
    excluded: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    rubrics: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    /** The share of the eval set judged (1 on a merge) and the seed that drew it. */
    sample: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    seed: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    calls: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    cached: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    tokens: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ prompt: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), completion: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig() }),
    cost_usd: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    max_cost_usd: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    budget_reached: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    /** Why the judge gate cannot decide, whatever the interval says (errors, budget, swap consistency, κ). */
    inconclusive: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    pairs: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        use_case: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        candidate_sha256: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        production_sha256: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        candidate_chars: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
        production_chars: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
        identical: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
        injection: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()
    })),
    verdicts: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        judge: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        order: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['candidate-first', 'production-first']),
        key: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        winner: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['A', 'B', 'tie']).nullable(),
        reason: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        error: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().nullable(),
        prompt_tokens: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
        completion_tokens: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()
    })),
    /** The pointwise judge's scored outputs: digests and lengths, never the texts. */
    outputs: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        use_case: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        output_sha256: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        output_chars: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
        injection: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()
    }))
        .optional(),
    /** Each pointwise judge's score of each output (null with the error when it has none). */
    scores: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        judge: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        key: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        score: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
        reason: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        error: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().nullable(),
        prompt_tokens: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
        completion_tokens: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()
    }))
        .optional(),
    /** sha256 of the canonical JSON of `pairs` and `verdicts` (and a pointwise judge's `outputs` and `scores`): promotion refuses a record whose verdicts were edited. */
    verdicts_sha256: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    summary: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        slices: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), judgeSliceSchema),
        error_share: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
        kappa: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
        kappa_n: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
        injections: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
        /** The pointwise mean score per slice, with its bootstrap interval over examples. */
        scores: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), scoreSliceSchema).optional()
    })
});
/** The evaluation record, `tunegate.evaluation/v1`: what promotion verifies and what the next version compares with. */
const evaluationRecordSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('tunegate.evaluation/v1'),
    model: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    created_at: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    training_fingerprint: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    evaluation_fingerprint: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    predictions_sha256: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    candidate: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ trainer: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), version: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP() }), run: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().nullable() }),
    baseline: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        version: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        evaluation_fingerprint: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        shared_examples: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
        only_candidate: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
        only_baseline: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()
    })
        .nullable(),
    settings: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ confidence: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), resamples: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), seed: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig() }),
    metrics: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        scale: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
        higher_is_better: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
        slices: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
            value: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
            n: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
            comparison: bootstrapSchema.nullable(),
            baseline_trainer: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable()
        }))
    })),
    per_class: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ label: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), precision: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), recall: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), support: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig() }))
        .nullable(),
    gates: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        metric: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        slice: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        kind: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        threshold: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
        value: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nullable(),
        passed: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
        inconclusive: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
        reason: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        source: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()
    })),
    /** `inconclusive` only when an inconclusive gate blocks under registry.yaml's `policy.inconclusive: block`. */
    verdict: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['pass', 'fail', 'inconclusive']),
    /** Present when the predictions came from a served model rather than the trainer. */
    serving: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        endpoint: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        model: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        latency_ms: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ p50: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), p95: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), mean: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig() }),
        tokens: zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ prompt: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), completion: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig() }),
        retries: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()
    })
        .optional(),
    /** Present when the model has `evaluation.judge` and a production version to judge against. */
    judge: judgeRecordSchema.optional(),
    per_example: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({ id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), use_case: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), stats: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig())) }))
});


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
        if (tree !== parentTree) {
            const commit = (await (0,git/* git */.$Y)(this.repo, ['commit-tree', tree, '-p', parent, '-F', '-'], { input: change.commitMessage })).trim();
            // update-ref with the old value refuses to move the branch if it changed meanwhile: no force-push.
            await (0,git/* git */.$Y)(this.repo, ['update-ref', branchRef, commit, branchHead ?? '']);
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
            labels: change.labels ?? []
        });
        return { number, url: recordFile, created: !existing, changed, branch };
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
