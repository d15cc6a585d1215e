export const id = 291;
export const ids = [291];
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

/***/ 1565:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  trainCommand: () => (/* binding */ trainCommand)
});

;// CONCATENATED MODULE: ./src/cancellation.ts
/**
 * Runs `work` with a signal that aborts on SIGINT or SIGTERM — what the runner sends when a job is cancelled,
 * and Ctrl-C in a terminal — so a trainer is stopped gracefully rather than orphaned; the handlers are removed
 * afterwards.
 */
async function cancelOnSignals(work) {
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
        return await work(abort.signal);
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}

// EXTERNAL MODULE: ./src/training/train.ts + 1 modules
var train = __webpack_require__(4898);
;// CONCATENATED MODULE: ./src/report/progress-line.ts
/** Time left, in seconds under a minute and a half, else in whole minutes. */
function etaText(seconds) {
    if (seconds === undefined || !Number.isFinite(seconds))
        return '';
    return seconds < 90 ? `ETA ${Math.round(seconds)} s` : `ETA ${Math.round(seconds / 60)} min`;
}
/** A training run's progress as the log and the terminal show it: `step 3/10 (30%), loss 0.4000, 812 tokens/s`. */
function progressLine(p, options = {}) {
    const step = `step ${p.step}/${p.totalSteps}`;
    const percent = p.totalSteps > 0 ? ` (${Math.round((100 * p.step) / p.totalSteps)}%)` : '';
    return [
        options.percent === false ? step : step + percent,
        p.loss !== undefined ? `loss ${p.loss.toFixed(4)}` : '',
        p.tokensPerSecond !== undefined ? `${Math.round(p.tokensPerSecond)} tokens/s` : '',
        etaText(p.etaSeconds)
    ]
        .filter(Boolean)
        .join(', ');
}

// EXTERNAL MODULE: ./src/report/report-files.ts
var report_files = __webpack_require__(604);
// EXTERNAL MODULE: ./src/report/train-report.ts
var train_report = __webpack_require__(6871);
// EXTERNAL MODULE: ./src/cli/progress.ts
var progress = __webpack_require__(9851);
;// CONCATENATED MODULE: ./src/cli/train-command.ts






/** `tunegate train`: the train action on a laptop, with a progress bar. */
async function trainCommand({ registry, model, workDir, cacheDir, force, reportDir }, out) {
    const bar = new progress/* ProgressBar */.z(out);
    const result = await cancelOnSignals(signal => (0,train/* trainModel */._X)({
        registryDir: registry,
        model,
        workDir,
        cacheDir,
        force,
        signal,
        log: m => {
            bar.done();
            out.error(m);
        },
        onProgress: p => bar.update(`  ${model}`, p.step, p.totalSteps, progressLine(p, { percent: false }))
    }));
    bar.done();
    const report = await (0,report_files/* writeReport */.u5)(reportDir, report_files/* REPORT_FILES */.JL.train(result.model), (0,train_report/* trainMarkdown */.k9)(result));
    const m = result.manifest;
    const how = result.cache.hit ? 'reused an earlier result (cache hit)' : `trained in ${m.wall_seconds}s`;
    const fingerprint = result.identity.training_fingerprint.slice(0, 12);
    out.line(`${result.model}: ${how}; fingerprint ${fingerprint}; outputs in ${result.outputDir}`);
    out.line(`Report: ${report}`);
    return 0;
}


/***/ }),

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

/***/ 193:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ED: () => (/* binding */ parseTag),
/* harmony export */   Q3: () => (/* binding */ nextCounter),
/* harmony export */   _3: () => (/* binding */ formatTag)
/* harmony export */ });
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7908);

// iterative/gto's tag grammar (gto/constants.py `tag_re`), kept in one place.
const NAME = '[a-zA-Z0-9](?:[a-zA-Z0-9\\-/_]*[a-zA-Z0-9])?';
// A folder-qualified name `dir:name` is written `dir=name` in a tag (gto's SEPARATOR_IN_TAG).
const DIRNAME = '[a-zA-Z0-9\\-_./]+';
const SEMVER = '(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)' +
    '(?:-(?:(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?' +
    '(?:\\+(?:[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?';
