export const id = 414;
export const ids = [414];
export const modules = {

/***/ 9851:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ formatBytes),
/* harmony export */   z: () => (/* binding */ ProgressBar)
/* harmony export */ });
/**
 * A one-line progress bar on an interactive terminal; elsewhere (CI logs, pipes) a line per 25%,
 * so logs stay readable.
 */
class ProgressBar {
    out;
    stream;
    lastDraw = 0;
    lastQuarter = -1;
    active = false;
    constructor(out, stream = process.stderr) {
        this.out = out;
        this.stream = stream;
    }
    update(label, done, total, detail = '') {
        const ratio = total > 0 ? Math.min(1, done / total) : 0;
        if (this.out.interactive) {
            const now = Date.now();
            if (now - this.lastDraw < 80 && ratio < 1)
                return;
            this.lastDraw = now;
            const width = 24;
            const filled = Math.round(ratio * width);
            const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
            const percent = (ratio * 100).toFixed(0).padStart(3);
            this.stream.write(`\r\x1b[2K${label} [${bar}] ${percent}% ${detail}`);
            this.active = true;
        }
        else {
            const quarter = Math.floor(ratio * 4);
            if (quarter !== this.lastQuarter) {
                this.lastQuarter = quarter;
                this.out.error(`${label}: ${(quarter * 25).toFixed(0)}% ${detail}`.trimEnd());
            }
        }
    }
    /** Ends the current bar so the next output starts on a fresh line. */
    done() {
        if (this.active)
            this.stream.write('\n');
        this.active = false;
        this.lastQuarter = -1;
    }
}
/** Bytes as KB/MB/GB. */
function formatBytes(n) {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let i = 0;
    let v = n;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${v.toFixed(i ? 1 : 0)} ${units[i]}`;
}


/***/ }),

/***/ 5414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  validateCommand: () => (/* binding */ validateCommand)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/registry/git.ts
var git = __webpack_require__(6603);
;// CONCATENATED MODULE: ./src/registry/matrix-plan.ts

/** GitHub runs at most this many jobs from one job's matrix. */
const matrix_plan_MAX_MATRIX_JOBS = 256;
/** What separates the models of a batched matrix job (model names never hold it). */
const BATCH_SEPARATOR = ',';
/**
 * The matrix for the affected models: one job per model while they fit in `maxJobs`, else batches of models
 * that share a runner (a job runs on one runner), as few models per job as fit, spread evenly. More distinct
 * runners than jobs cannot be planned: that is a configuration error naming the count.
 */
function planMatrix(affected, maxJobs = matrix_plan_MAX_MATRIX_JOBS) {
    if (affected.length <= maxJobs)
        return {
            legs: affected.map(({ model, spec, runner }) => ({ model, spec, runner })),
            perJob: affected.length ? 1 : 0,
            models: affected.length
        };
    const byRunner = new Map();
    for (const a of affected) {
        const key = JSON.stringify(a.runner);
        byRunner.set(key, [...(byRunner.get(key) ?? []), a]);
    }
    if (byRunner.size > maxJobs)
        throw new errors/* ConfigurationError */.j1(`${affected.length} affected models train on ${byRunner.size} different runners, but a matrix runs at most ` +
            `${maxJobs} jobs and a job runs on one runner. Expected at most ${maxJobs} distinct training.runner values.`);
    const groups = [...byRunner.values()];
    const jobsFor = (perJob) => groups.reduce((n, g) => n + Math.ceil(g.length / perJob), 0);
    let perJob = Math.ceil(affected.length / maxJobs);
    while (jobsFor(perJob) > maxJobs)
        perJob++;
    const legs = [];
    for (const group of groups) {
        // Evenly: 5 models at 3 per job make jobs of 3 and 2, never 4 and 1.
        const jobs = Math.ceil(group.length / perJob);
        for (let j = 0; j < jobs; j++) {
            const batch = group.slice(Math.floor((j * group.length) / jobs), Math.floor(((j + 1) * group.length) / jobs));
            legs.push({ model: batch.map(b => b.model).join(BATCH_SEPARATOR), runner: batch[0].runner });
        }
    }
    return { legs, perJob, models: affected.length };
}
/** The models of one matrix job's `model` value (one model, or a batch). */
function legModels(model) {
    return model
        .split(BATCH_SEPARATOR)
        .map(m => m.trim())
        .filter(Boolean);
}

;// CONCATENATED MODULE: ./src/registry/changes.ts



/** Every path that changed between base and head, repository-relative, renames detected. */
async function changedPaths(repoDir, base, head) {
    const [b, h] = await Promise.all([(0,git/* resolveCommit */.WL)(repoDir, base), (0,git/* resolveCommit */.WL)(repoDir, head)]);
    const out = await (0,git/* git */.$Y)(repoDir, ['diff', '--name-status', '-M', '-z', b, h]);
    const fields = out.split('\0');
    const changes = [];
    const kinds = {
        A: 'added',
        M: 'modified',
        D: 'deleted',
        R: 'renamed',
        C: 'copied',
        T: 'type-changed'
    };
    for (let i = 0; i < fields.length - 1;) {
        const code = fields[i++];
        const status = kinds[code[0]] ?? 'modified';
        if (status === 'renamed' || status === 'copied') {
            const from = fields[i++];
            changes.push({ status, path: fields[i++], from });
        }
        else
            changes.push({ status, path: fields[i++] });
    }
    return changes;
}
/** Paths (repository-relative) that a model depends on, each with what it is to the model. */
function modelDependencies(model, registryRel) {
    const rel = (relative) => external_node_path_default().posix.join(registryRel, relative);
    const deps = new Map();
    deps.set(rel(model.file.relative), 'model spec');
    // An external dataset is pinned in model.yaml: a new digest is a change to the spec, already listed.
    for (const f of model.train)
        if (!f.external)
            deps.set(rel(f.relative), 'train data');
    for (const f of model.eval)
        if (!f.external)
            deps.set(rel(f.relative), 'eval data');
    deps.set(rel(model.prompt.file.relative), 'prompt');
    if (model.outputSchemaFile)
        deps.set(rel(model.outputSchemaFile.relative), 'output schema');
    if (model.tokenizer)
        deps.set(rel(model.tokenizer.relative), 'tokenizer');
    if (model.bannedTerms)
        deps.set(rel(model.bannedTerms.relative), 'banned terms');
    if (model.injectionProbes)
        deps.set(rel(model.injectionProbes.relative), 'injection probes');
    return deps;
}
/**
 * The models a change between two commits affects, loaded from the head tree.
 * A shared dataset affects every model using it; registry.yaml affects all models.
 */
async function affectedModels(registry, base, head, 
/** The repository's top folder and the changes between base and head, where the caller has them already. */
known) {
    const top = known?.top ?? (await (0,git/* gitTopLevel */.oB)(registry.root));
    const changes = known?.changes ?? (await changedPaths(top, base, head));
    const affected = [];
    for (const model of registry.models) {
        const a = affectedModel(model, registry.root, top, changes);
        if (a)
            affected.push(a);
    }
    return affected;
}
/** How a change affects one model of the registry at `root` (in the repository at `top`), or undefined. */
function affectedModel(model, root, top, changes) {
    const registryRel = external_node_path_default().relative(top, root).split((external_node_path_default()).sep).join('/');
    const configPath = external_node_path_default().posix.join(registryRel, 'registry.yaml');
    const deps = modelDependencies(model, registryRel);
    const reasons = [];
    for (const c of changes) {
        if (c.path === configPath)
            reasons.push('registry.yaml changed');
        const what = deps.get(c.path);
        if (what)
            reasons.push(c.from ? `${what} ${c.status} from ${c.from} to ${c.path}` : `${what} ${c.path} ${c.status}`);
    }
    if (!reasons.length)
        return undefined;
    return {
        model: model.spec.name,
        spec: external_node_path_default().posix.join(registryRel, model.file.relative),
        runner: model.spec.training.runner,
        reasons
    };
}
/**
 * GitHub Actions matrix JSON: `{"include":[{model, spec, runner}]}`, ready for `fromJSON`; past GitHub's 256 jobs
 * per matrix, a job's `model` is a batch of models (see planMatrix).
 */
function matrixJson(affected) {
    return JSON.stringify({ include: planMatrix(affected).legs });
}

// EXTERNAL MODULE: ./src/registry/lfs.ts
var lfs = __webpack_require__(9676);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/registry/source-text.ts
var source_text = __webpack_require__(7836);
;// CONCATENATED MODULE: ./src/registry/governance.ts



/** Which base architectures can serve a task family (seed 000's model-selection rules). */
function architectureProblem(model) {
    const { task_family: family, base_model: base } = model.spec;
    switch (family) {
        case 'classification':
            if (base.architecture === 'encoder' || (base.architecture === 'decoder' && base.classification_head))
                return null;
            return `task family 'classification' needs an encoder, or a decoder with classification_head: true; base model ${base.id} is ${base.architecture}`;
        case 'text-generation':
            return base.architecture === 'decoder'
                ? null
                : `task family 'text-generation' needs a decoder; base model ${base.id} is ${base.architecture}`;
        case 'transformation':
            return base.architecture === 'encoder'
                ? `task family 'transformation' needs an encoder-decoder or a decoder; base model ${base.id} is an encoder`
                : null;
    }
}
/**
 * Governance lint across the registry: architecture fit, owners, models that should be one, names that
 * collide on a case-insensitive file system, and risk tiers whose approvals contradict them.
 */
function governanceProblems(models, registry) {
    const problems = [];
    const at = (m, keyPath, severity, message) => {
        const { line, column } = m.locate(keyPath);
        problems.push({ file: m.file.display, line, column, severity, message });
    };
    for (const m of models) {
        const arch = architectureProblem(m);
        if (arch)
            at(m, ['base_model', 'architecture'], 'error', arch);
        if (m.spec.owners.length === 0)
            at(m, ['owners'], 'error', "the model has no owners; expected at least one person or team (e.g. owners: ['@org/team']) accountable for it");
    }
    // macOS and Windows checkouts, and artifact names, do not tell Content-Classifier from content-classifier.
    const byFolded = new Map();
    for (const m of models)
        byFolded.set(m.spec.name.toLowerCase(), [...(byFolded.get(m.spec.name.toLowerCase()) ?? []), m]);
    for (const same of byFolded.values())
        if (same.length > 1)
            for (const m of same)
                at(m, ['name'], 'error', `model name '${m.spec.name}' differs only in case from ${same
                    .filter(o => o !== m)
                    .map(o => `'${o.spec.name}'`)
                    .join(', ')}; expected names that differ in more than case (they collide on case-insensitive file systems and in artifact names)`);
    if (registry)
        problems.push(...tierProblems(registry));
    consolidationWarnings(models, at);
    return problems;
}
/** Names a consolidation warning quotes; the rest are counted, so one warning stays short in any registry. */
const NAMES_QUOTED = 20;
/**
 * One warning per group of models on the same base model and task family where any member lacks a
 * consolidation_note, at the first such member: a warning per member, each naming every other, grew as the
 * square of the group.
 */
function consolidationWarnings(models, at) {
    const groups = new Map();
    for (const m of models) {
        const key = `${m.spec.base_model.id}\u0000${m.spec.task_family}`;
        const group = groups.get(key);
        if (group)
            group.push(m);
        else
            groups.set(key, [m]);
    }
    for (const group of groups.values()) {
        const unjustified = group.filter(m => !m.spec.consolidation_note);
        const first = unjustified[0];
        if (group.length < 2 || !first)
            continue;
        const quote = (names) => names.length > NAMES_QUOTED
            ? `${names.slice(0, NAMES_QUOTED).join(', ')} and ${names.length - NAMES_QUOTED} more`
            : names.join(', ');
        const others = group.filter(o => o !== first).map(o => o.spec.name);
        const without = unjustified.length > 1 ? `; ${unjustified.length} of the ${group.length} have no consolidation_note` : '';
        at(first, ['task_family'], 'warning', `same base model (${first.spec.base_model.id}) and task family (${first.spec.task_family}) as ${quote(others)}${without}: consolidate them into one model with several use cases, or justify each in consolidation_note`);
    }
}
/** Tiers with no approvals that name an environment, or that are the highest (last listed) tier: warnings. */
function tierProblems(registry) {
    const tiers = Object.entries(registry.config?.risk_tiers ?? {});
    const out = [];
    let text;
    const lineOf = (tier) => {
        try {
            text ??= (0,external_node_fs_.readFileSync)(registry.configFile.absolute, 'utf8');
            const node = (0,dist.parseDocument)(text).getIn(['risk_tiers', tier, 'approvals'], true);
            if ((0,dist/* isNode */.Ll)(node) && node.range)
                return new source_text/* LineIndex */.rr(text).position(node.range[0]);
        }
        catch {
            // the loader reported the file already
        }
        return { line: 1, column: 1 };
    };
    tiers.forEach(([name, tier], i) => {
        if (tier.approvals !== 0)
            return;
        const reasons = [
            ...(tier.environment ? [`names the environment '${tier.environment}'`] : []),
            ...(i === tiers.length - 1 && tiers.length > 1 ? ['is the highest (last listed) tier'] : [])
        ];
        if (reasons.length)
            out.push({
                file: registry.configFile.display,
                ...lineOf(name),
                severity: 'warning',
                message: `risk tier '${name}' needs 0 approvals but ${reasons.join(' and ')}; expected at least 1 approval, or a tier that does not claim to guard production`
            });
    });
    return out;
}

// EXTERNAL MODULE: ./src/registry/loader.ts + 1 modules
var loader = __webpack_require__(1905);
// EXTERNAL MODULE: ./src/prompts/template.ts
var template = __webpack_require__(5509);
// EXTERNAL MODULE: ./src/prompts/sandbox.ts
var prompts_sandbox = __webpack_require__(9012);
// EXTERNAL MODULE: ./src/data/hash-index.ts
var hash_index = __webpack_require__(9611);
// EXTERNAL MODULE: ./src/data/minhash.ts
var minhash = __webpack_require__(3492);
// EXTERNAL MODULE: ./src/data/external.ts
var external = __webpack_require__(8541);
// EXTERNAL MODULE: ./src/data/readers.ts + 2 modules
var readers = __webpack_require__(6207);
// EXTERNAL MODULE: ./src/data/row-checks.ts
var row_checks = __webpack_require__(9744);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./src/data/row-worker.ts






/** A worker's failure as an error of this thread: a user's error (a broken tokenizer file) stays one. */
const workerError = (msg) => msg.user ? new errors/* ConfigurationError */.j1(msg.error) : new Error(msg.error);
/**
 * The worker side: answers each task message with its RangeResult. A bundled action's worker entry
 * (src/actions/<action>.worker.ts) calls this; under TypeScript, row-worker.main.ts does. The same entry
 * serves as the prompt-template sandbox process (src/prompts/sandbox.ts) when started as one.
 */
function serveRangeTasks() {
    if (isTemplateSandbox())
        return serveTemplateRenders();
    const port = parentPort;
    if (!port)
        throw new Error('serveRangeTasks runs in a worker thread only');
    // Sampled rows render in the main thread's sandbox: one process for all threads.
    const renders = new Map();
    let renderId = 0;
    const ask = (key, rows, text) => new Promise((resolve, reject) => {
        const id = renderId++;
        renders.set(id, { resolve, reject });
        port.postMessage({ render: id, key, rows, text });
    });
    renderRemotely(key => ({
        warm: () => port.postMessage({ warm: key }),
        renderAll: rows => ask(key, rows, true),
        measureAll: rows => ask(key, rows, false)
    }));
    // The eval index arrives once, not with every range.
    let shared;
    // Tasks are handled one after another: the next one may arrive while a range is checked (see RangeWorkers).
    let queue = Promise.resolve();
    port.on('message', (m) => {
        if ('rendered' in m) {
            const waiting = renders.get(m.rendered);
            renders.delete(m.rendered);
            if ('outcomes' in m)
                waiting.resolve(m.outcomes);
            else if ('limit' in m)
                waiting.reject(new TemplateLimitError(m.limit.message, m.limit.row));
            else
                waiting.reject(new Error(m.error));
            return;
        }
        queue = queue.then(() => ('evalIndex' in m ? void (shared = m.evalIndex) : checkOne(m)));
    });
    const checkOne = (task) => checkRange(task, shared).then(result => {
        const transfer = [
            result.rowLines.buffer,
            result.idHashes.buffer,
            result.dupKeys.buffer,
            result.tokenLengths.buffer
        ];
        if (result.inputHashes)
            transfer.push(result.inputHashes.buffer);
        if (result.signatures)
            transfer.push(result.signatures.buffer);
        port.postMessage({ ok: true, result }, transfer);
    }, (e) => port.postMessage({
        ok: false,
        error: e instanceof Error ? e.message : String(e),
        user: isUserError(e)
    }));
}
/** A worker's render request, in this (the main) thread's sandbox for the template; the answer goes back to it. */
function renderFor(worker, msg) {
    if ('warm' in msg)
        return (0,row_checks/* sandboxFor */.Xq)(msg.warm).warm();
    const id = msg.render;
    const answer = (m) => worker.postMessage(m);
    const sandbox = (0,row_checks/* sandboxFor */.Xq)(msg.key);
    (msg.text ? sandbox.renderAll(msg.rows) : sandbox.measureAll(msg.rows)).then(outcomes => answer({ rendered: id, outcomes }), (e) => answer(e instanceof prompts_sandbox/* TemplateLimitError */.uQ
        ? { rendered: id, limit: { message: e.message, row: e.row } }
        : { rendered: id, error: e instanceof Error ? e.message : String(e) }));
}
/** How many threads to check ranges with: the cores, at most 8. */
function workerCount() {
    return Math.max(1, Math.min(8, (0,external_node_os_.availableParallelism)()));
}
/** Where build.mjs puts an action's worker bundle, relative to the action's bundle. */
const WORKER_BUNDLE = './worker/index.js';
function workerScript() {
    const here = import.meta.url;
    if (here.endsWith('.ts')) {
        // Run from TypeScript sources (CLI from a clone, tests): a JavaScript bootstrap registers tsx first.
        return { url: new URL('./row-worker.bootstrap.mjs', here), execArgv: [] };
    }
    // In an ncc bundle: the action's own small worker bundle beside it (dist/<action>/worker/index.js,
    // from src/actions/<action>.worker.ts), which starts in a fraction of the time the whole action's
    // bundle would take.
    return { url: new URL(WORKER_BUNDLE, here), execArgv: [] };
}
/**
 * A worker's heap limits. Rows die young (each is parsed when reached and dropped after its checks), so a worker
 * needs a young generation large enough for a chunk's garbage (16 MB measured best: 8 MB doubles the GC work) and
 * a small old one; a capped old generation makes V8 collect early, which keeps the process under ~300 MB. The cap
 * grows with the line limit, since one line is held whole.
 */
function workerLimits(maxLineBytes) {
    return {
        maxYoungGenerationSizeMb: 16,
        maxOldGenerationSizeMb: Math.max(128, Math.ceil((8 * maxLineBytes) / 2 ** 20) + 64)
    };
}
/** A data-checking worker thread. */
function startWorker(maxLineBytes) {
    const { url, execArgv } = workerScript();
    return new external_node_worker_threads_.Worker((0,external_node_url_.fileURLToPath)(url), { execArgv, resourceLimits: workerLimits(maxLineBytes) });
}
/**
 * Worker threads that check whole small files, each a task answered by its own promise, for many models at once:
 * a registry-wide change checks hundreds of models of a few hundred kilobytes each, too small to split, and one
 * thread checking them all leaves the other cores idle. Several model checks share the pool (validateRegistry
 * runs a few at a time); each worker answers its tasks in the order it received them. The threads start when
 * the pool is made, so that they load while the registry's specs are read.
 */
class FileTaskPool {
    maxLineBytes;
    threads = [];
    constructor(size, maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        for (let i = 0; i < size; i++)
            this.threads.push(this.start());
    }
    start() {
        const worker = startWorker(this.maxLineBytes);
        const thread = { worker, waiting: [] };
        const fail = (e) => {
            // The thread is gone (a crash, or out of memory): its tasks fail with the reason, and a new one takes its place.
            for (const w of thread.waiting.splice(0))
                w.reject(e);
            const at = this.threads.indexOf(thread);
            if (at >= 0)
                this.threads[at] = this.start();
        };
        worker.on('message', (msg) => {
            if ('render' in msg || 'warm' in msg)
                return renderFor(worker, msg);
            const waiting = thread.waiting.shift();
            if (msg.ok)
                waiting?.resolve(msg.result);
            else
                waiting?.reject(workerError(msg));
        });
        worker.on('error', fail);
        worker.on('exit', code => fail(new Error(`a data-checking worker thread ended (exit code ${code})`)));
        return thread;
    }
    /** Checks one range (a whole small file) on the thread with the fewest tasks waiting. */
    run(task, evalIndex) {
        const thread = this.threads.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
        return new Promise((resolve, reject) => {
            thread.waiting.push({ resolve, reject });
            // The index first: the worker takes each message in turn, so the task is checked against this index.
            thread.worker.postMessage({ evalIndex });
            thread.worker.postMessage(task);
        });
    }
    /** Ends the threads. */
    async close() {
        const threads = this.threads.splice(0);
        await Promise.all(threads.map(t => {
            t.worker.removeAllListeners('exit');
            t.worker.on('error', () => undefined);
            return t.worker.terminate();
        }));
    }
}
/**
 * A pool of worker threads that check range tasks. It starts when made, so that the threads load their
 * code while this thread does other work (the eval split, before the large train file), and serves every
 * large file of a model.
 */
class RangeWorkers {
    threads;
    maxLineBytes;
    workers = [];
    sentIndex;
    /** A thread of the pool has ended (a crash, or out of memory): the next call starts new ones. */
    broken = false;
    constructor(threads, maxLineBytes) {
        this.threads = threads;
        this.maxLineBytes = maxLineBytes;
        this.start();
    }
    start() {
        if (this.workers.length)
            return;
        this.workers = Array.from({ length: this.threads }, () => {
            const w = startWorker(this.maxLineBytes);
            // Between calls nothing listens: an error then is the next call's to report (see `broken`).
            w.on('error', () => undefined);
            w.once('exit', () => void (this.workers.includes(w) && (this.broken = true)));
            return w;
        });
        this.sentIndex = undefined;
        this.broken = false;
    }
    /** Ends the threads. */
    async close() {
        const workers = this.workers;
        this.workers = [];
        await Promise.all(workers.map(w => w.terminate()));
    }
    /**
     * Checks range tasks and yields the results in task order, each as soon as it and all before it are
     * done — so the caller merges while the workers go on. `evalIndex`: what train ranges check leakage against.
     */
    async *check(tasks, evalIndex) {
        if (this.broken)
            await this.close();
        this.start();
        const workers = this.workers.slice(0, Math.min(this.workers.length, tasks.length));
        if (this.sentIndex !== evalIndex) {
            for (const w of this.workers)
                w.postMessage({ evalIndex });
            this.sentIndex = evalIndex;
        }
        const settled = [];
        let wake;
        const notify = () => {
            wake?.();
            wake = undefined;
        };
        let next = 0;
        let consumed = 0;
        // Each worker holds the task it checks and the next one, so it never waits for this thread (busy merging a
        // result) to send it more; the last tasks go only to workers with nothing queued, so no worker is left with
        // two while another has none. Backpressure: a task is sent only while few results wait for the caller to
        // merge them, so memory stays bounded when the workers are faster than the caller. Few, but not too few:
        // the first merge of a large file is slow (its tables are new: measured 0.3-0.45 s for 30,000 rows, against
        // 20 ms for each later one), and the workers should go on meanwhile; a result is about 1 MB.
        const perWorker = 2;
        const maxAhead = 6 * workers.length;
        const idle = [];
        const queued = new Map();
        const give = (worker, depth = perWorker) => {
            const mine = queued.get(worker);
            while (next < tasks.length && mine.length < (tasks.length - next > workers.length ? depth : 1)) {
                if (next - consumed >= maxAhead) {
                    if (!idle.includes(worker))
                        idle.push(worker);
                    return;
                }
                const i = next++;
                mine.push(i);
                worker.postMessage(tasks[i]);
            }
        };
        const listeners = workers.map(w => {
            queued.set(w, []);
            const onMessage = (msg) => {
                if ('render' in msg || 'warm' in msg)
                    return renderFor(w, msg);
                const i = queued.get(w).shift();
                settled[i] = msg.ok ? { result: msg.result } : { error: workerError(msg) };
                notify();
                give(w);
            };
            const onError = (e) => {
                settled[queued.get(w)[0] ?? next] ??= { error: e };
                notify();
            };
            const onExit = (code) => onError(new Error(`a data-checking worker thread ended (exit code ${code})`));
            w.on('message', onMessage);
            w.on('error', onError);
            w.on('exit', onExit);
            return { w, onMessage, onError, onExit };
        });
        // One task each first, then the second.
        for (const w of workers)
            give(w, 1);
        for (const w of workers)
            give(w);
        let complete = false;
        try {
            for (let i = 0; i < tasks.length; i++) {
                while (!settled[i]) {
                    const failed = settled.find(s => s?.error);
                    if (failed)
                        throw failed.error;
                    await new Promise(resolve => (wake = resolve));
                }
                const s = settled[i];
                if (s.error)
                    throw s.error;
                settled[i] = {};
                consumed = i + 1;
                while (idle.length && next - consumed < maxAhead)
                    give(idle.pop());
                yield s.result;
            }
            complete = true;
        }
        finally {
            for (const { w, onMessage, onError, onExit } of listeners) {
                w.off('message', onMessage);
                w.off('error', onError);
                w.off('exit', onExit);
            }
            // Tasks still on a thread would answer the next call: the threads go, and the next call starts new ones.
            if (!complete)
                await this.close();
        }
    }
}

// EXTERNAL MODULE: ./src/data/tokens.ts
var tokens = __webpack_require__(3524);
// EXTERNAL MODULE: ./src/training/hyperparameters.ts
var hyperparameters = __webpack_require__(5236);
;// CONCATENATED MODULE: ./src/data/dataset-check.ts














/** Each file's stat, asked for once (undefined for a file that cannot be read). */
class FileStats {
    known = new Map();
    of(file) {
        let s = this.known.get(file);
        if (!s) {
            // Synchronous: a stat takes microseconds, its promise round trip through the thread pool several times that.
            let info;
            try {
                info = (0,external_node_fs_.statSync)(file, { throwIfNoEntry: false });
            }
            catch {
                info = undefined;
            }
            this.known.set(file, (s = Promise.resolve(info)));
        }
        return s;
    }
    /** A file's size, 0 for one that cannot be read. */
    async size(file) {
        return (await this.of(file))?.size ?? 0;
    }
}
/** Problems kept in full per model; past this they are counted, not stored, so memory stays bounded. */
const MAX_PROBLEMS_KEPT = 1000;
/** Lines named as examples of a cause that many rows share. */
const EXAMPLE_LINES = 3;
/** JSONL files at least this large are checked in ranges on worker threads. */
const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;
/** The size of one range of a large file: small enough for steady progress, large enough to amortise a task. */
const RANGE_BYTES = 16 * 1024 * 1024;
/**
 * Byte ranges of a file that each start at a line's first byte. The last `tailBytes` are cut four times
 * finer, so that the threads finish together rather than one checking a whole range while the others wait.
 */
async function planRanges(file, size, rangeBytes, tailBytes = 0) {
    const cuts = [0];
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const probe = Buffer.alloc(64 * 1024);
        const tailStep = Math.max(1, Math.floor(rangeBytes / 4));
        for (let target = rangeBytes; target < size; target += size - target <= tailBytes ? tailStep : rangeBytes) {
            let pos = Math.max(target, cuts[cuts.length - 1] + 1);
            let found = -1;
            while (found < 0 && pos < size) {
                const { bytesRead } = await handle.read(probe, 0, probe.length, pos);
                if (bytesRead === 0)
                    break;
                const nl = probe.subarray(0, bytesRead).indexOf(10);
                if (nl >= 0)
                    found = pos + nl + 1;
                else
                    pos += bytesRead;
            }
            if (found < 0 || found >= size)
                break;
            if (found > cuts[cuts.length - 1])
                cuts.push(found);
            target = Math.max(target, found);
        }
    }
    finally {
        await handle.close();
    }
    return cuts.map((c, i) => [c, cuts[i + 1] ?? size]);
}
/**
 * Problems kept up to MAX_PROBLEMS_KEPT, and counted past it, so memory stays bounded. One cause (the same
 * file, severity and message) is kept once with the number of its rows and its first lines, not once per row.
 */
class ProblemLog {
    problems = [];
    counts = { errors: 0, warnings: 0 };
    causes = new Map();
    report(p) {
        if (p.severity === 'error')
            this.counts.errors++;
        else
            this.counts.warnings++;
        const key = `${p.file}\0${p.severity}\0${p.message}`;
        const cause = this.causes.get(key);
        if (cause) {
            cause.problem.rows = (cause.problem.rows ?? 1) + 1;
            cause.lines.push(p.line);
            // Only the first few lines are named; keeping the smallest few bounds the memory of a cause.
            if (cause.lines.length > 2 * EXAMPLE_LINES)
                cause.lines.sort((a, b) => a - b).splice(EXAMPLE_LINES);
            return;
        }
        if (this.problems.length >= MAX_PROBLEMS_KEPT)
            return;
        const kept = { ...p };
        this.problems.push(kept);
        this.causes.set(key, { problem: kept, lines: [p.line] });
    }
    /** Names each repeated cause's row count and first lines in its message, at its first line. */
    summarise() {
        for (const { problem, lines } of this.causes.values()) {
            if (!problem.rows || problem.rows < 2)
                continue;
            const first = lines.sort((a, b) => a - b).slice(0, EXAMPLE_LINES);
            problem.line = first[0];
            problem.message += ` — in ${problem.rows} rows (lines ${first.join(', ')}${problem.rows > first.length ? ', …' : ''})`;
        }
        this.causes.clear();
    }
    /** True while another problem would still be kept in full. */
    get keeping() {
        return this.problems.length < MAX_PROBLEMS_KEPT;
    }
    /** A warning at the first line of a file. */
    warn(file, message) {
        this.report({ file, line: 1, column: 1, severity: 'warning', message });
    }
}
/** Rows remembered as (file, line) in growing typed arrays; a location string is made only for a message. */
class RowTable {
    fileNames = [];
    // Small to start (a registry-wide change makes one per model); a large file reserves room for its rows at once.
    rowFile = new Int32Array(1 << 10);
    rowLine = new Int32Array(1 << 10);
    count = 0;
    /** Registers a file; its index is what `add` takes. */
    addFile(display) {
        return this.fileNames.push(display) - 1;
    }
    /** Room for `n` more rows at once. */
    reserve(n) {
        const want = this.count + n;
        if (want <= this.rowFile.length)
            return;
        const f = new Int32Array(want);
        const l = new Int32Array(want);
        f.set(this.rowFile);
        l.set(this.rowLine);
        this.rowFile = f;
        this.rowLine = l;
    }
    add(fileIndex, line) {
        if (this.count === this.rowFile.length)
            this.reserve(this.count);
        this.rowFile[this.count] = fileIndex;
        this.rowLine[this.count] = line;
        return this.count++;
    }
    /** `file:line` of a row. */
    where(row) {
        return `${this.fileNames[this.rowFile[row]]}:${this.rowLine[row]}`;
    }
}
function splitTotals() {
    return { rows: 0, invalid: 0, duplicates: 0, useCases: {}, labels: {}, lengths: new tokens/* LengthStats */.s7() };
}
/** Adds counts by key into `into`. */
function addCounts(into, from) {
    for (const [k, n] of Object.entries(from))
        into[k] = (into[k] ?? 0) + (n ?? 0);
}
/**
 * One model's data check: the state merged from every range of every file — totals, the rows table, and
 * the indexes of duplicates and ids that need every row, made here on the compact keys the ranges return.
 */
class ModelDataCheck {
    model;
    base;
    options;
    log = new ProblemLog();
    rows = new RowTable();
    ids = new hash_index/* HashIndex */.xn(1 << 8);
    splits = { train: splitTotals(), eval: splitTotals() };
    files = [];
    leakage;
    piiByKind = {};
    render = {
        overContext: 0,
        trainWithoutTarget: 0,
        rowsMissingVariables: 0,
        rendered: 0,
        renderErrors: 0,
        promptOverhead: 0
    };
    evalIndex;
    /** The worker threads for large files, started before the first file is read (see `startWorkers`). */
    workers;
    parallelMin;
    rangeBytes;
    threads;
    constructor(model, base, policy, options) {
        this.model = model;
        this.base = base;
        this.options = options;
        this.leakage = { exact: 0, near: 0, threshold: policy.near_duplicate_jaccard };
        this.parallelMin = options.parallelMinBytes ?? PARALLEL_MIN_BYTES;
        this.rangeBytes = options.rangeBytes ?? RANGE_BYTES;
        this.threads = options.threads ?? workerCount();
        this.stats = options.stats ?? new FileStats();
    }
    stats;
    /**
     * Starts the worker threads now when a file of the model will need them, so that they load while the
     * eval split (checked first, on this thread) is read.
     */
    async startWorkers() {
        for (const file of [...this.model.eval, ...this.model.train]) {
            if ((0,readers/* fileKind */.h_)(file.absolute) !== 'jsonl')
                continue;
            // An external dataset is not fetched yet: its declared size stands for the file's.
            const bytes = file.external?.bytes ?? (await this.stats.size(file.absolute));
            if (bytes >= this.parallelMin) {
                this.workers ??= new RangeWorkers(this.threads, this.base.maxLineBytes);
                return;
            }
        }
    }
    /** Ends the worker threads. */
    async close() {
        await this.workers?.close();
        this.workers = undefined;
    }
    /** How much of a file's end is cut finer: a range per thread's worth, in a file of many ranges. */
    tailBytes(bytes) {
        const tail = this.threads * this.rangeBytes;
        return bytes > 4 * tail ? tail : 0;
    }
    /** The range results of a file, in order: inline for a small file, from worker threads for a large one. */
    async *checkFile(split, file, bytes) {
        const ranges = (0,readers/* fileKind */.h_)(file.absolute) === 'jsonl' && bytes >= this.parallelMin
            ? await planRanges(file.absolute, bytes, this.rangeBytes, this.tailBytes(bytes))
            : [[0, bytes]];
        const tasks = ranges.map(([start, end]) => ({
            ...this.base,
            ...{ file: file.absolute, display: file.display, split, start, end }
        }));
        const index = split === 'train' ? this.evalIndex : undefined;
        const onProgress = this.options.onProgress;
        onProgress?.(file.display, 0, bytes);
        const pool = this.options.pool;
        if (tasks.length === 1)
            yield await (pool ? pool.run(tasks[0], index) : (0,row_checks/* checkRange */.cd)(tasks[0], index));
        else {
            let i = 0;
            this.workers ??= new RangeWorkers(this.threads, this.base.maxLineBytes);
            for await (const result of this.workers.check(tasks, index)) {
                onProgress?.(file.display, tasks[i++].end, bytes);
                yield result;
            }
        }
        onProgress?.(file.display, bytes, bytes);
    }
    /**
     * Fetches an external dataset into the cache (verified against its digest); a failure is reported at
     * its entry in model.yaml, naming the URI and what was expected.
     */
    async fetched(file, split, index) {
        try {
            await (0,external/* ensureExternalFiles */.To)([file], this.options.fetch);
            return true;
        }
        catch (e) {
            if (!(0,errors/* isUserError */.iU)(e))
                throw e;
            const { line, column } = this.model.locate(['data', split, index]);
            this.log.report({ file: this.model.file.display, line, column, severity: 'error', message: (0,errors/* errorMessage */.gJ)(e) });
            return false;
        }
    }
    /** Checks every file of a split; after the eval split, builds the index the train split's leakage check uses. */
    async checkSplit(split) {
        const dupes = new hash_index/* HashIndex */.xn(1 << 8);
        const evalRows = [];
        const evalHashes = [];
        const evalSigs = [];
        const files = split === 'eval' ? this.model.eval : this.model.train;
        for (const [index, file] of files.entries()) {
            if (file.external && !(await this.fetched(file, split, index))) {
                this.files.push({ split, display: file.display, rows: 0, invalid: 0, bytes: 0 });
                continue;
            }
            if (!(0,readers/* fileKind */.h_)(file.absolute)) {
                const message = 'unknown data file type; expected .jsonl, .csv or .parquet';
                this.log.report({ file: file.display, line: 1, column: 1, severity: 'error', message });
                this.files.push({ split, display: file.display, rows: 0, invalid: 0, bytes: 0 });
                continue;
            }
            const info = await this.stats.of(file.absolute);
            const pointer = await (0,lfs/* readLfsPointer */.tY)(file.absolute, info);
            if (pointer) {
                const message = (0,lfs/* lfsPointerMessage */.Ip)(file.display, pointer);
                this.log.report({ file: file.display, line: 1, column: 1, severity: 'error', message });
                this.files.push({ split, display: file.display, rows: 0, invalid: 0, bytes: 0 });
                continue;
            }
            // A file that cannot be read is the reader's to report, with its reason.
            const bytes = info?.size ?? (await (0,promises_.stat)(file.absolute)).size;
            const fileIndex = this.rows.addFile(file.display);
            const entry = { split, display: file.display, rows: 0, invalid: 0, bytes };
            this.files.push(entry);
            let offset = 0;
            let sawAnyRow = false;
            let reserved = false;
            for await (const r of this.checkFile(split, file, bytes)) {
                // A large file's first range tells about how many rows it has: room for them all at once, rather
                // than doubling the tables (and holding old and new copies) a dozen times on the way.
                if (!reserved && r.rows > 0 && bytes > this.rangeBytes) {
                    reserved = true;
                    const estimate = Math.min(Math.ceil((r.rows * bytes) / this.rangeBytes), Math.ceil(bytes / 3));
                    this.rows.reserve(estimate);
                    dupes.reserve(dupes.size + estimate);
                    this.ids.reserve(this.ids.size + estimate);
                }
                this.mergeTotals(r, split, entry, offset);
                sawAnyRow ||= r.sawAnyRow;
                for (let i = 0; i < r.rowLines.length; i++) {
                    // A long merge lets the worker threads' messages in now and then, so that they get their next ranges:
                    // the first merge of a large file is slow (its tables are new), and they would wait for it.
                    if ((i & 4095) === 4095)
                        await new Promise(resolve => setImmediate(resolve));
                    const line = r.rowLines[i] + offset;
                    const row = this.rows.add(fileIndex, line);
                    this.checkAcrossRanges(r, i, row, line, file.display, dupes, split);
                    if (split === 'eval')
                        evalRows.push(row);
                }
                if (r.inputHashes && r.signatures) {
                    evalHashes.push(r.inputHashes);
                    evalSigs.push(r.signatures);
                }
                offset += r.lines;
            }
            if (!sawAnyRow && entry.invalid === 0) {
                const message = 'the file has no rows; expected at least one example';
                this.log.report({ file: file.display, line: 1, column: 1, severity: 'error', message });
            }
        }
        if (split === 'eval')
            this.evalIndex = this.indexOfEval(evalRows, evalHashes, evalSigs);
    }
    /** Adds a range's counts and problems (at their lines in the whole file) to the file's and split's totals. */
    mergeTotals(r, split, entry, offset) {
        for (const p of r.problems)
            this.log.report({ ...p, line: p.line + offset });
        // Problems a range counted but did not keep still count.
        this.log.counts.errors += r.counts.errors - r.problems.filter(p => p.severity === 'error').length;
        this.log.counts.warnings += r.counts.warnings - r.problems.filter(p => p.severity === 'warning').length;
        const stats = this.splits[split];
        // A row that lacks a prompt variable, or that the template fails on, is as invalid as a malformed one.
        const invalid = r.invalid + r.rowsMissingVariables + r.renderErrors;
        entry.rows += r.rows;
        entry.invalid += invalid;
        stats.rows += r.rows;
        stats.invalid += invalid;
        addCounts(stats.useCases, r.useCases);
        addCounts(stats.labels, r.labels);
        addCounts(this.piiByKind, r.piiByKind);
        for (let i = 0; i < r.tokenLengths.length; i++)
            stats.lengths.add(r.tokenLengths[i]);
        this.leakage.exact += r.leakageExact;
        this.leakage.near += r.leakageNear;
        this.render.overContext += r.overContext;
        if (split === 'train')
            this.render.trainWithoutTarget += r.withoutTarget;
        this.render.rowsMissingVariables += r.rowsMissingVariables;
        this.render.rendered += r.rendered;
        this.render.renderErrors += r.renderErrors;
        this.render.promptOverhead = Math.max(this.render.promptOverhead, r.overhead);
    }
    /** The checks that need every row of the model: exact duplicates within a split, ids across both. */
    checkAcrossRanges(r, i, row, line, file, dupes, split) {
        const first = dupes.setIfAbsent(r.dupKeys[i], row);
        if (first >= 0) {
            this.splits[split].duplicates++;
            if (this.log.keeping) {
                const message = `exact duplicate of ${this.rows.where(first)} (after normalising case and whitespace)`;
                this.log.report({ file, line, column: 1, severity: 'warning', message });
            }
            else
                this.log.counts.warnings++;
        }
        const idHash = r.idHashes[i];
        if (Number.isNaN(idHash))
            return;
        const prev = this.ids.setIfAbsent(idHash, row);
        if (prev >= 0) {
            const message = `id is used again; first at ${this.rows.where(prev)}. ` +
                "Expected ids unique across the model's train and eval files";
            this.log.report({ file, line, column: 1, severity: 'error', message });
        }
    }
    /** The eval rows' input hashes and MinHash signatures in one block, for the train split's leakage check. */
    indexOfEval(rows, hashes, sigs) {
        const n = hashes.reduce((k, a) => k + a.length, 0);
        const inputHashes = new Float64Array(n);
        const signatures = new Uint32Array(n * minhash/* MINHASH_BINS */.EU);
        let at = 0;
        hashes.forEach((h, i) => {
            inputHashes.set(h, at);
            signatures.set(sigs[i], at * minhash/* MINHASH_BINS */.EU);
            at += h.length;
        });
        return { inputHashes, signatures, locations: rows.map(row => this.rows.where(row)) };
    }
    /** Each split's statistics, with a warning for each use case or label it lacks or barely has. */
    finalSplits() {
        const { spec } = this.model;
        const out = {};
        for (const split of ['train', 'eval']) {
            const { lengths, ...s } = this.splits[split];
            out[split] = { ...s, tokens: lengths.summary() };
            const file = (split === 'train' ? this.model.train : this.model.eval)[0]?.display ?? this.model.file.display;
            if (s.rows === 0)
                continue;
            for (const uc of spec.use_cases) {
                if (!s.useCases[uc])
                    this.log.warn(file, `use case '${uc}' has no ${split} rows${split === 'eval' ? ': its slice cannot be evaluated' : ''}`);
            }
            for (const label of spec.data.labels ?? []) {
                const n = s.labels[label] ?? 0;
                if (n === 0)
                    this.log.warn(file, `label '${label}' has no ${split} rows`);
                else if (n / s.rows < 0.01) {
                    const share = ((100 * n) / s.rows).toFixed(2);
                    this.log.warn(file, `label '${label}' is ${share}% of ${split} rows; the classes are badly unbalanced`);
                }
            }
        }
        return out;
    }
}
/**
 * Streams every data file of a model once and checks rows, duplicates, leakage, PII, lengths and the
 * prompt. Large JSONL files are split into line-aligned ranges checked on worker threads; the checks
 * that need every row (duplicates, ids) are made here on the compact keys the ranges return.
 */
async function checkModelData(model, config, options = {}) {
    const { spec } = model;
    const policy = config.policy;
    const promptFile = model.prompt.file.display;
    const compiled = (0,template/* compiledTemplate */.Y9)(model.prompt.spec.template);
    const declared = model.prompt.spec.variables.map(v => v.name);
    const used = compiled.ok ? [...compiled.prompt.used].sort() : [];
    const base = {
        rules: { format: spec.data.format, labels: spec.data.labels, useCases: spec.use_cases, target: spec.data.target },
        pii: policy.pii,
        maxLineBytes: policy.max_line_bytes,
        nearThreshold: policy.near_duplicate_jaccard,
        ...(compiled.ok ? { template: model.prompt.spec.template } : {}),
        // The sandbox's limit messages name the template's line.
        promptFile: await (0,prompts_sandbox/* promptTemplateLocation */.mN)(model.prompt),
        requiredVars: used.filter(v => v !== 'use_case' && v !== 'id'),
        ...(model.tokenizer ? { tokenizerPath: model.tokenizer.absolute } : {}),
        contextWindow: spec.base_model.context_window,
        maxSeqLength: (0,hyperparameters/* maxSeqLength */.wn)(spec.training.hyperparameters, spec.base_model.context_window),
        targetAfterPrompt: spec.task_family !== 'classification' && spec.base_model.architecture === 'decoder'
    };
    const check = new ModelDataCheck(model, base, policy, options);
    const { log } = check;
    const tokenizerPointer = model.tokenizer && (await (0,lfs/* readLfsPointer */.tY)(model.tokenizer.absolute));
    if (model.tokenizer && tokenizerPointer) {
        // Reported here; the rows are then counted approximately rather than failing in every range.
        const message = (0,lfs/* lfsPointerMessage */.Ip)(model.tokenizer.display, tokenizerPointer);
        log.report({ file: model.tokenizer.display, line: 1, column: 1, severity: 'error', message });
        delete base.tokenizerPath;
    }
    if (!compiled.ok) {
        // At the template's `template:` line where it can be found.
        const line = Number(/:(\d+)$/.exec(base.promptFile)?.[1] ?? 1);
        log.report({ file: promptFile, line, column: 1, severity: 'error', message: compiled.message });
    }
    // The template sandbox (this thread's, which the worker threads use too) starts now, alongside the workers;
    // a plain template's rows render without it, and it starts only if a row needs it.
    if (base.template !== undefined && compiled.ok && !compiled.prompt.plain)
        (0,row_checks/* sandboxFor */.Xq)({ template: base.template, maxLineBytes: base.maxLineBytes, where: base.promptFile }).warm();
    // Eval first: the train split is checked for leakage against the eval rows' index.
    try {
        await check.startWorkers();
        await check.checkSplit('eval');
        await check.checkSplit('train');
    }
    finally {
        await check.close();
    }
    const splits = check.finalSplits();
    const undeclared = used.filter(v => !declared.includes(v) && v !== 'use_case');
    const unused = declared.filter(v => !used.includes(v));
    for (const v of undeclared)
        log.warn(promptFile, `the template uses '${v}', which is not in 'variables'`);
    for (const v of unused)
        log.warn(promptFile, `variable '${v}' is declared but the template never uses it`);
    log.summarise();
    log.problems.sort((a, b) => (a.file === b.file ? a.line - b.line : 0));
    const { overContext, trainWithoutTarget, promptOverhead, ...rendering } = check.render;
    checkWithoutTarget(model, splits.train.rows, trainWithoutTarget, log);
    return {
        model: spec.name,
        files: check.files,
        splits,
        leakage: check.leakage,
        pii: { policy: policy.pii, byKind: check.piiByKind },
        tokens: {
            method: model.tokenizer ? `exact, ${model.tokenizer.relative}` : tokens/* approximateCounter */.tV.method,
            exact: Boolean(model.tokenizer),
            contextWindow: spec.base_model.context_window,
            maxSeqLength: base.maxSeqLength,
            overContext,
            trainWithoutTarget,
            promptOverhead
        },
        prompt: { file: promptFile, used, declared, undeclared, unused, ...rendering },
        problems: log.problems,
        counts: log.counts
    };
}
/**
 * The share of train rows whose prompt leaves no target token within max_seq_length, against the trainer's
 * max_share_without_target: above it, an error where the tokens were counted exactly (the trainer would fail the
 * run), a warning where they were estimated.
 */
function checkWithoutTarget(model, trainRows, withoutTarget, log) {
    if (!withoutTarget || !trainRows)
        return;
    const hp = model.spec.training.hyperparameters;
    const limit = typeof hp.max_share_without_target === 'number'
        ? hp.max_share_without_target
        : (0,hyperparameters/* hyperparameterDefaults */.Sb)('hf-peft').max_share_without_target;
    if (withoutTarget <= limit * trainRows)
        return;
    const { line, column } = model.locate(['training', 'hyperparameters', 'max_seq_length']);
    const seq = (0,hyperparameters/* maxSeqLength */.wn)(hp, model.spec.base_model.context_window);
    log.report({
        file: model.file.display,
        line,
        column,
        severity: model.tokenizer ? 'error' : 'warning',
        message: `${withoutTarget} of ${trainRows} train rows${model.tokenizer ? '' : ' (by an estimate of their tokens)'} leave no target ` +
            `token within max_seq_length ${seq}, above max_share_without_target ${limit}: the trainer would fail the run. ` +
            'Raise max_seq_length (at most the context window) or shorten those prompts (listed as warnings at their lines)'
    });
}

;// CONCATENATED MODULE: ./src/data/model-checks.ts

/** Models whose data files together are smaller than this are checked several at a time. */
const SMALL_MODEL_BYTES = PARALLEL_MIN_BYTES;
/**
 * The data checks of a validation, started as the models load rather than after: a registry-wide change loads
 * hundreds of specs (on this thread) while the worker threads that check the rows would wait. Each model is
 * offered as it loads; `affected` says whether (and why) it is checked at all, which may wait for git. Small
 * models are checked several at a time, in the order they are offered; a model with a large file is checked
 * alone, once loading is done and the small ones are, since its check has worker threads of its own.
 */
class ModelChecks {
    check;
    affected;
    stats;
    atOnce;
    checks = new Map();
    /** Models whose check is queued (or begun): the small ones wait in `ready`, the large in `large`. */
    queued = new Set();
    ready = [];
    large = [];
    offers = [];
    running = 0;
    loaded = false;
    failure;
    constructor(check, 
    /** Whether a loaded model is to be checked (false: the change does not affect it). */
    affected, stats, atOnce) {
        this.check = check;
        this.affected = affected;
        this.stats = stats;
        this.atOnce = atOnce;
    }
    /** A model that has loaded: queued for its check if the change affects it. */
    offer(model) {
        if (this.checks.has(model))
            return;
        let start;
        const begun = new Promise(resolve => (start = resolve));
        const promise = begun.then(() => this.run(model));
        // A check that fails is reported by whoever awaits it (see result); one never awaited fails no one.
        promise.catch(() => undefined);
        this.checks.set(model, { promise, start });
        this.offers.push((async () => {
            if (await this.affected(model))
                await this.enqueue(model);
        })().catch((e) => void (this.failure ??= { error: e })));
    }
    /**
     * Loading is done and `models` are the ones to check (loaded and affected): those not offered or not queued yet
     * are queued now, and from here the queues go in the models' order, the large ones after the small ones.
     */
    async finish(models) {
        for (const m of models)
            this.offer(m);
        await Promise.all(this.offers);
        // Whether a model is affected could not be told (git failed): the caller reports that failure first.
        if (this.failure)
            throw this.failure.error;
        for (const m of models)
            await this.enqueue(m);
        this.loaded = true;
        const order = new Map(models.map((m, i) => [m, i]));
        const byOrder = (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
        this.ready.sort(byOrder);
        this.large.sort(byOrder);
        this.pump();
    }
    /** A model's check (after finish, for one of its models). */
    result(model) {
        return this.checks.get(model).promise;
    }
    async enqueue(model) {
        if (this.queued.has(model))
            return;
        this.queued.add(model);
        if ((await dataBytes(model, this.stats)) < SMALL_MODEL_BYTES)
            this.ready.push(model);
        else
            this.large.push(model);
        this.pump();
    }
    pump() {
        while (this.running < this.atOnce && this.ready.length)
            this.begin(this.ready.shift());
        if (this.loaded && this.running === 0 && !this.ready.length && this.large.length)
            this.begin(this.large.shift());
    }
    begin(model) {
        this.running++;
        this.checks.get(model).start();
    }
    async run(model) {
        try {
            return await this.check(model);
        }
        finally {
            this.running--;
            this.pump();
        }
    }
}
/**
 * The bytes of a model's data files: an external dataset's declared size (it may not be fetched yet), a file's
 * size on disk (0 for one that cannot be read: its check reports it).
 */
async function dataBytes(model, stats) {
    let bytes = 0;
    for (const f of [...model.train, ...model.eval])
        bytes += f.external?.bytes ?? (await stats.size(f.absolute));
    return bytes;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./src/registry/digest.ts
var digest = __webpack_require__(5035);
// EXTERNAL MODULE: ./src/registry/external-data.ts
var external_data = __webpack_require__(5093);
// EXTERNAL MODULE: ./src/registry/schema.ts
var schema = __webpack_require__(7908);
// EXTERNAL MODULE: ./src/data/examples.ts
var examples = __webpack_require__(757);
;// CONCATENATED MODULE: ./src/data/dataset-diff.ts

















/** Rows of a file keyed by id (or by content when a row has none), with what the diff groups by. */
async function indexRows(file, rules, maxLineBytes) {
    const rows = new Map();
    for await (const ev of (0,readers/* readRows */.aK)(file, { maxLineBytes })) {
        if (ev.kind !== 'row')
            continue;
        const content = JSON.stringify(ev.value);
        const hash = (0,hash_index/* hash53 */.$l)(content);
        const r = (0,examples/* toExample */.qv)(ev.value, rules);
        const id = r.ok && r.example.id !== undefined ? `id:${r.example.id}` : `content:${hash}`;
        rows.set(id, { hash, useCase: (r.ok && r.example.useCase) || '(none)', label: (r.ok && r.example.label) || '' });
    }
    return rows;
}
/** The size of a file's content (an LFS pointer's object size for a pointer). */
async function contentSize(file) {
    return (await (0,lfs/* readLfsPointer */.tY)(file))?.size ?? (await (0,promises_.stat)(file)).size;
}
/** Whether two files hold the same content: sizes first, then digests (which read the whole file). */
async function sameContent(a, b) {
    if ((await contentSize(a)) !== (await contentSize(b)))
        return false;
    return (await (0,digest/* contentDigest */.eZ)(a)) === (await (0,digest/* contentDigest */.eZ)(b));
}
/**
 * Rows added, removed and changed in a dataset file between the base commit and the working tree,
 * per use case and per label. Rows are matched by id; rows without one by their content. A file whose
 * content is the same on both sides (a Git LFS pointer counts as its object's content) is unchanged.
 */
async function diffDataset(repoTop, baseCommit, headPath, repoRelative, rules, maxLineBytes, renamedFrom) {
    const display = repoRelative;
    const basePathInRepo = renamedFrom ?? repoRelative;
    const head = await indexRows(headPath, rules, maxLineBytes);
    let base = new Map();
    let exists = true;
    try {
        await (0,git/* git */.$Y)(repoTop, ['cat-file', '-e', `${baseCommit}:${basePathInRepo}`]);
    }
    catch {
        exists = false;
    }
    if (exists) {
        const dir = await (0,promises_.mkdtemp)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'tunegate-diff-'));
        try {
            const tmp = external_node_path_default().join(dir, external_node_path_default().basename(basePathInRepo));
            // Streamed from git to a file: the base version can be as large as the dataset itself.
            const child = (0,external_node_child_process_.spawn)('git', ['cat-file', 'blob', `${baseCommit}:${basePathInRepo}`], {
                cwd: repoTop,
                stdio: ['ignore', 'pipe', 'ignore']
            });
            await (0,external_node_stream_promises_.pipeline)(child.stdout, (0,external_node_fs_.createWriteStream)(tmp));
            // Content against content: an LFS pointer on either side stands for its object (its oid is the
            // content's sha256), so the same data is unchanged however it is checked out, and only a changed
            // LFS file's base version is fetched, through git-lfs.
            if (await sameContent(tmp, headPath))
                base = head;
            else {
                const pointer = await (0,lfs/* readLfsPointer */.tY)(tmp);
                if (pointer)
                    await (0,lfs/* smudgeLfsObject */.S2)(repoTop, pointer, tmp, `${basePathInRepo}@${baseCommit.slice(0, 12)}`);
                base = await indexRows(tmp, rules, maxLineBytes);
            }
        }
        finally {
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
    }
    return rowDiff(display, head, base, !exists ? 'added' : renamedFrom ? 'renamed' : undefined, renamedFrom);
}
/** Rows added, removed and changed from `base` to `head`; `status` when known, else modified or unchanged. */
function rowDiff(file, head, base, status, from) {
    const total = { added: 0, removed: 0, changed: 0 };
    const byUseCase = {};
    const byLabel = {};
    const bump = (row, kind) => {
        total[kind]++;
        (byUseCase[row.useCase] ??= { added: 0, removed: 0, changed: 0 })[kind]++;
        if (row.label)
            (byLabel[row.label] ??= { added: 0, removed: 0, changed: 0 })[kind]++;
    };
    for (const [id, row] of head) {
        const before = base.get(id);
        if (!before)
            bump(row, 'added');
        else if (before.hash !== row.hash)
            bump(row, 'changed');
    }
    for (const [id, row] of base)
        if (!head.has(id))
            bump(row, 'removed');
    const changed = total.added + total.removed + total.changed > 0;
    return {
        file,
        status: status ?? (changed ? 'modified' : 'unchanged'),
        ...(from ? { from } : {}),
        baseRows: base.size,
        headRows: head.size,
        total,
        byUseCase,
        byLabel
    };
}
/** The external entries of a model.yaml at a commit, read leniently (the base's spec was validated there). */
async function externalEntriesAt(repoTop, commit, modelYaml) {
    let text;
    try {
        text = await (0,git/* git */.$Y)(repoTop, ['show', `${commit}:${modelYaml}`]);
    }
    catch {
        return [];
    }
    let data;
    try {
        data = (0,dist/* parse */.qg)(text)?.data;
    }
    catch {
        return [];
    }
    const entries = [];
    for (const split of ['train', 'eval'])
        for (const v of [data?.[split]].flat()) {
            const r = schema/* externalDataSchema */.Pz.safeParse(v);
            if (r.success)
                entries.push(r.data);
        }
    return entries;
}
/**
 * The diff of an external dataset, known from the digests first: a digest the base pinned too is
 * unchanged (renamed when its URI moved) without downloading anything; the same URI with a new digest is
 * compared row by row, the base version fetched into the cache by its own digest; a new URI is added.
 */
async function diffExternalDataset(head, headRows, baseEntries, rules, maxLineBytes, fetch = {}) {
    const { uri, sha256: digest } = head.external;
    const same = baseEntries.find(e => e.sha256 === digest);
    if (same) {
        const none = { added: 0, removed: 0, changed: 0 };
        return {
            file: uri,
            status: same.uri === uri ? 'unchanged' : 'renamed',
            ...(same.uri === uri ? {} : { from: same.uri }),
            ...{ baseRows: headRows, headRows, total: none, byUseCase: {}, byLabel: {} }
        };
    }
    const headIndex = await indexRows(head.absolute, rules, maxLineBytes);
    const before = baseEntries.find(e => e.uri === uri);
    if (!before)
        return rowDiff(uri, headIndex, new Map(), 'added');
    const basePath = (0,external_data/* externalCachePath */.d3)(before, external_node_path_default().dirname(head.absolute));
    try {
        await (0,external/* ensureExternalFile */.Wv)(before, basePath, fetch);
    }
    catch (e) {
        throw new errors/* ConfigurationError */.j1(`${uri}: the base version (sha256 ${before.sha256}) cannot be fetched to compare rows: ${(0,errors/* errorMessage */.gJ)(e)}`);
    }
    return rowDiff(uri, headIndex, await indexRows(basePath, rules, maxLineBytes), 'modified');
}

;// CONCATENATED MODULE: ./src/data/validate.ts












/** Validates a registry: specs, governance, and every data file of each affected model. */
async function validateRegistry(options) {
    const displayBase = options.displayBase ?? process.cwd();
    // The comparison with the base commit needs git, not the specs: it runs while they load.
    const comparison = options.base ? compareWithBase(options.registryDir, options.base, options.head) : undefined;
    comparison?.catch(() => undefined);
    // Many models: their small files are checked on worker threads (see FileTaskPool), which start while the specs
    // load (on this thread: the other cores are free to load the threads' code). Each model's check starts as soon
    // as it has loaded (see ModelChecks).
    const threads = workerCount();
    const stats = new FileStats();
    let pool;
    let checks;
    try {
        const registry = await (0,loader/* loadRegistry */.Ag)(options.registryDir, {
            displayBase,
            onConfig: (config, models, root) => {
                if (threads > 1 && models >= POOL_MIN_MODELS)
                    pool = new FileTaskPool(threads, config.policy.max_line_bytes);
                const atOnce = pool ? Math.max(SMALL_MODELS_AT_ONCE, 3 * threads) : SMALL_MODELS_AT_ONCE;
                const context = { config, pool, stats, comparison, options };
                checks = new ModelChecks(model => checkModel(model, context), async (model) => {
                    const c = await comparison;
                    return !c || affectedModel(model, root, c.top, c.changes) !== undefined;
                }, stats, atOnce);
            },
            onModel: model => checks?.offer(model)
        });
        return await validateLoaded(options, registry, checks, await comparison);
    }
    finally {
        await pool?.close();
    }
}
async function checkModel(model, context) {
    const { config, pool, stats, options } = context;
    const data = await checkModelData(model, config, {
        ...{ onProgress: options.onProgress, fetch: options.fetch },
        pool,
        stats
    });
    const c = await context.comparison;
    const diff = c ? await diffModel({ model, data, config, comparison: c, fetch: options.fetch, stats }) : [];
    return { data, diff };
}
async function validateLoaded(options, registry, checks, comparison) {
    const registryProblems = [...registry.problems, ...governanceProblems(registry.models, registry)];
    const affected = comparison
        ? await affectedModels(registry, comparison.base, comparison.head, comparison)
        : registry.models.map(m => ({
            model: m.spec.name,
            spec: m.file.display,
            runner: m.spec.training.runner,
            reasons: ['validated in full (no base ref)']
        }));
    const byName = new Map(registry.models.map(m => [m.spec.name, m]));
    const toCheck = registry.config && checks
        ? affected.flatMap(a => (byName.has(a.model) ? [{ model: byName.get(a.model), reasons: a.reasons }] : []))
        : [];
    const models = [];
    if (checks && toCheck.length) {
        await checks.finish(toCheck.map(t => t.model));
        // In the models' order (many may be done already); the first that fails ends the validation.
        for (const [i, { model, reasons }] of toCheck.entries()) {
            options.onModel?.(model.spec.name, i, toCheck.length);
            const { data, diff } = await checks.result(model);
            options.onModelDone?.(i + 1, toCheck.length);
            models.push({ model: model.spec.name, reasons, data, diff });
        }
    }
    const counts = { errors: 0, warnings: 0 };
    for (const p of registryProblems)
        counts[p.severity === 'error' ? 'errors' : 'warnings']++;
    for (const m of models) {
        counts.errors += m.data.counts.errors;
        counts.warnings += m.data.counts.warnings;
    }
    const affectedNames = new Set(affected.map(a => a.model));
    const untouched = registry.models.map(m => m.spec.name).filter(n => !affectedNames.has(n));
    return {
        valid: counts.errors === 0 && Boolean(registry.config),
        registryProblems,
        models,
        affected,
        untouched,
        base: comparison?.base,
        head: comparison?.head,
        matrix: matrixJson(affected),
        counts
    };
}
/** How many small models are checked at once (without worker threads; with them, three per thread). */
const SMALL_MODELS_AT_ONCE = 4;
/** From this many models in the registry, their small files go to worker threads: fewer do not repay the threads' start. */
const POOL_MIN_MODELS = 8;
/** A model's dataset diffs against the base commit: empty without reading either copy where the bytes are the base's. */
async function diffModel(args) {
    const { model, data, config, fetch, stats } = args;
    const { top, base, sameAsBase, renames } = args.comparison;
    const rules = {
        format: model.spec.data.format,
        labels: model.spec.data.labels,
        useCases: model.spec.use_cases,
        target: model.spec.data.target
    };
    const diff = [];
    const modelYaml = external_node_path_default().relative(top, model.file.absolute).split((external_node_path_default()).sep).join('/');
    const baseExternal = model.train.concat(model.eval).some(f => f.external)
        ? await externalEntriesAt(top, base, modelYaml)
        : [];
    for (const f of [...model.train, ...model.eval]) {
        if (f.external) {
            const rows = data.files.find(x => x.display === f.display)?.rows;
            // A dataset that could not be fetched is reported by the data check; there are no rows to compare.
            if (rows === undefined || !(await (0,promises_.stat)(f.absolute).catch(() => undefined)))
                continue;
            try {
                diff.push(await diffExternalDataset({ ...f, external: f.external }, rows, baseExternal, rules, config.policy.max_line_bytes, fetch));
            }
            catch (e) {
                if (!(0,errors/* isUserError */.iU)(e))
                    throw e;
                const { line, column } = model.locate(['data']);
                data.problems.push({ file: model.file.display, line, column, severity: 'warning', message: (0,errors/* errorMessage */.gJ)(e) });
                data.counts.warnings++;
            }
            continue;
        }
        const rel = external_node_path_default().relative(top, f.absolute).split((external_node_path_default()).sep).join('/');
        // An LFS pointer in the checkout is reported by the data check; there are no rows to compare.
        if (await (0,lfs/* readLfsPointer */.tY)(f.absolute, await stats.of(f.absolute)))
            continue;
        const rows = data.files.find(x => x.display === f.display)?.rows;
        if (sameAsBase.has(rel) && rows !== undefined) {
            diff.push(unchangedDiff(rel, rows));
            continue;
        }
        diff.push(await diffDataset(top, base, f.absolute, rel, rules, config.policy.max_line_bytes, renames.get(rel)));
    }
    return diff;
}
/** The repository's top folder, both commits resolved, the changed paths and the files unchanged since base. */
async function compareWithBase(registryDir, baseRef, headRef = 'HEAD') {
    // The registry folder's real path, as loadRegistry takes it (a folder that is not there is its error to report).
    const root = await (0,promises_.realpath)(registryDir).catch(() => registryDir);
    const top = await (0,git/* gitTopLevel */.oB)(root);
    const [base, head] = await Promise.all([(0,git/* resolveCommit */.WL)(top, baseRef), (0,git/* resolveCommit */.WL)(top, headRef)]);
    const [changes, sameAsBase] = await Promise.all([changedPaths(top, base, head), unchangedSinceBase(top, base)]);
    const renames = new Map(changes.flatMap(c => (c.from ? [[c.path, c.from]] : [])));
    return { top, base, head, changes, sameAsBase, renames };
}
/**
 * The files tracked at `base` whose working-tree bytes are the same (two git calls for the whole registry):
 * a registry-wide change (registry.yaml) would otherwise read every dataset twice to find no difference.
 */
async function unchangedSinceBase(top, base) {
    const split = (out) => out.split('\0').filter(Boolean);
    const differ = new Set(split(await (0,git/* git */.$Y)(top, ['diff', '--name-only', '-z', '--no-renames', base, '--'])));
    const tracked = split(await (0,git/* git */.$Y)(top, ['ls-tree', '-r', '-z', '--name-only', base]));
    return new Set(tracked.filter(p => !differ.has(p)));
}
/** The diff of a file whose bytes are the base's. */
function unchangedDiff(file, rows) {
    const none = { added: 0, removed: 0, changed: 0 };
    return { file, status: 'unchanged', baseRows: rows, headRows: rows, total: none, byUseCase: {}, byLabel: {} };
}
/** Models named one by one as their checks start, up to this many; past it, progress is a line per tenth. */
const NAMED_MODELS_MAX = 20;
/** Files smaller than this are checked in well under a second: no progress of their own. */
const FILE_PROGRESS_MIN_BYTES = 8 * 2 ** 20;
/**
 * What a validation prints as it goes, in a terminal or a CI log: each model by name when there are few; when
 * there are many (a registry-wide change checks hundreds), their number, then a line per tenth done — not a
 * line per model and file. A large file's own progress is the caller's (see FILE_PROGRESS_MIN_BYTES).
 */
class ValidationProgress {
    log;
    verb;
    lastTenth = 0;
    constructor(log, verb = 'checking') {
        this.log = log;
        this.verb = verb;
    }
    onModel = (model, index, total) => {
        if (total <= NAMED_MODELS_MAX)
            this.log(`${this.verb} ${model}`);
        else if (index === 0)
            this.log(`${this.verb} ${total.toLocaleString('en-US')} models`);
    };
    onModelDone = (done, total) => {
        if (total <= NAMED_MODELS_MAX)
            return;
        const tenth = Math.floor((done * 10) / total);
        if (tenth <= this.lastTenth)
            return;
        this.lastTenth = tenth;
        this.log(`  ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} models checked (${tenth * 10}%)`);
    };
}

// EXTERNAL MODULE: ./src/report/report-files.ts
var report_files = __webpack_require__(604);
// EXTERNAL MODULE: ./src/report/sticky-comment.ts
var sticky_comment = __webpack_require__(647);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(4031);
// EXTERNAL MODULE: ./src/report/links.ts
var report_links = __webpack_require__(3303);
// EXTERNAL MODULE: ./src/report/text-table.ts
var text_table = __webpack_require__(2906);
// EXTERNAL MODULE: ./src/report/verdict-summary.ts
var verdict_summary = __webpack_require__(8134);
;// CONCATENATED MODULE: ./src/report/validation-report.ts







const PROBLEMS_SHOWN = 25;
/** `3 models checked, no errors, 2 warnings`. */
function counted(r) {
    const n = r.models.length;
    const errors = r.counts.errors ? (0,report_escape/* plural */.LS)(r.counts.errors, 'error') : 'no errors';
    const warnings = r.counts.warnings ? (0,report_escape/* plural */.LS)(r.counts.warnings, 'warning') : 'no warnings';
    return `${n ? (0,report_escape/* plural */.LS)(n, 'model') : 'no model'} checked, ${errors}, ${warnings}`;
}
function verdictLine(r) {
    return r.valid ? `✅ **Validation passed**: ${counted(r)}` : `❌ **Validation failed**: ${counted(r)}`;
}
/** Validation's line in the comment's summary. */
function validationVerdictLine(r, at = {}) {
    return {
        title: 'Validation',
        state: r.valid ? 'pass' : 'fail',
        reason: `${r.valid ? 'passed' : 'failed'}: ${counted(r)}`,
        blocks: !r.valid,
        at: at.at ?? new Date().toISOString(),
        // Past a matrix's worth of models the list would swell every copy of the marker; the report job lists them.
        ...(r.valid && r.affected.length && r.affected.length <= MAX_MATRIX_JOBS
            ? { awaits: r.affected.map(a => a.model) }
            : {}),
        ...(at.commit ? { commit: at.commit } : {}),
        ...(at.repoUrl ? { repoUrl: at.repoUrl } : {}),
        ...(at.runUrl ? { runUrl: at.runUrl } : {})
    };
}
function problemRows(problems, links) {
    return problems.map(p => [
        p.severity === 'error' ? `${verdict_summary/* STATE_ICON */.S7.fail} error` : 'warning',
        (0,report_links/* fileLink */.RF)(links, p.file, p.line, p.column),
        (0,report_escape/* escapeText */.X1)(p.message, 400)
    ]);
}
/** The prompt line: how many rows went through the template, saying when that was a sample. */
function renderedRows(d) {
    const total = d.files.reduce((n, f) => n + f.rows, 0);
    const failed = d.prompt.renderErrors ? `, ${(0,report_escape/* num */.bu)(d.prompt.renderErrors)} failed` : ', none failed';
    if (d.prompt.rendered >= total)
        return `all ${(0,report_escape/* plural */.LS)(total, 'row')} rendered through the template${failed}`;
    return (`a sample of ${(0,report_escape/* num */.bu)(d.prompt.rendered)} of the ${(0,report_escape/* plural */.LS)(total, 'row')} rendered through the template ` +
        `(the first rows of each file, then an evenly spaced share of the rest)${failed}`);
}
/** A near-duplicate pair as a reviewer judges it: both texts, escaped and cut, each linked to its line. */
function pairLines(pairs, links) {
    return pairs.map(p => `  - Jaccard ${(0,report_escape/* escapeText */.X1)(p.similarity)}: ${(0,report_links/* fileLink */.RF)(links, p.train.file, p.train.line)} “${(0,report_escape/* escapeText */.X1)(p.train.text, 140)}” ` +
        `and ${(0,report_links/* fileLink */.RF)(links, p.eval.file, p.eval.line)} “${(0,report_escape/* escapeText */.X1)(p.eval.text, 140)}”`);
}
/** One model's data section: files, checks, use cases and labels, dataset diff, problems. */
function modelSection(m, links, pairs = []) {
    const d = m.data;
    const state = d.counts.errors
        ? `${verdict_summary/* STATE_ICON */.S7.fail} ${(0,report_escape/* plural */.LS)(d.counts.errors, 'error')}`
        : `${verdict_summary/* STATE_ICON */.S7.pass} ${d.counts.warnings ? (0,report_escape/* plural */.LS)(d.counts.warnings, 'warning') : 'no problems'}`;
    const out = [`#### Data of ${(0,report_escape/* escapeText */.X1)(m.model)}: ${state}`, ''];
    out.push(`Checked because ${m.reasons.map(r => (0,report_escape/* escapeText */.X1)(r)).join('; ')}.`, '');
    out.push((0,report_escape/* markdownTable */.Qj)(['split', 'file', 'rows', 'invalid', 'duplicates', 'tokens p50 / p95 / max'], d.files.map(f => {
        const s = d.splits[f.split];
        return [
            f.split,
            (0,report_links/* fileLink */.RF)(links, f.display),
            (0,report_escape/* num */.bu)(f.rows),
            (0,report_escape/* num */.bu)(f.invalid),
            (0,report_escape/* num */.bu)(s.duplicates),
            `${(0,report_escape/* num */.bu)(s.tokens.p50)} / ${(0,report_escape/* num */.bu)(s.tokens.p95)} / ${(0,report_escape/* num */.bu)(s.tokens.max)}`
        ];
    }), ['l', 'l', 'r', 'r', 'r', 'r']), '');
    const pii = Object.entries(d.pii.byKind);
    out.push(`- **Leakage** train → eval: ${(0,report_escape/* num */.bu)(d.leakage.exact)} exact, ${(0,report_escape/* num */.bu)(d.leakage.near)} near-duplicate (MinHash, Jaccard ≥ ${d.leakage.threshold})${pairs.length ? (pairs.length < d.leakage.near ? `; the first ${pairs.length}:` : ':') : ''}`, ...pairLines(pairs, links), `- **Personal data and secrets** (policy: ${d.pii.policy}): ${pii.length ? pii.map(([k, n]) => `${k} ${(0,report_escape/* num */.bu)(n ?? 0)}`).join(', ') : 'none found'}`, `- **Length**: tokens counted ${(0,report_escape/* escapeText */.X1)(d.tokens.method)}; ${d.tokens.overContext ? (0,report_escape/* plural */.LS)(d.tokens.overContext, 'row') : 'no row'} over the trainer's \`max_seq_length\` of ${(0,report_escape/* num */.bu)(d.tokens.maxSeqLength)} tokens (context window ${(0,report_escape/* num */.bu)(d.tokens.contextWindow)}) once the prompt is added${d.tokens.trainWithoutTarget ? `, ${(0,report_escape/* plural */.LS)(d.tokens.trainWithoutTarget, 'train row')} with no target token left within it` : ''} (${d.tokens.promptOverhead ? `the template adds about ${(0,report_escape/* plural */.LS)(d.tokens.promptOverhead, 'token')} to a row, the median over the rendered rows` : "the template adds no tokens beyond the row's own text"})`, `- **Prompt** ${(0,report_links/* fileLink */.RF)(links, d.prompt.file)}: uses ${d.prompt.used.map(v => (0,report_escape/* code */.aY)(v)).join(', ') || 'no variables'}; ${renderedRows(d)}; ${d.prompt.rowsMissingVariables ? (0,report_escape/* plural */.LS)(d.prompt.rowsMissingVariables, 'row') : 'no row'} missing a variable` +
        (d.prompt.undeclared.length ? `; undeclared: ${d.prompt.undeclared.map(v => (0,report_escape/* code */.aY)(v)).join(', ')}` : '') +
        (d.prompt.unused.length ? `; declared but unused: ${d.prompt.unused.map(v => (0,report_escape/* code */.aY)(v)).join(', ')}` : ''), '');
    const ucs = [...new Set([...Object.keys(d.splits.train.useCases), ...Object.keys(d.splits.eval.useCases)])].sort();
    if (ucs.length)
        out.push(...useCaseDetails(d, ucs));
    if (m.diff.length)
        out.push(...datasetDiff(m.diff, links));
    if (d.problems.length)
        out.push(...problemDetails(d, links));
    return out.join('\n');
}
/** The rows per use case and per label of each split, folded away. */
function useCaseDetails(d, ucs) {
    const out = [];
    out.push('<details><summary>Use cases and labels</summary>', '');
    out.push((0,report_escape/* markdownTable */.Qj)(['use case', 'train', 'eval'], ucs.map(u => [(0,report_escape/* code */.aY)(u), (0,report_escape/* num */.bu)(d.splits.train.useCases[u] ?? 0), (0,report_escape/* num */.bu)(d.splits.eval.useCases[u] ?? 0)]), ['l', 'r', 'r']), '');
    const labels = [...new Set([...Object.keys(d.splits.train.labels), ...Object.keys(d.splits.eval.labels)])].sort();
    if (labels.length)
        out.push((0,report_escape/* markdownTable */.Qj)(['label', 'train', 'eval'], labels.map(l => [(0,report_escape/* code */.aY)(l), (0,report_escape/* num */.bu)(d.splits.train.labels[l] ?? 0), (0,report_escape/* num */.bu)(d.splits.eval.labels[l] ?? 0)]), ['l', 'r', 'r']), '');
    out.push('</details>', '');
    return out;
}
/** The dataset diff against the base: per file, then per use case where rows moved. */
function datasetDiff(diff, links) {
    const out = [];
    out.push('**Dataset diff** against the base:', '');
    out.push((0,report_escape/* markdownTable */.Qj)(['file', 'status', 'rows', 'added', 'removed', 'changed'], diff.map(f => [
        (0,report_links/* fileLink */.RF)(links, f.file) + (f.from ? ` (renamed from ${(0,report_escape/* code */.aY)(f.from)})` : ''),
        f.status,
        `${(0,report_escape/* num */.bu)(f.baseRows)} → ${(0,report_escape/* num */.bu)(f.headRows)}`,
        (0,report_escape/* num */.bu)(f.total.added),
        (0,report_escape/* num */.bu)(f.total.removed),
        (0,report_escape/* num */.bu)(f.total.changed)
    ]), ['l', 'l', 'r', 'r', 'r', 'r']), '');
    const perUc = new Map();
    for (const f of diff)
        for (const [u, c] of Object.entries(f.byUseCase)) {
            const acc = perUc.get(u) ?? { added: 0, removed: 0, changed: 0 };
            perUc.set(u, { added: acc.added + c.added, removed: acc.removed + c.removed, changed: acc.changed + c.changed });
        }
    const moved = [...perUc.entries()].filter(([, c]) => c.added + c.removed + c.changed > 0);
    if (moved.length)
        out.push((0,report_escape/* markdownTable */.Qj)(['use case', 'added', 'removed', 'changed'], moved.map(([u, c]) => [(0,report_escape/* code */.aY)(u), (0,report_escape/* num */.bu)(c.added), (0,report_escape/* num */.bu)(c.removed), (0,report_escape/* num */.bu)(c.changed)]), ['l', 'r', 'r', 'r']), '');
    return out;
}
/** The first problems, errors first, with a count of the rest; open when there is an error. */
function problemDetails(d, links) {
    const out = [];
    const total = d.counts.errors + d.counts.warnings;
    const shown = [...d.problems]
        .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
        .slice(0, PROBLEMS_SHOWN);
    // A problem that stands for several rows counts them all.
    const told = shown.reduce((n, p) => n + (p.rows ?? 1), 0);
    out.push(`<details${d.counts.errors ? ' open' : ''}><summary>Problems: ${told < total ? `${(0,report_escape/* num */.bu)(told)} of ${(0,report_escape/* num */.bu)(total)}` : (0,report_escape/* num */.bu)(total)}</summary>`, '');
    out.push((0,report_escape/* markdownTable */.Qj)(['severity', 'where', 'problem'], problemRows(shown, links)), '');
    if (total > told)
        out.push(`… and ${(0,report_escape/* num */.bu)(total - told)} more: see the job log and annotations, or run \`tunegate validate\` locally.`, '');
    out.push('</details>', '');
    return out;
}
/** How the affected models are spread over the train and evaluate matrices' jobs, grouped by runner. */
function planLine(plan) {
    const runners = new Map();
    for (const leg of plan.legs) {
        const key = [leg.runner].flat().join(', ');
        const seen = runners.get(key) ?? { models: 0, jobs: 0 };
        runners.set(key, { models: seen.models + legModels(leg.model).length, jobs: seen.jobs + 1 });
    }
    return (`**Plan:** ${(0,report_escape/* plural */.LS)(plan.models, 'model')} to train and evaluate in ${(0,report_escape/* plural */.LS)(plan.legs.length, 'job')} per ` +
        `matrix, at most ${plan.perJob} models a job, one after the other (GitHub runs at most ${matrix_plan_MAX_MATRIX_JOBS} jobs ` +
        `from a matrix): ${[...runners].map(([runner, n]) => `runner ${(0,report_escape/* code */.aY)(`[${runner}]`)} ${(0,report_escape/* plural */.LS)(n.models, 'model')} in ${(0,report_escape/* plural */.LS)(n.jobs, 'job')}`).join('; ')}.`);
}
/** The validation report as GitHub markdown: verdict first, then a section per model. */
function validationMarkdown(r, links = {}, extras = {}) {
    const fileLinks = { ...links, ...(r.head && !links.sha ? { sha: r.head } : {}) };
    const out = [
        `### ${r.valid ? verdict_summary/* STATE_ICON */.S7.pass : verdict_summary/* STATE_ICON */.S7.fail} Validation ${r.valid ? 'passed' : 'failed'}: ${counted(r)}`,
        ''
    ];
    if (r.base && r.head)
        out.push(`Compared ${(0,report_links/* commitLink */.wn)(links, r.base)} → ${(0,report_links/* commitLink */.wn)(links, r.head)}. Affected: ${r.affected.map(a => (0,report_escape/* code */.aY)(a.model)).join(', ') || 'none'}${r.untouched.length ? `; untouched: ${r.untouched.map(u => (0,report_escape/* code */.aY)(u)).join(', ')}` : ''}.`, '');
    // One job per model needs no saying; past a matrix's worth of models, how they are batched does.
    const plan = r.valid ? planMatrix(r.affected) : undefined;
    if (plan && plan.perJob > 1)
        out.push(planLine(plan), '');
    if (r.registryProblems.length) {
        out.push('#### Specs and governance', '');
        out.push((0,report_escape/* markdownTable */.Qj)(['severity', 'where', 'problem'], problemRows(r.registryProblems.slice(0, 50), fileLinks)), '');
        if (r.registryProblems.length > 50)
            out.push(`… and ${(0,report_escape/* num */.bu)(r.registryProblems.length - 50)} more.`, '');
    }
    for (const m of r.models)
        out.push(modelSection(m, fileLinks, extras.nearDuplicates?.get(m.model)));
    if (!r.models.length && r.valid)
        out.push('No model is affected by this change: nothing to train or evaluate.', '');
    if (links.runUrl)
        out.push(`[Full log of this run](${links.runUrl})`, '');
    return (0,sticky_comment/* capText */.yA)(out.join('\n'), sticky_comment/* MAX_COMMENT_CHARS */.VK - 2000);
}
/** The same report for a terminal. */
function validationText(r, maxProblems = 40) {
    const out = [r.valid ? 'PASS' : 'FAIL', verdictLine(r).replace(/\*\*|✅ |❌ /g, ''), ''];
    for (const p of r.registryProblems)
        out.push((0,errors/* formatProblem */.Vw)(p));
    if (r.registryProblems.length)
        out.push('');
    for (const m of r.models) {
        const d = m.data;
        out.push(`${m.model}  (${m.reasons.join('; ')})`);
        out.push((0,text_table/* textTable */.e)(['split', 'file', 'rows', 'invalid', 'dupes', 'tokens p50/p95/max'], d.files.map(f => [
            f.split,
            f.display,
            (0,report_escape/* num */.bu)(f.rows),
            (0,report_escape/* num */.bu)(f.invalid),
            (0,report_escape/* num */.bu)(d.splits[f.split].duplicates),
            `${d.splits[f.split].tokens.p50}/${d.splits[f.split].tokens.p95}/${d.splits[f.split].tokens.max}`
        ])));
        const pii = Object.entries(d.pii.byKind);
        out.push(`  leakage: ${d.leakage.exact} exact, ${d.leakage.near} near (Jaccard >= ${d.leakage.threshold})   PII: ${pii.length ? pii.map(([k, n]) => `${k} ${n}`).join(', ') : 'none'}   over max_seq_length ${d.tokens.maxSeqLength}: ${d.tokens.overContext}, no target: ${d.tokens.trainWithoutTarget} (${d.tokens.method})`);
        for (const f of m.diff)
            out.push(`  diff ${f.file}: ${f.status}, ${f.baseRows} -> ${f.headRows} rows, +${f.total.added} -${f.total.removed} ~${f.total.changed}`);
        const total = d.counts.errors + d.counts.warnings;
        const shown = d.problems.slice(0, maxProblems);
        for (const p of shown)
            out.push('  ' + (0,errors/* formatProblem */.Vw)(p));
        // A problem that stands for several rows counts them all.
        const told = shown.reduce((n, p) => n + (p.rows ?? 1), 0);
        if (total > told)
            out.push(`  … ${total - told} more`);
        out.push('');
    }
    return out.join('\n');
}

