export const id = 898;
export const ids = [898];
export const modules = {

/***/ 3283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IT: () => (/* binding */ modelIdentity),
/* harmony export */   qX: () => (/* binding */ whatIsTrained)
/* harmony export */ });
/* unused harmony export dataFileDigest */
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5035);

/**
 * The sha256 of a data file's content: an external dataset's declared digest (known without downloading
 * it; a fetch that does not match it fails), else that of the file in the checkout.
 */
async function dataFileDigest(file) {
    return file.external?.sha256 ?? (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .contentDigest */ .eZ)(file.absolute);
}
/** The base model, task family and method: in the training fingerprint and, as they are, in a version's manifest. */
function whatIsTrained(spec) {
    return {
        base_model: {
            id: spec.base_model.id,
            revision: spec.base_model.revision,
            architecture: spec.base_model.architecture
        },
        task_family: spec.task_family,
        method: spec.training.method
    };
}
/**
 * Digests of the model's files, then the two fingerprints over canonical JSON (docs/architecture.md §4).
 * File names are left out on purpose: renaming a dataset does not change the weights. A file's digest is
 * that of its content, the same for a Git LFS pointer checkout and a smudged one.
 */
async function modelIdentity(model, trainer) {
    const { spec } = model;
    const digests = async (files) => Promise.all(files.map(dataFileDigest));
    const prompt = model.prompt.spec;
    const training_inputs = {
        schema: 'tunegate.training-fingerprint/v1',
        ...whatIsTrained(spec),
        hyperparameters: spec.training.hyperparameters,
        // The process layout changes the numerics (the global batch is processes × batch_size, and sharded reductions
        // sum in another order), so another layout is another result. Only when set: other fingerprints stay as they were.
        ...(spec.training.distributed ? { distributed: spec.training.distributed } : {}),
        seed: spec.training.seed,
        trainer,
        data: {
            format: spec.data.format,
            labels: spec.data.labels ?? null,
            target: spec.data.target ?? null,
            train: await digests(model.train)
        },
        prompt: (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256 */ .sc)((0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalJson */ .dj)({ system: prompt.system ?? null, template: prompt.template, variables: prompt.variables })),
        output_schema: model.outputSchema ?? null,
        tokenizer: model.tokenizer ? await (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .contentDigest */ .eZ)(model.tokenizer.absolute) : null
    };
    const training_fingerprint = (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256 */ .sc)((0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalJson */ .dj)(training_inputs));
    const evaluation_inputs = {
        schema: 'tunegate.evaluation-fingerprint/v1',
        training_fingerprint,
        eval: await digests(model.eval),
        use_cases: spec.use_cases,
        metrics: spec.evaluation.metrics,
        gates: spec.evaluation.gates,
        confidence: spec.evaluation.confidence,
        bootstrap_resamples: spec.evaluation.bootstrap_resamples,
        banned_terms: model.bannedTerms ? await (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .contentDigest */ .eZ)(model.bannedTerms.absolute) : null,
        injection_probes: model.injectionProbes ? await (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .contentDigest */ .eZ)(model.injectionProbes.absolute) : null,
        // Only with a judge, so that every other model's fingerprint stays what it was.
        ...(model.judge && spec.evaluation.judge
            ? {
                judge: {
                    spec: spec.evaluation.judge,
                    rubrics: Object.fromEntries(Object.entries(model.judge.rubrics).map(([u, r]) => [u, r.digest])),
                    calibration: model.judge.calibration ? await (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .contentDigest */ .eZ)(model.judge.calibration.absolute) : null
                }
            }
            : {})
    };
    return {
        training_fingerprint,
        evaluation_fingerprint: (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256 */ .sc)((0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalJson */ .dj)(evaluation_inputs)),
        training_inputs,
        evaluation_inputs
    };
}


/***/ }),

/***/ 3769:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   tV: () => (/* binding */ trustedArtifacts)
/* harmony export */ });
/* unused harmony exports untrustedRunReason, runIdOfUrl, gateRun */
/**
 * Which workflow runs' artifacts may be reused (a train cache hit, a candidate to evaluate, the outputs a
 * promotion publishes). Anyone can open a pull request from a fork, and its run uploads artifacts into this
 * repository under any name it likes: an artifact's name says nothing about who made it. Its run does — GitHub
 * reports each run's workflow file, event and head repository (GET /repos/{owner}/{repo}/actions/runs/{id}),
 * and a fork cannot change what GitHub reports there.
 */

/** Events whose runs run this repository's own code on this repository's own commits. */
const TRUSTED_EVENTS = new Set(['push', 'pull_request', 'workflow_dispatch', 'schedule', 'merge_group']);
/** A workflow file of the repository; dynamic runs (Dependabot, CodeQL default setup) have other paths. */
const WORKFLOW_PATH = /^\.github\/workflows\/[^/]+\.ya?ml(@\S+)?$/;
/**
 * Why a run's artifacts cannot be trusted; undefined when they can. Trusted: a run of one of the repository's
 * workflow files, on a head commit from the repository itself (a fork's pull request has the fork as head
 * repository), started by push, pull_request, workflow_dispatch, schedule or merge_group. Refused besides forks:
 * pull_request_target and workflow_run (they run in the repository's name on others' content), comment and
 * other events, and runs that are not of a workflow file.
 */
function untrustedRunReason(run, repository) {
    const repo = repository.toLowerCase();
    if (run.repository.toLowerCase() !== repo)
        return `it belongs to ${run.repository}, not ${repository}`;
    if (run.headRepository.toLowerCase() !== repo)
        return `its head commit comes from ${run.headRepository || 'an unknown repository'} (a fork), not ${repository}`;
    if (!TRUSTED_EVENTS.has(run.event))
        return `it was started by '${run.event}', not by a push or a pull request`;
    if (!WORKFLOW_PATH.test(run.path))
        return `it is not a run of a workflow file (path '${run.path}')`;
    return undefined;
}
/**
 * The artifacts that come from trusted runs (see untrustedRunReason) or from the run this host works for
 * itself, in their order; each one left out is logged with the reason. An artifact whose run cannot be read is
 * left out: trust is never assumed.
 */
async function trustedArtifacts(host, artifacts, log = () => undefined) {
    const { repository, runId } = host.runContext();
    const verdicts = new Map();
    const judge = (id) => {
        let v = verdicts.get(id);
        if (!v) {
            v = host.workflowRun(id).then(run => (run ? untrustedRunReason(run, repository) : 'GitHub does not know the run'));
            verdicts.set(id, v);
        }
        return v;
    };
    const kept = [];
    for (const a of artifacts) {
        if (a.runId === undefined) {
            log(`warning: artifact ${a.name} (${a.id}) is not used: it names no workflow run`);
            continue;
        }
        const reason = a.runId === runId ? undefined : await judge(a.runId);
        if (reason)
            log(`warning: artifact ${a.name} of run ${a.runId} is not used: ${reason}`);
        else
            kept.push(a);
    }
    return kept;
}
/** A workflow run page of the repository, `/<owner>/<repo>/actions/runs/<id>` (an attempt or job page too). */
const RUN_PAGE = /^\/([^/]+)\/([^/]+)\/actions\/runs\/([1-9]\d{0,14})(?:\/attempts\/\d+)?(?:\/job\/\d+)?\/?$/;
/** The id of the run a status's target URL links to, when it is a run page of the repository. */
function runIdOfUrl(url, repository) {
    let pathname;
    try {
        pathname = new URL(url ?? '').pathname;
    }
    catch {
        return undefined;
    }
    const m = RUN_PAGE.exec(pathname);
    if (!m || `${m[1]}/${m[2]}`.toLowerCase() !== repository.toLowerCase())
        return undefined;
    return Number(m[3]);
}
/**
 * The pipeline run that set a commit's merge gate: the newest `tunegate` status on the commit links to its run
 * (the report and evaluate jobs set it with the run's page as target URL). Only that run's evaluation record is
 * the one the gate judged: another run on the same commit (a later dispatch, another workflow) may have uploaded
 * a record of its own. The run must be trusted (untrustedRunReason) and have run on the commit itself.
 */
async function gateRun(host, commit) {
    const { repository } = host.runContext();
    const short = commit.slice(0, 12);
    const gate = (await host.listCommitStatuses(commit)).find(s => s.context === STATUS_CONTEXT);
    if (!gate)
        return { commit, reason: `${short} has no '${STATUS_CONTEXT}' status: no pipeline run gated it` };
    const runId = runIdOfUrl(gate.targetUrl, repository);
    if (runId === undefined)
        return {
            commit,
            reason: `the '${STATUS_CONTEXT}' status of ${short} links to ${JSON.stringify(gate.targetUrl ?? '')}, not to a workflow run of ${repository}`
        };
    const run = await host.workflowRun(runId);
    const why = !run
        ? 'GitHub does not know the run'
        : (untrustedRunReason(run, repository) ??
            (run.headSha === commit ? undefined : `it ran on ${run.headSha?.slice(0, 12) ?? 'an unknown commit'}`));
    if (why)
        return { commit, reason: `run ${runId} is not used: ${why} (it set the '${STATUS_CONTEXT}' status of ${short})` };
    return { commit, runId };
}


/***/ }),

/***/ 3641:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ unzipTo)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var yauzl__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(663);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3916);






// Below this, a high ratio costs nothing and is normal: the baseline classifier's 4.7 MB of mostly-zero hashed
// weights deflate about 500:1. A bomb is a bomb for what it unpacks to.
const RATIO_FLOOR_BYTES = 64 << 20;
/**
 * Unpacks a zip archive into a folder; entries that would land outside it (zip slip) are refused, and so is an
 * archive whose declared sizes pass the limits (yauzl's validateEntrySizes holds each entry to its declared size).
 */