const TAG_PATTERN = new RegExp(`^(?<model>(?:${DIRNAME}=)?${NAME})(?:(?:(?:#(?<stage>${NAME})|@(?<version>v${SEMVER}))(?<cancel>!?))|@(?:(?<deprecated>deprecated)|(?<created>created)))(?:#(?<counter>[0-9]+))?$`);
const SEMVER_PATTERN = new RegExp(`^v${SEMVER}$`);
const FULLNAME_PATTERN = new RegExp(`^(?:${DIRNAME}:)?${NAME}$`);
/** Parses a tag name; an invalid one comes back with the reason it is not a GTO tag. */
function parseTag(tag) {
    const m = TAG_PATTERN.exec(tag);
    if (m?.groups) {
        const g = m.groups;
        if (g.created)
            return {
                ok: false,
                breaksGto: true,
                reason: `'${tag}' matches gto's grammar but gto cannot read an '@created' tag (gto show fails on it); delete it`
            };
        const counter = g.counter !== undefined ? Number(g.counter) : undefined;
        const model = g.model.replace('=', ':');
        const base = { ok: true, model, ...(counter !== undefined ? { counter } : {}) };
        if (g.version)
            return { ...base, action: g.cancel ? 'deregister' : 'register', version: g.version };
        if (g.stage)
            return { ...base, action: g.cancel ? 'unassign' : 'assign', stage: g.stage };
        return { ...base, action: 'deprecate' };
    }
    return { ok: false, reason: explainInvalid(tag) };
}
function explainInvalid(tag) {
    const sep = tag.search(/[@#]/);
    if (sep < 0)
        return `'${tag}' has no '@' (version) or '#' (stage); expected model@vX.Y.Z or model#stage#N`;
    const model = tag.slice(0, sep);
    const name = model.includes('=') ? model.slice(model.indexOf('=') + 1) : model;
    if (!_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .GTO_NAME_PATTERN */ .W5.test(name)) {
        return `model name '${model}' is invalid; expected letters, digits, '-', '_' or '/', starting and ending with a letter or digit`;
    }
    const rest = tag
        .slice(sep + 1)
        .replace(/!?(#\d+)?$/, '')
        .replace(/!$/, '');
    if (tag[sep] === '@') {
        if (!SEMVER_PATTERN.test(rest))
            return `version '${rest}' is not 'v' followed by a semantic version; expected e.g. v1.2.3 or v2.0.0-rc.1+build.5`;
        return `'${tag}' does not match GTO's grammar; expected model@vX.Y.Z or model@vX.Y.Z!`;
    }
    const stage = rest.split('#')[0] ?? '';
    if (!_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .GTO_NAME_PATTERN */ .W5.test(stage))
        return `stage '${stage}' is invalid; expected letters, digits, '-', '_' or '/'`;
    return `'${tag}' does not match GTO's grammar; expected model#stage#N or model#stage!#N`;
}
/** Formats a tag; throws with the reason when the result would not parse back to the same event. */
function formatTag(event) {
    if (!FULLNAME_PATTERN.test(event.model))
        throw new Error(`Cannot form a tag for '${event.model}': model name is invalid; expected letters, digits, '-', '_' or '/' (optionally 'folder:' before it)`);
    const model = event.model.replace(':', '=');
    const counter = event.counter !== undefined ? `#${event.counter}` : '';
    let tag;
    switch (event.action) {
        case 'register':
            tag = `${model}@${event.version}${counter}`;
            break;
        case 'deregister':
            tag = `${model}@${event.version}!${counter}`;
            break;
        case 'assign':
            tag = `${model}#${event.stage}${counter}`;
            break;
        case 'unassign':
            tag = `${model}#${event.stage}!${counter}`;
            break;
        case 'deprecate':
            tag = `${model}@deprecated${counter}`;
            break;
        default:
            throw new Error(`Cannot form a tag for action '${String(event.action)}'`);
    }
    const parsed = parseTag(tag);
    if (!parsed.ok)
        throw new Error(`Cannot form tag '${tag}': ${parsed.reason}`);
    if (parsed.model !== event.model || parsed.action !== event.action)
        throw new Error(`Cannot form tag '${tag}': it would read back as ${parsed.action} of '${parsed.model}'`);
    return tag;
}
/** GTO's next counter for a model: 1 + the highest counter among all of that model's counted tags. */
function nextCounter(model, tagNames) {
    let highest = 0;
    for (const name of tagNames) {
        const p = parseTag(name);
        if (p.ok && p.model === model && p.counter !== undefined && p.counter > highest)
            highest = p.counter;
    }
    return highest + 1;
}


/***/ }),

/***/ 4174:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ nextTagTime),
/* harmony export */   Bw: () => (/* binding */ createAnnotatedTag),
/* harmony export */   KS: () => (/* binding */ resolveState),
/* harmony export */   g$: () => (/* binding */ readTags)
/* harmony export */ });
/* unused harmony exports readTagObjects, ManyVersionsError */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _git_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6603);
/* harmony import */ var _gto_tags_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(193);





