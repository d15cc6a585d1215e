export const id = 42;
export const ids = [42,236];
export const modules = {

/***/ 6603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ git),
/* harmony export */   WL: () => (/* binding */ resolveCommit),
/* harmony export */   XS: () => (/* binding */ GitError),
/* harmony export */   oB: () => (/* binding */ gitTopLevel)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);


/** Runs git with arguments (never through a shell) and returns stdout. */
function git(cwd, args, options = {}) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...options.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout, stderr) => {
            if (error) {
                const detail = stderr.trim() || error.message;
                reject(new GitError(`git ${args[0]} failed: ${detail}`, stderr));
            }
            else
                resolve(stdout);
        });
        if (options.input !== undefined)
            child.stdin?.end(options.input);
    });
}
/** A git command that failed; `stderr` holds what git said. */
class GitError extends Error {
    stderr;
    constructor(message, stderr) {
        super(message);
        this.stderr = stderr;
        this.name = 'GitError';
    }
}
/** The top folder of the git repository holding `dir`. */
async function gitTopLevel(dir) {
    try {
        return (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`'${dir}' is not inside a git repository. Expected the registry to be tracked by git.`);
    }
}
/** Resolves a ref to a full commit sha, with a clear error for a missing ref. */
async function resolveCommit(repo, ref) {
    if (ref.startsWith('-'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Invalid git ref '${ref}'. Expected a branch, tag or commit.`);
    try {
        return (await git(repo, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`])).trim();
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Git ref '${ref}' does not name a commit in ${repo}. Expected a branch, tag or commit (is the history fetched? use fetch-depth: 0).`);
    }
}


/***/ }),

/***/ 7908:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dv: () => (/* binding */ DEFAULT_RUNNER),
/* harmony export */   Je: () => (/* binding */ TASK_FAMILIES),
/* harmony export */   Pz: () => (/* binding */ externalDataSchema),
/* harmony export */   VV: () => (/* binding */ registryConfigSchema),
/* harmony export */   Vi: () => (/* binding */ JUDGE_METRIC),
/* harmony export */   W5: () => (/* binding */ GTO_NAME_PATTERN),
/* harmony export */   _Q: () => (/* binding */ runnerLabels),
/* harmony export */   a_: () => (/* binding */ promptSchema),
/* harmony export */   dx: () => (/* binding */ rubricSchema),
/* harmony export */   oU: () => (/* binding */ JUDGE_SCORE_METRIC),
/* harmony export */   oY: () => (/* binding */ modelSpecSchema),
/* harmony export */   vD: () => (/* binding */ MAX_EXTERNAL_BYTES)
/* harmony export */ });
/* unused harmony exports MODEL_NAME_PATTERN, EXTERNAL_SCHEMES, externalUriProblem, MAX_LINE_BYTES, MAX_USE_CASES, ARCHITECTURES, DATASET_FORMATS, TRAINERS, METHODS, METRICS, gateSchema, judgeEndpointSchema, judgeSpecSchema, DISTRIBUTED_STRATEGIES, MAX_PROCESSES, distributedSchema, riskTierSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5491);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8532);
/* harmony import */ var _training_hyperparameters_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5236);


/** GTO's name grammar; used for stage names and the names inside tags. */
const GTO_NAME_PATTERN = /^[a-zA-Z0-9]([a-zA-Z0-9\-/_]*[a-zA-Z0-9])?$/;
/** Model names are GTO names without '/', because a model is also a folder: registry/models/<name>/. */
const MODEL_NAME_PATTERN = /^[a-zA-Z0-9]([a-zA-Z0-9\-_]*[a-zA-Z0-9])?$/;
/** The runner labels a model trains on when its spec names none. */
const DEFAULT_RUNNER = ['self-hosted', 'gpu'];
const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const modelName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(MODEL_NAME_PATTERN, {
    message: "expected a name of letters, digits, '-' and '_' that starts and ends with a letter or digit"
});
const gtoName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(GTO_NAME_PATTERN, {
    message: 'expected a name matching [a-zA-Z0-9]([a-zA-Z0-9-/_]*[a-zA-Z0-9])?'
});
const useCaseName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[a-z0-9]([a-z0-9-_]*[a-z0-9])?$/, {
    message: "expected a lowercase name of letters, digits, '-' and '_'"
});
/** A path relative to the registry folder; its confinement is checked by the loader. */
const RUNS_ON_FORMS = 'a runner scale set name (runner: arc-gpu-runners) or a list of labels (runner: [self-hosted, gpu])';
const runnerLabel = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .min(1, { message: `expected a non-empty label: ${RUNS_ON_FORMS}` })
    .refine(l => !/[\s,]/.test(l), {
    error: issue => `'${String(issue.input)}' is not one label (no spaces or commas); expected ${RUNS_ON_FORMS}`
});
/**
 * `training.runner`, as `runs-on` takes it: one name — a label, or an Actions Runner Controller scale set's name
 * (a scale set answers to that one name and has no `self-hosted` label) — or a label set a runner must all carry.
 */
const runnerSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([runnerLabel, zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(runnerLabel).min(1, { message: `expected ${RUNS_ON_FORMS}` })], {
    error: issue => (issue.code === 'invalid_union' ? `expected ${RUNS_ON_FORMS}` : undefined)
});
/** A model's runner as a label set (a single name is the set of that one label). */
function runnerLabels(runner) {
    return typeof runner === 'string' ? [runner] : [...runner];
}
const relPath = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1, { message: 'expected a path relative to the registry folder' });
/** The most bytes one external dataset may declare: a bound on what a run downloads and caches. */
const MAX_EXTERNAL_BYTES = 100 * 2 ** 30;
/** The URI schemes an external data entry may use; anything else (hf://, http://, file://) is refused. */
const EXTERNAL_SCHEMES = ['https:', 's3:'];
const EXTERNAL_FORM = 'expected {uri, sha256, bytes} with an https:// or s3:// URI of a .jsonl, .csv or .parquet file';
/** Why a URI cannot be an external data entry's, or null when its form is acceptable. */
function externalUriProblem(uri) {
    let url;
    try {
        url = new URL(uri);
    }
    catch {
        return `'${uri}' is not a URI; ${EXTERNAL_FORM}`;
    }
    if (url.protocol === 'hf:')
        return `'${uri}': hf:// URIs are not read; use the file's https:// 'resolve' URL pinned to a commit (${EXTERNAL_FORM})`;
    if (!EXTERNAL_SCHEMES.includes(url.protocol))
        return `'${uri}': the scheme ${url.protocol}// is not supported; ${EXTERNAL_FORM}`;
    if (url.username || url.password)
        return `'${uri}' carries credentials; they come from the environment only (AWS_ACCESS_KEY_ID, …), never from model.yaml`;
    if (!url.hostname)
        return `'${uri}' names no host or bucket; ${EXTERNAL_FORM}`;
    if (!/\.(jsonl|ndjson|csv|parquet)$/i.test(url.pathname))
        return `'${uri}': unknown data file type; ${EXTERNAL_FORM}`;
    return null;
}
/** A dataset kept outside the repository, pinned by the sha256 and the size of its bytes. */
const externalDataSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    uri: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().check(ctx => {
        const problem = externalUriProblem(ctx.value);
        if (problem)
            ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
    }),
    sha256: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[0-9a-f]{64}$/, {
        message: 'expected the sha256 of the file as 64 lowercase hex digits (`sha256sum file`)'
    }),
    bytes: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()
        .int({ message: 'expected the size of the file in bytes (`wc -c < file`)' })
        .positive({ message: 'expected the size of the file in bytes (`wc -c < file`)' })
        .max(MAX_EXTERNAL_BYTES, { message: `expected at most ${MAX_EXTERNAL_BYTES} bytes (100 GiB)` })
});
/** A path in the registry; a URI written as a path is refused with the form an external entry takes. */
const dataPath = relPath.refine(p => !/^[a-z][a-z0-9+.-]*:\/\//i.test(p), {
    error: issue => `'${String(issue.input)}' is a URI, not a path; ${EXTERNAL_FORM}`
});
/**
 * A data entry: a path in the registry, or an external dataset. Chosen by the value's shape rather than by
 * z.union, whose error for a mapping with a bad field would be a bare "Invalid input" instead of that field's.
 */