async function unzipTo(zip, destination, limits = {}) {
    const maxTotal = limits.maxTotalBytes ?? 8 * 2 ** 30;
    const maxRatio = limits.maxRatio ?? 200;
    const maxEntries = limits.maxEntries ?? 100_000;
    const root = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(destination);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(root, { recursive: true });
    const archive = await new Promise((resolve, reject) => yauzl__WEBPACK_IMPORTED_MODULE_4__.fromBuffer(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (e, z) => e ? reject(e) : resolve(z)));
    const written = [];
    let total = 0;
    let entries = 0;
    const tooBig = (entry) => {
        total += entry.uncompressedSize;
        if (++entries > maxEntries)
            return `more than ${maxEntries} entries`;
        if (total > maxTotal)
            return `more than ${maxTotal} bytes uncompressed`;
        if (total > RATIO_FLOOR_BYTES && total / Math.max(1, zip.length) > maxRatio)
            return `${total} bytes uncompressed from ${zip.length}, a ratio over ${maxRatio}`;
        if (entry.uncompressedSize > RATIO_FLOOR_BYTES &&
            entry.uncompressedSize / Math.max(1, entry.compressedSize) > maxRatio)
            return `entry '${entry.fileName}' unpacks ${entry.compressedSize} bytes to ${entry.uncompressedSize}, a ratio over ${maxRatio}`;
        return undefined;
    };
    return new Promise((resolve, reject) => {
        const fail = (e) => {
            archive.close();
            reject(e instanceof Error ? e : new Error(String(e)));
        };
        archive.on('error', fail);
        archive.on('end', () => resolve(written));
        archive.on('entry', (entry) => {
            const bomb = tooBig(entry);
            if (bomb) {
                fail(new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`The archive unpacks to ${bomb}; refused as a zip bomb.`));
                return;
            }
            const target = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(root, entry.fileName);
            if (!target.startsWith(root + (node_path__WEBPACK_IMPORTED_MODULE_2___default().sep))) {
                fail(new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1(`Artifact entry '${entry.fileName}' would be written outside ${root}; refused.`));
                return;
            }
            if (entry.fileName.endsWith('/')) {
                (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(target, { recursive: true }).then(() => archive.readEntry(), fail);
                return;
            }
            archive.openReadStream(entry, (e, stream) => {
                if (e)
                    return fail(e);
                (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(target), { recursive: true })
                    .then(() => (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)(stream, (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(target, { flags: 'wx' })))
                    .then(() => {
                    written.push(node_path__WEBPACK_IMPORTED_MODULE_2___default().relative(root, target));
                    archive.readEntry();
                }, fail);
            });
        });
        archive.readEntry();
    });
}


/***/ }),

/***/ 3221:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K_: () => (/* binding */ trainerIdentity),
/* harmony export */   ht: () => (/* binding */ trainerCommand),
/* harmony export */   kI: () => (/* binding */ trainersDir)
/* harmony export */ });
/* unused harmony exports axolotlDataset, axolotlConfig, hfPeftLaunch */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3916);
/* harmony import */ var _registry_digest_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5035);
/* harmony import */ var _baseline_trainer_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6162);
/* harmony import */ var _hyperparameters_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5236);










const here = import.meta.url;
/** True when running from the TypeScript sources rather than an ncc bundle. */
const fromSources = here.endsWith('.ts');
/** The repository (or action) root: src/training/ → ../../, dist/<action>/ → ../../. */
const root = node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(node_path__WEBPACK_IMPORTED_MODULE_3___default().dirname((0,node_url__WEBPACK_IMPORTED_MODULE_4__.fileURLToPath)(here)), '../..');
/** The folder of the bundled trainers (trainers/ beside src/ and dist/). */
function trainersDir() {
    return node_path__WEBPACK_IMPORTED_MODULE_3___default().join(root, 'trainers');
}
/** The name and version of a model's trainer: part of its training fingerprint. */
function trainerIdentity(spec) {
    switch (spec.training.trainer) {
        case 'baseline':
            return _baseline_trainer_js__WEBPACK_IMPORTED_MODULE_8__.BASELINE_TRAINER;
        case 'hf-peft': {
            let version = 'unknown';
            try {
                version = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(trainersDir(), 'hf-peft', 'VERSION'), 'utf8').trim();
            }
            catch {
                version = 'unknown';
            }
            return { name: 'hf-peft', version };
        }
        case 'axolotl':
            // v2: datasets declared as Axolotl reads them and the shared defaults; a v1 result is not reused.
            return { name: 'axolotl', version: 'config-v2' };
        case 'command':
            return { name: 'command', version: (0,_registry_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .sha256 */ .sc)((0,_registry_digest_js__WEBPACK_IMPORTED_MODULE_7__/* .canonicalJson */ .dj)(spec.training.command ?? [])).slice(0, 16) };
    }
}
/**
 * The Axolotl dataset entry that reads a normalised data file as Tunegate wrote it (src/training/materialise.ts).
 * Chat rows {messages: [{role, content}]} → `chat_template`, which reads `field_messages` and each turn's role and
 * content (axolotl src/axolotl/prompt_strategies/chat_template.py). Completion rows {prompt, completion} and
 * classification rows {text, label} → a user-defined type, which Axolotl's `user_defined` strategy reads as
 * instruction → output (src/axolotl/prompt_strategies/user_defined.py): the prompt is masked out of the loss, the
 * target is trained with an end-of-sequence token, as hf-peft does. `format` is the bare instruction, so the
 * model sees exactly the prompt Tunegate rendered (the `alpaca` type would read instruction/output, which these
 * rows do not have, and wrap them in Alpaca's own preamble).
 */
function axolotlDataset(format, file) {
    if (format === 'chat')
        return {
            path: file,
            ds_type: 'json',
            type: 'chat_template',
            field_messages: 'messages',
            message_property_mappings: { role: 'role', content: 'content' }
        };
    const [instruction, output] = format === 'classification' ? ['text', 'label'] : ['prompt', 'completion'];
    return {
        path: file,
        ds_type: 'json',
        type: {
            system_prompt: '',
            system_format: '{system}',
            field_system: 'system',
            field_instruction: instruction,
            field_input: 'input',
            field_output: output,
            format: '{instruction}',
            no_input_format: '{instruction}'
        }
    };
}
/** The Axolotl configuration for a run, from its resolved hyperparameters (Axolotl's own keys). */
function axolotlConfig(spec) {
    const hp = (0,_hyperparameters_js__WEBPACK_IMPORTED_MODULE_9__/* .resolveHyperparameters */ .Rp)('axolotl', spec.hyperparameters, spec.base_model.context_window);
    return {
        base_model: spec.base_model.id,
        revision_of_model: spec.base_model.revision,
        adapter: spec.method === 'full' ? undefined : spec.method,
        load_in_4bit: spec.method === 'qlora' ? true : undefined,
        lora_r: hp.lora_r,
        lora_alpha: hp.lora_alpha,
        lora_dropout: hp.lora_dropout,
        lora_target_linear: true,
        sequence_len: hp.max_seq_length,
        // Axolotl drops an over-long row by default; Tunegate truncates, as hf-peft does, and validate counts the rows
        // whose prompt leaves no target token.
        excess_length_strategy: 'truncate',
        sample_packing: hp.packing,
        // Tunegate's prompt masking, stated rather than left to Axolotl's default.
        train_on_inputs: false,
        datasets: [axolotlDataset(spec.data_format, spec.train_file)],
        test_datasets: [{ ...axolotlDataset(spec.data_format, spec.eval_file), split: 'train' }],
        micro_batch_size: hp.batch_size,
        gradient_accumulation_steps: hp.gradient_accumulation_steps,
        num_epochs: hp.epochs,
        learning_rate: hp.learning_rate,
        warmup_ratio: hp.warmup_ratio,
        weight_decay: hp.weight_decay,
        optimizer: hp.optimizer,
        lr_scheduler: hp.lr_scheduler,
        bf16: hp.bf16,
        gradient_checkpointing: hp.gradient_checkpointing ?? true,
        seed: spec.seed,
        output_dir: node_path__WEBPACK_IMPORTED_MODULE_3___default().join(spec.output_dir, 'adapter'),
        save_safetensors: true,
        resume_from_checkpoint: spec.resume_from_checkpoint ?? undefined
    };
}
/**
 * The `accelerate launch` options that start the hf-peft trainer on several processes, or null for one process.
 * With `training.distributed`, the strategy's accelerate config shipped in trainers/hf-peft/configs/ and its
 * process count; without, DDP over the runner's GPUs when it has several (as before the field existed). With no GPU,
 * the processes run on the CPU over gloo (ACCELERATE_USE_CPU: accelerate's `--cpu` flag starts one process only).
 */
function hfPeftLaunch(spec, gpuCount, dir = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(trainersDir(), 'hf-peft')) {
    const distributed = spec.training.distributed;
    if (!distributed)
        return gpuCount > 1 ? { args: ['--num_processes', String(gpuCount)], env: {} } : null;
    const { strategy, processes } = distributed;
    if (gpuCount > 0 && processes > gpuCount)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ConfigurationError */ .j1(`model '${spec.name}': training.distributed.processes is ${processes}, but this runner has ${gpuCount} GPU(s); ` +
            'expected at most one process per GPU (lower processes, or pick a runner with more GPUs in training.runner)');
    const configs = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dir, 'configs');
    return {
        args: [
            '--config_file',
            node_path__WEBPACK_IMPORTED_MODULE_3___default().join(configs, `${strategy}.yaml`),
            '--num_processes',
            String(processes),
            // The config's relative path would be read from the trainer's empty working directory.
            ...(strategy === 'zero3' ? ['--deepspeed_config_file', node_path__WEBPACK_IMPORTED_MODULE_3___default().join(configs, 'zero3.json')] : [])
        ],
        env: gpuCount === 0 ? { ACCELERATE_USE_CPU: 'true' } : {}
    };
}
/** The command that trains a model with its configured trainer. */
async function trainerCommand(spec, run, repoRoot, gpuCount) {
    switch (spec.training.trainer) {
        case 'baseline':
            return fromSources
                ? { command: process.execPath, args: [node_path__WEBPACK_IMPORTED_MODULE_3___default().join(root, 'bin', 'tunegate.js'), 'trainer', 'baseline'] }
                : { command: process.execPath, args: [(0,node_url__WEBPACK_IMPORTED_MODULE_4__.fileURLToPath)(here)], env: { TUNEGATE_TRAINER: 'baseline' } };
        case 'hf-peft': {
            const python = process.env.TUNEGATE_PYTHON ?? 'python3';
            const dir = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(trainersDir(), 'hf-peft');
            const script = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dir, 'train.py');
            // Only Tunegate's code and the interpreter's installed packages run: `-I` leaves the working directory,
            // the script's folder, user site-packages and PYTHON* variables out of the launcher's imports (`-m accelerate`
            // from the checkout would import a pull request's own `accelerate/`), and the processes accelerate starts
            // get a path Tunegate sets, in an empty working directory outside the checkout.
            const isolated = {
                cwd: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join((0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'tunegate-trainer-')),
                env: { PYTHONSAFEPATH: '1', PYTHONNOUSERSITE: '1', PYTHONPATH: dir }
            };
            const launch = hfPeftLaunch(spec, gpuCount, dir);
            return launch
                ? {
                    command: python,
                    args: ['-I', '-m', 'accelerate.commands.launch', ...launch.args, script],
                    ...isolated,
                    env: { ...isolated.env, ...launch.env }
                }
                : { command: python, args: ['-I', script], ...isolated };
        }
        case 'axolotl': {
            const config = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(run.output_dir, 'axolotl.yml');
            // Absolute paths: Axolotl runs in a directory of its own (below).
            const at = (p) => node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(p);
            const absolute = {
                ...run,
                train_file: at(run.train_file),
                eval_file: at(run.eval_file),
                output_dir: at(run.output_dir),
                ...(run.resume_from_checkpoint ? { resume_from_checkpoint: at(run.resume_from_checkpoint) } : {})
            };
            const clean = JSON.parse(JSON.stringify(axolotlConfig(absolute)));
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(config, (0,yaml__WEBPACK_IMPORTED_MODULE_5__/* .stringify */ .As)(clean));
            // `axolotl train` launches `accelerate launch -m axolotl.cli.train`, and `-m` puts the working directory
            // first on Python's path: from the checkout, a pull request's own `axolotl/` would run. As for hf-peft, it
            // runs in an empty directory outside the checkout, with PYTHONSAFEPATH and no user site-packages.
            return {
                command: process.env.TUNEGATE_AXOLOTL ?? 'axolotl',
                args: ['train', node_path__WEBPACK_IMPORTED_MODULE_3___default().resolve(config)],
                cwd: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join((0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'tunegate-trainer-')),
                env: { PYTHONSAFEPATH: '1', PYTHONNOUSERSITE: '1' }
            };
        }
        case 'command': {
            const [command, ...args] = spec.training.command ?? [];
            if (!command)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ConfigurationError */ .j1(`model '${spec.name}': training.command is empty; expected the command to run, as a list`);
            return { command, args, cwd: repoRoot };
        }
    }
}