// EXTERNAL MODULE: ./src/cli/progress.ts
var cli_progress = __webpack_require__(9851);
;// CONCATENATED MODULE: ./src/cli/validate-command.ts




/** `tunegate validate`: the validate action's checks in a terminal, with a progress bar on large files. */
async function validateCommand({ registry, base, head, json, reportDir }, out) {
    const bar = new cli_progress/* ProgressBar */.z(out);
    let current = '';
    const progress = new ValidationProgress(line => {
        bar.done();
        if (!json)
            out.error(line);
    });
    const result = await validateRegistry({
        registryDir: registry,
        base,
        head,
        onModel: progress.onModel,
        onModelDone: progress.onModelDone,
        fetch: {
            log: m => {
                bar.done();
                if (!json)
                    out.error(m);
            }
        },
        onProgress: (file, read, total) => {
            if (total < FILE_PROGRESS_MIN_BYTES)
                return;
            if (file !== current) {
                bar.done();
                current = file;
            }
            if (!json)
                bar.update(`  ${file}`, read, total, `${(0,cli_progress/* formatBytes */.S)(read)} of ${(0,cli_progress/* formatBytes */.S)(total)}`);
        }
    });
    bar.done();
    const reportFile = await (0,report_files/* writeValidationReports */.Kn)(reportDir, result, validationMarkdown(result));
    if (json)
        out.line(JSON.stringify(result, null, 2));
    else {
        out.line(validationText(result));
        out.line(`Report: ${reportFile}`);
    }
    return result.valid ? 0 : 1;
}


/***/ }),

/***/ 604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JL: () => (/* binding */ REPORT_FILES),
/* harmony export */   Kn: () => (/* binding */ writeValidationReports),
/* harmony export */   u5: () => (/* binding */ writeReport)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/** The report files of each step, the same for the CLI and the actions. */
const REPORT_FILES = {
    validation: 'validation.md',
    validationJson: 'validation.json',
    train: (model) => `train-${model}.md`,
    evaluate: (model) => `evaluate-${model}.md`
};
/** Writes a markdown report into `dir` (created when missing) and returns its path. */
async function writeReport(dir, file, markdown) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
    const target = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, file);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(target, markdown);
    return target;
}
/** Writes the validation report and the result as JSON beside it; returns the report's path. */
async function writeValidationReports(dir, result, markdown) {
    const report = await writeReport(dir, REPORT_FILES.validation, markdown);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, REPORT_FILES.validationJson), JSON.stringify(result, null, 2));
    return report;
}


/***/ }),

/***/ 2906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ textTable)
/* harmony export */ });
/** A plain text table for terminals, columns padded to their widest cell. */
function textTable(header, rows) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)));
    const line = (cells) => cells
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    return [line(header), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}


/***/ })

};