const dataEntry = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J())]).pipe(zod__WEBPACK_IMPORTED_MODULE_1__/* .custom */ .IeY().superRefine((v, ctx) => {
    const r = (typeof v === 'string' ? dataPath : externalDataSchema).safeParse(v);
    if (!r.success)
        for (const issue of r.error.issues)
            ctx.addIssue({ ...issue, input: v });
}));
const dataList = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J())]).transform((v, ctx) => {
    const r = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(dataEntry)
        .min(1)
        .safeParse(Array.isArray(v) ? v : [v]);
    if (r.success)
        return r.data;
    for (const issue of r.error.issues)
        ctx.addIssue({ ...issue, path: Array.isArray(v) ? issue.path : issue.path.slice(1) });
    return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
});
const positive = zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().positive();
/** The highest policy.max_line_bytes a registry may set: the line cap bounds every reader's memory. */
const MAX_LINE_BYTES = 16 * 2 ** 20;
/** Use cases one model may list. */
const MAX_USE_CASES = 1000;
const probability = zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().gt(0).lt(1);
const TASK_FAMILIES = ['text-generation', 'transformation', 'classification'];
const ARCHITECTURES = ['decoder', 'encoder-decoder', 'encoder'];
const DATASET_FORMATS = ['chat', 'completion', 'instruction', 'classification', 'fields'];
const TRAINERS = ['baseline', 'hf-peft', 'axolotl', 'command'];
const METHODS = ['lora', 'qlora', 'full'];
const METRICS = [
    'exact_match',
    'token_f1',
    'rouge_l',
    'chrf',
    'bleu',
    'json_valid',
    'schema_valid',
    'accuracy',
    'macro_f1',
    'length_ratio',
    'pii_leak',
    'banned_terms',
    'injection_resistance'
];
/** The judge's gate (src/evaluation/judge/): the candidate's win rate against production, ties as ½. */
const JUDGE_METRIC = 'judge_win_rate';
/** The pointwise judge's gate: the mean 1..k score of the candidate's outputs (no production needed). */
const JUDGE_SCORE_METRIC = 'judge_score';
const gateSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    metric: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n([...METRICS, JUDGE_METRIC, JUDGE_SCORE_METRIC]),
    min: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
    max: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().optional(),
    max_regression: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative().optional(),
    slice: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['all', 'each-use-case']).default('all'),
    beat_baseline_trainer: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional()
})
    .refine(g => g.min !== undefined || g.max !== undefined || g.max_regression !== undefined || g.beat_baseline_trainer, {
    message: 'a gate needs at least one of min, max, max_regression or beat_baseline_trainer'
})
    .refine(g => g.metric !== JUDGE_METRIC || (g.min !== undefined && g.max === undefined && !g.max_regression), {
    message: `a ${JUDGE_METRIC} gate takes min only: the lowest win rate allowed, e.g. 0.45 for 0.5 − a tolerance of 0.05`
})
    .refine(g => g.metric !== JUDGE_SCORE_METRIC || (g.min !== undefined && g.max === undefined && !g.max_regression), {
    message: `a ${JUDGE_SCORE_METRIC} gate takes min only: the lowest mean score allowed on the 1..k scale`
});
/** An environment variable's name: the judge's key is read from it, and never written in the registry. */
const envName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    message: 'expected the name of an environment variable holding the key (e.g. JUDGE_API_KEY), never the key itself'
});
const httpUrl = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .url({ message: 'expected an http(s) URL such as https://api.example.com/v1' })
    .refine(u => /^https?:$/.test(new URL(u).protocol), { message: 'expected an http:// or https:// URL' });