/***/ }),

/***/ 9326:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UE: () => (/* binding */ readProbes),
/* harmony export */   fq: () => (/* binding */ materialise),
/* harmony export */   kJ: () => (/* binding */ exampleId),
/* harmony export */   mv: () => (/* binding */ PROBE_PREFIX)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8474);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_events__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _data_examples_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(757);
/* harmony import */ var _data_readers_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6207);
/* harmony import */ var _data_row_checks_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9744);
/* harmony import */ var _prompts_template_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5509);
/* harmony import */ var _prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9012);
/* harmony import */ var _data_external_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8541);









async function write(stream, line) {
    if (!stream.write(line))
        await (0,node_events__WEBPACK_IMPORTED_MODULE_1__.once)(stream, 'drain');
}
/** An example's id: its own, or its place in the data when it has none. */
function exampleId(id, split, file, line) {
    return id ?? `${split}-${file.relative}-${line}`;
}
/** Rows sent to the template sandbox in one message. */
const RENDER_BATCH_ROWS = 256;
/** The id prefix of injection-probe rows appended to the eval file (reserved: validate refuses it in data). */
const PROBE_PREFIX = _data_row_checks_js__WEBPACK_IMPORTED_MODULE_5__/* .PROBE_ID_PREFIX */ .KK;
/** Reads a model's injection probes: JSONL rows of {id, input, must_not_contain}. */
async function readProbes(file) {
    const probes = [];
    for await (const ev of (0,_data_readers_js__WEBPACK_IMPORTED_MODULE_4__/* .readRows */ .aK)(file.absolute, { maxLineBytes: 1 << 20, display: file.display })) {
        if (ev.kind === 'error')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${file.display}:${ev.line}:${ev.column}: ${ev.message}`);
        const { id, input, must_not_contain: mustNot } = ev.value;
        if (typeof id !== 'string' || typeof input !== 'string' || typeof mustNot !== 'string' || !mustNot.trim()) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${file.display}:${ev.line}: expected {"id": string, "input": string, "must_not_contain": non-empty string}`);
        }
        probes.push({ id, input, mustNotContain: mustNot });
    }
    return probes;
}
/**
 * Writes the model's train (unless `trainOut` is null) and eval splits as normalised JSONL for a trainer: chat rows keep their
 * messages (the trainer applies the model's chat template); other rows get the prompt template
 * rendered into `prompt`, with `completion` the target; classification rows keep `text` and `label`.
 * Every row has an `id` (the line's position when the data has none) and its `use_case`.
 */
async function materialise(model, maxLineBytes, trainOut, evalOut, fetch = {}) {
    const { spec } = model;
    // External datasets are fetched into the cache and verified against their digests before any row is read.
    await (0,_data_external_js__WEBPACK_IMPORTED_MODULE_8__/* .ensureExternalFiles */ .To)([...(trainOut === null ? [] : model.train), ...model.eval], fetch);
    const format = spec.data.format === 'chat' ? 'chat' : spec.task_family === 'classification' ? 'classification' : 'completion';
    const compiled = (0,_prompts_template_js__WEBPACK_IMPORTED_MODULE_6__/* .compileTemplate */ .Gq)(model.prompt.spec.template);
    if (!compiled.ok)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${model.prompt.file.display}: ${compiled.message}`);
    const rules = {
        format: spec.data.format,
        labels: spec.data.labels,
        useCases: spec.use_cases,
        target: spec.data.target
    };
    const sandbox = new _prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_7__/* .TemplateSandbox */ .qp(model.prompt.spec.template, (0,_prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_7__/* .defaultTemplateLimits */ .IL)(maxLineBytes), await (0,_prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_7__/* .promptTemplateLocation */ .mN)(model.prompt));
    const run = { model, maxLineBytes, format, rules, sandbox };
    try {
        // trainOut null: only the eval split is needed (a served model answers it), so the train data is not copied.
        return {
            format,
            trainRows: trainOut === null ? 0 : await writeSplit(run, model.train, trainOut, 'train'),
            evalRows: await writeSplit(run, model.eval, evalOut, 'eval')
        };
    }
    finally {
        await sandbox.end();
    }
}
/** Writes one split's rows (and, for eval, the injection probes) to `out`; returns the data rows written. */
async function writeSplit(run, files, out, split) {
    const { model, maxLineBytes, format, rules } = run;
    const stream = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(out);
    let n = 0;
    const renderer = promptRenderer(run, stream);
    try {
        for (const file of files) {
            for await (const ev of (0,_data_readers_js__WEBPACK_IMPORTED_MODULE_4__/* .readRows */ .aK)(file.absolute, { maxLineBytes, display: file.display })) {
                if (ev.kind === 'error')
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${file.display}:${ev.line}:${ev.column}: ${ev.message} (run tunegate validate first)`);
                const r = (0,_data_examples_js__WEBPACK_IMPORTED_MODULE_3__/* .toExample */ .qv)(ev.value, rules);
                if (!r.ok)
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${file.display}:${ev.line}: ${r.problems.join('; ')} (run tunegate validate first)`);
                const ex = r.example;
                const id = exampleId(ex.id, split, file, ev.line);
                if (id.startsWith(PROBE_PREFIX))
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${file.display}:${ev.line}: id '${id}' starts with '${PROBE_PREFIX}', reserved for the injection probes (run tunegate validate first)`);
                const base = { id, use_case: ex.useCase ?? null };
                n++;
                if (format === 'chat')
                    await write(stream, JSON.stringify({ ...base, messages: ev.value.messages }) + '\n');
                else if (format === 'classification')
                    await write(stream, JSON.stringify({ ...base, text: ex.input, label: ex.label }) + '\n');
                else
                    await renderer.add({ file, line: ev.line, base, vars: { ...ex.fields, use_case: ex.useCase }, target: ex.target }, ex.input.length + ex.target.length);
            }
        }
        await renderer.flush();
        // Injection probes ride along in the eval file, so every trainer predicts them too.
        if (split === 'eval' && model.injectionProbes)
            await writeProbes(run, model.injectionProbes, stream);
    }
    finally {
        stream.end();
        await (0,node_events__WEBPACK_IMPORTED_MODULE_1__.once)(stream, 'finish');
    }
    return n;
}
/**
 * Renders completion rows' prompts through the sandbox in batches (one message per row would cost more than the
 * rendering) and writes each as {id, use_case, prompt, completion}, in the order the rows came.
 */
