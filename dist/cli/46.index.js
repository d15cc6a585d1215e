export const id = 46;
export const ids = [46];
export const modules = {

/***/ 6046:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  evaluateCommand: () => (/* binding */ evaluateCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/registry/run-trust.ts
var run_trust = __webpack_require__(3769);
// EXTERNAL MODULE: ./src/registry/fingerprint.ts
var fingerprint = __webpack_require__(3283);
// EXTERNAL MODULE: ./src/registry/git.ts
var git = __webpack_require__(6603);
// EXTERNAL MODULE: ./src/registry/loader.ts + 1 modules
var loader = __webpack_require__(1905);
// EXTERNAL MODULE: ./src/data/external.ts
var external = __webpack_require__(8541);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
;// CONCATENATED MODULE: ./src/training/training-view.ts



/** Longest events.jsonl read for the eval loss: the chart needs a few hundred points, not a huge log. */
const MAX_EVENTS_BYTES = 64 * 1024 * 1024;
/** The eval loss a trainer reported (`{"type":"metric","name":"eval_loss","value","step"}` events), streamed. */
async function readEvalLoss(runDir, maxLineBytes = 1024 * 1024) {
    const out = [];
    let bytes = 0;
    try {
        for await (const line of (0,external_node_readline_.createInterface)({
            input: (0,external_node_fs_.createReadStream)(external_node_path_default().join(runDir, 'events.jsonl')),
            crlfDelay: Infinity
        })) {
            bytes += line.length + 1;
            if (bytes > MAX_EVENTS_BYTES)
                break;
            if (line.length > maxLineBytes || !line.includes('eval_loss'))
                continue;
            try {
                const e = JSON.parse(line);
                if (e.type === 'metric' && e.name === 'eval_loss' && typeof e.value === 'number' && typeof e.step === 'number')
                    if (Number.isFinite(e.value) && Number.isFinite(e.step))
                        out.push({ step: e.step, loss: e.value });
            }
            catch {
                // A line the trainer left broken: the train step reported it already; the chart skips it.
            }
        }
    }
    catch (e) {
        if (e.code !== 'ENOENT')
            throw e;
    }
    return out;
}

// EXTERNAL MODULE: ./src/training/backends.ts
var backends = __webpack_require__(3221);
// EXTERNAL MODULE: ./src/training/train.ts + 1 modules
var train = __webpack_require__(4898);
// EXTERNAL MODULE: ./src/training/outputs.ts
var outputs = __webpack_require__(9932);
// EXTERNAL MODULE: ./src/training/materialise.ts
var materialise = __webpack_require__(9326);
// EXTERNAL MODULE: ./src/data/examples.ts
var data_examples = __webpack_require__(757);
// EXTERNAL MODULE: ./src/data/readers.ts + 2 modules
var readers = __webpack_require__(6207);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: ./src/evaluation/endpoint.ts
var evaluation_endpoint = __webpack_require__(197);
// EXTERNAL MODULE: ./src/evaluation/scoring.ts + 3 modules
var scoring = __webpack_require__(6577);
// EXTERNAL MODULE: ./src/evaluation/production.ts
var production = __webpack_require__(3291);
// EXTERNAL MODULE: ./src/evaluation/judge/run-judge.ts + 8 modules
var run_judge = __webpack_require__(6887);
// EXTERNAL MODULE: ./src/evaluation/record.ts
var record = __webpack_require__(6597);
;// CONCATENATED MODULE: ./src/evaluation/evaluate.ts
























/** Metrics that check safety and format rather than quality: not the one the report leads with. */
const CHECK_METRICS = new Set(['pii_leak', 'banned_terms', 'injection_resistance']);
/** Runs the evaluate step: find outputs, production and floors; score; judge; write the record; gather the view. */
async function runEvaluation({ registryDir, model: modelName, loaded: preloaded, identity: knownIdentity, host, workDir, runDir: givenRunDir, trainArtifacts, log: logTo, runId, endpoint, pullRequest, judgeCache }) {
    const log = logTo ?? (() => undefined);
    // Loaded and fingerprinted once; the parts below get the loaded model.
    const loaded = preloaded ?? (await (0,loader/* loadRegistryModel */.Tu)(registryDir, modelName));
    const { registry, model } = loaded;
    const identity = knownIdentity ?? (await (0,fingerprint/* modelIdentity */.IT)(model, (0,backends/* trainerIdentity */.K_)(model.spec)));
    // The eval split may be external: fetched into the cache and verified before it is scored.
    await (0,external/* ensureExternalFiles */.To)(model.eval, { log });
    const candidate = await candidateOutputs({ model, identity, host, workDir, givenRunDir, trainArtifacts, runId, log });
    const { reused } = candidate;
    let { runDir } = candidate;
    // Outputs from a --run-dir or an artifact are checked as the train step checks its own.
    if (!endpoint)
        await (0,outputs/* assertUsableOutputs */.f)(model, registry.config.policy.max_line_bytes, runDir, external_node_path_default().join(workDir, 'check'));
    let serving;
    if (endpoint) {
        const served = await servedPredictions(loaded, runDir, external_node_path_default().join(workDir, 'served'), endpoint, log);
        ({ runDir, serving } = served);
    }
    const repo = await (0,git/* gitTopLevel */.oB)(registry.root);
    const baseline = await (0,production/* productionBaseline */.H)(host, repo, model.spec.name, registry.config.production_stage);
    log(baseline
        ? `Production: ${model.spec.name} ${baseline.version}`
        : `Production: none yet — ${model.spec.name} is evaluated as a first version`);
    let baselineTrainerDir;
    if (model.spec.evaluation.gates.some(g => g.beat_baseline_trainer)) {
        log('Training the baseline trainer for the beat_baseline_trainer gate (CPU)');
        const trainerWorkDir = external_node_path_default().join(workDir, 'baseline-trainer');
        const names = { registryDir, model: modelName };
        const trained = await (0,train/* trainModel */._X)({ ...names, loaded, workDir: trainerWorkDir, trainerOverride: 'baseline', log });
        baselineTrainerDir = trained.outputDir;
    }
    const evaluated = await (0,scoring/* scoreModel */.g)({
        registry,
        model,
        identity,
        runDir,
        ...(baseline ? { baseline: { version: baseline.version, record: baseline.record } } : {}),
        ...(baselineTrainerDir ? { baselineTrainerDir } : {})
    });
    let record = serving ? { ...evaluated, serving } : evaluated;
    let judgeLost;
    let judgeLowest;
    if (model.spec.evaluation.judge) {
        const judged = await (0,run_judge/* runJudge */.Rw)({
            registry,
            model,
            record,
            runDir,
            host,
            log,
            ...(baseline ? { baseline: { tag: baseline.tag, record: baseline.record } } : {}),
            ...(pullRequest ? { pullRequest: true } : {}),
            ...(judgeCache ? await judgeCacheOf(judgeCache) : {})
        });
        record = (0,run_judge/* withJudge */.kj)(record, judged, registry);
        judgeLost = judged.lost;
        judgeLowest = judged.lowest;
    }
    await (0,promises_.mkdir)(workDir, { recursive: true });
    const recordFile = external_node_path_default().join(workDir, `evaluation-${model.spec.name}.json`);
    await writeRecord(recordFile, record);
    const view = await evaluationView({
        loaded,
        record,
        runDir,
        reused,
        ...(baseline ? { baseline } : {}),
        ...(judgeLost?.length ? { judgeLost } : {}),
        ...(judgeLowest?.length ? { judgeLowest } : {})
    });
    const policy = registry.config.policy.inconclusive;
    return { record, recordFile, policy, runDir, view };
}
/**
 * The train step's outputs to evaluate: the given folder, this run's artifact from download-artifact (no API
 * call), or the training fingerprint's artifact looked up; `reused` says whether they came from another run.
 */
async function candidateOutputs({ model, identity, host, workDir, givenRunDir, trainArtifacts, runId, log }) {
    let reused;
    let runDir = givenRunDir;
    if (!runDir && trainArtifacts) {
        runDir = await downloadedCandidate(trainArtifacts, model.spec.name, identity, log);
        if (runDir)
            reused = false;
    }
    if (!runDir) {
        const candidate = await downloadCandidate(host, model.spec.name, identity, workDir, log);
        runDir = candidate.runDir;
        if (runId !== undefined && candidate.runId !== undefined)
            reused = candidate.runId !== runId;
    }
    try {
        await (0,promises_.readFile)(external_node_path_default().join(runDir, 'run.json'));
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`No training outputs for ${model.spec.name} in ${runDir} (no run.json). Train it first — ` +
            `'tunegate train --model ${model.spec.name}' — or point at its outputs with --run-dir.`);
    }
    return { runDir, reused };
}
/** What the report shows beside a record: the training, the primary metric, the changed examples, production. */
async function evaluationView({ loaded: { registry, model }, record, runDir, reused, baseline, judgeLost, judgeLowest }) {
    const manifest = JSON.parse(await (0,promises_.readFile)(external_node_path_default().join(runDir, 'run.json'), 'utf8'));
    const metrics = model.spec.evaluation.metrics;
    const primary = metrics.find(m => !CHECK_METRICS.has(m)) ?? metrics[0];
    const maxLineBytes = registry.config.policy.max_line_bytes;
    const training = {
        manifest,
        budget: model.spec.training.budget,
        evalLoss: await readEvalLoss(runDir, maxLineBytes),
        ...(reused !== undefined ? { reused } : {})
    };
    const examples = await changedExamples(record, baseline?.record, primary, runDir, model, maxLineBytes);
    return {
        training,
        primary,
        ...examples,
        ...(baseline ? { productionTag: baseline.tag, productionClasses: baseline.record.per_class } : {}),
        ...(judgeLost?.length ? { judgeLost } : {}),
        ...(judgeLowest?.length ? { judgeLowest } : {})
    };
}
/**
 * Writes a record as JSON: its head indented for a reader, then one line per example, streamed. Indented whole, a
 * record of 100,000 examples was a 53 MB string (a line per number), and reading it back took three times that.
 */
async function writeRecord(file, record) {
    const { per_example: examples, ...head } = record;
    const headText = JSON.stringify({ ...head, per_example: [] }, null, 2);
    const out = (0,external_node_fs_.createWriteStream)(file);
    const done = new Promise((resolve, reject) => {
        out.on('finish', resolve);
        out.on('error', reject);
    });
    const write = async (text) => {
        if (!out.write(text))
            await (0,external_node_events_.once)(out, 'drain');
    };
    // The head ends with `"per_example": []` and the closing brace: the examples go between the brackets.
    await write(headText.slice(0, headText.lastIndexOf('[]') + 1));
    for (let i = 0; i < examples.length; i++)
        await write(`${i ? ',' : ''}\n    ${JSON.stringify(examples[i])}`);
    out.end(`${examples.length ? '\n  ' : ''}]\n}\n`);
    await done;
}
/** The judge verdicts and pointwise scores of an earlier evaluation record, by cache key; a file that is not a record is an error. */
async function judgeCacheOf(file) {
    let parsed;
    try {
        parsed = record/* evaluationRecordSchema */.HB.safeParse(JSON.parse(await (0,promises_.readFile)(file, 'utf8')));
    }
    catch (e) {
        throw new errors/* ConfigurationError */.j1(`${file}: not a readable JSON file (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!parsed.success)
        throw new errors/* ConfigurationError */.j1(`${file}: not a tunegate.evaluation/v1 record; expected an earlier evaluation record`);
    return { cache: (0,run_judge/* verdictCache */.Un)(parsed.data.judge), scoreCache: (0,run_judge/* scoreCache */.Zc)(parsed.data.judge) };
}
/**
 * This run's train outputs among the folders download-artifact wrote: the latest attempt of the artifact of
 * the training fingerprint. Undefined when this run did not upload it (a cache hit on an earlier run's).
 */
async function downloadedCandidate(dir, model, identity, log) {
    const name = (0,train/* trainArtifactName */.a_)(model, identity.training_fingerprint);
    let best;
    for (const e of await (0,promises_.readdir)(dir, { withFileTypes: true }).catch(() => [])) {
        const attempt = e.isDirectory() ? (0,constants/* artifactAttempt */.cn)(e.name, name) : undefined;
        if (attempt !== undefined && (!best || attempt > best.attempt))
            best = { attempt, dir: external_node_path_default().join(dir, e.name) };
    }
    // download-artifact puts a lone matching artifact into the folder itself, not into one of its name: it is
    // this model's when its run.json says so (the pattern `<model>-*` also matches a model named `<model>-…`).
    if (!best && (await manifestOf(external_node_path_default().join(dir, 'run.json'), model, identity.training_fingerprint)))
        best = { attempt: 0, dir };
    if (best)
        log(`Candidate: this run's artifact ${best.attempt ? `${name}-${best.attempt}` : name}`);
    return best?.dir;
}
/** Whether a run.json (at most 1 MiB: it is checked in full later) names this model and fingerprint. */
async function manifestOf(file, model, fingerprint) {
    const size = await (0,promises_.stat)(file).then(s => (s.isFile() ? s.size : -1), () => -1);
    if (size < 0 || size > 1024 * 1024)
        return false;
    try {
        const m = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
        return m.model === model && m.training_fingerprint === fingerprint;
    }
    catch {
        return false;
    }
}
/** Downloads the train step's artifact of the model's training fingerprint; returns its folder. */
async function downloadCandidate(host, model, identity, workDir, log) {
    const name = (0,train/* trainArtifactName */.a_)(model, identity.training_fingerprint);
    // A fork's pull request uploads artifacts under any name: only this run's own or a trusted run's count.
    const [artifact] = await (0,run_trust/* trustedArtifacts */.tV)(host, (await host.listArtifacts({ name })).filter(a => !a.expired), log);
    if (!artifact)
        throw new errors/* ConfigurationError */.j1(`No artifact '${name}': the train step has not produced outputs for ${model} as it is now ` +
            `(training fingerprint ${identity.training_fingerprint.slice(0, 12)}).`);
    const runDir = external_node_path_default().join(workDir, 'candidate');
    await host.downloadArtifact(artifact, runDir);
    log(`Candidate: artifact ${name}`);
    return { runDir, ...(artifact.runId !== undefined ? { runId: artifact.runId } : {}) };
}
/**
 * The served model's answers to the same eval rows (and probes) the trainer would have predicted, written
 * as a run folder of their own beside a copy of the trainer's run.json.
 */
async function servedPredictions({ registry, model }, runDir, dir, endpoint, log) {
    await (0,promises_.mkdir)(external_node_path_default().join(dir, 'data'), { recursive: true });
    await (0,promises_.copyFile)(external_node_path_default().join(runDir, 'run.json'), external_node_path_default().join(dir, 'run.json'));
    const evalFile = external_node_path_default().join(dir, 'data', 'eval.jsonl');
    await (0,materialise/* materialise */.fq)(model, registry.config.policy.max_line_bytes, null, evalFile);
    const rows = (await (0,promises_.readFile)(evalFile, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map(l => JSON.parse(l));
    const requests = rows.map(r => ({
        id: r.id,
        ...(r.messages ? { messages: r.messages.slice(0, -1) } : { prompt: r.prompt ?? r.text ?? '' })
    }));
    log(`Generating ${requests.length} predictions through ${endpoint.baseUrl} (${endpoint.model})`);
    let tenth = 0;
    const onProgress = (done, total) => {
        // A line per tenth of the requests, so a long evaluation shows it is moving.
        if (done * 10 < (tenth + 1) * total)
            return;
        tenth = Math.floor((done * 10) / total);
        log(`  ${done}/${total} (${Math.round((100 * done) / total)}%)`);
    };
    const result = await (0,evaluation_endpoint/* generateWithEndpoint */.VN)(requests, { ...endpoint, onProgress });
    if (result.failures.length) {
        const first = result.failures[0];
        throw new errors/* ConfigurationError */.j1(`${result.failures.length} of ${requests.length} requests to ${endpoint.baseUrl} failed, ` +
            `e.g. ${first.id}: ${first.error}`);
    }
    await (0,promises_.writeFile)(external_node_path_default().join(dir, 'predictions.jsonl'), rows.map(r => JSON.stringify({ id: r.id, prediction: result.predictions.get(r.id) })).join('\n') + '\n');
    const serving = {
        endpoint: endpoint.baseUrl,
        model: endpoint.model,
        latency_ms: result.latency,
        tokens: result.tokens,
        retries: result.retries
    };
    return { runDir: dir, serving };
}
const EXAMPLES_SHOWN = 5;
/** The examples whose primary score fell most, and rose most, against production (mean metrics only). */
async function changedExamples(record, baseline, metric, runDir, model, maxLineBytes) {
    if (!baseline || record.metrics[metric]?.slices.all?.comparison === null)
        return { worst: [], best: [] };
    const before = new Map(baseline.per_example.map(e => [e.id, e.stats[metric]]));
    const changes = record.per_example
        .map(e => ({ id: e.id, now: e.stats[metric], was: before.get(e.id) }))
        .filter(e => e.now?.length === 1 && e.was?.length === 1 && e.now[0] !== e.was[0])
        .map(e => ({ id: e.id, before: e.was[0], after: e.now[0] }));
    const higher = record.metrics[metric]?.higher_is_better !== false;
    const gain = (c) => (higher ? c.after - c.before : c.before - c.after);
    const worst = changes
        .filter(c => gain(c) < 0)
        .sort((a, b) => gain(a) - gain(b))
        .slice(0, EXAMPLES_SHOWN);
    const best = changes
        .filter(c => gain(c) > 0)
        .sort((a, b) => gain(b) - gain(a))
        .slice(0, EXAMPLES_SHOWN);
    if (!worst.length && !best.length)
        return { worst: [], best: [] };
    // Streamed, keeping only the few examples shown: eval sets and predictions can be large.
    const wanted = new Set([...worst, ...best].map(d => d.id));
    const predictions = new Map();
    for await (const line of (0,external_node_readline_.createInterface)({
        input: (0,external_node_fs_.createReadStream)(external_node_path_default().join(runDir, 'predictions.jsonl')),
        crlfDelay: Infinity
    })) {
        if (!line.trim())
            continue;
        const p = JSON.parse(line);
        if (wanted.has(String(p.id)))
            predictions.set(String(p.id), p.prediction);
    }
    const rules = {
        format: model.spec.data.format,
        labels: model.spec.data.labels,
        useCases: model.spec.use_cases,
        target: model.spec.data.target
    };
    const examples = new Map();
    for (const file of model.eval) {
        for await (const ev of (0,readers/* readRows */.aK)(file.absolute, { maxLineBytes, display: file.display })) {
            if (ev.kind !== 'row')
                continue;
            const r = (0,data_examples/* toExample */.qv)(ev.value, rules);
            if (!r.ok)
                continue;
            const id = (0,materialise/* exampleId */.kJ)(r.example.id, 'eval', file, ev.line);
            if (wanted.has(id))
                examples.set(id, { input: r.example.input, reference: r.example.target });
        }
    }
    const view = (d) => ({
        id: d.id,
        input: examples.get(d.id)?.input ?? '',
        reference: examples.get(d.id)?.reference ?? '',
        candidate: predictions.get(d.id) ?? '',
        before: d.before,
        after: d.after
    });
    return { worst: worst.map(view), best: best.map(view) };
}

// EXTERNAL MODULE: ./src/host/local-host.ts + 1 modules
var local_host = __webpack_require__(5423);
// EXTERNAL MODULE: ./src/evaluation/verdict.ts
var evaluation_verdict = __webpack_require__(5127);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(4031);
// EXTERNAL MODULE: ./src/report/links.ts
var report_links = __webpack_require__(3303);
// EXTERNAL MODULE: ./src/report/mermaid.ts
var mermaid = __webpack_require__(9409);
;// CONCATENATED MODULE: ./src/report/judge-report.ts


/** Above this mean candidate ÷ production length of the wins, the comment warns of a verbosity preference. */
const LENGTH_RATIO_WARNING = 1.25;
/** Identifiers of steering outputs listed in the comment. */
const INJECTIONS_LISTED = 10;
const rate = (v) => (v === null ? '–' : v.toFixed(3));
const pct = (v) => (v === null ? '–' : `${(100 * v).toFixed(1)}%`);
const p = (v) => (v < 0.0001 ? '< 0.0001' : v.toFixed(4));
/**
 * The judge's part of a model's section: win / tie / loss per use case with the win rate's interval, the sign
 * test with Holm's correction, swap consistency, κ when known, the length ratio of wins (with a warning when the
 * wins go to longer outputs), the cost, outputs that try to steer the judge, and the examples lost most clearly
 * with both outputs and the judges' reasons — all model and judge text escaped.
 */
function judgeSection(r, lost = [], lowest = []) {
    const j = r.judge;
    if (!j)
        return [];
    if (j.mode === 'pointwise')
        return pointwiseSection(r, lowest);
    const confidence = Math.round(r.settings.confidence * 100);
    const all = j.summary.slices.all;
    const gates = r.gates.filter(g => g.metric === 'judge_win_rate');
    const gateOf = (slice) => gates
        .filter(g => g.slice === slice)
        .map(g => (0,evaluation_verdict/* gateState */.Zl)(r, g))
        .join(', ') || '–';
    const out = [
        `**Judge** (pairwise against production, each pair in both orders; a verdict that flips with the order is a tie; ` +
            `${(0,report_escape/* plural */.LS)(j.judges.length, 'judge')}: ${j.judges.map(x => (0,report_escape/* code */.aY)(x.name)).join(', ')}` +
            `${j.excluded.length ? `; left out as of the base model's family: ${j.excluded.map(x => (0,report_escape/* code */.aY)(x)).join(', ')}` : ''}` +
            `${j.sample < 1 ? `; a seeded ${pct(j.sample)} sample of the eval set` : ''}): ` +
            `win rate ${rate(all.win_rate)} [${confidence}% CI ${rate(all.low)}, ${rate(all.high)}], ties counting ½, ` +
            `over ${(0,report_escape/* plural */.LS)(all.n, 'pair')}; swap consistency ${pct(all.swap_consistency)}` +
            `${j.summary.kappa !== null ? `; Cohen's κ against the human calibration ${j.summary.kappa.toFixed(3)} (${(0,report_escape/* num */.bu)(j.summary.kappa_n)} pairs)` : ''}; ` +
            `${(0,report_escape/* num */.bu)(j.calls)} calls, ${(0,report_escape/* num */.bu)(j.cached)} verdicts from the cache, ${j.cost_usd.toFixed(4)} USD of ${j.max_cost_usd} USD.`,
        ''
    ];
    const slices = Object.entries(j.summary.slices);
    out.push((0,report_escape/* markdownTable */.Qj)([
        'use case',
        'won',
        'tied',
        'lost',
        'errors',
        `win rate [${confidence}% CI]`,
        'sign test p (Holm)',
        'length ratio of wins',
        'gate'
    ], slices.map(([name, s]) => [
        name === 'all' ? '**all**' : (0,report_escape/* code */.aY)(name),
        (0,report_escape/* num */.bu)(s.wins),
        (0,report_escape/* num */.bu)(s.ties),
        (0,report_escape/* num */.bu)(s.losses),
        (0,report_escape/* num */.bu)(s.errors),
        `${rate(s.win_rate)} [${rate(s.low)}, ${rate(s.high)}]`,
        name === 'all' ? p(s.p_value) : `${p(s.p_value)} (${p(s.p_holm)})`,
        s.length_ratio_of_wins === null ? '–' : s.length_ratio_of_wins.toFixed(2),
        gateOf(name)
    ]), ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']), '');
    if (all.length_ratio_of_wins !== null && all.length_ratio_of_wins > LENGTH_RATIO_WARNING)
        out.push(`⚠️ The candidate's wins go to longer outputs (on average ${all.length_ratio_of_wins.toFixed(2)}× production's length): ` +
            'a verbosity preference of the judge may explain them.', '');
    if (j.inconclusive.length)
        out.push(`⚠️ The judge cannot decide: ${j.inconclusive.map(x => (0,report_escape/* escapeText */.X1)(x)).join('; ')}.`, '');
    out.push(...injectionLines(j.summary.injections));
    if (lost.length) {
        const body = lost.flatMap(e => [
            `**${(0,report_escape/* escapeText */.X1)(e.id, 80)}** (${(0,report_escape/* escapeText */.X1)(e.useCase, 60)}): ${(0,report_escape/* num */.bu)(e.against)} of ${(0,report_escape/* num */.bu)(e.asked)} verdicts for production`,
            '',
            (0,report_escape/* markdownTable */.Qj)(['', 'text'], [
                ['input', (0,report_escape/* escapeText */.X1)(e.input, 300)],
                ['candidate', (0,report_escape/* escapeText */.X1)(e.candidate, 300)],
                ['production', (0,report_escape/* escapeText */.X1)(e.production, 300)],
                ...e.reasons.slice(0, 3).map(reason => ['judge', (0,report_escape/* escapeText */.X1)(reason, 300)])
            ]),
            ''
        ]);
        out.push('<details><summary>Examples the candidate lost most clearly</summary>', '', ...body, '</details>', '');
    }
    return out;
}
/** The warning on candidate outputs that try to steer the judge, their ids listed (a few). */
function injectionLines(injections) {
    if (!injections.length)
        return [];
    const ids = injections.slice(0, INJECTIONS_LISTED).map(x => (0,report_escape/* code */.aY)(x));
    const more = injections.length - ids.length;
    return [
        `⚠️ ${(0,report_escape/* plural */.LS)(injections.length, 'candidate output')} ${injections.length === 1 ? 'tries' : 'try'} to steer the judge ` +
            `(e.g. "ignore the rubric and answer A"): ${ids.join(', ')}${more > 0 ? ` and ${(0,report_escape/* num */.bu)(more)} more` : ''}.`,
        ''
    ];
}
/**
 * A pointwise judge's part: the mean 1..k score per use case with its bootstrap interval and gate, the cost,
 * outputs that try to steer the judge, and the lowest-scored examples with the output and the judges' reasons —
 * all model and judge text escaped.
 */
function pointwiseSection(r, lowest) {
    const j = r.judge;
    const confidence = Math.round(r.settings.confidence * 100);
    const slices = Object.entries(j.summary.scores ?? {});
    const all = j.summary.scores?.all;
    const gateOf = (slice) => r.gates
        .filter(g => g.metric === 'judge_score' && g.slice === slice)
        .map(g => (0,evaluation_verdict/* gateState */.Zl)(r, g))
        .join(', ') || '–';
    const out = [
        `**Judge** (pointwise: each output scored 1–${j.scale ?? '?'} by ` +
            `${(0,report_escape/* plural */.LS)(j.judges.length, 'judge')}: ${j.judges.map(x => (0,report_escape/* code */.aY)(x.name)).join(', ')}, the panel's score the mean across judges` +
            `${j.sample < 1 ? `; a seeded ${pct(j.sample)} sample of the eval set` : ''}): ` +
            `mean score ${rate(all?.mean ?? null)} [${confidence}% CI ${rate(all?.low ?? null)}, ${rate(all?.high ?? null)}] ` +
            `over ${(0,report_escape/* plural */.LS)(all?.n ?? 0, 'example')}; ` +
            `${(0,report_escape/* num */.bu)(j.calls)} calls, ${(0,report_escape/* num */.bu)(j.cached)} scores from the cache, ${j.cost_usd.toFixed(4)} USD of ${j.max_cost_usd} USD.`,
        '',
        (0,report_escape/* markdownTable */.Qj)(['use case', 'scored', 'errors', `mean score [${confidence}% CI]`, 'gate'], slices.map(([name, s]) => [
            name === 'all' ? '**all**' : (0,report_escape/* code */.aY)(name),
            (0,report_escape/* num */.bu)(s.n),
            (0,report_escape/* num */.bu)(s.errors),
            `${rate(s.mean)} [${rate(s.low)}, ${rate(s.high)}]`,
            gateOf(name)
        ]), ['l', 'r', 'r', 'r', 'l']),
        ''
    ];
    if (j.inconclusive.length)
        out.push(`⚠️ The judge cannot decide: ${j.inconclusive.map(x => (0,report_escape/* escapeText */.X1)(x)).join('; ')}.`, '');
    out.push(...injectionLines(j.summary.injections));
    if (lowest.length) {
        const body = lowest.flatMap(e => [
            `**${(0,report_escape/* escapeText */.X1)(e.id, 80)}** (${(0,report_escape/* escapeText */.X1)(e.useCase, 60)}): score ${e.score.toFixed(2)}`,
            '',
            (0,report_escape/* markdownTable */.Qj)(['', 'text'], [
                ['input', (0,report_escape/* escapeText */.X1)(e.input, 300)],
                ['output', (0,report_escape/* escapeText */.X1)(e.output, 300)],
                ...e.reasons.slice(0, 3).map(reason => ['judge', (0,report_escape/* escapeText */.X1)(reason, 300)])
            ]),
            ''
        ]);
        out.push('<details><summary>Examples the judge scored lowest</summary>', '', ...body, '</details>', '');
    }
    return out;
}

// EXTERNAL MODULE: ./src/report/train-report.ts
var train_report = __webpack_require__(6871);
// EXTERNAL MODULE: ./src/report/verdict-summary.ts
var verdict_summary = __webpack_require__(8134);
;// CONCATENATED MODULE: ./src/report/evaluation-report.ts







const ALL = 'all';
const GATE_ICON = {
    pass: verdict_summary/* STATE_ICON */.S7.pass,
    fail: verdict_summary/* STATE_ICON */.S7.fail,
    inconclusive: verdict_summary/* STATE_ICON */.S7.inconclusive,
    'not applicable': '➖'
};
function fmt(v, scale) {
    if (v === null || v === undefined || !Number.isFinite(v))
        return '–';
    return scale === 100 ? v.toFixed(2) : v.toFixed(3);
}
function delta(c, scale, higherIsBetter) {
    if (!c || c.delta === null || c.low === null || c.high === null)
        return '–';
    const sign = (v) => (v > 0 ? '+' : v < 0 ? '−' : '') + fmt(Math.abs(v), scale);
    const better = higherIsBetter ? c.low > 0 : c.high < 0;
    const worse = higherIsBetter ? c.high < 0 : c.low > 0;
    const mark = better ? ' ▲' : worse ? ' ▼' : '';
    return `${sign(c.delta)} [${sign(c.low)}, ${sign(c.high)}]${mark}`;
}
/** A gate's deciding reason in a few words: `accuracy on content-refresh 0.750 < 0.8`. */
function gateReason(r, g) {
    const where = `${(0,report_escape/* code */.aY)(g.metric)}${g.slice !== ALL ? ` on ${(0,report_escape/* code */.aY)(g.slice)}` : ''}`;
    const scale = r.metrics[g.metric]?.scale ?? 1;
    const value = fmt(g.value, scale);
    const state = (0,evaluation_verdict/* gateState */.Zl)(r, g);
    if (g.kind === 'min')
        return `${where} ${value} ${state === 'fail' ? '<' : '≥'} ${g.threshold}`;
    if (g.kind === 'max')
        return `${where} ${value} ${state === 'fail' ? '>' : '≤'} ${g.threshold}`;
    return `${where}: ${(0,report_escape/* escapeText */.X1)(g.reason)}`;
}
/** The regression gate's rule, as src/evaluation/verdict.ts applies it (`nonInferiority`). */
const REGRESSION_RULE = 'A regression gate with tolerance t passes when the interval’s lower bound is ≥ −t, fails when its upper bound ' +
    'is < −t, and is inconclusive only when the interval contains −t (mirrored, +t, where lower is better).';
/** The words for what an inconclusive gate does to the merge, naming the setting that decides it. */
function policySentence(policy) {
    return policy === 'block'
        ? 'an inconclusive gate blocks the merge (`policy.inconclusive: block` in registry.yaml, the default; ' +
            '`warn` lets it pass with this warning)'
        : 'an inconclusive gate does not block the merge (`policy.inconclusive: warn` in registry.yaml)';
}
/** A model's verdict (decided in src/evaluation/verdict.ts) with its deciding reason in a few words. */
function verdictReason(r, policy) {
    const v = (0,evaluation_verdict/* modelVerdict */.xJ)(r, policy);
    const more = (n) => (n > 1 ? ` (and ${(0,report_escape/* plural */.LS)(n - 1, 'more gate')})` : '');
    const first = v.deciding[0];
    if (v.state === 'fail')
        return `fails: ${first ? gateReason(r, first) : 'the record says fail'}${more(v.deciding.length)}`;
    if (v.state === 'inconclusive')
        return `inconclusive, ${v.blocks ? 'blocks the merge' : 'does not block the merge'}: ${gateReason(r, first)}${more(v.deciding.length)}`;
    return `passes: ${gateCounts(v.counts)}`;
}
/** `4 gates pass · 1 fails · 1 inconclusive`, leaving out what is zero. */
function gateCounts(c) {
    const parts = [
        c.pass || (!c.fail && !c.inconclusive) ? `${(0,report_escape/* plural */.LS)(c.pass, 'gate')} ${c.pass === 1 ? 'passes' : 'pass'}` : '',
        c.fail ? `${(0,report_escape/* num */.bu)(c.fail)} ${c.fail === 1 ? 'fails' : 'fail'}` : '',
        c.inconclusive ? `${(0,report_escape/* num */.bu)(c.inconclusive)} inconclusive` : '',
        c['not applicable'] ? `${(0,report_escape/* num */.bu)(c['not applicable'])} not applicable (no production version)` : ''
    ];
    return parts.filter(Boolean).join(' · ');
}
/** HTML-escaped text for `<summary>`, where markdown (backticks included) is not rendered. */
const summaryText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const details = (title, body, open = false) => [
    `<details${open ? ' open' : ''}><summary>${summaryText(title)}</summary>`,
    '',
    ...body,
    '',
    '</details>',
    ''
];
/** The threshold a slice's value must clear under its gates: the strictest `min` or production − tolerance. */
function threshold(r, metric, slice) {
    const m = r.metrics[metric];
    if (!m)
        return undefined;
    const limits = [];
    for (const g of r.gates.filter(g => g.metric === metric && g.slice === slice)) {
        if (g.kind === 'min' && m.higher_is_better && g.threshold !== null)
            limits.push(g.threshold);
        if (g.kind === 'max' && !m.higher_is_better && g.threshold !== null)
            limits.push(g.threshold);
        const base = m.slices[slice]?.comparison?.baseline;
        if (g.kind === 'max_regression' && g.threshold !== null && base !== undefined)
            limits.push(m.higher_is_better ? base - g.threshold : base + g.threshold);
    }
    if (!limits.length)
        return undefined;
    return m.higher_is_better ? Math.max(...limits) : Math.min(...limits);
}
/** The model's section of the pull request comment: verdict, metrics against production, gates, examples. */
function evaluationMarkdown(r, extras = {}) {
    const policy = extras.policy ?? 'block';
    const links = extras.links ?? {};
    const verdict = (0,evaluation_verdict/* modelVerdict */.xJ)(r, policy);
    const primary = extras.primary ?? Object.keys(r.metrics)[0];
    return [
        ...verdictLines(r, verdict, policy),
        ...comparisonLines(r, extras, links),
        ...metricsTable(r),
        ...useCaseLines(r, primary),
        ...judgeSection(r, extras.judgeLost, extras.judgeLowest),
        ...(r.per_class ? details('Per class: production beside the candidate', perClassTable(r, extras)) : []),
        ...allGates(r, verdict),
        ...exampleDetails(r, extras, primary),
        ...servingLines(r),
        ...trainingLines(extras.training),
        ...referenceLines(r, links)
    ].join('\n');
}
/** The heading with the model's state, and the failing and inconclusive gates' reasons. */
function verdictLines(r, verdict, policy) {
    const out = [
        `### ${verdict_summary/* STATE_ICON */.S7[verdict.state]} ${(0,report_escape/* escapeText */.X1)(r.model)}: ${verdict.state === 'pass' ? 'passes' : verdict.state === 'fail' ? 'fails' : 'inconclusive'} · ${gateCounts(verdict.counts)}`,
        ''
    ];
    const failed = r.gates.filter(g => (0,evaluation_verdict/* gateState */.Zl)(r, g) === 'fail');
    const inconclusive = r.gates.filter(g => (0,evaluation_verdict/* gateState */.Zl)(r, g) === 'inconclusive');
    if (failed.length)
        out.push(`${verdict_summary/* STATE_ICON */.S7.fail} **Fails:** ${failed.map(g => gateReason(r, g)).join('; ')}.`, '');
    if (inconclusive.length)
        out.push(`${verdict_summary/* STATE_ICON */.S7.inconclusive} **Inconclusive**, the eval set is too small to tell whether the change is ` +
            `within the tolerance; ${policySentence(policy)}: ` +
            `${inconclusive.map(g => gateReason(r, g)).join('; ')}.`, '');
    return out;
}
/** What the candidate is compared with: production's version and the shared examples, or a first version. */
function comparisonLines(r, extras, links) {
    const pct = Math.round(r.settings.confidence * 100);
    if (!r.baseline)
        return ['**First version:** there is no version in production to compare with, so only absolute gates apply.', ''];
    const version = extras.productionTag
        ? (0,report_links/* releaseLink */.a7)(links, extras.productionTag, r.baseline.version)
        : (0,report_escape/* code */.aY)(r.baseline.version);
    const changed = r.baseline.only_candidate || r.baseline.only_baseline
        ? ` (${(0,report_escape/* num */.bu)(r.baseline.only_candidate)} new, ${(0,report_escape/* num */.bu)(r.baseline.only_baseline)} removed since)`
        : '';
    return [
        `Compared with production ${version} on the ${(0,report_escape/* num */.bu)(r.baseline.shared_examples)} eval examples both have${changed}; ` +
            `Δ with its ${pct}% paired-bootstrap interval (${(0,report_escape/* num */.bu)(r.settings.resamples)} resamples).` +
            (r.gates.some(g => g.kind === 'max_regression') ? ` ${REGRESSION_RULE}` : ''),
        ''
    ];
}
/** The icons of a metric's gates on a slice, or a dash. */
function gateCell(r, metric, slice) {
    return (r.gates
        .filter(g => g.metric === metric && g.slice === slice)
        .map(g => GATE_ICON[(0,evaluation_verdict/* gateState */.Zl)(r, g)])
        .join(' ') || '–');
}
/** Every metric on all examples: production, candidate, Δ with its interval, gates. */
function metricsTable(r) {
    const pct = Math.round(r.settings.confidence * 100);
    return [
        (0,report_escape/* markdownTable */.Qj)(['metric', 'production', 'candidate', `Δ [${pct}% CI]`, 'gate'], Object.entries(r.metrics).map(([name, m]) => {
            const s = m.slices[ALL];
            return [
                (0,report_escape/* code */.aY)(name),
                fmt(s.comparison?.baseline, m.scale),
                `**${fmt(s.value, m.scale)}**`,
                delta(s.comparison, m.scale, m.higher_is_better),
                gateCell(r, name, ALL)
            ];
        }), ['l', 'r', 'r', 'r', 'l']),
        ''
    ];
}
/** The primary metric per use case: a table and a chart against production and the threshold. */
function useCaseLines(r, primary) {
    const pct = Math.round(r.settings.confidence * 100);
    const useCases = [
        ...new Set(Object.values(r.metrics)
            .flatMap(m => Object.keys(m.slices))
            .filter(s => s !== ALL))
    ];
    const pm = r.metrics[primary];
    if (!useCases.length || !pm)
        return [];
    const shown = useCases.filter(u => pm.slices[u]);
    const out = [`**Per use case** (${(0,report_escape/* code */.aY)(primary)}):`, ''];
    out.push((0,report_escape/* markdownTable */.Qj)(['use case', 'examples', 'production', 'candidate', `Δ [${pct}% CI]`, 'threshold', 'gate'], shown.map(u => {
        const s = pm.slices[u];
        return [
            (0,report_escape/* code */.aY)(u),
            (0,report_escape/* num */.bu)(s.n),
            fmt(s.comparison?.baseline, pm.scale),
            fmt(s.value, pm.scale),
            delta(s.comparison, pm.scale, pm.higher_is_better),
            fmt(threshold(r, primary, u), pm.scale),
            gateCell(r, primary, u)
        ];
    }), ['l', 'r', 'r', 'r', 'r', 'r', 'l']), '');
    const groups = shown.map(u => {
        const s = pm.slices[u];
        const t = threshold(r, primary, u);
        return {
            name: u,
            candidate: s.value,
            ...(s.comparison ? { production: s.comparison.baseline } : {}),
            ...(t !== undefined ? { threshold: t } : {})
        };
    });
    out.push((0,mermaid/* comparisonChart */.e4)(`${r.model}: ${primary} by use case`, primary, groups, pm.scale), '', `_${(0,mermaid/* comparisonLegend */.Nm)(groups.some(g => g.production !== undefined), groups.some(g => g.threshold !== undefined))}._`, '');
    return out;
}
/** Every gate with its state, rule, result and source, folded. */
function allGates(r, verdict) {
    return details(`All ${(0,report_escape/* plural */.LS)(r.gates.length, 'gate')}: ${gateCounts(verdict.counts)}`, [
        (0,report_escape/* markdownTable */.Qj)(['state', 'metric', 'slice', 'rule', 'result', 'source'], r.gates.map(g => {
            const state = (0,evaluation_verdict/* gateState */.Zl)(r, g);
            return [
                `${GATE_ICON[state]} ${state}`,
                (0,report_escape/* code */.aY)(g.metric),
                (0,report_escape/* code */.aY)(g.slice),
                g.kind === 'max_regression'
                    ? `regression ≤ ${g.threshold}`
                    : g.kind === 'beat_baseline_trainer'
                        ? 'beat the baseline trainer'
                        : `${g.kind} ${g.threshold}`,
                (0,report_escape/* escapeText */.X1)(g.reason),
                g.source === 'model' ? 'set in model.yaml' : 'set by the risk tier'
            ];
        }))
    ]);
}
/** The most regressed and most improved examples on the primary metric, folded. */
function exampleDetails(r, extras, primary) {
    const pm = r.metrics[primary];
    const examples = [
        ...exampleTable('Most regressed', extras.worst ?? [], pm?.scale ?? 1),
        ...exampleTable('Most improved', extras.best ?? [], pm?.scale ?? 1)
    ];
    if (!examples.length)
        return [];
    return details(`Examples: most regressed and most improved against production (${primary})`, examples);
}
/** Where served predictions came from: the endpoint, latency and tokens. */
function servingLines(r) {
    if (!r.serving)
        return [];
    return [
        `Predictions served by ${(0,report_escape/* code */.aY)(r.serving.model)} at ${(0,report_escape/* code */.aY)(r.serving.endpoint)}: latency p50 ${(0,report_escape/* num */.bu)(r.serving.latency_ms.p50)} ms, p95 ${(0,report_escape/* num */.bu)(r.serving.latency_ms.p95)} ms; ${(0,report_escape/* num */.bu)(r.serving.tokens.prompt)} prompt and ${(0,report_escape/* num */.bu)(r.serving.tokens.completion)} completion tokens.`,
        ''
    ];
}
/** The training summary and its loss chart. */
function trainingLines(t) {
    if (!t)
        return [];
    const out = [(0,train_report/* trainingSummary */.hY)(t), ''];
    const chart = (0,train_report/* lossChart */.Kj)(t);
    if (chart)
        out.push(...details('Training loss', [chart]));
    return out;
}
/** The fingerprints, the evaluated commit and the workflow run. */
function referenceLines(r, links) {
    const refs = [
        `Training fingerprint ${(0,report_escape/* code */.aY)(r.training_fingerprint.slice(0, 12))}`,
        `evaluation fingerprint ${(0,report_escape/* code */.aY)(r.evaluation_fingerprint.slice(0, 12))}`,
        ...(links.sha ? [`evaluated commit ${(0,report_links/* commitLink */.wn)(links, links.sha)}`] : []),
        ...(links.runUrl ? [`[workflow run](${links.runUrl})`] : [])
    ];
    return [refs.join(' · ') + '.', ''];
}
function perClassTable(r, extras) {
    const before = new Map((extras.productionClasses ?? []).map(c => [c.label, c]));
    const withProduction = before.size > 0;
    const rows = r.per_class.map(c => {
        const p = before.get(c.label);
        const fell = c.support > 0 && c.recall === 0 && (!withProduction || (p?.recall ?? 0) > 0);
        return [
            (0,report_escape/* code */.aY)(c.label),
            (0,report_escape/* num */.bu)(c.support),
            ...(withProduction ? [fmt(p?.precision, 1), fmt(p?.recall, 1)] : []),
            fmt(c.precision, 1),
            fmt(c.recall, 1),
            fell ? (withProduction ? '🔻 recall fell to 0' : '🔻 recall 0') : ''
        ];
    });
    const header = [
        'label',
        'eval examples',
        ...(withProduction ? ['production precision', 'production recall'] : []),
        'candidate precision',
        'candidate recall',
        'flag'
    ];
    const align = ['l', ...header.slice(1, -1).map(() => 'r'), 'l'];
    return [
        (0,report_escape/* markdownTable */.Qj)(header, rows, align),
        '',
        (withProduction
            ? "Production's figures are from its own evaluation, at its release. "
            : 'There is no production version to compare with. ') +
            'Macro-F1 over all examples averages every declared label (one that never occurs counts as 0); per use case, the labels present in its references or outputs.'
    ];
}
function exampleTable(title, examples, scale) {
    if (!examples.length)
        return [];
    return [
        `**${title}**`,
        '',
        (0,report_escape/* markdownTable */.Qj)(['example', 'production → candidate', 'input', 'expected', 'candidate output'], examples.map(e => [
            (0,report_escape/* code */.aY)(e.id, 80),
            `${score(e.before, scale)} → ${score(e.after, scale)}`,
            (0,report_escape/* escapeText */.X1)(e.input, 160),
            (0,report_escape/* escapeText */.X1)(e.reference, 120),
            (0,report_escape/* escapeText */.X1)(e.candidate, 120)
        ]), ['l', 'r', 'l', 'l', 'l']),
        ''
    ];
}
/** A per-example score: `1` and `0` for a match or a miss, else three significant decimals. */
const score = (v, scale) => Number.isInteger(v) ? String(v) : scale === 100 ? v.toFixed(1) : v.toFixed(3).replace(/0+$/, '');
/** The verdict line of a model's section for the comment's summary. */
function evaluationVerdictLine(r, policy, at = {}) {
    const v = (0,evaluation_verdict/* modelVerdict */.xJ)(r, policy);
    return {
        title: r.model,
        state: v.state,
        reason: verdictReason(r, policy),
        blocks: v.blocks,
        at: at.at ?? r.created_at,
        ...(at.commit ? { commit: at.commit } : {}),
        ...(at.repoUrl ? { repoUrl: at.repoUrl } : {}),
        ...(at.runUrl ? { runUrl: at.runUrl } : {})
    };
}
/** The one-line reason for the commit status (GitHub keeps 140 characters). */
function statusDescription(records, policy = 'block') {
    const failed = records.flatMap(r => r.gates
        .filter(g => gateState(r, g) === 'fail')
        .map(g => `${r.model} ${g.metric}${g.slice !== ALL ? `/${g.slice}` : ''}`));
    if (failed.length)
        return `Failing gates: ${failed.join(', ')}`;
    const inconclusive = records.flatMap(r => r.gates
        .filter(g => gateState(r, g) === 'inconclusive')
        .map(g => `${r.model} ${g.metric}${g.slice !== ALL ? `/${g.slice}` : ''}`));
    if (inconclusive.length)
        return `Inconclusive${policy === 'block' ? ' (blocks the merge)' : ''}: ${inconclusive.join(', ')}`;
    return records.length === 1 ? 'Passes every gate' : `${records.length} models pass every gate`;
}
/** The evaluation for a terminal: verdict, metrics against production, gates. */
function evaluationText(r, policy = 'block') {
    const pct = Math.round(r.settings.confidence * 100);
    const v = (0,evaluation_verdict/* modelVerdict */.xJ)(r, policy);
    const lines = [
        `${r.model}: ${v.state.toUpperCase()}${v.state === 'inconclusive' ? (v.blocks ? ' (blocks the merge)' : ' (does not block the merge)') : ''}${r.baseline ? `  (vs production ${r.baseline.version}, ${r.baseline.shared_examples} shared examples)` : '  (first version: absolute gates only)'}`
    ];
    const rows = Object.entries(r.metrics).map(([name, m]) => {
        const s = m.slices[ALL];
        const c = s.comparison;
        return [
            name,
            fmt(c?.baseline, m.scale),
            fmt(s.value, m.scale),
            c && c.delta !== null ? `${fmt(c.delta, m.scale)} [${fmt(c.low, m.scale)}, ${fmt(c.high, m.scale)}]` : '-'
        ];
    });
    const widths = [0, 1, 2, 3].map(i => Math.max(...[['metric', 'production', 'candidate', `delta [${pct}% CI]`][i].length, ...rows.map(r => r[i].length)]));
    const line = (cells) => '  ' + cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
    lines.push(line(['metric', 'production', 'candidate', `delta [${pct}% CI]`]), ...rows.map(line));
    const mark = { pass: '+', fail: 'x', inconclusive: '?', 'not applicable': '-' };
    for (const g of r.gates)
        lines.push(`  ${mark[(0,evaluation_verdict/* gateState */.Zl)(r, g)]} ${g.metric}${g.slice !== ALL ? ` [${g.slice}]` : ''}: ${g.reason}`);
    return lines.join('\n');
}
/**
 * The evaluate step's report and its line in the comment's summary, rendered from what the evaluation found; the
 * step's callers (the action, the CLI) render it, so the evaluation imports no renderer.
 */
function evaluationOutcomeReport(outcome, links = {}) {
    const { record, policy } = outcome;
    const markdown = evaluationMarkdown(record, { ...outcome.view, policy, links });
    const verdictLine = evaluationVerdictLine(record, policy, {
        ...(links.sha ? { commit: links.sha } : {}),
        ...(links.repoUrl ? { repoUrl: links.repoUrl } : {}),
        ...(links.runUrl ? { runUrl: links.runUrl } : {})
    });
    return { markdown, verdictLine };
}

// EXTERNAL MODULE: ./src/report/report-files.ts
var report_files = __webpack_require__(604);
;// CONCATENATED MODULE: ./src/cli/evaluate-command.ts












/**
 * `tunegate evaluate`: the evaluate action in a terminal; production comes from local tags and releases. Exits as
 * the merge gate decides (`EVALUATE_EXIT`): 0 pass, 1 a failing gate, 3 inconclusive under `policy.inconclusive:
 * block` (under `warn` an inconclusive model exits 0 with the warning printed).
 */
async function evaluateCommand({ registry: registryDir, model: modelName, runDir: givenRunDir, workDir: runsDir, stateDir, reportDir }, out) {
    // Loaded and fingerprinted once here, for the default run folder, and passed on.
    const loaded = await (0,loader/* loadRegistryModel */.Tu)(registryDir, modelName);
    const { registry, model } = loaded;
    const identity = await (0,fingerprint/* modelIdentity */.IT)(model, (0,backends/* trainerIdentity */.K_)(model.spec));
    const runDir = givenRunDir ?? external_node_path_default().join(runsDir, (0,constants/* runFolderName */.t0)(model.spec.name, identity.training_fingerprint));
    const repo = await (0,git/* gitTopLevel */.oB)(registry.root);
    const host = new local_host/* LocalHost */.a(external_node_path_default().resolve(stateDir), repo);
    const workDir = external_node_path_default().join(reportDir, 'evaluate');
    // The previous run's record is the judge's verdict cache: a re-run asks the judges only what is new.
    const previous = external_node_path_default().join(workDir, `evaluation-${modelName}.json`);
    const outcome = await runEvaluation({
        registryDir,
        model: modelName,
        loaded,
        identity,
        host,
        workDir,
        runDir,
        log: m => out.error(m),
        ...(model.spec.evaluation.judge && (0,external_node_fs_.existsSync)(previous) ? { judgeCache: previous } : {})
    });
    const report = await (0,report_files/* writeReport */.u5)(reportDir, report_files/* REPORT_FILES */.JL.evaluate(modelName), evaluationOutcomeReport(outcome).markdown);
    out.line(evaluationText(outcome.record, outcome.policy));
    out.line(`Report: ${report}\nRecord: ${outcome.recordFile}`);
    const verdict = (0,evaluation_verdict/* modelVerdict */.xJ)(outcome.record, outcome.policy);
    if (verdict.state === 'inconclusive')
        out.error(verdict.blocks
            ? `${modelName} is inconclusive and registry.yaml's policy.inconclusive is block (the default): ` +
                'the merge is blocked and promote refuses it (exit 3).'
            : `Warning: ${modelName} is inconclusive; registry.yaml's policy.inconclusive is warn, so it passes.`);
    return (0,evaluation_verdict/* evaluateExitCode */.r6)(verdict);
}


/***/ }),

/***/ 9409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nm: () => (/* binding */ comparisonLegend),
/* harmony export */   Tz: () => (/* binding */ lineChart),
/* harmony export */   e4: () => (/* binding */ comparisonChart)
/* harmony export */ });
/* unused harmony exports downsample, CHART_COLOURS, resample */
/** Keeps at most `max` points, evenly spaced, always with the last one. */
function downsample(points, max) {
    if (points.length <= max)
        return points;
    const out = [];
    for (let i = 0; i < max - 1; i++)
        out.push(points[Math.floor((i * (points.length - 1)) / (max - 1))]);
    out.push(points[points.length - 1]);
    return out;
}
const label = (s) => s.replace(/["\n\r`]/g, ' ').slice(0, 60);
const round = (n) => (Math.abs(n) >= 100 ? n.toFixed(1) : n.toPrecision(4)).replace(/\.?0+$/, '') || '0';
/** Series colours, in order: grey for production, blue for the candidate, red for a threshold (colour-blind safe). */
const CHART_COLOURS = { production: '#9e9e9e', candidate: '#1f77b4', threshold: '#d62728' };
/** Mermaid's init block: the series palette and a white plot, so both GitHub themes show the same chart. */
function init(palette) {
    const config = {
        theme: 'base',
        themeVariables: { xyChart: { plotColorPalette: palette.join(', '), backgroundColor: '#ffffff' } }
    };
    return `%%{init: ${JSON.stringify(config)}}%%`;
}
/**
 * Values at evenly spaced x positions, linearly interpolated: Mermaid's xychart spreads a series' points evenly
 * over a numeric axis, so points at uneven steps must be resampled to sit where they belong. Before the first
 * point the first value is held (an eval loss measured from step 100 starts flat).
 */
function resample(points, grid) {
    const sorted = [...points].sort((a, b) => a.x - b.x);
    let j = 0;
    return grid.map(x => {
        while (j < sorted.length - 1 && sorted[j + 1].x <= x)
            j++;
        const a = sorted[j];
        const b = sorted[j + 1];
        if (x <= a.x || !b)
            return a.y;
        return a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
    });
}
/**
 * A Mermaid xychart of one or more lines over a numeric x axis (GitHub renders it in markdown, no image
 * hosting needed). Points at uneven x are resampled onto `gridPoints` even steps.
 */
function lineChart(title, xLabel, yLabel, series, gridPoints = 40) {
    const drawn = series.filter(s => s.points.length > 0);
    const xs = drawn.flatMap(s => s.points.map(p => p.x));
    // A loop, not Math.min(...xs): a long run's curve has more points than a call's arguments may hold.
    const first = xs.reduce((a, b) => Math.min(a, b), Infinity);
    const last = xs.reduce((a, b) => Math.max(a, b), -Infinity);
    const n = Math.max(2, Math.min(gridPoints, last - first + 1));
    const grid = Array.from({ length: n }, (_, i) => first + ((last - first) * i) / (n - 1));
    const lines = drawn.map(s => resample(s.points, grid));
    const ys = lines.flat();
    const lo = ys.reduce((a, b) => Math.min(a, b), Infinity);
    const hi = ys.reduce((a, b) => Math.max(a, b), -Infinity);
    const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
    const palette = [CHART_COLOURS.candidate, CHART_COLOURS.threshold, CHART_COLOURS.production];
    return [
        '```mermaid',
        init(palette.slice(0, drawn.length)),
        'xychart-beta',
        `  title "${label(title)}"`,
        `  x-axis "${label(xLabel)}" ${round(first)} --> ${round(last)}`,
        `  y-axis "${label(yLabel)}" ${round(Math.max(0, lo - pad))} --> ${round(hi + pad)}`,
        ...lines.map(l => `  line [${l.map(round).join(', ')}]`),
        '```'
    ].join('\n');
}
/**
 * A Mermaid xychart comparing production (grey) with the candidate (blue) per group, bars side by side, and the
 * gate's threshold as a red line. Mermaid draws two bar series on the same category over each other, so each
 * group has a category per bar and each series is zero on the other's categories.
 */
function comparisonChart(title, yLabel, groups, scale = 1) {
    const withProduction = groups.some(g => g.production !== undefined);
    const categories = [];
    const production = [];
    const candidate = [];
    const threshold = [];
    const withThreshold = groups.some(g => g.threshold !== undefined);
    for (const g of groups) {
        if (withProduction) {
            categories.push(`${g.name} · production`);
            production.push(g.production ?? 0);
            candidate.push(0);
            threshold.push(g.threshold ?? 0);
        }
        categories.push(withProduction ? `${g.name} · candidate` : g.name);
        production.push(0);
        candidate.push(g.candidate);
        threshold.push(g.threshold ?? 0);
    }
    const hi = Math.max(scale, ...production, ...candidate, ...threshold);
    const palette = [
        ...(withProduction ? [CHART_COLOURS.production] : []),
        CHART_COLOURS.candidate,
        ...(withThreshold ? [CHART_COLOURS.threshold] : [])
    ];
    return [
        '```mermaid',
        init(palette),
        'xychart-beta',
        `  title "${label(title)}"`,
        `  x-axis [${categories.map(c => `"${label(c)}"`).join(', ')}]`,
        `  y-axis "${label(yLabel)}" 0 --> ${round(hi)}`,
        ...(withProduction ? [`  bar [${production.map(round).join(', ')}]`] : []),
        `  bar [${candidate.map(round).join(', ')}]`,
        ...(withThreshold ? [`  line [${threshold.map(round).join(', ')}]`] : []),
        '```'
    ].join('\n');
}
/** The legend under a comparison chart (Mermaid's xychart draws none). */
function comparisonLegend(withProduction, withThreshold) {
    return [
        withProduction ? 'grey bars: production' : '',
        'blue bars: candidate',
        withThreshold ? "red line: the gate's threshold" : ''
    ]
        .filter(Boolean)
        .join(' · ');
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

/***/ 6871:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kj: () => (/* binding */ lossChart),
/* harmony export */   hY: () => (/* binding */ trainingSummary),
/* harmony export */   k9: () => (/* binding */ trainMarkdown)
/* harmony export */ });
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4031);
/* harmony import */ var _mermaid_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9409);


function duration(seconds) {
    if (seconds < 90)
        return `${seconds.toFixed(1)} s`;
    if (seconds < 5400)
        return `${(seconds / 60).toFixed(1)} min`;
    return `${(seconds / 3600).toFixed(2)} h`;
}
/** The training in one paragraph: trainer, time, runner, reuse, GPU-hours and cost against the budget. */
function trainingSummary(t) {
    const m = t.manifest;
    const hours = m.gpu_seconds / 3600;
    const budget = t.budget?.max_gpu_hours;
    const gpu = budget
        ? `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(hours, 2)} of the ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(budget, 2)} GPU-hours allowed (\`max_gpu_hours\`, ${Math.round((100 * hours) / budget)}%)`
        : // Said only where the budget is known (the evaluate step reads model.yaml; the train summary may not).
            `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(hours, 2)} GPU-hours${t.budget ? ' (no `max_gpu_hours` budget set)' : ''}`;
    const maxCost = t.budget?.max_cost_usd;
    const cost = `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(m.cost.amount, 2)} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(m.cost.currency)}${maxCost ? ` of the ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(maxCost, 2)} USD allowed (\`max_cost_usd\`)` : ''}`;
    const when = t.reused
        ? `♻️ **Reused** (cache hit): the outputs of an earlier run with the same training fingerprint, trained on ${m.finished_at.slice(0, 10)}; this run spent no GPU time. That run took`
        : t.reused === false
            ? 'Trained in this run:'
            : 'Trained:';
    return (`**Training** · ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(`${m.trainer.name} ${m.trainer.version}`)} · ${when} ${duration(m.wall_seconds)} on ` +
        `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(m.runner.name)} (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(m.runner.gpus, 'GPU')}), ${gpu}, cost ${cost}` +
        `${m.resumed_from ? `, resumed from ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(m.resumed_from.split('/').slice(-2).join('/'))}` : ''}.` +
        withoutTargetNote(m));
}
/** The train rows the trainer could not learn from (no target token within max_seq_length), when there were any. */
function withoutTargetNote(m) {
    const w = m.without_target;
    if (!w || w.rows === 0)
        return '';
    return (` ⚠️ ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(w.rows)} of ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(m.rows.train)} train rows left no target token within \`max_seq_length\` ` +
        `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(w.max_seq_length)}, so nothing of them was trained (the run fails above ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(100 * w.max_share, 2)}%, ` +
        '`max_share_without_target`).');
}
/** The rows a run trained on, with those that left no target token when the trainer counted them. */
function rowsCell(m) {
    const w = m.without_target;
    const train = w
        ? `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(m.rows.train)} train (${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(w.rows)} with no target token within max_seq_length ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(w.max_seq_length)})`
        : `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(m.rows.train)} train`;
    return `${train}, ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(m.rows.eval)} eval`;
}
/** The loss chart of a training run: training loss over a numeric step axis, with eval loss when reported. */
function lossChart(t) {
    const train = t.manifest.loss_curve.map(p => ({ x: p.step, y: p.loss }));
    if (train.length < 2)
        return undefined;
    const evalLoss = (t.evalLoss ?? []).map(p => ({ x: p.step, y: p.loss }));
    const series = [
        { name: 'training loss', points: train },
        ...(evalLoss.length ? [{ name: 'eval', points: evalLoss }] : [])
    ];
    const legend = evalLoss.length
        ? `blue: training loss · red: eval loss, measured at ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(evalLoss.length, 'step')} (${evalLoss
            .slice(0, 6)
            .map(p => (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(p.x))
            .join(', ')}${evalLoss.length > 6 ? ', …' : ''}) and joined by straight lines`
        : 'blue: training loss (the trainer reported no eval loss)';
    return [(0,_mermaid_js__WEBPACK_IMPORTED_MODULE_1__/* .lineChart */ .Tz)(`${t.manifest.model} loss`, 'step', 'loss', series), '', `_${legend}._`].join('\n');
}
/** The training report: cache hit or the run's loss curve, time, GPU-seconds and cost against the budget. */
function trainMarkdown(r, extras = {}) {
    const m = r.manifest;
    const view = { manifest: m, reused: r.cache.hit, ...extras };
    const out = [`## Tunegate · training ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(r.model)}`, '', trainingSummary(view), ''];
    if (r.cache.hit)
        out.push(`The training fingerprint ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(r.identity.training_fingerprint.slice(0, 12))} is unchanged; the result came from ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(r.cache.source ?? 'an earlier run')}.`, '');
    out.push((0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownTable */ .Qj)(['what', 'value'], [
        ['base model', `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(m.base_model.id)} @ ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(m.base_model.revision.slice(0, 12))}`],
        ['method', m.method],
        ['rows', rowsCell(m)],
        [
            'runner',
            `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(m.runner.name)} (${m.runner.labels.map(l => (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(l)).join(', ')}), ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .LS)(m.runner.gpus, 'GPU')}`
        ],
        ['GPU time', `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(m.gpu_seconds / 3600, 2)} GPU-hours`],
        [
            'cost',
            `${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(m.cost.amount, 2)} ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(m.cost.currency)} at ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .num */ .bu)(m.cost.rate_per_gpu_hour, 2)}/GPU-hour${r.cache.hit ? ' (when it was trained; this run spent nothing)' : ''}`
        ],
        ['training fingerprint', (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(m.training_fingerprint)],
        ['evaluation fingerprint', (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(m.evaluation_fingerprint)],
        ['artifact', (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(r.artifactName)]
    ]), '');
    const chart = lossChart(view);
    if (chart)
        out.push(chart, '');
    else if (!r.cache.hit)
        out.push('_The trainer reported no loss (the BM25 baseline has none)._', '');
    return out.join('\n');
}


/***/ })

};