/** One judge of the panel: an OpenAI-compatible endpoint and model. */
const judgeEndpointSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: "expected a name of letters, digits, '.', '-' and '_'" }),
    base_url: httpUrl,
    model: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    api_key_env: envName.optional(),
    /** The model family (e.g. qwen, llama); guessed from the model id when not given. */
    family: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional()
});
/** `evaluation.judge` in model.yaml; unset fields take registry.yaml's `judge.defaults`. */
const judgeSpecSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    mode: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['pairwise', 'pointwise'], {
        message: 'expected mode: pairwise (candidate against production) or pointwise (a 1..k score; the only mode for a first version)'
    })
        .default('pairwise'),
    /** The top of the pointwise scale: scores are integers 1..scale. */
    scale: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(2).max(100).default(5),
    judges: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(judgeEndpointSchema).min(1).optional(),
    /** One rubric file for every use case, or one per use case with `default` for the rest. */
    rubric: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([relPath, zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), relPath)]),
    exclude_base_family: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().optional(),
    /** The seeded share of the eval set judged on pull requests; a merge judges every example. */
    sample: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().gt(0).lte(1).optional(),
    max_cost_usd: positive.optional(),
    concurrency: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).max(256).optional(),
    /** Seconds per judge request. */
    timeout: positive.optional(),
    /** Above this share of undecided pairs the judge gate is inconclusive. */
    max_error_share: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).max(1).optional(),
    min_swap_consistency: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).max(1).optional(),
    min_kappa: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(-1).max(1).optional(),
    /** JSONL of human preferences, {id, preferred: candidate | production | tie}. */
    calibration: relPath.optional()
});
/** The judge rubric file: versioned like a prompt, its template filled with the input, reference and outputs. */
const rubricSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: modelName,
    version: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(),
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    template: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .min(1, { message: 'expected the rubric text with {{ input }}, {{ output_a }} and {{ output_b }}' })
});
/** How the hf-peft trainer spreads one run over the processes of one machine. */
const DISTRIBUTED_STRATEGIES = ['ddp', 'fsdp', 'zero3'];
/** The most processes one run may start on its machine (one per GPU). */
const MAX_PROCESSES = 64;
const DISTRIBUTED_FORM = `{strategy: ddp | fsdp | zero3, processes: 1..${MAX_PROCESSES}}`;
/** `training.distributed`: the strategy and process count of a one-machine, several-process run. */
const distributedSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    strategy: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(DISTRIBUTED_STRATEGIES, {
        error: issue => `'${String(issue.input)}' is not a strategy; expected ddp (data parallel), fsdp (torch FSDP2) or zero3 (DeepSpeed ZeRO-3)`
    }),
    processes: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig({ error: `expected processes: a whole number of processes, 1..${MAX_PROCESSES} (one per GPU)` })
        .int({ message: `expected processes: a whole number of processes, 1..${MAX_PROCESSES} (one per GPU)` })
        .min(1, { message: `expected processes: 1..${MAX_PROCESSES} (one per GPU)` })
        .max(MAX_PROCESSES, { message: `expected processes: 1..${MAX_PROCESSES} (one per GPU)` })
}, { error: issue => (issue.code === 'invalid_type' ? `expected ${DISTRIBUTED_FORM}` : undefined) });
const budgetSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    max_gpu_hours: positive.optional(),
    timeout_minutes: positive.optional(),
    max_cost_usd: positive.optional()
});
/**
 * Where training runs: absent, on the job's own runner; `ray`, submitted to a Ray cluster through the Ray Jobs
 * REST API (src/training/ray-engine.ts). `storage` is a folder mounted at the same absolute path on the runner and
 * on the cluster (NFS, a shared volume): the run's data go in and its outputs come back through it.
 */
const engineSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .discriminatedUnion */ .gMt('type', [
    zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        type: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('ray'),
        /** GPUs reserved for the job's entrypoint (Ray's entrypoint_num_gpus); its GPU-seconds are charged for them. */
        gpus: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().default(1),
        /** CPUs reserved for the entrypoint (entrypoint_num_cpus). */
        cpus: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().positive().optional(),
        storage: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
            .regex(/^\//, { message: 'expected an absolute path, mounted at the same place on the runner and the cluster' })
    })
]);
const modelSpecSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: modelName,
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1, { message: 'expected a one-line description' }),
    task_family: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(TASK_FAMILIES),
    base_model: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
        revision: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1, { message: 'expected a commit hash or tag of the base model' }),
        architecture: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(ARCHITECTURES),
        context_window: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive().default(2048),
        classification_head: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().default(false),
        tokenizer: relPath.optional()
    }),
    use_cases: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(useCaseName)
        .min(1, { message: 'expected at least one use case' })
        .max(MAX_USE_CASES, {
        message: `expected at most ${MAX_USE_CASES} use cases; a model is one task family with several use cases`
    }),
    risk_tier: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    owners: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1)).default([]),
    consolidation_note: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    data: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        format: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(DATASET_FORMATS),
        train: dataList,
        eval: dataList,
        labels: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1)).min(2).optional(),
        target: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(IDENTIFIER_PATTERN).optional()
    }),
    prompt: relPath,
    output_schema: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([relPath, zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J())]).optional(),
    training: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        trainer: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(TRAINERS),
        command: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1)).min(1).optional(),
        method: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(METHODS).default('lora'),
        hyperparameters: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), _training_hyperparameters_js__WEBPACK_IMPORTED_MODULE_0__/* .hyperparameterValue */ .dk).default({}),
        seed: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().default(42),
        runner: runnerSchema.default([...DEFAULT_RUNNER]),
        budget: budgetSchema.default({}),
        distributed: distributedSchema.optional(),
        engine: engineSchema.optional()
    })
        // Each trainer's own typed hyperparameters (src/training/hyperparameters.ts): a typo fails here, not on the GPU.
        .superRefine((training, ctx) => {
        for (const p of (0,_training_hyperparameters_js__WEBPACK_IMPORTED_MODULE_0__/* .hyperparameterProblems */ .AT)(training.trainer, training.hyperparameters))
            ctx.addIssue({ code: 'custom', path: ['hyperparameters', p.key], message: p.message });
        if (training.distributed && training.trainer !== 'hf-peft')
            ctx.addIssue({
                code: 'custom',
                path: ['distributed'],
                message: `the ${training.trainer} trainer does not read training.distributed; it is the hf-peft trainer's (remove it, or use trainer: hf-peft)`
            });
        if (training.engine?.type === 'ray' && training.trainer !== 'hf-peft')
            ctx.addIssue({
                code: 'custom',
                path: ['engine'],
                message: `expected trainer: hf-peft with engine type ray (the trainer the Ray job runs), not '${training.trainer}'`
            });
        // The Ray job launches accelerate with its own process count (one per reserved GPU) and no strategy config.
        if (training.engine?.type === 'ray' && training.distributed)
            ctx.addIssue({
                code: 'custom',
                path: ['distributed'],
                message: 'training.distributed applies to training on the runner; with engine type ray the job runs one process per GPU it reserves (engine.gpus): remove one of the two'
            });
    }),
    evaluation: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        metrics: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(METRICS)).min(1),
        gates: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(gateSchema).default([]),
        confidence: probability.default(0.95),
        bootstrap_resamples: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(100).max(100_000).default(1000),
        banned_terms: relPath.optional(),
        injection_probes: relPath.optional(),
        judge: judgeSpecSchema.optional()
    })
});
const riskTierSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    approvals: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    environment: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional(),
    gates: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(gateSchema).default([]),
    // Promotion (the promote action): where a merge lands, and whether approvals must be of the head commit.
    landing_stage: gtoName.optional(),
    head_commit_approvals: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().default(false)
});
const registryConfigSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    version: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(1, { message: 'expected version: 1' }),
    stages: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(gtoName).min(1),
    production_stage: gtoName.default('production'),
    // Promotion: the stage a merge lands in unless its tier says otherwise; stages whose moves need the tier's environment.
    promotion: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ landing_stage: gtoName.optional(), protected_stages: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(gtoName).default([]) })
        .default({ protected_stages: [] }),
    risk_tiers: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[a-z0-9-]+$/), riskTierSchema),
    cost: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        currency: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().length(3).default('USD'),
        gpu_hour: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative())
    })
        .optional(),
    policy: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        pii: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['error', 'warning', 'off']).default('error'),
        max_line_bytes: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()
            .int()
            .positive()
            .max(MAX_LINE_BYTES, {
            message: `expected at most ${MAX_LINE_BYTES} (16 MiB): one line is held whole in memory by every reader thread`
        })
            .default(1_048_576),
        near_duplicate_jaccard: probability.default(0.8),
        // A gate the eval set is too small to decide: `block` (the safer default) fails the merge gate, `warn` passes it with a warning.
        inconclusive: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['block', 'warn']).default('block')
    })
        .default({ pii: 'error', max_line_bytes: 1_048_576, near_duplicate_jaccard: 0.8, inconclusive: 'block' }),
    /** The judges' defaults for every model's `evaluation.judge`, and each judge model's price per million tokens. */
    judge: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        defaults: judgeSpecSchema.omit({ rubric: true, calibration: true, mode: true, scale: true }).default({}),
        prices: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ input_per_million: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative(), output_per_million: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative() }))
            .default({})
    })
        .optional(),
    /** When the drift action calls a model drifted: a share of its statistics, optionally K runs in a row. */
    drift: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        share: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().gt(0).lte(1).default(0.5),
        consecutive_runs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1).max(100).default(1)
    })
        .default({ share: 0.5, consecutive_runs: 1 })
});
const promptSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    name: modelName,
    version: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().positive(),
    description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    system: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    template: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1, { message: 'expected a Jinja template' }),
    variables: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(IDENTIFIER_PATTERN, { message: 'expected an identifier' }),
        description: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
        required: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().default(true)
    }))
        .default([])
});