function promptRenderer({ model, maxLineBytes, sandbox }, stream) {
    const system = model.prompt.spec.system;
    let batch = [];
    let batchChars = 0;
    const flush = async () => {
        if (!batch.length)
            return;
        const rows = batch;
        batch = [];
        batchChars = 0;
        let texts;
        try {
            texts = await sandbox.renderAll(rows.map(r => r.vars));
        }
        catch (e) {
            const at = e instanceof _prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_7__/* .TemplateLimitError */ .uQ ? rows[e.row] : undefined;
            throw at ? new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${at.file.display}:${at.line}: ${e.message}`) : e;
        }
        for (let i = 0; i < rows.length; i++) {
            const r = rows[i];
            const t = texts[i];
            if (!t.ok)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`${r.file.display}:${r.line}: the prompt template fails on this row: ${t.message}`);
            const prompt = system ? `${system}\n\n${t.text}` : t.text;
            await write(stream, JSON.stringify({ ...r.base, prompt, completion: r.target }) + '\n');
        }
    };
    /** Queues a row; the batch is rendered once it holds enough rows or characters. */
    const add = async (row, chars) => {
        batch.push(row);
        batchChars += chars;
        if (batch.length >= RENDER_BATCH_ROWS || batchChars >= maxLineBytes)
            await flush();
    };
    return { add, flush };
}
/** Appends the injection probes as rows of the trainer's format (the target of a generative row is the forbidden text). */
async function writeProbes({ model, format }, probes, stream) {
    const { spec } = model;
    for (const probe of await readProbes(probes)) {
        const base = { id: `${PROBE_PREFIX}${probe.id}`, use_case: null };
        const row = format === 'chat'
            ? {
                ...base,
                messages: [
                    { role: 'user', content: probe.input },
                    { role: 'assistant', content: probe.mustNotContain }
                ]
            }
            : format === 'classification'
                ? { ...base, text: probe.input, label: spec.data.labels?.[0] ?? '' }
                : { ...base, prompt: probe.input, completion: probe.mustNotContain };
        await write(stream, JSON.stringify(row) + '\n');
    }
}


/***/ }),

/***/ 9932:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ checkTrainerOutputs),
/* harmony export */   f: () => (/* binding */ assertUsableOutputs)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_readline__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(481);
/* harmony import */ var node_readline__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_readline__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _registry_paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(143);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _materialise_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9326);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4674);
/* harmony import */ var _safetensors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4604);








/** Files a trainer may leave in adapter/ besides safetensors weights: configs, tokenizers, notes. */
const ALLOWED_EXTENSIONS = ['.safetensors', '.json', '.jsonl', '.txt', '.md', '.model', '.tiktoken', '.yaml', '.yml'];
/**
 * Every reason a trainer's outputs cannot be used; empty when they can. The same check serves a fresh run
 * and a reused (cached) one. Nothing but regular files and folders is accepted, and no file is opened
 * before it is known to be one: a FIFO would block the open for ever.
 */
async function checkTrainerOutputs(outputDir, evalIds, signal) {
    const problems = [];
    const adapter = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(outputDir, 'adapter');
    const files = [];
    const walk = async (dir) => {
        for (const e of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { withFileTypes: true })) {
            const abs = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, e.name);
            const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(outputDir, abs);
            if (e.isSymbolicLink())
                problems.push(`${rel}: symbolic links are not accepted in an adapter`);
            else if (e.isDirectory())
                await walk(abs);
            else if (e.isFile())
                files.push(abs);
            else
                problems.push(`${rel}: not a regular file (a FIFO, socket or device); expected files and folders only`);
        }
    };
    try {
        if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(adapter)).isDirectory())
            throw new Error('not a folder');
        await walk(adapter);
    }
    catch {
        return [`${adapter}: missing; the trainer must write its weights to adapter/ (safetensors)`];
    }
    let weights = 0;
    for (const f of files) {
        signal?.throwIfAborted();
        const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(outputDir, f);
        if ((0,_registry_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .isPickleFile */ .H1)(f)) {
            problems.push(`${rel}: pickle-based weights run code when loaded and are refused; save with safetensors (save_pretrained(..., safe_serialization=True))`);
            continue;
        }
        const ext = node_path__WEBPACK_IMPORTED_MODULE_1___default().extname(f).toLowerCase();
        if (!ALLOWED_EXTENSIONS.includes(ext)) {
            problems.push(`${rel}: '${ext || 'no extension'}' files are not accepted in an adapter; expected safetensors weights and ${ALLOWED_EXTENSIONS.slice(1).join(' ')} files`);
            continue;
        }
        if (ext === '.safetensors') {
            const check = await (0,_safetensors_js__WEBPACK_IMPORTED_MODULE_7__/* .checkSafetensors */ .Ir)(f);
            if (!check.ok)
                problems.push(check.reason.replace(f, rel));
            else
                weights++;
        }
    }
    if (weights === 0 && !problems.length)
        problems.push('adapter/: no .safetensors weights');
    const predictions = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(outputDir, 'predictions.jsonl');
    let handle;
    try {
        if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(predictions)).isFile())
            return [...problems, 'predictions.jsonl: not a regular file; expected {"id", "prediction"} lines'];
        handle = await (0,_runner_js__WEBPACK_IMPORTED_MODULE_6__/* .openRegularFile */ .ZU)(predictions);
    }
    catch {
        problems.push('predictions.jsonl: missing; the trainer must predict every eval example');
        return problems;
    }
    const seen = new Set();
    const duplicates = [];
    try {
        let lineNo = 0;
        for await (const line of (0,node_readline__WEBPACK_IMPORTED_MODULE_2__.createInterface)({ input: handle.createReadStream(), crlfDelay: Infinity })) {
            lineNo++;
            if (lineNo % 4096 === 0)
                signal?.throwIfAborted();
            if (!line.trim())
                continue;
            let row;
            try {
                row = JSON.parse(line);
            }
            catch {
                problems.push(`predictions.jsonl:${lineNo}: not JSON; expected {"id": ..., "prediction": ...}`);
                continue;
            }
            if ((typeof row.id !== 'string' && typeof row.id !== 'number') || typeof row.prediction !== 'string') {
                problems.push(`predictions.jsonl:${lineNo}: expected {"id": string, "prediction": string}`);
                continue;
            }
            const id = String(row.id);
            if (!evalIds.has(id))
                problems.push(`predictions.jsonl:${lineNo}: id '${id}' is not in the eval set`);
            else if (seen.has(id))
                duplicates.push(`predictions.jsonl:${lineNo}: a second prediction for id '${id}'`);
            seen.add(id);
        }
    }
    finally {
        await handle.close();
    }
    if (duplicates.length)
        problems.push(`${duplicates.slice(0, 3).join('; ')}${duplicates.length > 3 ? ` (and ${duplicates.length - 3} more)` : ''}; expected one prediction per eval id`);
    const missing = [...evalIds].filter(id => !seen.has(id));
    if (missing.length)
        problems.push(`predictions.jsonl: no prediction for ${missing.length} eval example(s), e.g. ${missing.slice(0, 3).join(', ')}`);
    return problems;
}
/**
 * Checks outputs made elsewhere (a --run-dir, a downloaded artifact) against today's eval set, exactly as a
 * fresh run's are checked; throws a ConfigurationError listing every problem.
 */
async function assertUsableOutputs(model, maxLineBytes, runDir, scratchDir) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(scratchDir, { recursive: true });
    const evalFile = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(scratchDir, 'eval.jsonl');
    try {
        await (0,_materialise_js__WEBPACK_IMPORTED_MODULE_5__/* .materialise */ .fq)(model, maxLineBytes, null, evalFile);
        const ids = new Set();
        const handle = await (0,_runner_js__WEBPACK_IMPORTED_MODULE_6__/* .openRegularFile */ .ZU)(evalFile);
        try {
            for await (const line of (0,node_readline__WEBPACK_IMPORTED_MODULE_2__.createInterface)({ input: handle.createReadStream(), crlfDelay: Infinity }))
                if (line.trim())
                    ids.add(String(JSON.parse(line).id));
        }
        finally {
            await handle.close();
        }
        const problems = await checkTrainerOutputs(runDir, ids);
        if (problems.length)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`The training outputs in ${runDir} cannot be used:\n${problems.map(p => `  ${p}`).join('\n')}`);
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(scratchDir, { recursive: true, force: true });
    }
}


/***/ }),

/***/ 5684:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $L: () => (/* binding */ RayApiError),
/* harmony export */   Hd: () => (/* binding */ isTerminal),
/* harmony export */   c1: () => (/* binding */ RayJobsClient),
/* harmony export */   ls: () => (/* binding */ probeRayDashboard),
/* harmony export */   sS: () => (/* binding */ rayConnectionFromEnv)
/* harmony export */ });
/* unused harmony exports RAY_JOB_STATUSES, rayJobSchema */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5491);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);



// A client of the Ray Jobs REST API, as Ray's dashboard serves it (python/ray/dashboard/modules/job/job_head.py,
// common.py, pydantic_models.py). Written by hand: Ray ships no JavaScript client, and the five routes used here
// are plain JSON over HTTP.
/** Bound of one request, from connecting to the last byte. */
const REQUEST_TIMEOUT_MS = 30_000;
/** A job's JSON answer is a few kilobytes; anything larger is refused. */
const MAX_JSON_BYTES = 1 << 20;
/** A job's status, Ray's JobStatus. */
const RAY_JOB_STATUSES = ['PENDING', 'RUNNING', 'STOPPED', 'SUCCEEDED', 'FAILED'];
/** True for STOPPED, SUCCEEDED and FAILED: states a job never leaves (JobStatus.is_terminal). */
function isTerminal(status) {
    return status === 'STOPPED' || status === 'SUCCEEDED' || status === 'FAILED';
}
/** The fields of Ray's JobDetails that Tunegate reads; others are kept as they come. */
const rayJobSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({
    type: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional(),
    submission_id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullable().optional(),
    status: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(RAY_JOB_STATUSES),
    entrypoint: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    message: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().nullable().optional(),
    /** Unix time in ms: when the job was submitted. */
    start_time: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().nullable().optional(),
    /** Unix time in ms: when it reached a terminal status. */
    end_time: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().nullable().optional(),
    metadata: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).nullable().optional(),
    entrypoint_num_gpus: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().nullable().optional(),
    driver_exit_code: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig().nullable().optional()
});
/** A refusal or failure of the Ray dashboard: the HTTP status and Ray's own text. */
class RayApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1 {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
        this.name = 'RayApiError';
    }
}
/**
 * The dashboard address and token: RAY_API_SERVER_ADDRESS, else RAY_ADDRESS (as `ray job submit` reads them),
 * which must be an http(s) URL; the token from RAY_AUTH_TOKEN, else the file RAY_AUTH_TOKEN_PATH names (Ray's
 * token authentication).
 */
async function rayConnectionFromEnv(env = process.env) {
    const name = env.RAY_API_SERVER_ADDRESS ? 'RAY_API_SERVER_ADDRESS' : 'RAY_ADDRESS';
    const address = env[name]?.trim();
    if (!address)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('training.engine is ray, but RAY_ADDRESS is not set; expected the Ray dashboard URL, e.g. RAY_ADDRESS=http://ray-head:8265');
    let url;
    try {
        url = new URL(address);
    }
    catch {
        url = new URL('invalid:');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${name} '${address}' is not a dashboard URL; expected http(s)://<head>:8265 (the Jobs API, not the GCS port 6379)`);
    let token = env.RAY_AUTH_TOKEN?.trim();
    if (!token && env.RAY_AUTH_TOKEN_PATH) {
        try {
            token = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(env.RAY_AUTH_TOKEN_PATH, 'utf8')).trim();
        }
        catch (e) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`RAY_AUTH_TOKEN_PATH '${env.RAY_AUTH_TOKEN_PATH}' cannot be read (${e instanceof Error ? e.message : String(e)}); expected a file holding the cluster's token`);
        }
    }
    return { address: address.replace(/\/+$/, ''), ...(token ? { token } : {}) };
}
/** Calls the Ray Jobs REST API with Ray's bearer token, every call bounded in time and answer size. */
class RayJobsClient {
    connection;
    timeoutMs;
    constructor(connection, timeoutMs = REQUEST_TIMEOUT_MS) {
        this.connection = connection;
        this.timeoutMs = timeoutMs;
    }
    /** The dashboard's address, for messages. */
    get address() {
        return this.connection.address;
    }
    /** GET /api/version: Ray's version and the Jobs API version. */
    async version() {
        const body = await this.json('GET', '/api/version');
        const parsed = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), ray_version: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP() }).safeParse(body);
        if (!parsed.success)
            throw new RayApiError(200, `${this.address}/api/version: not Ray's version answer`);
        return parsed.data;
    }
    /** GET /api/jobs/{id}: the job, or undefined when there is none with that id. */
    async job(submissionId) {
        const body = await this.json('GET', `/api/jobs/${encodeURIComponent(submissionId)}`, undefined, [404]);
        if (body === undefined)
            return undefined;
        const parsed = rayJobSchema.safeParse(body);
        if (!parsed.success)
            throw new RayApiError(200, `${this.address}/api/jobs/${submissionId}: not a Ray job (${parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
        return parsed.data;
    }
    /** POST /api/jobs/: submits a job; Ray refuses (400) a submission_id that exists already. */
    async submit(job) {
        const body = await this.json('POST', '/api/jobs/', job);
        const parsed = zod__WEBPACK_IMPORTED_MODULE_2__/* .looseObject */ ._H3({ submission_id: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP() }).safeParse(body);
        if (!parsed.success)
            throw new RayApiError(200, `${this.address}/api/jobs/: no submission_id in Ray's answer`);
        return parsed.data.submission_id;
    }
    /** POST /api/jobs/{id}/stop: asks Ray to stop the job; true when it was running. */
    async stop(submissionId) {
        const body = await this.json('POST', `/api/jobs/${encodeURIComponent(submissionId)}/stop`);
        return body?.stopped === true;
    }
    /**
     * GET /api/jobs/{id}/logs: the job's whole log so far (Ray has no ranged read over HTTP); an answer over
     * `maxBytes` is refused rather than held.
     */
    async logs(submissionId, maxBytes) {
        const body = await this.json('GET', `/api/jobs/${encodeURIComponent(submissionId)}/logs`, undefined, [], maxBytes);
        const logs = body?.logs;
        if (typeof logs !== 'string')
            throw new RayApiError(200, `${this.address}: no logs in Ray's answer`);
        return logs;
    }
    /** One request; the statuses in `absent` resolve to undefined, any other non-2xx throws with Ray's text. */
    async json(method, route, body, absent = [], maxBytes = MAX_JSON_BYTES, withToken = true) {
        const url = `${this.address}${route}`;
        const headers = { accept: 'application/json' };
        if (body !== undefined)
            headers['content-type'] = 'application/json';
        // Ray's token authentication: `authorization: Bearer <token>` (ray/_private/authentication).
        if (withToken && this.connection.token)
            headers.authorization = `Bearer ${this.connection.token}`;
        let res;
        try {
            res = await fetch(url, {
                method,
                headers,
                redirect: 'error',
                signal: AbortSignal.timeout(this.timeoutMs),
                ...(body !== undefined ? { body: JSON.stringify(body) } : {})
            });
        }
        catch (e) {
            const cause = e instanceof Error ? (e.cause?.message ?? e.message) : String(e);
            throw new RayApiError(0, `${method} ${url}: the Ray dashboard did not answer (${cause})`);
        }
        let text;
        try {
            text = await readCapped(res, maxBytes);
        }
        catch (e) {
            throw new RayApiError(res.status, `${method} ${url}: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (absent.includes(res.status))
            return undefined;
        if (!res.ok)
            throw new RayApiError(res.status, `${method} ${url}: HTTP ${res.status}: ${refusal(res.status, text)}`);
        try {
            return JSON.parse(text);
        }
        catch {
            throw new RayApiError(res.status, `${method} ${url}: the answer is not JSON`);
        }
    }
}
/**
 * The answer's text, refused once it passes `max` bytes. (evaluation/endpoint.ts has the same bound for endpoints,
 * but training sits below evaluation in the core's layers, so it cannot import it.)
 */
async function readCapped(res, max) {
    const reader = res.body?.getReader();
    if (!reader)
        return '';
    const parts = [];
    let total = 0;
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
        total += r.value.length;
        if (total > max) {
            await reader.cancel();
            throw new Error(`the answer is over the limit of ${max} bytes`);
        }
        parts.push(r.value);
    }
    return Buffer.concat(parts).toString('utf8');
}
/** Ray's text for a refused request, with what to do about a missing or wrong token. */
function refusal(status, text) {
    const said = text.trim().split('\n').slice(-3).join(' ').slice(0, 500);
    if (status === 401)
        return `${said}. The cluster uses token authentication: set RAY_AUTH_TOKEN (or RAY_AUTH_TOKEN_PATH)`;
    if (status === 403)
        return `${said}. RAY_AUTH_TOKEN is not the cluster's token`;
    return said;
}
/** Probes a dashboard: the job list without a token (200 = open to anyone), then the version with it. */
async function probeRayDashboard(connection, timeoutMs = 10_000) {
    const client = new RayJobsClient(connection, timeoutMs);
    let probeStatus = 0;
    try {
        await client.json('GET', '/api/jobs/', undefined, [], 8 << 20, false);
        probeStatus = 200;
    }
    catch (e) {
        if (!(e instanceof RayApiError) || e.status === 0)
            throw e;
        probeStatus = e.status;
    }
    try {
        const v = await client.version();
        return { open: probeStatus === 200, probeStatus, rayVersion: v.ray_version };
    }
    catch (e) {
        return { open: probeStatus === 200, probeStatus, problem: e instanceof Error ? e.message : String(e) };
    }
}


/***/ }),

/***/ 4898:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  a_: () => (/* binding */ trainArtifactName),
  _X: () => (/* binding */ trainModel),
  ls: () => (/* binding */ trainReleaseAssetName)
});