const RS = '\x1e';
const US = '\x1f';
/** Every tag of the repository with what GTO needs to replay it. */
async function readTags(repo) {
    return (await readTagRefs(repo)).map(t => t.record);
}
/**
 * The annotated tags of the repository keyed by their tag object's id: the id covers the tag's name, target,
 * tagger and message, so a ref elsewhere (on GitHub) naming the same id names the same tag.
 */
async function readTagObjects(repo) {
    return new Map((await readTagRefs(repo)).filter(t => t.record.annotated).map(t => [t.object, t.record]));
}
/** The most for-each-ref output read, in characters (as git()'s own buffer bound): tag messages are outside data. */
const MAX_TAG_OUTPUT_CHARS = 256 * 1024 * 1024;
/**
 * The tags as for-each-ref streams them: each record is parsed as it arrives, so the parsing overlaps git's
 * reading of the tag objects instead of following it.
 */
async function readTagRefs(repo) {
    const tags = [];
    const parse = (text) => {
        const r = text.charCodeAt(0) === 10 ? text.slice(1) : text;
        if (!r)
            return;
        const [name, type, date, peeled, object, tagger, email, message] = r.split(US);
        const annotated = type === 'tag';
        tags.push({
            object: object ?? '',
            record: {
                name: name,
                commit: (annotated ? peeled : object) ?? '',
                taggedAt: annotated ? Number(date) : 0,
                annotated,
                tagger: tagger ?? '',
                taggerEmail: (email ?? '').replace(/^<|>$/g, ''),
                message: (message ?? '').replace(/\n$/, '')
            }
        });
    };
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_2__.spawn)('git', [
        'for-each-ref',
        'refs/tags',
        `--format=%(refname:strip=2)${US}%(objecttype)${US}%(taggerdate:unix)${US}%(*objectname)${US}%(objectname)${US}%(taggername)${US}%(taggeremail)${US}%(contents)${RS}`
    ], { cwd: repo, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d.slice(0, 4096)));
    const exited = new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', resolve);
    });
    exited.catch(() => undefined); // awaited below; a failed start must not be an unhandled rejection first
    // A record may span chunks: its pieces wait here, and each chunk is scanned once (no quadratic re-joining).
    let pending = [];
    let read = 0;
    try {
        for await (const chunk of child.stdout.setEncoding('utf8')) {
            read += chunk.length;
            if (read > MAX_TAG_OUTPUT_CHARS) {
                child.kill();
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Cannot read tags of ${repo}: over ${MAX_TAG_OUTPUT_CHARS} characters of tags`);
            }
            let start = 0;
            for (let end = chunk.indexOf(RS); end >= 0; end = chunk.indexOf(RS, start)) {
                pending.push(chunk.slice(start, end));
                parse(pending.join(''));
                pending = [];
                start = end + 1;
            }
            if (start < chunk.length)
                pending.push(chunk.slice(start));
        }
        parse(pending.join(''));
        const code = await exited;
        if (code !== 0)
            throw new Error(stderr.trim() || `git for-each-ref exited with ${code}`);
    }
    catch (e) {
        if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1)
            throw e;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Cannot read tags of ${repo}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return tags;
}
/** Python's `sorted(items, key=...)`: stable, ascending (Array.prototype.sort is stable since ES2019). */
function sortedBy(items, key) {
    return [...items].sort((a, b) => key(a) - key(b));
}
const byTime = (e) => e.at;
const descending = (items) => [...items].reverse();
const vstageEvents = (s) => (s.sorted ??= descending(sortedBy([...s.assignments, ...s.unassignments], byTime)));
const vstageActive = (s) => vstageEvents(s)[0]?.action === 'assign';
// VStage.created_at: its newest assignment (the first addition event in descending order).
const vstageCreated = (s) => vstageEvents(s).find(e => e.action === 'assign')?.at ?? 0;
const directEvents = (v) => (v.direct ??= descending(sortedBy([...v.registrations, ...v.deregistrations], byTime)));
const indirectEvents = (v) => (v.indirect ??= descending(sortedBy([...v.stages.values()].flatMap(vstageEvents), byTime)));
const discovered = (v) => v.registrations.length === 0 && v.deregistrations.length === 0;
function versionActive(v) {
    const direct = directEvents(v);
    if (direct.length)
        return direct[0].action === 'register';
    return indirectEvents(v).length > 0;
}
function versionCreated(v) {
    const addition = directEvents(v).find(e => e.action === 'register');
    if (addition)
        return addition.at;
    return indirectEvents(v)[0]?.at ?? directEvents(v)[0]?.at ?? 0;
}
/** Several versions of a model on one commit: gto show fails for the whole repository, so Tunegate stops too. */
class ManyVersionsError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1 {
}
/**
 * Replays annotated GTO tags as `gto show` does (its default `--sort timestamp`) and returns each model's
 * state: deprecations, then version registrations, then stage events, each in tag-time order; a stage
 * assignment resolves to the version registered on its commit, whenever that was registered; a stage shows
 * the active assignment made last, so a rollback (a new assignment of an older version) shows the older
 * version. Lightweight tags are ignored, as in GTO.
 */
function resolveState(tags) {
    const events = [];
    // gto lists tags by name, then sorts them by time with a stable sort: ties stay in name order.
    const ordered = [...tags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const tag of ordered) {
        if (!tag.annotated)
            continue;
        const p = (0,_gto_tags_js__WEBPACK_IMPORTED_MODULE_4__/* .parseTag */ .ED)(tag.name);
        if (p.ok)
            events.push({ ...p, tag, at: tag.taggedAt });
    }
    // One pass files each event under its phase (name order kept); each phase is then sorted by time.
    const phases = { deprecate: [], register: [], assign: [] };
    for (const e of events)
        phases[e.action === 'deprecate' ? 'deprecate' : e.action === 'assign' || e.action === 'unassign' ? 'assign' : 'register'].push(e);
    const byPhase = (phase) => phases[phase].sort((a, b) => a.at - b.at);
    const work = new Map();
    const get = (model) => {
        let w = work.get(model);
        if (!w)
            work.set(model, (w = { deprecations: [], versions: [], atCommit: new Map() }));
        return w;
    };
    const findVersion = (w, name, commit) => (w.atCommit.get(commit) ?? []).filter(v => (name === undefined || v.name === name) && !discovered(v));
    const newVersion = (w, name, commit) => {
        const v = { name, commit, registrations: [], deregistrations: [], stages: new Map() };
        w.versions.push(v);
        const here = w.atCommit.get(commit);
        if (here)
            here.push(v);
        else
            w.atCommit.set(commit, [v]);
        return v;
    };
    for (const e of byPhase('deprecate'))
        get(e.model).deprecations.push(e);
    for (const e of byPhase('register')) {
        const w = get(e.model);
        const v = findVersion(w, e.version, e.tag.commit)[0] ?? newVersion(w, e.version, e.tag.commit);
        if (e.action === 'register')
            v.registrations.push(e);
        else
            v.deregistrations.push(e);
    }
    for (const e of byPhase('assign')) {
        const w = get(e.model);
        const atCommit = findVersion(w, undefined, e.tag.commit);
        if (atCommit.length > 1)
            throw new ManyVersionsError(`${e.model} has ${atCommit.length} versions on commit ${e.tag.commit.slice(0, 12)} (${atCommit.map(v => v.name).join(', ')}), and '${e.tag.name}' points at it: gto show fails on such a repository. Deregistering does not help; keep one version per commit.`);
        // gto finds (or makes) the version by commit, then files the event under that name: a commit
        // without a registered version becomes a version named by its hexsha, one per event, as in gto.
        const name = atCommit[0]?.name ?? e.tag.commit;
        if (!atCommit[0])
            newVersion(w, name, e.tag.commit);
        const v = findVersion(w, name, e.tag.commit)[0] ?? newVersion(w, name, e.tag.commit);
        let s = v.stages.get(e.stage);
        if (!s)
            v.stages.set(e.stage, (s = { assignments: [], unassignments: [] }));
        if (e.action === 'assign')
            s.assignments.push(e);
        else
            s.unassignments.push(e);
    }
    const state = new Map();
    for (const [model, w] of [...work.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
        state.set(model, modelState(model, w));
    return state;
}
/** A model's state once all its events are filed: deprecated or not, its stages, its versions newest first. */
function modelState(model, w) {
    const artifactEvents = descending(sortedBy([...w.deprecations, ...w.versions.flatMap(v => [...directEvents(v), ...indirectEvents(v)])], byTime));
    const deprecated = artifactEvents[0]?.action === 'deprecate';
    const stages = activeStages(w);
    const versions = listedVersions(w);
    const latest = versions.find(v => v.registered && v.active && semver__WEBPACK_IMPORTED_MODULE_0___default().valid(v.version.slice(1)));
    return { model, deprecated, versions, latest, stages };
}
/** Each stage's version: the active assignment made last, as gto shows it. */
function activeStages(w) {
    const active = w.versions.filter(versionActive);
    // Artifact.get_vstages(sort=Timestamp): versions newest first, their active stages oldest first,
    // then every (version, stage) by its newest assignment, newest first; the first per stage wins.
    const candidates = descending(sortedBy(active, versionCreated)).flatMap(v => sortedBy([...v.stages.entries()].filter(([, s]) => vstageActive(s)), ([, s]) => vstageEvents(s)[0].at).map(([stage, s]) => ({ v, stage, s })));
    const stages = {};
    for (const c of descending(sortedBy(candidates, c => vstageCreated(c.s)))) {
        if (stages[c.stage])
            continue;
        const last = vstageEvents(c.s).find(e => e.action === 'assign');
        stages[c.stage] = {
            stage: c.stage,
            version: c.v.name,
            commit: c.v.commit,
            assignedAt: last.at,
            tag: last.tag.name
        };
    }
    return stages;
}
/** The versions gto lists, once per name and commit, newest semver first. */
function listedVersions(w) {
    const versions = [];
    const listed = new Set();
    for (const v of w.versions) {
        if (discovered(v) && !versionActive(v))
            continue; // gto's empty placeholder versions
        const key = `${v.name}\u0000${v.commit}`;
        if (listed.has(key))
            continue;
        listed.add(key);
        const reg = directEvents(v).find(e => e.action === 'register');
        versions.push({
            version: v.name,
            commit: v.commit,
            registered: v.registrations.length > 0,
            active: versionActive(v),
            ...(reg ? { registeredAt: reg.at, tag: reg.tag.name } : {})
        });
    }
    versions.sort(compareVersions);
    return versions;
}
function compareVersions(a, b) {
    const av = semver__WEBPACK_IMPORTED_MODULE_0___default().valid(a.version.slice(1));
    const bv = semver__WEBPACK_IMPORTED_MODULE_0___default().valid(b.version.slice(1));
    if (av && bv)
        return semver__WEBPACK_IMPORTED_MODULE_0___default().rcompare(av, bv);
    if (av)
        return -1;
    if (bv)
        return 1;
    return a.version < b.version ? -1 : 1;
}
/** Creates an annotated tag; refuses to move or replace an existing one. `taggedAt` (unix seconds) sets the tagger time. */
async function createAnnotatedTag(repo, name, commit, message, tagger, taggedAt) {
    const env = {
        ...(tagger ? { GIT_COMMITTER_NAME: tagger.name, GIT_COMMITTER_EMAIL: tagger.email } : {}),
        ...(taggedAt !== undefined ? { GIT_COMMITTER_DATE: `${taggedAt} +0000` } : {})
    };
    try {
        await (0,_git_js__WEBPACK_IMPORTED_MODULE_3__/* .git */ .$Y)(repo, ['tag', '-a', '-F', '-', '--end-of-options', name, commit], { input: message, env });
    }
    catch (e) {
        if (e instanceof _git_js__WEBPACK_IMPORTED_MODULE_3__/* .GitError */ .XS && /already exists/.test(e.stderr)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Tag '${name}' already exists; tags are never moved or replaced. Pick the next version or counter.`);
        }
        throw e;
    }
}
/**
 * The tagger time for a new tag of a model: now, or one second after the model's newest tag when that is
 * later. Tags have one-second resolution and same-second ties are easy to resolve differently, so every
 * tag Tunegate writes is strictly later than the model's last one.
 */
