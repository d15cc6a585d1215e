export const id = 162;
export const ids = [162];
export const modules = {

/***/ 8916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ mulberry32)
/* harmony export */ });
/** mulberry32: a small, well-known seeded generator in [0, 1); the same draws on every machine. */
function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}


/***/ }),

/***/ 6162:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BASELINE_TRAINER: () => (/* binding */ BASELINE_TRAINER),
  runBaselineTrainer: () => (/* binding */ runBaselineTrainer)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/training/contract.ts
var contract = __webpack_require__(4698);
// EXTERNAL MODULE: ./src/training/safetensors.ts
var safetensors = __webpack_require__(4604);
// EXTERNAL MODULE: ./src/data/seeded-random.ts
var seeded_random = __webpack_require__(8916);
;// CONCATENATED MODULE: ./src/training/baseline/features.ts
/** Words of a text: lower-cased runs of letters and digits. */
function words(text) {
    return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
/** FNV-1a (32-bit) of a string with a seed, for feature hashing. */
function hash32(text, seed = 0x811c9dc5) {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++)
        h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0;
}
/**
 * fastText's features, hashed into `buckets`: word unigrams and bigrams, and character n-grams
 * (3 to 5) of each word with boundary marks — so unseen words still share sub-word evidence.
 */
function hashedFeatures(text, buckets) {
    const ws = words(text);
    const out = [];
    for (let i = 0; i < ws.length; i++) {
        const w = ws[i];
        out.push(hash32(`w:${w}`) % buckets);
        if (i + 1 < ws.length)
            out.push(hash32(`b:${w} ${ws[i + 1]}`) % buckets);
        const marked = `<${w}>`;
        for (let n = 3; n <= 5; n++)
            for (let j = 0; j + n <= marked.length; j++)
                out.push(hash32(marked.slice(j, j + n), 0x9747b28c) % buckets);
    }
    return out;
}

// EXTERNAL MODULE: ./src/training/hyperparameters.ts
var hyperparameters = __webpack_require__(5236);
;// CONCATENATED MODULE: ./src/training/baseline/trainer.ts










/** The baseline trainer's name and version, as recorded in fingerprints and manifests. */
const BASELINE_TRAINER = { name: 'baseline', version: '1.0.0' };
async function readJsonl(file) {
    const rows = [];
    let n = 0;
    for await (const line of (0,external_node_readline_.createInterface)({ input: (0,external_node_fs_.createReadStream)(file), crlfDelay: Infinity })) {
        n++;
        if (line.trim())
            rows.push({ ...JSON.parse(line), line: n });
    }
    return rows;
}
function inputOf(r) {
    if (r.messages)
        return r.messages
            .slice(0, -1)
            .filter(m => m.role !== 'system')
            .map(m => m.content)
            .join('\n');
    return r.prompt ?? r.text ?? '';
}
function targetOf(r) {
    if (r.messages)
        return r.messages[r.messages.length - 1]?.content ?? '';
    return r.completion ?? r.label ?? '';
}
/** A baseline setting from the run spec, overlaid on the documented defaults (src/training/hyperparameters.ts). */
function setting(spec, key) {
    const v = (0,hyperparameters/* resolveHyperparameters */.Rp)('baseline', spec.hyperparameters, spec.base_model.context_window)[key];
    if (typeof v !== 'number' || !Number.isFinite(v))
        throw new errors/* ConfigurationError */.j1(`run spec: hyperparameter '${key}' is ${JSON.stringify(v)}; expected a number`);
    return v;
}
/**
 * Tunegate's CPU baseline, a process that follows the trainer contract: a fastText-style linear
 * classifier for classification, BM25 nearest neighbour for generation. A floor for the evaluation to
 * beat and a way to run the pipeline without a GPU — not language-model fine-tuning.
 */