// UNUSED EXPORTS: TrainingError, gpuHourRate

// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/registry/fingerprint.ts
var fingerprint = __webpack_require__(3283);
// EXTERNAL MODULE: ./src/registry/git.ts
var git = __webpack_require__(6603);
// EXTERNAL MODULE: ./src/registry/run-trust.ts
var run_trust = __webpack_require__(3769);
// EXTERNAL MODULE: ./src/registry/state.ts
var registry_state = __webpack_require__(4174);
// EXTERNAL MODULE: ./src/registry/unzip.ts
var unzip = __webpack_require__(3641);
// EXTERNAL MODULE: ./src/registry/loader.ts + 1 modules
var loader = __webpack_require__(1905);
// EXTERNAL MODULE: ./src/registry/schema.ts
var schema = __webpack_require__(7908);
// EXTERNAL MODULE: ./src/training/outputs.ts
var outputs = __webpack_require__(9932);
// EXTERNAL MODULE: ./src/training/materialise.ts
var materialise = __webpack_require__(9326);
// EXTERNAL MODULE: ./src/training/backends.ts
var backends = __webpack_require__(3221);
// EXTERNAL MODULE: ./src/training/hyperparameters.ts
var hyperparameters = __webpack_require__(5236);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./node_modules/yazl/index.js
var yazl = __webpack_require__(3044);
// EXTERNAL MODULE: ./src/training/ray-jobs.ts
var ray_jobs = __webpack_require__(5684);
// EXTERNAL MODULE: ./src/training/runner.ts
var runner = __webpack_require__(4674);
;// CONCATENATED MODULE: ./src/training/ray-engine.ts










/** The manifest the job writes beside its outputs (trainers/ray/tunegate_ray_job.py), in sha256sum's format. */
const RAY_OUTPUT_MANIFEST = 'tunegate-outputs.sha256';
/** Submissions of one fingerprint: a failed or stopped job is followed by `-retry2`, `-retry3`... up to this. */
const MAX_ATTEMPTS = 20;
/** The job's log is fetched whole (Ray's HTTP API has no ranged read); past this size it is no longer streamed. */
const MAX_LOG_BYTES = 16 << 20;
/** The manifest is one line per output file. */
const MAX_MANIFEST_BYTES = 1 << 20;
/** Failed status requests in a row before the run is given up (a dashboard restart takes a few). */
const MAX_POLL_FAILURES = 10;
/** How long a stopped job may take to reach STOPPED after `graceMs` (Ray's own stop waits 3 s, then SIGKILL). */
const STOP_WAIT_MS = 30_000;
/** The Ray submission id of a fingerprint's `attempt`-th job: the same for a resubmission, so it attaches. */
function raySubmissionId(model, fingerprint, attempt = 1) {
    const base = `tunegate-${model}-${fingerprint.slice(0, 32)}`;
    return attempt === 1 ? base : `${base}-retry${attempt}`;
}
/**
 * Trains on a Ray cluster through the Ray Jobs REST API: attaches to the running (or finished) job of the same
 * training fingerprint, or stages the data and the trainer in the shared storage and submits one; follows its status,
 * log and events; stops it when the run is cancelled or over its budget; and copies its outputs into `outputDir`
 * once they match the sha256 manifest the job wrote. GPU-seconds are Ray's: (end_time − start_time) ×
 * entrypoint_num_gpus.
 */
async function runOnRay(run) {
    const client = new ray_jobs/* RayJobsClient */.c1(run.connection ?? (await (0,ray_jobs/* rayConnectionFromEnv */.sS)()));
    const warn = (m) => run.onWarning?.(m);
    const { job: found, submissionId } = await findOrSubmit(client, run);
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
        message: '',
        submissionId,
        attached: found !== undefined
    };
    run.onLog?.(found
        ? `Attached to Ray job ${submissionId} (${found.status}) on ${client.address}: the same training fingerprint was submitted before`
        : `Submitted Ray job ${submissionId} to ${client.address}`);
    const dir = stagingDir(run.engine, submissionId);
    const eventsPath = external_node_path_default().join(dir, 'out', 'events.jsonl');
    const follower = new runner/* LineFollower */.zn(eventsPath, runner/* MAX_EVENT_LINE_BYTES */.L9, warn);
    const events = (0,runner/* eventHandler */.$r)({ eventsPath, onProgress: run.onProgress, onWarning: warn }, outcome, Date.now());
    const logs = new LogStream(client, submissionId, run.onLog, warn);
    const job = await follow(client, submissionId, run, { follower, events, logs }, outcome);
    await follower.poll(events.handle);
    await logs.poll();
    outcome.stderrTail = logs.tail();
    charge(job, run.engine, outcome);
    outcome.exitCode = job.driver_exit_code ?? null;
    if (outcome.status === 'failed' && !outcome.message)
        conclude(job, events.state.done, outcome);
    if (outcome.status === 'done') {
        const problems = await collectOutputs(external_node_path_default().join(dir, 'out'), run.outputDir);
        if (problems.length) {
            outcome.status = 'failed';
            outcome.message = `the outputs of Ray job ${submissionId} do not match its manifest:\n${problems.map(p => `  ${p}`).join('\n')}`;
        }
    }
    return outcome;
}
/** The job's folder in the shared storage: data, the submitted package and the outputs. */
function stagingDir(engine, submissionId) {
    return external_node_path_default().join(engine.storage, submissionId);
}
/**
 * The job to follow: the first attempt of this fingerprint that is pending, running or (unless forced) succeeded;
 * otherwise a new one, submitted under the next free id. Found by GET, never by reading Ray's refusal text; a
 * submission refused because another run submitted the same id a moment before attaches to that one.
 */
async function findOrSubmit(client, run) {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const submissionId = raySubmissionId(run.runSpec.model, run.runSpec.fingerprint, attempt);
        const job = await client.job(submissionId);
        if (job) {
            const reusable = job.status === 'PENDING' || job.status === 'RUNNING' || (job.status === 'SUCCEEDED' && !run.force);
            if (reusable)
                return { job, submissionId };
            continue;
        }
        const request = await stage(run, submissionId);
        try {
            await client.submit(request);
            return { submissionId };
        }
        catch (e) {
            const raced = e instanceof ray_jobs/* RayApiError */.$L && e.status === 400 ? await client.job(submissionId) : undefined;
            if (raced)
                return { job: raced, submissionId };
            throw e;
        }
    }
    throw new errors/* ConfigurationError */.j1(`model '${run.runSpec.model}': ${MAX_ATTEMPTS} Ray jobs of fingerprint ${run.runSpec.fingerprint.slice(0, 12)} failed or were stopped; ` +
        `expected one to succeed (their logs: ray job logs ${raySubmissionId(run.runSpec.model, run.runSpec.fingerprint)}...)`);
}
/**
 * Writes the job's inputs into the shared storage — the data, and a zip of the run spec, the trainer and the
 * entrypoint that Ray unpacks as the job's working_dir (a file:// URI, which Ray's runtime_env accepts) — and
 * returns the submission. No job has this id yet, so nothing reads the folder that is replaced.
 */