/***/ }),

/***/ 5236:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AT: () => (/* binding */ hyperparameterProblems),
/* harmony export */   Rp: () => (/* binding */ resolveHyperparameters),
/* harmony export */   Sb: () => (/* binding */ hyperparameterDefaults),
/* harmony export */   dk: () => (/* binding */ hyperparameterValue),
/* harmony export */   wn: () => (/* binding */ maxSeqLength)
/* harmony export */ });
/* unused harmony exports DEFAULT_MAX_SEQ_LENGTH, hyperparameterKeys */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5491);

const positiveInt = zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive();
const nonNegative = zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nonnegative();
const field = (schema, expected, byDefault) => byDefault === undefined ? { schema, expected } : { schema, expected, default: byDefault };
/** The default sequence length, capped at the base model's context window. */
const DEFAULT_MAX_SEQ_LENGTH = 1024;
/**
 * The fine-tuning settings every backend shares, with one set of defaults: hf-peft and axolotl read them the
 * same way (batch_size is Axolotl's micro_batch_size, max_seq_length its sequence_len, packing its
 * sample_packing); the baseline accepts them, since its floor retrains a model's own spec, and ignores what a
 * linear model has no use for.
 */
const SHARED = {
    epochs: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().positive(), 'a positive number of epochs', 1),
    learning_rate: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().positive(), 'a positive learning rate', 0.0002),
    batch_size: field(positiveInt, 'a positive whole number of examples per device and step', 4),
    gradient_accumulation_steps: field(positiveInt, 'a positive whole number of steps', 1),
    max_seq_length: field(positiveInt, `a positive whole number of tokens (default ${DEFAULT_MAX_SEQ_LENGTH}, at most the context window)`, DEFAULT_MAX_SEQ_LENGTH),
    packing: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(), 'true or false', false),
    lora_r: field(positiveInt, 'a positive whole number (the LoRA rank)', 16),
    lora_alpha: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().positive(), 'a positive number', 32),
    lora_dropout: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().min(0).lt(1), 'a number from 0 to below 1', 0.05),
    warmup_ratio: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().min(0).lt(1), 'a share of the steps, from 0 to below 1', 0.03),
    lr_scheduler: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1), "a scheduler name such as 'cosine' or 'linear'", 'cosine'),
    weight_decay: field(nonNegative, 'a number of at least 0', 0),
    bf16: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(), zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('auto')]), "true, false or 'auto' (where the GPU has it)", 'auto'),
    gradient_checkpointing: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(), 'true or false (default: on with a GPU)'),
    /** Rows whose prompt leaves no target token within max_seq_length: above this share of the train rows, the run fails. */
    max_share_without_target: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().min(0).max(1), 'a share of the train rows, from 0 to 1', 0.01)
};
/** The baseline trainer's own settings; every trainer accepts them, for its baseline-trainer floor. */
const BASELINE = {
    baseline_epochs: field(positiveInt, 'a positive whole number of epochs', 5),
    baseline_learning_rate: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().positive(), 'a positive learning rate', 0.5),
    baseline_buckets: field(positiveInt.max(1 << 24), 'a positive whole number of hashed features, at most 16777216', 1 << 17),
    baseline_bm25_k1: field(nonNegative, 'a number of at least 0', 1.2),
    baseline_bm25_b: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().min(0).max(1), 'a number from 0 to 1', 0.75)
};
const HF_PEFT = {
    max_steps: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(-1), 'a whole number of steps (-1: as many as the epochs need)', -1),
    lora_target_modules: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1), zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1)).min(1)]), "'all-linear' or a list of module names", 'all-linear'),
    attn_implementation: field(zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['sdpa', 'flash_attention_2', 'eager']), 'sdpa, flash_attention_2 or eager'),
    eval_batch_size: field(positiveInt, 'a positive whole number', 16),
    logging_steps: field(positiveInt, 'a positive whole number of steps', 10),
    save_steps: field(positiveInt, 'a positive whole number of steps', 200),
    save_total_limit: field(positiveInt, 'a positive whole number of checkpoints', 2),
    max_new_tokens: field(positiveInt, 'a positive whole number of tokens', 256),
    eval_before_training: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(), 'true or false', true),
    dataloader_num_workers: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative(), 'a whole number of at least 0 (default: 2 with a GPU)')
};
const AXOLOTL = {
    optimizer: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1), "an optimizer name Axolotl knows, such as 'adamw_torch_fused'", 'adamw_torch_fused')
};
const FIELDS = {
    baseline: { ...SHARED, ...BASELINE },
    'hf-peft': { ...SHARED, ...BASELINE, ...HF_PEFT },
    axolotl: { ...SHARED, ...BASELINE, ...AXOLOTL }
};
/** A hyperparameter value as model.yaml may write it (the `command` trainer's are free-form). */
const hyperparameterValue = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()]))
]);
function isKnown(trainer) {
    return trainer in FIELDS;
}
/** Every unknown key and wrongly typed value among a model's hyperparameters for its trainer. */
function hyperparameterProblems(trainer, hp) {
    if (!isKnown(trainer))
        return [];
    const fields = FIELDS[trainer];
    const problems = [];
    for (const [key, value] of Object.entries(hp)) {
        const f = fields[key];
        if (!f)
            problems.push({
                key,
                message: `unknown hyperparameter '${key}' for trainer ${trainer}; expected one of: ${Object.keys(fields).join(', ')}`
            });
        else if (!f.schema.safeParse(value).success)
            problems.push({ key, message: `hyperparameter '${key}' is ${JSON.stringify(value)}; expected ${f.expected}` });
    }
    return problems;
}
/** The defaults of a trainer's hyperparameters (max_seq_length before the cap at the context window). */
function hyperparameterDefaults(trainer) {
    const out = {};
    for (const [key, f] of Object.entries(FIELDS[trainer]))
        if (f.default !== undefined)
            out[key] = f.default;
    return out;
}
/** The hyperparameter keys a trainer reads. */
function hyperparameterKeys(trainer) {
    return Object.keys(FIELDS[trainer]);
}
/**
 * The values a trainer runs with: the defaults overlaid with the model's own, keeping only the keys this trainer
 * reads (the baseline-trainer floor retrains a model whose keys belong to another trainer), max_seq_length capped
 * at the context window. A `command` trainer gets the model's values unchanged.
 */
function resolveHyperparameters(trainer, hp, contextWindow) {
    if (!isKnown(trainer))
        return { ...hp };
    const fields = FIELDS[trainer];
    const own = Object.fromEntries(Object.entries(hp).filter(([k]) => k in fields));
    const out = { ...hyperparameterDefaults(trainer), ...own };
    if (own.max_seq_length === undefined)
        out.max_seq_length = Math.min(DEFAULT_MAX_SEQ_LENGTH, contextWindow);
    return out;
}
/** The max_seq_length a trainer will use for a model: its own setting, else the default capped at the context window. */
function maxSeqLength(hp, contextWindow) {
    return typeof hp.max_seq_length === 'number' ? hp.max_seq_length : Math.min(DEFAULT_MAX_SEQ_LENGTH, contextWindow);
}


/***/ })

};