async function runBaselineTrainer(specPath) {
    const parsed = contract/* runSpecSchema */.w.safeParse(JSON.parse(await (0,promises_.readFile)(specPath, 'utf8')));
    if (!parsed.success)
        throw new errors/* ConfigurationError */.j1(`${specPath}: not a Tunegate run spec: ${parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const spec = parsed.data;
    const out = spec.output_dir;
    await (0,promises_.mkdir)(external_node_path_default().join(out, 'adapter'), { recursive: true });
    const eventsFile = external_node_path_default().join(out, 'events.jsonl');
    const emit = (e) => (0,external_node_fs_.appendFileSync)(eventsFile, JSON.stringify(e) + '\n');
    const [train, evalRows] = await Promise.all([readJsonl(spec.train_file), readJsonl(spec.eval_file)]);
    if (train.length === 0)
        throw new errors/* ConfigurationError */.j1('the train file is empty');
    const predictions = spec.data_format === 'classification'
        ? await trainClassifier(spec, train, evalRows, emit)
        : await trainBm25(spec, train, evalRows, emit);
    await (0,promises_.writeFile)(external_node_path_default().join(out, 'predictions.jsonl'), predictions.map(p => JSON.stringify(p)).join('\n') + '\n');
    emit({ type: 'done' });
}
/** A train row's class; a label outside the declared set is an error at its line, never a silent class. */
function labelIndex(labels, r, file) {
    const k = labels.indexOf(r.label ?? '');
    if (k < 0)
        throw new errors/* ConfigurationError */.j1(`${file}:${r.line}: label ${JSON.stringify(r.label ?? null)} (row '${r.id}') is not one of data.labels (${labels.join(', ')})`);
    return k;
}
/** Trains the linear classifier by SGD, one checkpoint per epoch, and predicts a label per eval row. */
async function trainClassifier(spec, train, evalRows, emit) {
    const labels = spec.labels ?? [...new Set(train.map(r => r.label ?? ''))].sort();
    const K = labels.length;
    const buckets = Math.round(setting(spec, 'baseline_buckets'));
    const epochs = Math.round(setting(spec, 'baseline_epochs'));
    const lr0 = setting(spec, 'baseline_learning_rate');
    const model = { W: new Float32Array(buckets * K), bias: new Float32Array(K), K, buckets };
    let startEpoch = 0;
    if (spec.resume_from_checkpoint) {
        const ckpt = await (0,safetensors/* readSafetensors */.IO)(external_node_path_default().join(spec.resume_from_checkpoint, 'model.safetensors'));
        model.W.set(ckpt.tensors.weight.data);
        model.bias.set(ckpt.tensors.bias.data);
        startEpoch = Number(ckpt.metadata.epoch ?? 0);
    }
    const features = train.map(r => hashedFeatures(r.text ?? inputOf(r), buckets));
    const y = train.map(r => labelIndex(labels, r, spec.train_file));
    const total = epochs * train.length;
    const random = (0,seeded_random/* mulberry32 */.s)(spec.seed);
    const order = train.map((_, i) => i);
    const probs = new Float32Array(K);
    const started = Date.now();
    let tokens = 0;
    // The reported loss is an exponential moving average over recent examples, smooth across epochs.
    let ema;
    for (let epoch = 0; epoch < epochs; epoch++) {
        // The shuffle of every epoch is drawn even when resuming, so a resumed run equals an uninterrupted one.
        for (let i = order.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [order[i], order[j]] = [order[j], order[i]];
        }
        if (epoch < startEpoch)
            continue;
        for (let n = 0; n < order.length; n++) {
            const idx = order[n];
            const f = features[idx];
            const step = epoch * train.length + n + 1;
            const lr = lr0 * (1 - step / (total + 1));
            const loss = sgdStep(model, f, y[idx], lr, probs);
            ema = ema === undefined ? loss : 0.98 * ema + 0.02 * loss;
            tokens += f.length;
            if (step % 200 === 0 || n === order.length - 1) {
                const seconds = Math.max(1e-3, (Date.now() - started) / 1000);
                emit({
                    type: 'progress',
                    step,
                    total_steps: total,
                    epoch: epoch + (n + 1) / order.length,
                    loss: ema,
                    learning_rate: lr,
                    tokens_per_second: tokens / seconds
                });
            }
        }
        const ckptDir = external_node_path_default().join(spec.output_dir, 'checkpoints', `epoch-${epoch + 1}`);
        await (0,promises_.mkdir)(ckptDir, { recursive: true });
        await (0,safetensors/* writeSafetensors */.hI)(external_node_path_default().join(ckptDir, 'model.safetensors'), classifierTensors(model), {
            epoch: String(epoch + 1)
        });
        emit({ type: 'checkpoint', path: ckptDir, step: (epoch + 1) * train.length });
    }
    await (0,safetensors/* writeSafetensors */.hI)(external_node_path_default().join(spec.output_dir, 'adapter', 'model.safetensors'), classifierTensors(model), {
        kind: 'tunegate-baseline-linear-classifier',
        labels: JSON.stringify(labels),
        buckets: String(buckets),
        features: 'fasttext word 1-2 grams + char 3-5 grams, hashed'
    });
    return predictLabels(model, labels, evalRows);
}
/**
 * One SGD step of softmax regression on an example's hashed features (the scores scaled by 1/√features);
 * returns the example's cross-entropy loss before the step. `probs` is scratch space of K floats.
 */
function sgdStep({ W, bias, K }, f, target, lr, probs) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
        let s = bias[k];
        for (const b of f)
            s += W[b * K + k];
        s /= Math.max(1, Math.sqrt(f.length));
        probs[k] = s;
        if (s > max)
            max = s;
    }
    let z = 0;
    for (let k = 0; k < K; k++)
        z += probs[k] = Math.exp(probs[k] - max);
    for (let k = 0; k < K; k++)
        probs[k] /= z;
    const loss = -Math.log(Math.max(1e-12, probs[target]));
    const scale = lr / Math.max(1, Math.sqrt(f.length));
    for (let k = 0; k < K; k++) {
        const g = probs[k] - (k === target ? 1 : 0);
        bias[k] = bias[k] - lr * g;
        for (const b of f)
            W[b * K + k] = W[b * K + k] - scale * g;
    }
    return loss;
}
/** The classifier's weights and biases as safetensors entries. */
function classifierTensors({ W, bias, K, buckets }) {
    return {
        weight: { dtype: 'F32', shape: [buckets, K], data: W },
        bias: { dtype: 'F32', shape: [K], data: bias }
    };
}
/** Each eval row's label: the class of highest score (the first on a tie). */
function predictLabels({ W, bias, K, buckets }, labels, evalRows) {
    return evalRows.map(r => {
        const f = hashedFeatures(r.text ?? inputOf(r), buckets);
        let best = 0;
        let bestScore = -Infinity;
        for (let k = 0; k < K; k++) {
            let s = bias[k];
            for (const b of f)
                s += W[b * K + k];
            if (s > bestScore) {
                bestScore = s;
                best = k;
            }
        }
        return { id: r.id, prediction: labels[best] };
    });
}
async function trainBm25(spec, train, evalRows, emit) {
    const k1 = setting(spec, 'baseline_bm25_k1');
    const b = setting(spec, 'baseline_bm25_b');
    const docs = train.map(r => words(inputOf(r)));
    const postings = new Map();
    const total = train.length + evalRows.length;
    const started = Date.now();
    let tokens = 0;
    docs.forEach((ws, doc) => {
        const tf = new Map();
        for (const w of ws)
            tf.set(w, (tf.get(w) ?? 0) + 1);
        for (const [w, n] of tf) {
            const list = postings.get(w);
            if (list)
                list.push({ doc, tf: n });
            else
                postings.set(w, [{ doc, tf: n }]);
        }
        tokens += ws.length;
        if ((doc + 1) % 500 === 0 || doc === docs.length - 1)
            emit({
                type: 'progress',
                step: doc + 1,
                total_steps: total,
                epoch: 0,
                tokens_per_second: tokens / Math.max(1e-3, (Date.now() - started) / 1000)
            });
    });
    const N = docs.length;
    const avgdl = docs.reduce((n, d) => n + d.length, 0) / N;
    const idf = new Map();
    for (const [w, list] of postings)
        idf.set(w, Math.log(1 + (N - list.length + 0.5) / (list.length + 0.5)));
    const vocab = [...idf.keys()].sort();
    await (0,safetensors/* writeSafetensors */.hI)(external_node_path_default().join(spec.output_dir, 'adapter', 'bm25.safetensors'), {
        idf: { dtype: 'F32', shape: [vocab.length], data: Float32Array.from(vocab.map(w => idf.get(w))) },
        doc_lengths: { dtype: 'I32', shape: [N], data: Int32Array.from(docs.map(d => d.length)) }
    }, { kind: 'tunegate-baseline-bm25', k1: String(k1), b: String(b), avgdl: String(avgdl) });
    await (0,promises_.writeFile)(external_node_path_default().join(spec.output_dir, 'adapter', 'vocab.json'), JSON.stringify(vocab));
    await (0,promises_.writeFile)(external_node_path_default().join(spec.output_dir, 'adapter', 'responses.jsonl'), train.map(r => JSON.stringify({ id: r.id, response: targetOf(r) })).join('\n') + '\n');
    const scores = new Float64Array(N);
    return evalRows.map((r, i) => {
        scores.fill(0);
        for (const w of new Set(words(inputOf(r)))) {
            const list = postings.get(w);
            if (!list)
                continue;
            const weight = idf.get(w);
            for (const { doc, tf } of list)
                scores[doc] = scores[doc] + (weight * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * docs[doc].length) / avgdl));
        }
        let best = 0;
        for (let d = 1; d < N; d++)
            if (scores[d] > scores[best])
                best = d;
        const step = train.length + i + 1;
        if (step % 100 === 0 || i === evalRows.length - 1)
            emit({ type: 'progress', step, total_steps: total, epoch: 1 });
        return { id: r.id, prediction: targetOf(train[best]) };
    });
}


/***/ }),

/***/ 4698:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ trainerEventSchema),
/* harmony export */   w: () => (/* binding */ runSpecSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5491);

/** The run spec a trainer receives: TUNEGATE_RUN_SPEC is the path of a JSON file of this shape. */
const runSpecSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    schema: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('tunegate.run-spec/v1'),
    model: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    task_family: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['text-generation', 'transformation', 'classification']),
    base_model: zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        revision: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        architecture: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['decoder', 'encoder-decoder', 'encoder']),
        context_window: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig()
    }),
    method: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['lora', 'qlora', 'full']),
    hyperparameters: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J()),
    seed: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int(),
    /** Normalised JSONL: chat rows keep `messages`; others carry a rendered `prompt` and a `completion`. */
    train_file: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    eval_file: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    /** `chat`, `completion` (prompt → completion) or `classification` (text → label). */
    data_format: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['chat', 'completion', 'classification']),
    labels: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).nullable(),
    output_dir: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    resume_from_checkpoint: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().nullable(),
    fingerprint: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    /** model.yaml's training.distributed, when set: the strategy the trainer checks it was launched with. */
    distributed: zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ strategy: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['ddp', 'fsdp', 'zero3']), processes: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int() }).optional()
});
/** One line of events.jsonl. Unknown extra fields are allowed so trainers can add their own. */
const trainerEventSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .discriminatedUnion */ .gMt('type', [
    zod__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({
        type: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('progress'),
        step: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative(),
        total_steps: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive(),
        epoch: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nonnegative().optional(),
        loss: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().optional(),
        learning_rate: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().optional(),
        tokens_per_second: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nonnegative().optional()
    }),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({ type: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('metric'), name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), value: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), step: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().optional() }),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({ type: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('checkpoint'), path: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), step: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative() }),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .looseObject */ ._H3({ type: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('done') })
]);


/***/ }),

/***/ 4674:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $r: () => (/* binding */ eventHandler),
/* harmony export */   DW: () => (/* binding */ runTrainer),
/* harmony export */   Fr: () => (/* binding */ detectGpuCount),
/* harmony export */   L9: () => (/* binding */ MAX_EVENT_LINE_BYTES),
/* harmony export */   MB: () => (/* binding */ describeDuration),
/* harmony export */   YU: () => (/* binding */ holdsSecrets),
/* harmony export */   ZU: () => (/* binding */ openRegularFile),
/* harmony export */   bu: () => (/* binding */ StderrTail),
/* harmony export */   zn: () => (/* binding */ LineFollower)
/* harmony export */ });
/* unused harmony exports trainerEnvironment, isolationLauncher */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6193);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_string_decoder__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4698);






const STDERR_LINES = 40;
/** Characters kept of one stderr line: a trainer can write hundreds of MB without a newline. */
const STDERR_LINE_CHARS = 2000;
/** Longest events.jsonl line read; a longer one is reported and skipped. */
const MAX_EVENT_LINE_BYTES = 1 << 20;
/** How long the stdio pipes may stay open after the trainer exited (a process it left behind holds them). */
const PIPE_GRACE_MS = 2000;
/**
 * Variables a trainer never gets: the Actions runtime (with ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL it
 * could upload artifacts under any name, a forged cache hit among them), OIDC token requests, GitHub tokens,
 * the action's own inputs, and the files through which a step changes later steps (GITHUB_ENV, GITHUB_PATH...).
 */
const WITHHELD = [
    /^ACTIONS_/,
    /^INPUT_/,
    /^(GITHUB_TOKEN|GH_TOKEN|GITHUB_PAT|GH_ENTERPRISE_TOKEN|GITHUB_ENTERPRISE_TOKEN)$/,
    /^GITHUB_(ENV|PATH|OUTPUT|STATE|STEP_SUMMARY)$/,
    /^TUNEGATE_GITHUB_TOKEN$/
];
/** The environment a trainer starts with: this process's, less what it must not see. */
function trainerEnvironment(env = process.env) {
    const out = {};
    for (const [k, v] of Object.entries(env))
        if (v !== undefined && !WITHHELD.some(r => r.test(k.toUpperCase())))
            out[k] = v;
    return out;
}
/** True when this process's environment holds something a trainer must not see (see WITHHELD). */
function holdsSecrets(env = process.env) {
    return Object.keys(env).some(k => WITHHELD.some(r => r.test(k.toUpperCase())));
}
/**
 * Scrubbing the trainer's own environment is not enough: /proc/<pid>/environ of any process of the same user
 * (this one, the runner's) can be read, tokens included. A trainer started in a PID namespace of its own, with
 * its own /proc, sees no process but its own. util-linux `unshare` makes one: as root directly, otherwise
 * inside a user namespace (which the kernel or AppArmor may refuse to unprivileged users). `sh` is the
 * namespace's first process because that one ignores signals it has no handler for: the trainer, second,
 * gets SIGTERM from the group signal as any process does.
 */
const NAMESPACE = ['--pid', '--fork', '--mount-proc', '--kill-child'];
const SIGNAL_SHIM = ['sh', '-c', '"$@"; exit $?', 'tunegate-trainer'];
let launcherProbe;
/** The `unshare` command line that isolates a trainer here, or why there is none. */
function isolationLauncher() {
    if (launcherProbe)
        return launcherProbe;
    if (process.platform !== 'linux')
        return (launcherProbe = { problem: `${process.platform} has no PID namespaces` });
    const tries = process.getuid?.() === 0 ? [NAMESPACE] : [['--user', '--map-current-user', ...NAMESPACE]];
    const problems = [];
    for (const flags of tries) {
        const probe = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('unshare', [...flags, '--', 'true'], {
            encoding: 'utf8',
            timeout: 10_000,
            env: { PATH: process.env.PATH ?? '' }
        });
        if (probe.status === 0)
            return (launcherProbe = { prefix: ['unshare', ...flags, '--', ...SIGNAL_SHIM] });
        problems.push(`unshare ${flags.join(' ')}: ${probe.error?.message ?? (probe.stderr.trim().split('\n').at(-1) || `exit code ${probe.status}`)}`);
    }
    return (launcherProbe = { problem: problems.join('; ') });
}
/** "45 s", "2.5 minutes", "3.0 hours": a limit in words. */
function describeDuration(ms) {
    if (ms < 60_000)
        return `${Math.round(ms / 100) / 10} s`;
    if (ms < 3_600_000)
        return `${Math.round(ms / 6000) / 10} minutes`;
    return `${(ms / 3_600_000).toFixed(1)} hours`;
}
/** GPUs this process may use: CUDA_VISIBLE_DEVICES if set, else `nvidia-smi -L`, else none. */
function detectGpuCount(env = process.env) {
    const visible = env.CUDA_VISIBLE_DEVICES;
    if (visible !== undefined)
        return visible.trim() === '' || visible.trim() === '-1' ? 0 : visible.split(',').filter(s => s.trim()).length;
    try {
        return (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('nvidia-smi', ['-L'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 })
            .split('\n')
            .filter(l => l.startsWith('GPU ')).length;
    }
    catch {
        return 0;
    }
}
/** The last lines of a stream, each cut to a length: bounded memory, linear in what is written. */
class StderrTail {
    lines = [];
    partial = '';
    decoder = new node_string_decoder__WEBPACK_IMPORTED_MODULE_3__.StringDecoder('utf8');
    add(chunk) {
        const text = this.decoder.write(chunk);
        let from = 0;
        for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
            this.push(this.partial + text.slice(from, Math.min(nl, from + STDERR_LINE_CHARS)));
            this.partial = '';
            from = nl + 1;
        }
        // Only the start of an over-long line is kept.
        if (this.partial.length < STDERR_LINE_CHARS)
            this.partial += text.slice(from, from + STDERR_LINE_CHARS - this.partial.length);
    }
    /** The kept lines, the unfinished last one included. */
    result() {
        return this.partial ? [...this.lines, this.partial] : [...this.lines];
    }
    push(line) {
        this.lines.push(line.length > STDERR_LINE_CHARS ? line.slice(0, STDERR_LINE_CHARS) : line);
        if (this.lines.length > STDERR_LINES)
            this.lines.shift();
    }
}
/**
 * Opens a file for reading only if it is a regular file: O_NONBLOCK so that a FIFO left by a trainer cannot
 * block the open, O_NOFOLLOW so a link is not followed, then fstat on the open handle (no race with a rename).
 */
async function openRegularFile(file) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(file, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NONBLOCK | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_NOFOLLOW);
    try {
        const st = await handle.stat();
        if (!st.isFile())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`${file}: not a regular file; a trainer's outputs must be files and folders`);
        return handle;
    }
    catch (e) {
        await handle.close();
        throw e;
    }
}
/**
 * Follows a file as it grows and hands over each complete new line, working on bytes so that a long line
 * costs time in proportion to its length; a line over `maxLineBytes` is reported and skipped.
 */