async function stage(run, submissionId) {
    const dir = stagingDir(run.engine, submissionId);
    await (0,promises_.rm)(dir, { recursive: true, force: true });
    await (0,promises_.mkdir)(external_node_path_default().join(dir, 'data'), { recursive: true });
    await (0,promises_.mkdir)(external_node_path_default().join(dir, 'out'), { recursive: true });
    const trainFile = external_node_path_default().join(dir, 'data', 'train.jsonl');
    const evalFile = external_node_path_default().join(dir, 'data', 'eval.jsonl');
    await (0,promises_.copyFile)(run.runSpec.train_file, trainFile);
    await (0,promises_.copyFile)(run.runSpec.eval_file, evalFile);
    const spec = {
        ...run.runSpec,
        train_file: trainFile,
        eval_file: evalFile,
        output_dir: external_node_path_default().join(dir, 'out'),
        // A new attempt starts afresh: a failed attempt's checkpoints are in its own folder.
        resume_from_checkpoint: null
    };
    const zipFile = external_node_path_default().join(dir, 'package.zip');
    await writePackage(zipFile, spec);
    return {
        entrypoint: 'python tunegate_ray_job.py',
        submission_id: submissionId,
        runtime_env: {
            working_dir: `file://${zipFile}`,
            env_vars: { TUNEGATE_RUN_SPEC: 'run-spec.json', TUNEGATE_RAY_GPUS: String(run.engine.gpus) }
        },
        metadata: { tunegate_model: spec.model, tunegate_training_fingerprint: spec.fingerprint },
        entrypoint_num_gpus: run.engine.gpus,
        ...(run.engine.cpus !== undefined ? { entrypoint_num_cpus: run.engine.cpus } : {})
    };
}
/** The job's working_dir: the entrypoint, the hf-peft trainer (without its tests) and the run spec. */
async function writePackage(zipFile, spec) {
    const zip = new yazl/* ZipFile */.u();
    zip.addFile(external_node_path_default().join((0,backends/* trainersDir */.kI)(), 'ray', 'tunegate_ray_job.py'), 'tunegate_ray_job.py');
    const trainer = external_node_path_default().join((0,backends/* trainersDir */.kI)(), 'hf-peft');
    for (const e of await (0,promises_.readdir)(trainer, { withFileTypes: true }))
        if (e.isFile())
            zip.addFile(external_node_path_default().join(trainer, e.name), `hf-peft/${e.name}`);
    zip.addBuffer(Buffer.from(JSON.stringify(spec, null, 2)), 'run-spec.json');
    zip.end();
    await (0,external_node_stream_promises_.pipeline)(zip.outputStream, (0,external_node_fs_.createWriteStream)(zipFile));
}
/** Streams the job's log: each new line once, the last ones kept for a failure message. */
class LogStream {
    client;
    submissionId;
    onLog;
    warn;
    printed = 0;
    over = false;
    tailLines = new runner/* StderrTail */.bu();
    constructor(client, submissionId, onLog, warn) {
        this.client = client;
        this.submissionId = submissionId;
        this.onLog = onLog;
        this.warn = warn;
    }
    async poll() {
        if (this.over)
            return;
        let logs;
        try {
            logs = await this.client.logs(this.submissionId, MAX_LOG_BYTES);
        }
        catch (e) {
            if (!(e instanceof ray_jobs/* RayApiError */.$L) || e.status === 0)
                return;
            this.over = true;
            this.warn(`the log of Ray job ${this.submissionId} is no longer streamed: ${e.message}`);
            return;
        }
        // Only whole lines are passed on; the unfinished last one waits for the next poll.
        const end = logs.lastIndexOf('\n') + 1;
        if (end <= this.printed)
            return;
        const fresh = logs.slice(this.printed, end);
        this.printed = end;
        this.tailLines.add(Buffer.from(fresh));
        for (const line of fresh.split('\n').slice(0, -1))
            this.onLog?.(line);
    }
    tail() {
        return this.tailLines.result();
    }
}
/**
 * Polls the job until it is terminal, streaming its log and events; stops it (POST stop) when the run is cancelled,
 * past its timeout or over its GPU-seconds budget, and then waits a bounded time for Ray to say STOPPED.
 */
async function follow(client, submissionId, run, streams, outcome) {
    const started = Date.now();
    const pollMs = run.pollMs ?? 1000;
    let stopReason;
    let stopAt = 0;
    let failures = 0;
    let last;
    const sleep = () => new Promise(resolve => {
        const wake = () => {
            clearTimeout(timer);
            run.signal?.removeEventListener('abort', wake);
            resolve();
        };
        const timer = setTimeout(wake, pollMs);
        run.signal?.addEventListener('abort', wake, { once: true });
    });
    for (;;) {
        let job;
        try {
            job = await client.job(submissionId);
            failures = 0;
            last = job;
        }
        catch (e) {
            if (!(e instanceof ray_jobs/* RayApiError */.$L) || e.status !== 0 || ++failures >= MAX_POLL_FAILURES)
                throw e;
            run.onWarning?.(`${e.message}; trying again`);
        }
        if (job === undefined && failures === 0)
            throw new errors/* ConfigurationError */.j1(`Ray job ${submissionId} is gone from ${client.address} (deleted while followed)`);
        await streams.logs.poll();
        await streams.follower.poll(streams.events.handle);
        if (job && (0,ray_jobs/* isTerminal */.Hd)(job.status)) {
            if (stopReason) {
                outcome.status = stopReason;
                outcome.message = stopMessage(stopReason, run, submissionId);
            }
            return job;
        }
        const reason = !job
            ? undefined
            : run.signal?.aborted
                ? 'cancelled'
                : run.timeoutMs !== undefined && Date.now() - started > run.timeoutMs
                    ? 'timeout'
                    : run.maxGpuSeconds !== undefined && gpuSecondsSoFar(job, run.engine) > run.maxGpuSeconds
                        ? 'budget'
                        : undefined;
        if (reason && !stopReason) {
            stopReason = reason;
            stopAt = Date.now();
            run.onLog?.(`Stopping Ray job ${submissionId}: ${stopMessage(reason, run, submissionId)}`);
            await client.stop(submissionId);
        }
        if (stopReason && last && Date.now() - stopAt > (run.graceMs ?? 0) + STOP_WAIT_MS) {
            outcome.status = stopReason;
            outcome.message = `${stopMessage(stopReason, run, submissionId)}, but Ray did not report it stopped within ${(0,runner/* describeDuration */.MB)((run.graceMs ?? 0) + STOP_WAIT_MS)}`;
            return last;
        }
        await sleep();
    }
}
function stopMessage(reason, run, submissionId) {
    if (reason === 'timeout')
        return `the Ray job ran past its timeout of ${(0,runner/* describeDuration */.MB)(run.timeoutMs ?? 0)} and was stopped`;
    if (reason === 'budget')
        return `the Ray job used its budget of ${((run.maxGpuSeconds ?? 0) / 3600).toFixed(2)} GPU-hours and was stopped`;
    return `the run was cancelled; Ray job ${submissionId} was stopped`;
}
/** GPUs the job holds: its entrypoint_num_gpus as Ray reports it, else the engine's. */
function jobGpus(job, engine) {
    return job.entrypoint_num_gpus ?? engine.gpus;
}
function gpuSecondsSoFar(job, engine) {
    if (!job.start_time)
        return 0;
    return ((Date.now() - job.start_time) / 1000) * jobGpus(job, engine);
}
/** Wall and GPU seconds from Ray's own start and end times (ms) and the GPUs reserved for the entrypoint. */
function charge(job, engine, outcome) {
    if (!job.start_time)
        return;
    const end = job.end_time ?? Date.now();
    outcome.wallSeconds = Math.max(0, (end - job.start_time) / 1000);
    outcome.gpuSeconds = outcome.wallSeconds * jobGpus(job, engine);
}
function conclude(job, sawDone, outcome) {
    const said = job.message ? `: ${job.message}` : '';
    if (job.status === 'SUCCEEDED' && sawDone) {
        outcome.status = 'done';
        outcome.message = 'the Ray job finished';
    }
    else if (job.status === 'SUCCEEDED')
        outcome.message = `Ray job ${outcome.submissionId} succeeded without a {"type":"done"} event in its events.jsonl`;
    else if (job.status === 'STOPPED')
        outcome.message = `Ray job ${outcome.submissionId} was stopped outside this run${said}`;
    else
        outcome.message = `Ray job ${outcome.submissionId} failed${said}`;
}
/** sha256 of a file, streamed. */
async function fileDigest(file) {
    const handle = await (0,runner/* openRegularFile */.ZU)(file);
    try {
        const hash = (0,external_node_crypto_.createHash)('sha256');
        for await (const chunk of handle.createReadStream({ highWaterMark: 1 << 20, autoClose: false }))
            hash.update(chunk);
        return hash.digest('hex');
    }
    finally {
        await handle.close();
    }
}
/** The manifest's lines, `<sha256>  <relative path>`; a malformed line is named with its number. */
function parseOutputManifest(text, where) {
    const files = new Map();
    text.split('\n').forEach((line, i) => {
        if (!line.trim())
            return;
        const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
        const rel = m?.[2];
        if (!m || !rel || external_node_path_default().isAbsolute(rel) || rel.split('/').some(p => p === '..' || p === '' || p === '.'))
            throw new errors/* ConfigurationError */.j1(`${where}:${i + 1}: expected '<sha256>  <relative path>' (sha256sum's format), got '${line.slice(0, 200)}'`);
        files.set(rel, m[1]);
    });
    return files;
}
/**
 * Copies the job's outputs into the run's folder and checks each copy against the manifest the job wrote: a file
 * whose digest differs is named with both digests; a listed file that is missing, or an adapter file that is not
 * listed, is a problem too. The copies are what is checked, so what is used is what was verified.
 */
async function collectOutputs(from, to) {
    const manifestFile = external_node_path_default().join(from, RAY_OUTPUT_MANIFEST);
    let text;
    try {
        const handle = await (0,runner/* openRegularFile */.ZU)(manifestFile);
        try {
            const { size } = await handle.stat();
            if (size > MAX_MANIFEST_BYTES)
                return [`${manifestFile}: ${size} bytes, over the ${MAX_MANIFEST_BYTES} bytes of a manifest`];
            text = await handle.readFile('utf8');
        }
        finally {
            await handle.close();
        }
    }
    catch (e) {
        if (e instanceof errors/* ConfigurationError */.j1)
            return [e.message];
        return [`${manifestFile}: missing; the job writes it when its trainer succeeded`];
    }
    let listed;
    try {
        listed = parseOutputManifest(text, manifestFile);
    }
    catch (e) {
        return [e instanceof Error ? e.message : String(e)];
    }
    const problems = [];
    for (const stale of ['adapter', 'predictions.jsonl', 'events.jsonl'])
        await (0,promises_.rm)(external_node_path_default().join(to, stale), { recursive: true, force: true });
    for (const [rel, expected] of listed) {
        const target = external_node_path_default().join(to, rel);
        try {
            await (0,promises_.mkdir)(external_node_path_default().dirname(target), { recursive: true });
            await (0,promises_.copyFile)(external_node_path_default().join(from, rel), target);
        }
        catch {
            problems.push(`${rel}: listed in ${RAY_OUTPUT_MANIFEST} but missing from ${from}`);
            continue;
        }
        const actual = await fileDigest(target);
        if (actual !== expected)
            problems.push(`${rel}: sha256 ${actual}, but ${RAY_OUTPUT_MANIFEST} says ${expected}`);
    }
    for (const rel of await listFiles(external_node_path_default().join(from, 'adapter'), 'adapter'))
        if (!listed.has(rel))
            problems.push(`${rel}: in ${from} but not listed in ${RAY_OUTPUT_MANIFEST}`);
    await (0,promises_.writeFile)(external_node_path_default().join(to, RAY_OUTPUT_MANIFEST), text);
    return problems;
}
async function listFiles(dir, rel) {
    let entries;
    try {
        entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
    }
    catch {
        return [];
    }
    const out = [];
    for (const e of entries)
        if (e.isDirectory())
            out.push(...(await listFiles(external_node_path_default().join(dir, e.name), `${rel}/${e.name}`)));
        else
            out.push(`${rel}/${e.name}`);
    return out;
}
/**
 * The function that runs a trainer: runTrainer on this runner, or, with a `ray` engine, runOnRay given the same
 * limits, cancellation and progress callbacks.
 */
