export const id = 584;
export const ids = [584];
export const modules = {

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

/***/ 4603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bU: () => (/* binding */ TUNEGATE_TAGGER),
/* harmony export */   o1: () => (/* binding */ withoutForeignStageTags)
/* harmony export */ });
/* unused harmony export foreignStageTagReason */
/* harmony import */ var _gto_tags_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(193);
/**
 * Which stage tags Tunegate made. Anyone with push access can push `model#production#7`, lightweight or
 * annotated, and GTO counts an annotated one like any other; Tunegate's own are annotated by the tagger below
 * with one of the messages its promotion and stage commands write. A stage tag without both is reported as
 * foreign and not taken for a model's stage where Tunegate looks up production (evaluate's baseline, drift's
 * reference): a hand-pushed tag cannot choose what a candidate is compared with. A tag ruleset that restricts
 * creating tags is what stops the push itself; this check is the second line.
 */

/** The tagger of every tag Tunegate writes. */
const TUNEGATE_TAGGER = { name: 'tunegate', email: 'tunegate@users.noreply.github.com' };
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The first lines Tunegate writes on a stage tag (promote.ts, assign.ts), for one model and stage. */
function tunegateStageMessage(model, stage) {
    const m = escape(model);
    const s = escape(stage);
    const by = '( \\(requested by [^\\n]+\\))?';
    return new RegExp(`^(${m} v\\S+ lands in ${s}|(Assign|Roll back) ${s} to ${m} \\S+${by}|Unassign ${s} from ${m} \\S+${by})$`);
}
/** Why a stage tag is not one Tunegate made; undefined for Tunegate's own and for tags that are no stage tag. */
function foreignStageTagReason(tag) {
    const p = (0,_gto_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTag */ .ED)(tag.name);
    if (!p.ok || (p.action !== 'assign' && p.action !== 'unassign'))
        return undefined;
    if (!tag.annotated)
        return 'a lightweight tag (Tunegate writes annotated tags)';
    const email = (tag.taggerEmail ?? '').replace(/^<|>$/g, '');
    if (tag.tagger !== TUNEGATE_TAGGER.name || email !== TUNEGATE_TAGGER.email)
        return `tagged by ${tag.tagger || 'nobody'} <${email}>, not by ${TUNEGATE_TAGGER.name} <${TUNEGATE_TAGGER.email}>`;
    const first = tag.message.split('\n')[0] ?? '';
    if (!tunegateStageMessage(p.model, p.stage).test(first))
        return `its message '${first.slice(0, 80)}' is not one Tunegate writes`;
    return undefined;
}
/** The tags without the stage tags Tunegate did not make, and those left out with the reason. */
function withoutForeignStageTags(tags) {
    const kept = [];
    const foreign = [];
    for (const t of tags) {
        const reason = foreignStageTagReason(t);
        if (reason)
            foreign.push({ tag: t.name, reason });
        else
            kept.push(t);
    }
    return { tags: kept, foreign };
}


/***/ })

};