class LineFollower {
    file;
    maxLineBytes;
    onWarning;
    offset = 0;
    parts = [];
    partBytes = 0;
    overLong = 0;
    lineNo = 0;
    warnedKind = false;
    constructor(file, maxLineBytes, onWarning) {
        this.file = file;
        this.maxLineBytes = maxLineBytes;
        this.onWarning = onWarning;
    }
    async poll(onLine, signal) {
        let handle;
        try {
            handle = await openRegularFile(this.file);
        }
        catch (e) {
            if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1 && !this.warnedKind) {
                this.warnedKind = true;
                this.onWarning(e.message);
            }
            return;
        }
        try {
            const { size } = await handle.stat();
            if (size < this.offset) {
                this.offset = 0;
                this.parts = [];
                this.partBytes = 0;
                this.overLong = 0;
            }
            const buf = Buffer.alloc(Math.min(1 << 20, Math.max(1, size - this.offset)));
            while (this.offset < size && !signal?.aborted) {
                const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, size - this.offset), this.offset);
                if (bytesRead === 0)
                    break;
                this.offset += bytesRead;
                this.take(buf.subarray(0, bytesRead), onLine);
            }
        }
        finally {
            await handle.close();
        }
    }
    take(chunk, onLine) {
        let from = 0;
        for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
            this.append(chunk.subarray(from, nl));
            this.lineNo++;
            if (this.overLong)
                this.onWarning(`${this.file}:${this.lineNo}: line of ${this.overLong} bytes is over ${this.maxLineBytes} bytes; skipped (expected one event object per line)`);
            else {
                const line = Buffer.concat(this.parts, this.partBytes).toString('utf8');
                if (line.trim())
                    onLine(line, this.lineNo);
            }
            this.parts = [];
            this.partBytes = 0;
            this.overLong = 0;
            from = nl + 1;
        }
        this.append(chunk.subarray(from));
    }
    append(bytes) {
        if (!bytes.length)
            return;
        if (this.overLong) {
            this.overLong += bytes.length;
            return;
        }
        if (this.partBytes + bytes.length > this.maxLineBytes) {
            this.overLong = this.partBytes + bytes.length;
            this.parts = [];
            this.partBytes = 0;
            return;
        }
        // A copy: the read buffer is reused.
        this.parts.push(Buffer.from(bytes));
        this.partBytes += bytes.length;
    }
}
/** Turns events.jsonl lines into the outcome's progress, checkpoints and metrics; `done` once it saw one. */
function eventHandler(options, outcome, started) {
    const state = { done: false };
    const handle = (line, lineNo) => {
        let value;
        try {
            value = JSON.parse(line);
        }
        catch {
            options.onWarning?.(`${options.eventsPath}:${lineNo}: not JSON; expected one event object per line`);
            return;
        }
        const parsed = _contract_js__WEBPACK_IMPORTED_MODULE_5__/* .trainerEventSchema */ .l.safeParse(value);
        if (!parsed.success) {
            options.onWarning?.(`${options.eventsPath}:${lineNo}: not a trainer event (${parsed.error.issues.map(i => `${i.path.join('.') || 'type'}: ${i.message}`).join('; ')})`);
            return;
        }
        const e = parsed.data;
        options.onEvent?.(e);
        if (e.type === 'progress') {
            outcome.progress.push({
                step: e.step,
                ...(e.loss !== undefined ? { loss: e.loss } : {}),
                ...(e.learning_rate !== undefined ? { learning_rate: e.learning_rate } : {}),
                ...(e.tokens_per_second !== undefined ? { tokens_per_second: e.tokens_per_second } : {})
            });
            const elapsed = (Date.now() - started) / 1000;
            const eta = e.step > 0 ? (elapsed / e.step) * (e.total_steps - e.step) : undefined;
            options.onProgress?.({
                step: e.step,
                totalSteps: e.total_steps,
                ...(e.loss !== undefined ? { loss: e.loss } : {}),
                ...(e.tokens_per_second !== undefined ? { tokensPerSecond: e.tokens_per_second } : {}),
                ...(eta !== undefined ? { etaSeconds: eta } : {})
            });
        }
        else if (e.type === 'checkpoint')
            outcome.checkpoints.push({ path: e.path, step: e.step });
        else if (e.type === 'metric')
            outcome.metrics.push({ name: e.name, value: e.value, ...(e.step !== undefined ? { step: e.step } : {}) });
        else
            state.done = true;
    };
    return { handle, state };
}
/** Sends a signal to the trainer's whole process group (`accelerate launch` and data loaders start their own). */
function signalGroup(child, sig) {
    try {
        if (child.pid)
            process.kill(-child.pid, sig);
    }
    catch {
        try {
            child.kill(sig);
        }
        catch {
            // already gone
        }
    }
}
/**
 * Resolves once the trainer has exited and its stdio pipes closed — or, when a process it left behind (in a
 * session of its own, out of reach of the group signal) holds them open, `pipeGraceMs` after the exit: then
 * the group is killed and the pipes are let go, so the step's wall time stays bounded.
 */