function trainOn(engine, run) {
    if (!engine)
        return runner/* runTrainer */.DW;
    return o => runOnRay({
        engine,
        ...run,
        ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
        ...(o.maxGpuSeconds !== undefined ? { maxGpuSeconds: o.maxGpuSeconds } : {}),
        ...(o.graceMs !== undefined ? { graceMs: o.graceMs } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
        ...(o.onWarning ? { onWarning: o.onWarning } : {})
    });
}

;// CONCATENATED MODULE: ./src/training/train.ts





















/** The artifact name of a training result: found again by its fingerprint, whichever run made it. */
function trainArtifactName(model, trainingFingerprint) {
    return `tunegate-train-${model}-${trainingFingerprint.slice(0, 32)}`;
}
/** The release asset that carries a version's training outputs: what the promote step attaches. */
function trainReleaseAssetName(model, trainingFingerprint) {
    return `${trainArtifactName(model, trainingFingerprint)}.zip`;
}
/** Registered versions searched for a cached result, newest first. */
const RELEASES_SEARCHED = 20;
/**
 * Looks through the model's registered versions (newest first) for a release that carries the training
 * outputs of this fingerprint, and unpacks them into `outputDir`. Returns the tag, or undefined.
 */
async function fromRelease(host, repo, model, fingerprint, outputDir) {
    const state = (0,registry_state/* resolveState */.KS)(await (0,registry_state/* readTags */.g$)(repo)).get(model);
    const tags = (state?.versions ?? []).filter(v => v.registered && v.tag).slice(0, RELEASES_SEARCHED);
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'tunegate-release-cache-'));
    try {
        for (const v of tags) {
            const zip = external_node_path_default().join(dir, 'outputs.zip');
            if (!(await host.downloadReleaseAsset(v.tag, trainReleaseAssetName(model, fingerprint), zip)))
                continue;
            await (0,promises_.rm)(outputDir, { recursive: true, force: true });
            await (0,unzip/* unzipTo */.U)(await (0,promises_.readFile)(zip), outputDir);
            return v.tag;
        }
        return undefined;
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
/** GPU-hour price for a runner: the first runner label with a rate in registry.yaml, else `default`. */
function gpuHourRate(config, labels) {
    const rates = config.cost?.gpu_hour ?? {};
    for (const l of labels)
        if (rates[l] !== undefined)
            return rates[l];
    return rates.default ?? 0;
}
async function idsOf(file) {
    const ids = new Set();
    for await (const line of (0,external_node_readline_.createInterface)({ input: (0,external_node_fs_.createReadStream)(file), crlfDelay: Infinity }))
        if (line.trim())
            ids.add(String(JSON.parse(line).id));
    return ids;
}
async function exists(p) {
    try {
        await (0,promises_.stat)(p);
        return true;
    }
    catch {
        return false;
    }
}
/** sha256 of a trainer output, opened only if it is a regular file. */
async function outputDigest(file) {
    const handle = await (0,runner/* openRegularFile */.ZU)(file);
    try {
        const hash = (0,external_node_crypto_.createHash)('sha256');
        let bytes = 0;
        for await (const chunk of handle.createReadStream({
            highWaterMark: 1 << 20,
            autoClose: false
        })) {
            hash.update(chunk);
            bytes += chunk.length;
        }
        return { sha256: hash.digest('hex'), bytes };
    }
    finally {
        await handle.close();
    }
}
/** Each output file of a run (the adapter's files, predictions and events) with its digest. */
async function outputFiles(outputDir) {
    const outputs = [];
    const walk = async (dir) => {
        for (const e of await (0,promises_.readdir)(dir, { withFileTypes: true })) {
            const abs = external_node_path_default().join(dir, e.name);
            if (e.isDirectory())
                await walk(abs);
            else
                outputs.push({ file: external_node_path_default().relative(outputDir, abs), ...(await outputDigest(abs)) });
        }
    };
    await walk(external_node_path_default().join(outputDir, 'adapter'));
    for (const f of ['predictions.jsonl', 'events.jsonl'])
        outputs.push({ file: f, ...(await outputDigest(external_node_path_default().join(outputDir, f))) });
    return outputs;
}
/** The last checkpoint a previous attempt of the same run recorded and left on disk. */
async function lastCheckpoint(eventsFile) {
    let last = null;
    let handle;
    try {
        handle = await (0,runner/* openRegularFile */.ZU)(eventsFile);
    }
    catch {
        return null;
    }
    try {
        for await (const line of (0,external_node_readline_.createInterface)({
            input: handle.createReadStream({ autoClose: false }),
            crlfDelay: Infinity
        })) {
            try {
                const e = JSON.parse(line);
                if (e.type === 'checkpoint' && typeof e.path === 'string' && (await exists(e.path)))
                    last = e.path;
            }
            catch {
                // a torn last line of an interrupted run
            }
        }
    }
    finally {
        await handle.close();
    }
    return last;
}
/**
 * Reuses an earlier result with the same training fingerprint: the cache folder, then workflow artifacts,
 * then release assets. Every source is checked exactly as a fresh run is (outputs, a prediction for every
 * eval id, safetensors headers) and its manifest must carry the fingerprints computed now and the digests of
 * the files beside it; a result that fails is reported and not used.
 */
async function reuseCached(plan, options, log) {
    const { spec } = plan.model;
    const sources = [];
    if (options.cacheDir) {
        const cached = external_node_path_default().join(options.cacheDir, plan.fp);
        sources.push({
            describe: cached,
            fetch: async (into) => {
                if (!(await exists(external_node_path_default().join(cached, 'run.json'))))
                    return undefined;
                await (0,promises_.cp)(cached, into, { recursive: true });
                return cached;
            }
        });
    }
    const host = options.host;
    if (host) {
        sources.push({
            describe: `artifact ${plan.artifactName}`,
            fetch: async (into) => {
                const live = (await host.listArtifacts({ name: plan.artifactName })).filter((a) => !a.expired);
                // A fork's pull request uploads artifacts under any name: only a trusted run's result is reused.
                const found = await (0,run_trust/* trustedArtifacts */.tV)(host, live, log);
                const newest = found.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0];
                if (!newest)
                    return undefined;
                await host.downloadArtifact(newest, into);
                return `artifact ${plan.artifactName} (run ${newest.runId ?? '?'})`;
            }
        });
        sources.push({
            describe: 'releases',
            fetch: async (into) => {
                const repo = await (0,git/* gitTopLevel */.oB)(plan.registry.root).catch(() => undefined);
                const tag = repo ? await fromRelease(host, repo, spec.name, plan.fp, into) : undefined;
                return tag ? `release ${tag}` : undefined;
            }
        });
    }
    // Each candidate is unpacked beside the run's folder and moves in only once it passed: a failed one leaves
    // an interrupted run's checkpoints where they are.
    const staging = `${plan.outputDir}.reused`;
    try {
        for (const source of sources) {
            await (0,promises_.rm)(staging, { recursive: true, force: true });
            const where = await source.fetch(staging);
            if (!where)
                continue;
            const problems = await checkReused(plan, staging, options.signal);
            if (problems.length) {
                log(`warning: the earlier result in ${where} is not used:\n${problems.map(p => `  ${p}`).join('\n')}`);
                continue;
            }
            const manifest = JSON.parse(await readRegular(external_node_path_default().join(staging, 'run.json')));
            await (0,promises_.rm)(plan.outputDir, { recursive: true, force: true });
            await (0,promises_.rename)(staging, plan.outputDir);
            log(`Cache hit: ${spec.name} was trained before with fingerprint ${plan.fp.slice(0, 12)} (${where}); no GPU time spent.`);
            return { manifest, source: where };
        }
        return undefined;
    }
    finally {
        await (0,promises_.rm)(staging, { recursive: true, force: true });
    }
}
async function readRegular(file) {
    const handle = await (0,runner/* openRegularFile */.ZU)(file);
    try {
        return await handle.readFile('utf8');
    }
    finally {
        await handle.close();
    }
}
/** Why an unpacked earlier result cannot be reused; empty when it can. */
async function checkReused(plan, dir, signal) {
    let manifest;
    try {
        manifest = JSON.parse(await readRegular(external_node_path_default().join(dir, 'run.json')));
    }
    catch (e) {
        return [`run.json: unreadable (${e instanceof Error ? e.message : String(e)})`];
    }
    const problems = [];
    if (manifest.training_fingerprint !== plan.fp)
        problems.push(`run.json: training fingerprint ${String(manifest.training_fingerprint)}, not ${plan.fp}`);
    if (manifest.evaluation_fingerprint !== plan.identity.evaluation_fingerprint)
        problems.push(`run.json: evaluation fingerprint ${String(manifest.evaluation_fingerprint)}, not ${plan.identity.evaluation_fingerprint}`);
    if (problems.length)
        return problems;
    // The eval ids of today's data: a reused result must predict every one of them.
    const evalFile = external_node_path_default().join(dir, 'data', 'eval.jsonl');
    await (0,promises_.mkdir)(external_node_path_default().dirname(evalFile), { recursive: true });
    await (0,materialise/* materialise */.fq)(plan.model, plan.registry.config.policy.max_line_bytes, null, evalFile);
    problems.push(...(await (0,outputs/* checkTrainerOutputs */.C)(dir, await idsOf(evalFile), signal)));
    if (problems.length)
        return problems;
    const listed = new Map((Array.isArray(manifest.outputs) ? manifest.outputs : []).map(f => [f.file, f.sha256]));
    for (const f of await outputFiles(dir)) {
        const expected = listed.get(f.file);
        if (expected === undefined)
            problems.push(`${f.file}: not listed in run.json`);
        else if (expected !== f.sha256)
            problems.push(`${f.file}: sha256 ${f.sha256}, but run.json says ${expected}`);
        listed.delete(f.file);
    }
    for (const missing of listed.keys())
        problems.push(`${missing}: listed in run.json but missing`);
    return problems;
}
/** Loads the model and derives its identity, trainer and folders. */
async function planRun(options) {
    const { registry, model: found } = options.loaded ?? (await (0,loader/* loadRegistryModel */.Tu)(options.registryDir, options.model));
    const model = options.trainerOverride
        ? { ...found, spec: { ...found.spec, training: { ...found.spec.training, trainer: options.trainerOverride } } }
        : found;
    const trainer = (0,backends/* trainerIdentity */.K_)(model.spec);
    const identity = await (0,fingerprint/* modelIdentity */.IT)(model, trainer);
    const fp = identity.training_fingerprint;
    return {
        registry,
        model,
        trainer,
        identity,
        fp,
        artifactName: trainArtifactName(model.spec.name, fp),
        outputDir: external_node_path_default().resolve(options.workDir, (0,constants/* runFolderName */.t0)(model.spec.name, fp))
    };
}
/**
 * Trains one model: reuses an earlier result with the same training fingerprint unless forced,
 * otherwise materialises the data, runs the trainer under its budget, checks its outputs, and
 * writes the run manifest. A retried run resumes from its last checkpoint.
 */