function nextTagTime(model, tags, now = Math.floor(Date.now() / 1000)) {
    let newest = 0;
    for (const t of tags) {
        const p = (0,_gto_tags_js__WEBPACK_IMPORTED_MODULE_4__/* .parseTag */ .ED)(t.name);
        if (t.annotated && p.ok && p.model === model && t.taggedAt > newest)
            newest = t.taggedAt;
    }
    return Math.max(now, newest + 1);
}


/***/ }),

/***/ 4031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jj: () => (/* binding */ cut),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Qj: () => (/* binding */ markdownTable),
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   bu: () => (/* binding */ num)
/* harmony export */ });
/** Every line terminator Markdown (CR, LF, CRLF) or GitHub (U+2028, U+2029, NEL) breaks a line on, and VT/FF. */
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
/** Bidirectional controls: they make text read in an order other than the bytes' (Trojan Source). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ZWSP = '\u200b';
/** Cuts text to at most `max` UTF-16 units with an ellipsis, never between the halves of a surrogate pair. */
function cut(text, max) {
    if (text.length <= max)
        return text;
    let end = Math.max(0, max - 1);
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff)
        end--;
    return text.slice(0, end) + '…';
}
const visibleBidi = (s) => s.replace(BIDI_CONTROLS, c => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
/**
 * Untrusted text (dataset rows, file names from a PR, model outputs) made inert for GitHub markdown:
 * no HTML, no @-mentions that notify people, no links or images (bare URLs and www. included), no table
 * breaks, no line breaks of any kind, and bidirectional controls shown as their code points.
 */
function escapeText(text, maxLength = 300) {
    return (visibleBidi(cut(text, maxLength))
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]()!~|#])/g, '\\$1')
        .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`)
        .replace(LINE_BREAKS, ' ⏎ ')
        // GitHub links bare URLs (scheme://, mailto:, xmpp:) and www. names: a zero-width space breaks the pattern.
        .replace(/([a-z][a-z0-9+.-]*):(?=\/\/)/gi, `$1:${ZWSP}`)
        .replace(/\b(mailto|xmpp):/gi, `$1:${ZWSP}`)
        .replace(/\b(www)\./gi, `$1${ZWSP}.`));
}
/** A value shown as inline code: backticks, pipes and line breaks cannot break out of it or of a table cell. */
function code(text, maxLength = 200) {
    const s = visibleBidi(cut(text, maxLength)).replace(LINE_BREAKS, ' ').replace(/\|/g, '\\|');
    const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map(m => m[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${s}${pad}${fence}`;
}
/** A markdown table; cells are taken as already safe (escape them first). */
function markdownTable(header, rows, align) {
    const sep = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
    return [`| ${header.join(' | ')} |`, `| ${sep.join(' | ')} |`, ...rows.map(r => `| ${r.join(' | ')} |`)].join('\n');
}
/** Formatters by digits: toLocaleString with options makes a new one per call (tens of microseconds each). */
const formats = new Map();
/** A number with thousands separators. */
function num(n, digits = 0) {
    let format = formats.get(digits);
    if (!format) {
        format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
        formats.set(digits, format);
    }
    return format.format(n);
}
/** A count with its noun: `1 gate`, `3 gates`, `1,296 rows`. */
function plural(n, one, many = `${one}s`) {
    return `${num(n)} ${n === 1 ? one : many}`;
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