function exitOf(child, outcome, pipeGraceMs) {
    return new Promise(resolve => {
        let graceTimer;
        const finish = () => {
            clearTimeout(graceTimer);
            resolve();
        };
        child.on('error', e => {
            outcome.message = `cannot start the trainer '${child.spawnfile}': ${e.message}`;
            finish();
        });
        child.on('exit', (code, signal) => {
            outcome.exitCode = code;
            outcome.signal = signal;
            graceTimer = setTimeout(() => {
                signalGroup(child, 'SIGKILL');
                child.stdout?.destroy();
                child.stderr?.destroy();
                finish();
            }, pipeGraceMs);
        });
        child.on('close', finish);
    });
}
/** The outcome's status and message, from how the run ended. */
function conclude(options, outcome, stopReason, sawDone) {
    if (stopReason) {
        outcome.status = stopReason;
        outcome.message =
            stopReason === 'timeout'
                ? `the trainer ran past its timeout of ${describeDuration(options.timeoutMs ?? 0)} and was stopped`
                : stopReason === 'budget'
                    ? `the trainer used its budget of ${((options.maxGpuSeconds ?? 0) / 3600).toFixed(2)} GPU-hours and was stopped`
                    : 'the run was cancelled';
    }
    else if (outcome.message)
        outcome.status = 'failed';
    else if (outcome.exitCode === 0 && sawDone) {
        outcome.status = 'done';
        outcome.message = 'the trainer finished';
    }
    else if (outcome.exitCode === 0)
        outcome.message = 'the trainer exited without writing a {"type":"done"} event';
    else
        outcome.message = `the trainer failed (${outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode}`})`;
}
/**
 * Runs a trainer as a child process in its own process group, with the Actions runtime variables and tokens
 * withheld from its environment; follows its events.jsonl, enforces the timeout and the GPU budget (SIGTERM,
 * then SIGKILL), passes cancellation on, and keeps the last stderr lines for the failure message.
 */
async function runTrainer(options) {
    const started = Date.now();
    const outcome = {
        status: 'failed',
        exitCode: null,
        signal: null,
        wallSeconds: 0,
        gpuSeconds: 0,
        progress: [],
        checkpoints: [],
        metrics: [],
        stderrTail: [],
        message: ''
    };
    const warn = (m) => options.onWarning?.(m);
    const follower = new LineFollower(options.eventsPath, options.maxEventLineBytes ?? MAX_EVENT_LINE_BYTES, warn);
    const events = eventHandler(options, outcome, started);
    let launch = [options.trainer.command, ...options.trainer.args];
    if (options.isolate) {
        const launcher = isolationLauncher();
        if (!launcher.prefix) {
            outcome.message = `the trainer cannot be kept from this job's tokens: ${launcher.problem}. The runner must let it run in a PID namespace of its own (run the job as root, or allow unprivileged user namespaces); see the train action's README`;
            return outcome;
        }
        launch = [...launcher.prefix, ...launch];
    }
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(launch[0], launch.slice(1), {
        cwd: options.trainer.cwd,
        env: { ...trainerEnvironment(), ...options.trainer.env, TUNEGATE_RUN_SPEC: options.specPath },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true
    });
    const tail = new StderrTail();
    child.stderr?.on('data', (chunk) => tail.add(chunk));
    child.stdout?.on('data', () => undefined);
    let stopReason;
    let killTimer;
    const stop = (reason) => {
        // Once the trainer has exited, what is left is the wait for its pipes, which exitOf bounds.
        if (stopReason || child.exitCode !== null || child.signalCode !== null)
            return;
        stopReason = reason;
        signalGroup(child, 'SIGTERM');
        killTimer = setTimeout(() => signalGroup(child, 'SIGKILL'), options.graceMs ?? 30_000);
    };
    const onAbort = () => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort);
    if (options.signal?.aborted)
        onAbort();
    const exited = exitOf(child, outcome, options.pipeGraceMs ?? PIPE_GRACE_MS);
    let running = true;
    void exited.then(() => (running = false));
    const pollMs = options.pollMs ?? 250;
    while (running) {
        await Promise.race([exited, new Promise(r => setTimeout(r, pollMs))]);
        await follower.poll(events.handle, options.signal);
        const wall = (Date.now() - started) / 1000;
        if (options.timeoutMs !== undefined && wall * 1000 > options.timeoutMs)
            stop('timeout');
        if (options.maxGpuSeconds !== undefined && options.gpuCount > 0 && wall * options.gpuCount > options.maxGpuSeconds)
            stop('budget');
    }
    if (!options.signal?.aborted)
        await follower.poll(events.handle, options.signal);
    outcome.stderrTail = tail.result();
    clearTimeout(killTimer);
    options.signal?.removeEventListener('abort', onAbort);
    outcome.wallSeconds = (Date.now() - started) / 1000;
    outcome.gpuSeconds = outcome.wallSeconds * options.gpuCount;
    conclude(options, outcome, stopReason, events.state.done);
    return outcome;
}


/***/ }),

/***/ 4604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IO: () => (/* binding */ readSafetensors),
/* harmony export */   Ir: () => (/* binding */ checkSafetensors),
/* harmony export */   hI: () => (/* binding */ writeSafetensors)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5491);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4674);



/** Largest header a safetensors file may declare (the format's own limit is 100 MB). */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;
const DTYPE_BYTES = {
    F64: 8,
    F32: 4,
    F16: 2,
    BF16: 2,
    I64: 8,
    I32: 4,
    I16: 2,
    I8: 1,
    U8: 1,
    BOOL: 1,
    F8_E4M3: 1,
    F8_E5M2: 1,
    U16: 2,
    U32: 4,
    U64: 8
};
/**
 * Writes a safetensors file: an 8-byte little-endian header length, a JSON header of tensor offsets,
 * then the raw little-endian bytes. Hand-written: the format is a page long and no npm package writes it
 * without pulling in a tensor library.
 */
async function writeSafetensors(path, tensors, metadata = {}) {
    const header = { __metadata__: metadata };
    let offset = 0;
    const names = Object.keys(tensors).sort();
    for (const name of names) {
        const t = tensors[name];
        const bytes = t.data.byteLength;
        header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
        offset += bytes;
    }
    let json = JSON.stringify(header);
    // The data section starts 8-byte aligned, as the reference implementation pads it.
    json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
    const head = Buffer.alloc(8);
    head.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
    const parts = [head, Buffer.from(json)];
    for (const name of names) {
        const t = tensors[name];
        parts.push(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, Buffer.concat(parts));
}
/** Reads a safetensors file written by writeSafetensors (F32 and I32 tensors). */
async function readSafetensors(path) {
    const check = await checkSafetensors(path);
    if (!check.ok)
        throw new Error(check.reason);
    const handle = await (0,_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .openRegularFile */ .ZU)(path);
    try {
        const tensors = {};
        for (const [name, info] of Object.entries(check.tensors)) {
            const [begin, end] = info.data_offsets;
            const buf = Buffer.alloc(end - begin);
            await handle.read(buf, 0, buf.length, check.dataStart + begin);
            const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
            tensors[name] = {
                dtype: info.dtype,
                shape: info.shape,
                data: info.dtype === 'I32' ? new Int32Array(ab) : new Float32Array(ab)
            };
        }
        return { tensors, metadata: check.metadata };
    }
    finally {
        await handle.close();
    }
}
const tensorEntry = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    dtype: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(Object.keys(DTYPE_BYTES), {
        message: `expected a dtype of ${Object.keys(DTYPE_BYTES).join(', ')}`
    }),
    shape: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(), { message: 'expected a list of non-negative integers' }),
    data_offsets: zod__WEBPACK_IMPORTED_MODULE_2__/* .tuple */ .PVZ([zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative(), zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().int().nonnegative()], {
        message: 'expected [begin, end] byte offsets, non-negative integers'
    })
});
/** The header as the format defines it: an object of tensors, with optional string metadata. */
const headerSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({ __metadata__: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).optional() }, { message: 'expected a JSON object' })
    .catchall(tensorEntry);
/**
 * Checks a safetensors header without loading the tensors: length, JSON, the schema (dtypes, shapes of
 * non-negative integers, integer offsets), each span equal to dtype size × element count, ranges inside the
 * file and not overlapping.
 */
async function checkSafetensors(path) {
    const handle = await (0,_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .openRegularFile */ .ZU)(path);
    try {
        const { size } = await handle.stat();
        if (size < 8)
            return { ok: false, reason: `${path}: ${size} bytes is too short for a safetensors file` };
        const lenBuf = Buffer.alloc(8);
        await handle.read(lenBuf, 0, 8, 0);
        const len = Number(lenBuf.readBigUInt64LE());
        if (len > MAX_HEADER_BYTES || 8 + len > size)
            return {
                ok: false,
                reason: `${path}: header length ${len} is impossible for a ${size}-byte file; not a safetensors file`
            };
        const headBuf = Buffer.alloc(len);
        await handle.read(headBuf, 0, len, 8);
        let json;
        try {
            json = JSON.parse(headBuf.toString('utf8'));
        }
        catch {
            return { ok: false, reason: `${path}: the safetensors header is not JSON` };
        }
        const parsed = headerSchema.safeParse(json);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const [name, ...field] = issue.path.map(String);
            const where = name === undefined ? 'the header' : name === '__metadata__' ? '__metadata__' : `tensor '${name}'`;
            return {
                ok: false,
                reason: `${path}: ${where}${field.length ? ` ${field.join('.')}` : ''}: ${issue.message} (safetensors header)`
            };
        }
        const { __metadata__: meta, ...entries } = parsed.data;
        const header = entries;
        const dataStart = 8 + len;
        const dataBytes = size - dataStart;
        const tensors = {};
        const ranges = [];
        for (const [name, e] of Object.entries(header)) {
            const width = DTYPE_BYTES[e.dtype];
            const [begin, end] = e.data_offsets;
            const count = e.shape.reduce((a, b) => a * b, 1);
            if (end < begin || end > dataBytes)
                return { ok: false, reason: `${path}: tensor '${name}' lies outside the file` };
            if (!Number.isSafeInteger(count * width) || end - begin !== count * width)
                return {
                    ok: false,
                    reason: `${path}: tensor '${name}' has ${end - begin} bytes; its shape and dtype need ${count * width}`
                };
            ranges.push([begin, end, name]);
            tensors[name] = e;
        }
        ranges.sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < ranges.length; i++)
            if (ranges[i][0] < ranges[i - 1][1])
                return { ok: false, reason: `${path}: tensors '${ranges[i - 1][2]}' and '${ranges[i][2]}' overlap` };
        const metadata = meta ?? {};
        return { ok: true, tensors, metadata, dataStart };
    }
    finally {
        await handle.close();
    }
}


/***/ })

};