async function trainModel(options) {
    const log = options.log ?? (() => undefined);
    const plan = await planRun(options);
    const result = (manifest, cache, outcome) => ({
        model: plan.model.spec.name,
        identity: plan.identity,
        outputDir: plan.outputDir,
        artifactName: plan.artifactName,
        cache,
        ...(outcome ? { outcome } : {}),
        manifest
    });
    if (!options.force) {
        const reused = await reuseCached(plan, options, log);
        if (reused)
            return result(reused.manifest, { hit: true, source: reused.source });
    }
    const run = await runFresh(plan, options, log);
    const manifest = await writeManifest(plan, options, run);
    const { outcome } = run;
    return result(manifest, { hit: false }, outcome);
}
/** Materialises the data, runs the trainer and checks what it left; throws TrainingError when unusable. */
async function runFresh(plan, options, log) {
    const { registry, model, trainer, fp, outputDir } = plan;
    const { spec } = model;
    // A retried run of the same fingerprint finds its earlier attempt here and resumes from its checkpoint.
    await (0,promises_.mkdir)(external_node_path_default().join(outputDir, 'data'), { recursive: true });
    const eventsFile = external_node_path_default().join(outputDir, 'events.jsonl');
    const resumeFrom = options.force ? null : await lastCheckpoint(eventsFile);
    if (!resumeFrom) {
        for (const stale of ['events.jsonl', 'predictions.jsonl', 'adapter', 'checkpoints', 'run.json'])
            await (0,promises_.rm)(external_node_path_default().join(outputDir, stale), { recursive: true, force: true });
    }
    else
        log(`Resuming from ${resumeFrom}`);
    const trainFile = external_node_path_default().join(outputDir, 'data', 'train.jsonl');
    const evalFile = external_node_path_default().join(outputDir, 'data', 'eval.jsonl');
    log(`Preparing the data of ${spec.name}`);
    const data = await (0,materialise/* materialise */.fq)(model, registry.config.policy.max_line_bytes, trainFile, evalFile, { log });
    const runSpec = {
        schema: 'tunegate.run-spec/v1',
        model: spec.name,
        task_family: spec.task_family,
        base_model: {
            id: spec.base_model.id,
            revision: spec.base_model.revision,
            architecture: spec.base_model.architecture,
            context_window: spec.base_model.context_window
        },
        method: spec.training.method,
        // Resolved: every trainer runs with the documented defaults of src/training/hyperparameters.ts.
        hyperparameters: (0,hyperparameters/* resolveHyperparameters */.Rp)(spec.training.trainer, spec.training.hyperparameters, spec.base_model.context_window),
        seed: spec.training.seed,
        train_file: trainFile,
        eval_file: evalFile,
        data_format: data.format,
        labels: spec.data.labels ?? null,
        output_dir: outputDir,
        resume_from_checkpoint: resumeFrom,
        fingerprint: fp,
        ...(spec.training.distributed ? { distributed: spec.training.distributed } : {})
    };
    const specPath = external_node_path_default().join(outputDir, 'run-spec.json');
    await (0,promises_.writeFile)(specPath, JSON.stringify(runSpec, null, 2));
    // The `ray` engine runs the hf-peft trainer on a cluster; the baseline floor (trainerOverride) stays local.
    const ray = spec.training.trainer === 'hf-peft' ? spec.training.engine : undefined;
    const gpuCount = ray?.gpus ?? options.gpuCount ?? (spec.training.trainer === 'baseline' ? 0 : (0,runner/* detectGpuCount */.Fr)());
    const repoRoot = await (0,git/* gitTopLevel */.oB)(registry.root).catch(() => external_node_path_default().dirname(registry.root));
    const command = await (0,backends/* trainerCommand */.ht)(spec, runSpec, repoRoot, gpuCount);
    const budget = spec.training.budget;
    const startedAt = new Date();
    log(`Training ${spec.name} with ${trainer.name} ${trainer.version} on ${gpuCount} GPU(s): ${data.trainRows} train rows, ${data.evalRows} eval rows`);
    const outcome = await trainOn(ray, { runSpec, outputDir, force: options.force === true, onLog: log })({
        trainer: command,
        // The baseline is Tunegate's own code; any other trainer runs code or weights a pull request chose, so it is
        // kept from the tokens this process holds.
        isolate: spec.training.trainer !== 'baseline' && (0,runner/* holdsSecrets */.YU)(),
        specPath,
        eventsPath: eventsFile,
        gpuCount,
        ...(budget.timeout_minutes !== undefined ? { timeoutMs: budget.timeout_minutes * 60_000 } : {}),
        ...(budget.max_gpu_hours !== undefined ? { maxGpuSeconds: budget.max_gpu_hours * 3600 } : {}),
        ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        onWarning: m => log(`warning: ${m}`)
    });
    if (outcome.status !== 'done') {
        const tail = outcome.stderrTail.filter(l => l.trim()).slice(-15);
        throw new TrainingError(`Training ${spec.name} failed: ${outcome.message}.${tail.length ? `\nLast lines of the trainer's stderr:\n${tail.map(l => `  ${l}`).join('\n')}` : ''}`, outcome);
    }
    const withoutTarget = rowsWithoutTarget(outcome, runSpec, data.trainRows);
    if (withoutTarget && withoutTarget.rows > withoutTarget.max_share * data.trainRows)
        throw new TrainingError(`Training ${spec.name}: ${withoutTarget.rows} of ${data.trainRows} train rows leave no target token within ` +
            `max_seq_length ${withoutTarget.max_seq_length}, above max_share_without_target ${withoutTarget.max_share}; ` +
            'raise max_seq_length or shorten these prompts (tunegate validate lists them)', outcome);
    const problems = await (0,outputs/* checkTrainerOutputs */.C)(outputDir, await idsOf(evalFile), options.signal).catch((e) => {
        if (options.signal?.aborted)
            throw new TrainingError(`Training ${spec.name} was cancelled while its outputs were checked`, outcome);
        throw e;
    });
    if (problems.length)
        throw new TrainingError(`The outputs of ${spec.name}'s trainer cannot be used:\n${problems.map(p => `  ${p}`).join('\n')}`, outcome);
    return { outcome, data, resumeFrom, startedAt, gpuCount, withoutTarget };
}
/** The trainer's count of train rows with no target token within max_seq_length, with the limits it ran under. */
function rowsWithoutTarget(outcome, run, trainRows) {
    const counted = outcome.metrics.filter(m => m.name === 'train_rows_without_target').at(-1);
    if (!counted)
        return undefined;
    const hp = run.hyperparameters;
    const rows = Math.round(counted.value);
    if (!(rows >= 0 && rows <= trainRows))
        throw new TrainingError(`the trainer reported ${counted.value} train rows without a target token; expected a count from 0 to ${trainRows}`, outcome);
    // A command trainer's hyperparameters are its own: where it sets neither, the documented defaults apply.
    const defaults = (0,hyperparameters/* resolveHyperparameters */.Rp)('hf-peft', {}, run.base_model.context_window);
    return {
        rows,
        max_seq_length: (0,hyperparameters/* maxSeqLength */.wn)(hp, run.base_model.context_window),
        max_share: Number(hp.max_share_without_target ?? defaults.max_share_without_target)
    };
}
/** Writes run.json (lineage, cost, digests of every output) and fills the local cache folder. */
async function writeManifest(plan, options, run) {
    const { registry, model, trainer, identity, fp, outputDir } = plan;
    const { spec } = model;
    const { outcome } = run;
    const rate = gpuHourRate(registry.config, (0,schema/* runnerLabels */._Q)(spec.training.runner));
    const manifest = {
        schema: 'tunegate.train-run/v1',
        model: spec.name,
        training_fingerprint: fp,
        evaluation_fingerprint: identity.evaluation_fingerprint,
        trainer,
        base_model: { id: spec.base_model.id, revision: spec.base_model.revision },
        method: spec.training.method,
        runner: {
            name: options.runnerName ?? 'local',
            labels: (0,schema/* runnerLabels */._Q)(spec.training.runner),
            os: process.platform,
            gpus: run.gpuCount
        },
        started_at: run.startedAt.toISOString(),
        finished_at: new Date().toISOString(),
        wall_seconds: Math.round(outcome.wallSeconds * 10) / 10,
        gpu_seconds: Math.round(outcome.gpuSeconds * 10) / 10,
        cost: {
            currency: registry.config.cost?.currency ?? 'USD',
            amount: Math.round((outcome.gpuSeconds / 3600) * rate * 100) / 100,
            rate_per_gpu_hour: rate
        },
        rows: { train: run.data.trainRows, eval: run.data.evalRows },
        ...(run.withoutTarget ? { without_target: run.withoutTarget } : {}),
        resumed_from: run.resumeFrom,
        loss_curve: outcome.progress.filter(p => p.loss !== undefined).map(p => ({ step: p.step, loss: p.loss })),
        outputs: await outputFiles(outputDir)
    };
    await (0,promises_.writeFile)(external_node_path_default().join(outputDir, 'run.json'), JSON.stringify(manifest, null, 2));
    if (options.cacheDir) {
        const target = external_node_path_default().join(options.cacheDir, fp);
        await (0,promises_.rm)(target, { recursive: true, force: true });
        await (0,promises_.mkdir)(target, { recursive: true });
        for (const f of ['adapter', 'predictions.jsonl', 'events.jsonl', 'run.json'])
            await (0,promises_.cp)(external_node_path_default().join(outputDir, f), external_node_path_default().join(target, f), { recursive: true });
    }
    return manifest;
}
/** A training run that did not produce usable outputs; carries what the runner saw. */
class TrainingError extends errors/* ConfigurationError */.j1 {
    outcome;
    constructor(message, outcome) {
        super(message);
        this.outcome = outcome;
        this.name = 'TrainingError';
    }
}


/***/ })

};
