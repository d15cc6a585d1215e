export const id = 500;
export const ids = [500];
export const modules = {

/***/ 2500:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  siteCommand: () => (/* binding */ siteCommand)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/host/local-host.ts + 1 modules
var local_host = __webpack_require__(5423);
// EXTERNAL MODULE: ./src/registry/git.ts
var git = __webpack_require__(6603);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 13 modules
var schemas = __webpack_require__(5491);
// EXTERNAL MODULE: ./src/drift/record.ts
var record = __webpack_require__(8558);
// EXTERNAL MODULE: ./src/evaluation/production.ts
var production = __webpack_require__(3291);
// EXTERNAL MODULE: ./src/evaluation/record.ts
var evaluation_record = __webpack_require__(6597);
// EXTERNAL MODULE: ./src/registry/gto-tags.ts
var gto_tags = __webpack_require__(193);
// EXTERNAL MODULE: ./src/registry/loader.ts + 1 modules
var loader = __webpack_require__(1905);
// EXTERNAL MODULE: ./src/registry/state.ts
var registry_state = __webpack_require__(4174);
// EXTERNAL MODULE: ./src/release/manifest.ts
var manifest = __webpack_require__(4776);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(4031);
;// CONCATENATED MODULE: ./src/site/site-data.ts
// The registry site's data (`tunegate.site/v1`, docs/site.md): what the pages show, collected from the GTO
// tags, the releases' manifest.json and evaluation.json, and the drift records, through the Host interface.














/** The largest manifest.json read (a manifest lists files and outputs: kilobytes). */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** The largest evaluation.json read (it holds per-example scores: megabytes for large eval sets). */
const MAX_EVALUATION_BYTES = 128 * 1024 * 1024;
/** The largest drift record read. */
const MAX_DRIFT_BYTES = 4 * 1024 * 1024;
/** Drift runs kept per model, newest first. */
const MAX_DRIFT_RUNS = 20;
/** Untrusted free text (tag messages, reasons, names) is cut to this many characters. */
const MAX_TEXT = 300;
const manifestSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz('tunegate.manifest/v1'),
    model: schemas/* string */.YjP(),
    version: schemas/* string */.YjP(),
    registered_at: schemas/* string */.YjP().optional(),
    bump: schemas/* object */.Ikc({ level: schemas/* string */.YjP(), reason: schemas/* string */.YjP() }).optional(),
    parent: schemas/* object */.Ikc({ version: schemas/* string */.YjP() }).nullable().optional(),
    pull_request: schemas/* object */.Ikc({ number: schemas/* number */.aig(), url: schemas/* string */.YjP(), author: schemas/* string */.YjP(), approvers: schemas/* array */.YOg(schemas/* string */.YjP()) })
        .nullable()
        .optional(),
    training_inputs: schemas/* object */.Ikc({ hyperparameters: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional() }).passthrough(),
    base_model: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), revision: schemas/* string */.YjP() }).optional(),
    method: schemas/* string */.YjP().optional(),
    trainer: schemas/* object */.Ikc({ name: schemas/* string */.YjP(), version: schemas/* string */.YjP() }).optional(),
    files: schemas/* array */.YOg(schemas/* object */.Ikc({ path: schemas/* string */.YjP(), role: schemas/* string */.YjP(), sha256: schemas/* string */.YjP() })).optional(),
    gpu_seconds: schemas/* number */.aig().nonnegative().optional(),
    cost: schemas/* object */.Ikc({ currency: schemas/* string */.YjP(), amount: schemas/* number */.aig() }).optional()
});
const driftRecordSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz('tunegate.drift/v1'),
    model: schemas/* string */.YjP(),
    version: schemas/* string */.YjP(),
    at: schemas/* string */.YjP(),
    verdict: schemas/* string */.YjP(),
    raw: schemas/* string */.YjP(),
    share: schemas/* number */.aig(),
    shareThreshold: schemas/* number */.aig(),
    statistics: schemas/* array */.YOg(schemas/* object */.Ikc({
        name: schemas/* string */.YjP(),
        method: schemas/* string */.YjP(),
        effectName: schemas/* string */.YjP(),
        effectSize: schemas/* number */.aig(),
        threshold: schemas/* number */.aig(),
        drifted: schemas/* boolean */.zMY()
    })),
    action: schemas/* object */.Ikc({ kind: schemas/* string */.YjP(), url: schemas/* string */.YjP().optional() })
});
const iso = (seconds) => new Date(seconds * 1000).toISOString();
const site_data_text = (s) => (0,report_escape/* cut */.Jj)(s, MAX_TEXT);
/** A file name for a model: GTO names may hold `/` and `:`; the digest suffix keeps two names apart. */
function modelSlug(name) {
    const plain = name.replace(/[^a-zA-Z0-9_-]+/g, '_');
    let h = 0;
    for (let i = 0; i < name.length; i++)
        h = (Math.imul(h, 31) + name.charCodeAt(i)) >>> 0;
    return plain === name ? name : `${plain}-${h.toString(16)}`;
}
/** The timeline of one model's tags, oldest first, with each rollback marked. */
function timeline(tags) {
    const events = [];
    const ordered = tags
        .filter(t => t.annotated)
        .map(t => ({ t, p: (0,gto_tags/* parseTag */.ED)(t.name) }))
        .filter(e => e.p.ok)
        .sort((a, b) => a.t.taggedAt - b.t.taggedAt || (a.t.name < b.t.name ? -1 : 1));
    // The version each commit registered: a stage tag names a commit, the version is the one registered there.
    const versionAt = new Map();
    for (const { t, p } of ordered)
        if (p.ok && p.action === 'register')
            versionAt.set(t.commit, p.version);
    const onStage = new Map();
    for (const { t, p } of ordered) {
        if (!p.ok)
            continue;
        const version = p.version ?? versionAt.get(t.commit) ?? null;
        let rollback = false;
        if (p.action === 'assign' && version) {
            const before = onStage.get(p.stage);
            rollback = Boolean(before &&
                semver_default().valid(before.slice(1)) &&
                semver_default().valid(version.slice(1)) &&
                semver_default().lt(version.slice(1), before.slice(1)));
            onStage.set(p.stage, version);
        }
        if (p.action === 'unassign')
            onStage.delete(p.stage);
        events.push({
            at: iso(t.taggedAt),
            action: p.action,
            rollback,
            version,
            stage: p.stage ?? null,
            tag: t.name,
            tagger: site_data_text(t.tagger),
            message: site_data_text(t.message.split('\n')[0] ?? '')
        });
    }
    return events;
}
/** Reads a downloaded JSON file after checking its size; a problem names the release and asset. */
async function readBoundedJson(file, max, label) {
    const size = (await (0,promises_.stat)(file)).size;
    if (size > max)
        throw new Error(`${label} is ${size} bytes, over the ${max}-byte limit the site reads`);
    try {
        return JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
    }
    catch (e) {
        throw new Error(`${label} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
}
function issue(label, error) {
    const first = error.issues[0];
    return `${label}: ${first ? `${first.path.join('.') || '(top)'}: ${first.message}` : 'invalid'}`;
}
/** One version's release figures (manifest and evaluation), or problems saying why they are missing. */
async function readVersion({ host, webBase, releasesDir }, model, v, dir, problems) {
    const tag = v.tag ?? `${model.replace(':', '=')}@${v.version}`;
    const base = {
        version: v.version,
        tag,
        commit: v.commit,
        active: v.active,
        registered_at: v.registeredAt !== undefined ? iso(v.registeredAt) : null,
        release_url: webBase
            ? `${webBase}/releases/tag/${encodeURIComponent(tag)}`
            : releasesDir
                ? (0,external_node_url_.pathToFileURL)(external_node_path_default().join(releasesDir, tag)).href
                : null,
        commit_url: webBase ? `${webBase}/commit/${v.commit}` : null,
        pull_request: null,
        bump: null,
        parent: null,
        base_model: null,
        method: null,
        trainer: null,
        hyperparameters: {},
        files: [],
        gpu_hours: 0,
        cost: null,
        evaluation: null
    };
    if (!v.tag)
        return base;
    const fetchJson = async (asset, max) => {
        const file = external_node_path_default().join(dir, asset);
        if (!(await host.downloadReleaseAsset(tag, asset, file)))
            return undefined;
        return readBoundedJson(file, max, `release ${tag} ${asset}`);
    };
    try {
        const raw = await fetchJson(manifest/* MANIFEST_ASSET */.ny, MAX_MANIFEST_BYTES);
        if (raw !== undefined) {
            const m = manifestSchema.safeParse(raw);
            if (!m.success)
                problems.push(issue(`release ${tag} ${manifest/* MANIFEST_ASSET */.ny}`, m.error));
            else
                Object.assign(base, manifestFigures(m.data));
        }
        else
            problems.push(`release ${tag} has no ${manifest/* MANIFEST_ASSET */.ny}`);
        const rawEval = await fetchJson(production/* EVALUATION_ASSET */.O, MAX_EVALUATION_BYTES);
        if (rawEval !== undefined) {
            const r = evaluation_record/* evaluationRecordSchema */.HB.safeParse(rawEval);
            if (!r.success)
                problems.push(issue(`release ${tag} ${production/* EVALUATION_ASSET */.O}`, r.error));
            else
                base.evaluation = siteEvaluation(r.data);
        }
        else
            problems.push(`release ${tag} has no ${production/* EVALUATION_ASSET */.O}`);
    }
    catch (e) {
        problems.push(e instanceof Error ? e.message : String(e));
    }
    return base;
}
/** A version's figures from its checked release manifest, its texts cut and its links kept only when http(s). */
function manifestFigures(d) {
    return {
        bump: d.bump ? { level: d.bump.level, reason: site_data_text(d.bump.reason) } : null,
        parent: d.parent?.version ?? null,
        pull_request: d.pull_request
            ? {
                number: d.pull_request.number,
                url: safeUrl(d.pull_request.url),
                author: site_data_text(d.pull_request.author),
                approvers: d.pull_request.approvers.map(site_data_text)
            }
            : null,
        base_model: d.base_model ? site_data_text(`${d.base_model.id}@${d.base_model.revision}`) : null,
        method: d.method ?? null,
        trainer: d.trainer ? site_data_text(`${d.trainer.name} ${d.trainer.version}`) : null,
        hyperparameters: d.training_inputs.hyperparameters ?? {},
        files: (d.files ?? []).filter(f => f.role === 'train' || f.role === 'eval'),
        gpu_hours: (d.gpu_seconds ?? 0) / 3600,
        cost: d.cost ? { currency: d.cost.currency, amount: d.cost.amount } : null
    };
}
/** A version's evaluation from its checked release record: verdict, every metric per slice, and the gates. */
function siteEvaluation(e) {
    const metrics = [];
    for (const [metric, m] of Object.entries(e.metrics))
        for (const [slice, s] of Object.entries(m.slices))
            metrics.push({
                metric,
                slice,
                value: s.value,
                n: s.n,
                higher_is_better: m.higher_is_better,
                delta: s.comparison?.delta ?? null,
                low: s.comparison?.low ?? null,
                high: s.comparison?.high ?? null,
                baseline: s.comparison?.baseline ?? null,
                confidence: s.comparison?.confidence ?? null
            });
    return {
        verdict: e.verdict,
        baseline: e.baseline?.version ?? null,
        run_url: e.candidate.run ? safeUrl(e.candidate.run) : null,
        metrics,
        gates: e.gates.map(g => ({
            metric: g.metric,
            slice: g.slice,
            kind: g.kind,
            threshold: g.threshold,
            value: g.value,
            passed: g.passed,
            inconclusive: g.inconclusive,
            reason: site_data_text(g.reason)
        }))
    };
}
/** Only http(s) links are kept: a `javascript:` URL in a manifest must not become a link. */
function safeUrl(url) {
    return /^https?:\/\//i.test(url) ? (0,report_escape/* cut */.Jj)(url, 2000) : '';
}
function driftRuns(model, records, problems) {
    const runs = [];
    for (const raw of records) {
        if (raw instanceof Error) {
            problems.push(`drift record of ${model}: ${raw.message}`);
            continue;
        }
        const r = driftRecordSchema.safeParse(raw);
        if (!r.success) {
            problems.push(issue(`drift record of ${model}`, r.error));
            continue;
        }
        const d = r.data;
        runs.push({
            at: d.at,
            version: d.version,
            verdict: d.verdict,
            raw: d.raw,
            share: d.share,
            share_threshold: d.shareThreshold,
            statistics: d.statistics.map(s => ({
                name: site_data_text(s.name),
                method: site_data_text(s.method),
                effect: site_data_text(s.effectName),
                value: s.effectSize,
                threshold: s.threshold,
                drifted: s.drifted
            })),
            action: { kind: d.action.kind, url: d.action.url ? safeUrl(d.action.url) || null : null }
        });
    }
    return runs.sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, MAX_DRIFT_RUNS);
}
/** Runs `f` over items with at most `limit` at once, keeping their order. */
async function mapLimit(items, limit, f) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await f(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}
/** Collects the site's data for every model the tags name. */
async function collectSiteData({ host, stages: declared, specs, driftRecords, workDir, webBase, releasesDir, now, concurrency }) {
    const tags = await host.listTags();
    const state = (0,registry_state/* resolveState */.KS)(tags);
    const byModel = new Map();
    for (const t of tags) {
        const p = (0,gto_tags/* parseTag */.ED)(t.name);
        if (!p.ok)
            continue;
        const list = byModel.get(p.model);
        if (list)
            list.push(t);
        else
            byModel.set(p.model, [t]);
    }
    const problems = [];
    await (0,promises_.mkdir)(workDir, { recursive: true });
    const scratch = await (0,promises_.mkdtemp)(external_node_path_default().join(workDir, 'site-'));
    try {
        const models = await mapLimit([...state.values()], concurrency ?? 8, async (s) => {
            const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(scratch, 'm-'));
            const versions = [];
            for (const v of s.versions) {
                versions.push(await readVersion({ host, webBase, releasesDir }, s.model, v, dir, problems));
                await (0,promises_.rm)(dir, { recursive: true, force: true });
                await (0,promises_.mkdir)(dir);
            }
            const byVersion = new Map(versions.map(v => [v.version, v]));
            const stages = Object.values(s.stages).map(st => ({
                stage: st.stage,
                version: st.version,
                since: iso(st.assignedAt),
                tag: st.tag,
                approved_by: byVersion.get(st.version)?.pull_request?.approvers ?? []
            }));
            const totals = new Map();
            for (const v of versions)
                if (v.cost)
                    totals.set(v.cost.currency, (totals.get(v.cost.currency) ?? 0) + v.cost.amount);
            const spec = specs?.get(s.model);
            const model = {
                schema: 'tunegate.site-model/v1',
                name: s.model,
                slug: modelSlug(s.model),
                deprecated: s.deprecated,
                owners: spec?.owners.map(site_data_text) ?? [],
                risk_tier: spec?.risk_tier ?? null,
                stages,
                versions,
                events: timeline(byModel.get(s.model) ?? []),
                drift: driftRecords ? driftRuns(s.model, await driftRecords(s.model), problems) : [],
                total: {
                    gpu_hours: versions.reduce((a, v) => a + v.gpu_hours, 0),
                    cost: [...totals].map(([currency, amount]) => ({ currency, amount }))
                }
            };
            return model;
        });
        const stageOrder = [...(declared ?? [])];
        for (const m of models)
            for (const st of m.stages)
                if (!stageOrder.includes(st.stage))
                    stageOrder.push(st.stage);
        return {
            schema: 'tunegate.site/v1',
            generated_at: (now?.() ?? new Date()).toISOString(),
            repository: host.runContext().repository,
            stages: stageOrder,
            models,
            problems
        };
    }
    finally {
        await (0,promises_.rm)(scratch, { recursive: true, force: true });
    }
}
/** The drift records a local state folder holds for a model (`<state>/drift/<model>/*.json`, the CLI's). */
async function driftRecordsInFolder(stateDir, model) {
    const dir = external_node_path_default().join(stateDir, 'drift', model);
    let names;
    try {
        names = (await (0,promises_.readdir)(dir)).filter(n => n.endsWith('.json'));
    }
    catch {
        return [];
    }
    const out = [];
    for (const n of names)
        out.push(await readBoundedJson(external_node_path_default().join(dir, n), MAX_DRIFT_BYTES, `${external_node_path_default().join(dir, n)}`));
    return out;
}
/**
 * The drift records of a model's drift artifacts (one per run; the newest MAX_DRIFT_RUNS), through the host;
 * an artifact that cannot be read comes back as an Error, which the site lists as a problem.
 */
async function driftRecordsFromArtifacts(host, model, workDir) {
    const artifacts = (await host.listArtifacts({ name: driftArtifactName(model) }))
        .filter(a => !a.expired)
        .sort((a, b) => ((a.createdAt ?? '') < (b.createdAt ?? '') ? 1 : -1))
        .slice(0, MAX_DRIFT_RUNS);
    const out = [];
    for (const a of artifacts) {
        if (a.sizeInBytes > MAX_DRIFT_BYTES) {
            out.push(new Error(`artifact ${a.name} is ${a.sizeInBytes} bytes, over the ${MAX_DRIFT_BYTES}-byte limit`));
            continue;
        }
        const dir = await mkdtemp(path.join(workDir, 'drift-'));
        try {
            await host.downloadArtifact(a, dir);
            out.push(await readBoundedJson(path.join(dir, DRIFT_RECORD_FILE), MAX_DRIFT_BYTES, `artifact ${a.name} ${DRIFT_RECORD_FILE}`));
        }
        catch (e) {
            out.push(e instanceof Error ? e : new Error(String(e)));
        }
        finally {
            await rm(dir, { recursive: true, force: true });
        }
    }
    return out;
}
/** The stage order, owners and risk tiers the registry's specs give, when the registry folder exists. */
async function registrySpecs(registryDir) {
    const specs = new Map();
    if (!(0,external_node_fs_.existsSync)(registryDir))
        return { specs };
    const registry = await (0,loader/* loadRegistry */.Ag)(registryDir);
    for (const m of registry.models)
        specs.set(m.spec.name, { owners: m.spec.owners, risk_tier: m.spec.risk_tier });
    return { ...(registry.config ? { stages: registry.config.stages } : {}), specs };
}

;// CONCATENATED MODULE: ./src/site/client-scripts.ts
// The site's two page scripts, as text: they run in the reader's browser, read the JSON the page embeds,
// and write only through textContent and createElement (never innerHTML), so untrusted names stay text.
/** Models × stages: search, filters and pages of PAGE_SIZE rows over the embedded rows. */
const INDEX_SCRIPT = `(function(){
'use strict';
var data = JSON.parse(document.getElementById('rows').textContent);
var stages = data.stages, rows = data.rows, size = data.pageSize;
var q = document.getElementById('q'), tier = document.getElementById('tier'), stage = document.getElementById('stage');
var drift = document.getElementById('drift'), body = document.getElementById('model-rows');
var status = document.getElementById('result-status'), prev = document.getElementById('prev'), next = document.getElementById('next');
var pageNo = 0, shown = rows;
function cell(tr, text, cls){ var td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td); return td; }
function render(){
  var pages = Math.max(1, Math.ceil(shown.length / size));
  if (pageNo >= pages) pageNo = pages - 1;
  var frag = document.createDocumentFragment();
  shown.slice(pageNo * size, pageNo * size + size).forEach(function(r){
    var tr = document.createElement('tr');
    var th = document.createElement('th'); th.scope = 'row';
    var a = document.createElement('a'); a.href = 'models/' + encodeURIComponent(r.slug) + '.html'; a.textContent = r.name;
    th.appendChild(a);
    if (r.deprecated) { var s = document.createElement('span'); s.className = 'muted'; s.textContent = ' (deprecated)'; th.appendChild(s); }
    tr.appendChild(th);
    stages.forEach(function(st, i){
      var v = r.stages[i];
      var td = cell(tr, v ? v.version : '–', v ? '' : 'muted');
      if (v) { var d = document.createElement('div'); d.className = 'muted'; d.textContent = 'since ' + v.since.slice(0, 10) + (v.approved_by.length ? ', approved by ' + v.approved_by.join(', ') : ''); td.appendChild(d); }
    });
    cell(tr, r.risk_tier || '–');
    cell(tr, r.owners.join(', ') || '–');
    cell(tr, r.drift || 'no runs', r.drift === 'drift' ? 'fail' : r.drift === 'no-drift' ? 'pass' : 'muted');
    frag.appendChild(tr);
  });
  body.replaceChildren(frag);
  status.textContent = shown.length + ' of ' + rows.length + ' models' + (shown.length ? ', page ' + (pageNo + 1) + ' of ' + pages : '');
  prev.disabled = pageNo === 0; next.disabled = pageNo >= pages - 1;
}
function filter(){
  var text = q.value.trim().toLowerCase(), t = tier.value, s = stage.value, d = drift.value;
  var si = stages.indexOf(s);
  shown = rows.filter(function(r){
    if (text && r.name.toLowerCase().indexOf(text) < 0 && r.owners.join(' ').toLowerCase().indexOf(text) < 0) return false;
    if (t && r.risk_tier !== t) return false;
    if (si >= 0 && !r.stages[si]) return false;
    if (d && (r.drift || 'none') !== d) return false;
    return true;
  });
  pageNo = 0; render();
}
[q, tier, stage, drift].forEach(function(el){ el.addEventListener('input', filter); el.addEventListener('change', filter); });
prev.addEventListener('click', function(){ pageNo--; render(); });
next.addEventListener('click', function(){ pageNo++; render(); });
document.getElementById('pager').hidden = false;
var params = new URLSearchParams(location.search);
// The first page is already in the HTML: it is only re-rendered when the reader asks for other rows.
if (params.get('q')) { q.value = params.get('q'); filter(); } else { prev.disabled = true; next.disabled = rows.length <= size; }
})();`;
/** A model's page: the comparison of any two versions, from the versions embedded in the page. */
const MODEL_SCRIPT = `(function(){
'use strict';
var versions = JSON.parse(document.getElementById('versions').textContent);
var a = document.getElementById('compare-a'), b = document.getElementById('compare-b'), out = document.getElementById('comparison');
function find(v){ for (var i = 0; i < versions.length; i++) if (versions[i].version === v) return versions[i]; return null; }
function table(caption, head, rows){
  var t = document.createElement('table'), c = document.createElement('caption'); c.textContent = caption; t.appendChild(c);
  var tr = document.createElement('tr');
  head.forEach(function(h){ var th = document.createElement('th'); th.scope = 'col'; th.textContent = h; tr.appendChild(th); });
  t.appendChild(tr);
  if (!rows.length) rows = [[{ text: 'none', cls: 'muted' }]];
  rows.forEach(function(r){
    var tr = document.createElement('tr');
    r.forEach(function(x){ var td = document.createElement('td'); if (typeof x === 'object') { td.textContent = x.text; td.className = x.cls || ''; } else td.textContent = x; tr.appendChild(td); });
    t.appendChild(tr);
  });
  return t;
}
function num(x){ return x === null || x === undefined ? '–' : (Math.round(x * 10000) / 10000).toString(); }
function show(x){ return x === undefined ? '–' : JSON.stringify(x); }
function render(){
  var va = find(a.value), vb = find(b.value);
  if (!va || !vb) return;
  var parts = [];
  var metrics = {}, keys = [];
  function add(v, side){ (v.evaluation ? v.evaluation.metrics : []).forEach(function(m){ var k = m.metric + ' · ' + m.slice; if (!metrics[k]) { metrics[k] = {}; keys.push(k); } metrics[k][side] = m; }); }
  add(va, 'a'); add(vb, 'b');
  parts.push(table('Metrics: ' + va.version + ' → ' + vb.version, ['metric · use case', va.version, vb.version, 'change'], keys.map(function(k){
    var m = metrics[k], x = m.a ? m.a.value : null, y = m.b ? m.b.value : null, d = x !== null && y !== null ? y - x : null;
    var better = m.a ? m.a.higher_is_better : (m.b ? m.b.higher_is_better : true);
    var cls = d === null || d === 0 ? '' : ((d > 0) === better ? 'pass' : 'fail');
    return [k, num(x), num(y), { text: d === null ? '–' : (d > 0 ? '+' : '') + num(d) + (d === 0 ? '' : (d > 0) === better ? ' (better)' : ' (worse)'), cls: cls }];
  })));
  var files = {}, fkeys = [];
  function addf(v, side){ v.files.forEach(function(f){ var k = f.role + ': ' + f.path; if (!files[k]) { files[k] = {}; fkeys.push(k); } files[k][side] = f.sha256; }); }
  addf(va, 'a'); addf(vb, 'b');
  parts.push(table('Dataset files', ['file', 'change'], fkeys.map(function(k){
    var f = files[k];
    return [k, !f.a ? 'added' : !f.b ? 'removed' : f.a === f.b ? 'unchanged' : 'changed (' + f.a.slice(0, 12) + ' → ' + f.b.slice(0, 12) + ')'];
  })));
  var hk = Object.keys(Object.assign({}, va.hyperparameters, vb.hyperparameters)).sort();
  parts.push(table('Hyperparameters', ['name', va.version, vb.version], hk.map(function(k){
    var x = show(va.hyperparameters[k]), y = show(vb.hyperparameters[k]);
    return [k, x, { text: y, cls: x === y ? '' : 'warn' }];
  })));
  var lineage = [['commit', 'commit'], ['base model', 'base_model'], ['method', 'method'], ['trainer', 'trainer'], ['parent', 'parent'], ['registered', 'registered_at']];
  parts.push(table('Lineage', ['', va.version, vb.version], lineage.map(function(l){
    return [l[0], String(va[l[1]] === null ? '–' : va[l[1]]), String(vb[l[1]] === null ? '–' : vb[l[1]])];
  }).concat([['pull request', va.pull_request ? '#' + va.pull_request.number : '–', vb.pull_request ? '#' + vb.pull_request.number : '–']])));
  out.replaceChildren.apply(out, parts);
}
a.addEventListener('change', render); b.addEventListener('change', render);
document.getElementById('compare-controls').hidden = false;
render();
})();`;

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/site/html.ts
// HTML text for the registry site: every untrusted string (model, tagger and owner names, reasons, tag
// messages) goes through escapeHtml; data embedded for the page's script goes through jsonInScript.

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text made inert in HTML content and in quoted attribute values. */
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, c => ENTITIES[c]);
}
/**
 * JSON for a `<script type="application/json">` block: `<` is escaped so no `</script>` or `<!--` can end or
 * change the block, and the line separators JSON allows but old JavaScript did not are escaped too.
 */
function jsonInScript(value) {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}
/** The CSP source of an inline script: only the scripts the site wrote run, an injected one would not. */
function scriptHash(script) {
    return `'sha256-${(0,external_node_crypto_.createHash)('sha256').update(script).digest('base64')}'`;
}
const STYLE = `
:root{color-scheme:light;--fg:#1f2328;--muted:#57606a;--link:#0a55c2;--line:#d0d7de;--bg2:#f6f8fa;--pass:#116329;--fail:#a40e26;--warn:#7d4e00}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:#fff;margin:0}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
header{border-bottom:1px solid var(--line);display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}
header nav a{margin-right:16px}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #0a55c2;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:1}
table{border-collapse:collapse;margin:8px 0 16px;width:100%}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--bg2)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:var(--muted)}
.pass{color:var(--pass);font-weight:600}.fail{color:var(--fail);font-weight:600}.warn{color:var(--warn);font-weight:600}
.rollback{color:var(--fail);font-weight:600}
.controls{display:flex;gap:12px;flex-wrap:wrap;align-items:end;margin:12px 0}
.controls label{display:flex;flex-direction:column;font-size:13px;color:var(--muted)}
input,select,button{font:inherit;padding:4px 8px;border:1px solid #6e7781;border-radius:4px;background:#fff;color:var(--fg)}
button{cursor:pointer}
.chart{max-width:100%;height:auto;background:#fff}
.chart .grid{stroke:#d8dee4}.chart .axis{font-size:11px;fill:#57606a}
.chart .series{fill:none;stroke:#0a55c2;stroke-width:2}.chart .point{fill:#0a55c2}
.chart .interval{stroke:#0a55c2;stroke-width:6;stroke-opacity:.3}
.chart .threshold{stroke:#a40e26;stroke-dasharray:6 4}.chart .threshold-label{font-size:11px;fill:#a40e26}
.chart .bar{fill:#0a55c2}
.figure{display:grid;grid-template-columns:minmax(0,560px) minmax(0,1fr);gap:16px;align-items:start}
@media (max-width:900px){.figure{grid-template-columns:1fr}}
code{font-size:13px;background:var(--bg2);padding:1px 4px;border-radius:3px;word-break:break-all}
`;
/** A whole page: the scripts given are the only ones its Content-Security-Policy lets run. */
function page({ title, body, scripts = [], depth = 0 }) {
    const up = '../'.repeat(depth);
    const csp = [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        `script-src ${scripts.length ? scripts.map(scriptHash).join(' ') : "'none'"}`,
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'"
    ].join('; ');
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><p><strong>Tunegate registry</strong></p>
<nav aria-label="Site"><a href="${up}index.html">Models</a><a href="${up}overview.html">Overview</a><a href="${up}data/site.json">Data (JSON)</a></nav></header>
<main id="main" tabindex="-1">
${body}
</main>
${scripts.map(s => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}

;// CONCATENATED MODULE: ./src/site/svg-chart.ts
// Inline SVG charts for the registry site, written by hand: the site is offline (no CDN, no chart library
// loaded in the page), and the two shapes it needs (a line with interval bars and threshold lines, a bar
// chart) are a few dozen lines each. Every chart has a text alternative beside it (a table) that the
// caller renders; the SVG itself carries a title and is linked to that table with aria-describedby.

const W = 560;
const H = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };
const fmt = (n) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3));
/** A line of values across versions, with interval bars and dashed threshold lines. */
function lineChart({ title, describedBy, points, thresholds }) {
    const values = points
        .flatMap(p => [p.value, p.low ?? p.value, p.high ?? p.value])
        .concat(thresholds.map(t => t.value));
    let min = Math.min(...values);
    let max = Math.max(...values);
    if (!Number.isFinite(min))
        return '';
    if (max === min) {
        min -= 0.5;
        max += 0.5;
    }
    const span = max - min;
    min -= span * 0.08;
    max += span * 0.08;
    const x = (i) => PAD.left +
        (points.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (points.length - 1));
    const y = (v) => PAD.top + ((max - v) * (H - PAD.top - PAD.bottom)) / (max - min);
    const parts = [];
    for (let k = 0; k <= 4; k++) {
        const v = min + ((max - min) * k) / 4;
        parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`, `<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${fmt(v)}</text>`);
    }
    for (const t of thresholds)
        parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t.value).toFixed(1)}" y2="${y(t.value).toFixed(1)}" class="threshold"/>`, `<text x="${W - PAD.right}" y="${(y(t.value) - 4).toFixed(1)}" text-anchor="end" class="threshold-label">${escapeHtml(t.label)}</text>`);
    points.forEach((p, i) => {
        if (p.low !== undefined && p.high !== undefined)
            parts.push(`<line x1="${x(i)}" x2="${x(i)}" y1="${y(p.low).toFixed(1)}" y2="${y(p.high).toFixed(1)}" class="interval"/>`);
        parts.push(`<text x="${x(i)}" y="${H - PAD.bottom + 18}" text-anchor="middle" class="axis">${escapeHtml(p.label)}</text>`);
    });
    if (points.length > 1)
        parts.push(`<polyline class="series" points="${points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}"/>`);
    points.forEach((p, i) => parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="4" class="point"/>`));
    return (`<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-describedby="${escapeHtml(describedBy)}" class="chart">` +
        `<title>${escapeHtml(title)}</title>${parts.join('')}</svg>`);
}
/** Vertical bars, one per label. */
function barChart({ title, describedBy, bars }) {
    if (!bars.length)
        return '';
    const max = Math.max(...bars.map(b => b.value), 1);
    const bw = (W - PAD.left - PAD.right) / bars.length;
    const y = (v) => PAD.top + ((max - v) * (H - PAD.top - PAD.bottom)) / max;
    const parts = [
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(0)}" y2="${y(0)}" class="grid"/>`,
        `<text x="${PAD.left - 6}" y="${y(max) + 4}" text-anchor="end" class="axis">${fmt(max)}</text>`
    ];
    // Labels thin out when bars are narrow, so they never overlap; the table beside lists every one.
    const every = Math.max(1, Math.ceil(60 / bw));
    bars.forEach((b, i) => {
        const h = y(0) - y(b.value);
        parts.push(`<rect x="${(PAD.left + i * bw + bw * 0.15).toFixed(1)}" y="${y(b.value).toFixed(1)}" width="${(bw * 0.7).toFixed(1)}" height="${h.toFixed(1)}" class="bar"/>`);
        if (i % every === 0)
            parts.push(`<text x="${(PAD.left + i * bw + bw / 2).toFixed(1)}" y="${H - PAD.bottom + 18}" text-anchor="middle" class="axis">${escapeHtml(b.label)}</text>`);
    });
    return (`<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-describedby="${escapeHtml(describedBy)}" class="chart">` +
        `<title>${escapeHtml(title)}</title>${parts.join('')}</svg>`);
}

;// CONCATENATED MODULE: ./src/site/site-pages.ts
// The registry site's pages, rendered from its data (site-data.ts): models × stages, one page per model, and
// an overview. The first page of rows is in the HTML itself, so the first paint needs no script.




/** Rows per page of the models × stages table. */
const PAGE_SIZE = 50;
/** Metrics that measure safety rather than quality: the overview's safety pass rates are their gates'. */
const SAFETY_METRICS = ['pii_leak', 'banned_terms', 'injection_resistance'];
const num = (x, digits = 4) => x === null || x === undefined ? '–' : String(Math.round(x * 10 ** digits) / 10 ** digits);
const money = (c) => c.length ? c.map(x => `${x.amount.toFixed(2)} ${escapeHtml(x.currency)}`).join(' + ') : '–';
const site_pages_link = (href, label) => href ? `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>` : escapeHtml(label);
const lastDrift = (m) => m.drift[0]?.verdict ?? null;
/** The rows the index embeds for its script: what the table shows, nothing more. */
function indexRows(data) {
    return data.models.map(m => ({
        name: m.name,
        slug: m.slug,
        deprecated: m.deprecated,
        risk_tier: m.risk_tier,
        owners: m.owners,
        drift: lastDrift(m),
        stages: data.stages.map(s => {
            const st = m.stages.find(x => x.stage === s);
            return st ? { version: st.version, since: st.since, approved_by: st.approved_by } : null;
        })
    }));
}
/** Models × stages, with search, filters and paging. */
function indexPage(data) {
    const rows = indexRows(data);
    const tiers = [...new Set(data.models.map(m => m.risk_tier).filter((t) => Boolean(t)))].sort();
    const firstRows = rows
        .slice(0, PAGE_SIZE)
        .map(r => {
        const cells = r.stages.map(s => s
            ? `<td>${escapeHtml(s.version)}<div class="muted">since ${escapeHtml(s.since.slice(0, 10))}${s.approved_by.length ? `, approved by ${escapeHtml(s.approved_by.join(', '))}` : ''}</div></td>`
            : '<td class="muted">–</td>');
        return `<tr><th scope="row"><a href="models/${escapeHtml(encodeURIComponent(r.slug))}.html">${escapeHtml(r.name)}</a>${r.deprecated ? '<span class="muted"> (deprecated)</span>' : ''}</th>${cells.join('')}<td>${escapeHtml(r.risk_tier ?? '–')}</td><td>${escapeHtml(r.owners.join(', ') || '–')}</td><td class="${r.drift === 'drift' ? 'fail' : r.drift === 'no-drift' ? 'pass' : 'muted'}">${escapeHtml(r.drift ?? 'no runs')}</td></tr>`;
    })
        .join('\n');
    const options = (values) => values.map(v => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('');
    const body = `<h1>Models × stages</h1>
<p class="muted">${data.models.length} models, built ${escapeHtml(data.generated_at)} from ${escapeHtml(data.repository)}.${data.problems.length ? ` <a href="overview.html#problems">${data.problems.length} problem(s) reading releases</a>.` : ''}</p>
<div class="controls" role="search">
<label for="q">Search models or owners<input id="q" type="search" autocomplete="off"></label>
<label for="stage">At stage<select id="stage"><option value="">any</option>${options(data.stages)}</select></label>
<label for="tier">Risk tier<select id="tier"><option value="">any</option>${options(tiers)}</select></label>
<label for="drift">Last drift<select id="drift"><option value="">any</option><option value="drift">drift</option><option value="no-drift">no drift</option><option value="none">no runs</option></select></label>
</div>
<p id="result-status" role="status" aria-live="polite">${rows.length} of ${rows.length} models${rows.length ? `, page 1 of ${Math.ceil(rows.length / PAGE_SIZE)}` : ''}</p>
<table id="models">
<caption>Which version is at each stage, since when and approved by whom</caption>
<thead><tr><th scope="col">Model</th>${data.stages.map(s => `<th scope="col">${escapeHtml(s)}</th>`).join('')}<th scope="col">Risk tier</th><th scope="col">Owners</th><th scope="col">Last drift</th></tr></thead>
<tbody id="model-rows">
${firstRows}
</tbody>
</table>
<div id="pager" class="controls" hidden><button type="button" id="prev">Previous page</button><button type="button" id="next">Next page</button></div>
<script type="application/json" id="rows">${jsonInScript({ stages: data.stages, pageSize: PAGE_SIZE, rows })}</script>`;
    return page({ title: 'Tunegate registry: models', body, scripts: [INDEX_SCRIPT] });
}
const ascending = (versions) => [...versions].sort((a, b) => {
    const x = semver_default().valid(a.version.slice(1));
    const y = semver_default().valid(b.version.slice(1));
    return x && y ? semver_default().compare(x, y) : a.version < b.version ? -1 : 1;
});
/** One chart and its table per metric and use case, across the versions that have an evaluation. */
function metricHistory(m) {
    const evaluated = ascending(m.versions).filter(v => v.evaluation);
    const series = new Map();
    for (const v of evaluated)
        for (const p of v.evaluation.metrics) {
            const key = `${p.metric}\u0000${p.slice}`;
            const list = series.get(key);
            if (list)
                list.push({ v, p });
            else
                series.set(key, [{ v, p }]);
        }
    if (!series.size)
        return '<p class="muted">No evaluation records in the releases.</p>';
    let n = 0;
    return [...series.entries()]
        .map(([key, points]) => {
        const [metric, slice] = key.split('\u0000');
        const id = `metric-${n++}`;
        // Each gate threshold on the metric itself (min, max) is drawn, with the versions it was in force for.
        const inForce = new Map();
        for (const { v } of points)
            for (const g of v.evaluation.gates)
                if (g.metric === metric &&
                    g.slice === slice &&
                    (g.kind === 'min' || g.kind === 'max') &&
                    g.threshold !== null) {
                    const key = `${g.kind} ${g.threshold}`;
                    const t = inForce.get(key) ?? { kind: g.kind, value: g.threshold, versions: [] };
                    t.versions.push(v.version);
                    inForce.set(key, t);
                }
        const thresholds = [...inForce.values()].map(t => ({
            label: `${t.kind} ${num(t.value)} (${t.versions.length === points.length ? 'all versions' : t.versions.join(', ')})`,
            value: t.value
        }));
        // The interval drawn is the paired bootstrap's interval of Δ, placed on the baseline's value: where the
        // candidate's value may lie given the baseline's.
        const chartPoints = points.map(({ v, p }) => ({
            label: v.version,
            value: p.value,
            ...(p.baseline !== null && p.low !== null && p.high !== null
                ? { low: p.baseline + p.low, high: p.baseline + p.high }
                : {})
        }));
        const better = points[0].p.higher_is_better;
        const rows = points.map(({ v, p }, i) => {
            const prev = i > 0 ? points[i - 1].p.value : null;
            const change = prev === null ? null : p.value - prev;
            const worse = change !== null && change !== 0 && change > 0 !== better;
            const gates = v.evaluation.gates.filter(g => g.metric === metric && g.slice === slice);
            return `<tr><th scope="row">${escapeHtml(v.version)}</th><td class="num">${num(p.value)}</td><td class="num">${p.n}</td><td>${p.delta === null ? '–' : `${num(p.delta)} [${num(p.low)}, ${num(p.high)}] vs ${escapeHtml(v.evaluation.baseline ?? '')}`}</td><td class="${worse ? 'fail' : change ? 'pass' : ''}">${change === null ? '–' : `${change > 0 ? '+' : ''}${num(change)}${change === 0 ? '' : worse ? ' (drop)' : ' (gain)'}`}</td><td>${gates.map(g => `<span class="${g.inconclusive ? 'warn' : g.passed ? 'pass' : 'fail'}">${escapeHtml(g.kind)} ${num(g.threshold)}: ${g.inconclusive ? 'inconclusive' : g.passed ? 'pass' : 'fail'}</span>`).join('<br>') || '–'}</td></tr>`;
        });
        return `<section aria-labelledby="${id}-h"><h3 id="${id}-h">${escapeHtml(metric)} · ${escapeHtml(slice === 'all' ? 'all use cases' : slice)}</h3>
<div class="figure">${lineChart({ title: `${metric} on ${slice} across versions (${better ? 'higher' : 'lower'} is better)`, describedBy: `${id}-t`, points: chartPoints, thresholds })}
<table id="${id}-t"><caption>${escapeHtml(metric)} per version (${better ? 'higher' : 'lower'} is better); Δ is against the baseline with its ${num(points[points.length - 1].p.confidence ?? 0.95, 2)} interval; the bars in the chart place that interval on the baseline's value</caption>
<tr><th scope="col">Version</th><th scope="col">Value</th><th scope="col">n</th><th scope="col">Δ [interval]</th><th scope="col">Change from previous</th><th scope="col">Gates</th></tr>
${rows.join('\n')}</table></div></section>`;
    })
        .join('\n');
}
function timelineSection(m) {
    const rows = [...m.events].reverse().map(ev => {
        const what = ev.action === 'assign'
            ? `${ev.rollback ? '<span class="rollback">Rollback:</span> ' : ''}${escapeHtml(ev.version ?? '?')} assigned to ${escapeHtml(ev.stage ?? '')}`
            : ev.action === 'unassign'
                ? `${escapeHtml(ev.stage ?? '')} unassigned`
                : ev.action === 'register'
                    ? `${escapeHtml(ev.version ?? '')} registered`
                    : ev.action === 'deregister'
                        ? `${escapeHtml(ev.version ?? '')} deregistered`
                        : 'model deprecated';
        return `<tr${ev.rollback ? ' class="rollback-row"' : ''}><td>${escapeHtml(ev.at.replace('T', ' ').slice(0, 19))}</td><td>${what}</td><td><code>${escapeHtml(ev.tag)}</code></td><td>${escapeHtml(ev.tagger || '–')}</td><td>${escapeHtml(ev.message)}</td></tr>`;
    });
    return `<table id="timeline"><caption>Every tag of the model, newest first</caption>
<tr><th scope="col">When (UTC)</th><th scope="col">Event</th><th scope="col">Tag</th><th scope="col">Tagger</th><th scope="col">Message</th></tr>
${rows.join('\n')}</table>`;
}
/** A model's page: stages, timeline, metric history, comparison, cost, drift, links. */
function modelPage(m, data) {
    const stageRows = data.stages
        .map(s => {
        const st = m.stages.find(x => x.stage === s);
        return `<tr><th scope="row">${escapeHtml(s)}</th><td${st ? ' class="stage-version"' : ' class="muted"'}>${st ? escapeHtml(st.version) : '–'}</td><td>${st ? escapeHtml(st.since.replace('T', ' ').slice(0, 19)) : '–'}</td><td>${st ? escapeHtml(st.approved_by.join(', ') || 'none recorded') : '–'}</td><td>${st ? `<code>${escapeHtml(st.tag)}</code>` : '–'}</td></tr>`;
    })
        .join('\n');
    const newestFirst = [...ascending(m.versions)].reverse();
    const costRows = newestFirst
        .map(v => `<tr><th scope="row">${escapeHtml(v.version)}</th><td class="num">${num(v.gpu_hours, 3)}</td><td class="num">${v.cost ? `${v.cost.amount.toFixed(2)} ${escapeHtml(v.cost.currency)}` : '–'}</td></tr>`)
        .join('\n');
    const linkRows = newestFirst
        .map(v => `<tr><th scope="row">${escapeHtml(v.version)}</th><td>${site_pages_link(v.release_url, v.tag)}</td><td>${v.pull_request ? site_pages_link(v.pull_request.url || null, `#${v.pull_request.number} by ${v.pull_request.author}`) : '–'}</td><td>${v.evaluation?.run_url ? site_pages_link(v.evaluation.run_url, 'evaluation run') : '–'}</td><td>${site_pages_link(v.commit_url, v.commit.slice(0, 12))}</td><td>${escapeHtml(v.evaluation?.verdict ?? '–')}</td></tr>`)
        .join('\n');
    const driftRows = m.drift
        .map(d => `<tr><td>${escapeHtml(d.at.replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(d.version)}</td><td class="${d.verdict === 'drift' ? 'fail' : 'pass'}">${escapeHtml(d.verdict)}${d.raw !== d.verdict ? ` (this run: ${escapeHtml(d.raw)})` : ''}</td><td class="num">${num(d.share, 3)} / ${num(d.share_threshold, 3)}</td><td>${d.statistics.map(s => `${escapeHtml(s.name)}: ${escapeHtml(s.effect)} ${num(s.value)} (threshold ${num(s.threshold)})${s.drifted ? ' <span class="fail">drifted</span>' : ''}`).join('<br>')}</td><td>${d.action.url ? site_pages_link(d.action.url, d.action.kind) : escapeHtml(d.action.kind)}</td></tr>`)
        .join('\n');
    const versionOptions = (selected) => newestFirst
        .map(v => `<option value="${escapeHtml(v.version)}"${v.version === selected ? ' selected' : ''}>${escapeHtml(v.version)}</option>`)
        .join('');
    const body = `<h1>${escapeHtml(m.name)}${m.deprecated ? ' <span class="muted">(deprecated)</span>' : ''}</h1>
<p>Risk tier: <strong>${escapeHtml(m.risk_tier ?? 'unknown')}</strong>. Owners: ${escapeHtml(m.owners.join(', ') || 'unknown')}. Data: <a href="../data/models/${escapeHtml(encodeURIComponent(m.slug))}.json">${escapeHtml(m.slug)}.json</a></p>
<h2>Stages</h2>
<table id="stages"><caption>The version at each stage now</caption>
<tr><th scope="col">Stage</th><th scope="col">Version</th><th scope="col">Since (UTC)</th><th scope="col">Approved by</th><th scope="col">Tag</th></tr>
${stageRows}</table>
<h2>Timeline</h2>
${timelineSection(m)}
<h2>Metric history</h2>
${metricHistory(m)}
<h2>Compare two versions</h2>
<div id="compare-controls" class="controls" hidden>
<label for="compare-a">From<select id="compare-a">${versionOptions(newestFirst[1]?.version ?? newestFirst[0]?.version)}</select></label>
<label for="compare-b">To<select id="compare-b">${versionOptions(newestFirst[0]?.version)}</select></label>
</div>
<div id="comparison" aria-live="polite"><noscript>The comparison needs JavaScript; the data is in the model's JSON.</noscript></div>
<h2>Cost</h2>
<table id="cost"><caption>GPU-hours and cost of training each version</caption>
<tr><th scope="col">Version</th><th scope="col">GPU-hours</th><th scope="col">Cost</th></tr>
${costRows}
<tr><th scope="row">Total</th><td class="num">${num(m.total.gpu_hours, 3)}</td><td class="num">${money(m.total.cost)}</td></tr></table>
<h2>Drift runs</h2>
${m.drift.length ? `<table id="drift"><caption>Drift runs, newest first</caption><tr><th scope="col">When (UTC)</th><th scope="col">Version</th><th scope="col">Verdict</th><th scope="col">Drifted share / threshold</th><th scope="col">Statistics</th><th scope="col">Action</th></tr>\n${driftRows}</table>` : '<p class="muted">No drift runs recorded.</p>'}
<h2>Links</h2>
<table id="links"><caption>Releases, pull requests, runs and commits</caption>
<tr><th scope="col">Version</th><th scope="col">Release</th><th scope="col">Pull request</th><th scope="col">Run</th><th scope="col">Commit</th><th scope="col">Evaluation</th></tr>
${linkRows}</table>
<script type="application/json" id="versions">${jsonInScript(m.versions)}</script>`;
    return page({ title: `${m.name} — Tunegate registry`, body, scripts: [MODEL_SCRIPT], depth: 1 });
}
/** The figures of the overview, computed once so the page and its tests read the same numbers. */
function overviewFigures(data) {
    const perMonth = new Map();
    let gates = 0;
    let failedGates = 0;
    let safety = 0;
    let safetyPassed = 0;
    const perOwner = new Map();
    for (const m of data.models) {
        for (const ev of m.events)
            if (ev.action === 'register')
                perMonth.set(ev.at.slice(0, 7), (perMonth.get(ev.at.slice(0, 7)) ?? 0) + 1);
        for (const v of m.versions)
            for (const g of v.evaluation?.gates ?? []) {
                gates++;
                if (!g.passed)
                    failedGates++;
                if (SAFETY_METRICS.includes(g.metric)) {
                    safety++;
                    if (g.passed)
                        safetyPassed++;
                }
            }
        for (const owner of m.owners.length ? m.owners : ['(no owner)']) {
            const o = perOwner.get(owner) ?? { gpu: 0, cost: new Map() };
            o.gpu += m.total.gpu_hours;
            for (const c of m.total.cost)
                o.cost.set(c.currency, (o.cost.get(c.currency) ?? 0) + c.amount);
            perOwner.set(owner, o);
        }
    }
    return {
        perMonth: [...perMonth].sort(([a], [b]) => (a < b ? -1 : 1)),
        driftIncidents: data.models.flatMap(m => m.drift.filter(d => d.raw === 'drift').map(d => ({ model: m, run: d }))),
        gates,
        failedGates,
        safety,
        safetyPassed,
        perOwner: [...perOwner].sort(([a], [b]) => (a < b ? -1 : 1))
    };
}
const rate = (part, whole) => whole ? `${((100 * part) / whole).toFixed(1)}% (${part} of ${whole})` : '–';
/** Versions per month, drift incidents, gate failures, cost per model and owner, safety pass rates. */
function overviewPage(data) {
    const f = overviewFigures(data);
    const modelLink = (m) => `<a href="models/${escapeHtml(encodeURIComponent(m.slug))}.html">${escapeHtml(m.name)}</a>`;
    const byCost = [...data.models].sort((a, b) => b.total.gpu_hours - a.total.gpu_hours);
    const body = `<h1>Overview</h1>
<h2>Versions shipped per month</h2>
<div class="figure">${barChart({ title: 'Versions registered per month', describedBy: 'per-month', bars: f.perMonth.map(([label, value]) => ({ label, value })) })}
<table id="per-month"><caption>Versions registered per month</caption><tr><th scope="col">Month</th><th scope="col">Versions</th></tr>
${f.perMonth.map(([mo, n]) => `<tr><th scope="row">${escapeHtml(mo)}</th><td class="num">${n}</td></tr>`).join('\n')}</table></div>
<h2>Gates and safety</h2>
<table id="rates"><caption>Across every released version's evaluation</caption>
<tr><th scope="row">Gate failure rate</th><td>${rate(f.failedGates, f.gates)}</td></tr>
<tr><th scope="row">Safety pass rate (${SAFETY_METRICS.join(', ')} gates)</th><td>${rate(f.safetyPassed, f.safety)}</td></tr></table>
<h2>Drift incidents</h2>
${f.driftIncidents.length ? `<table id="incidents"><caption>Drift runs whose own verdict was drift</caption><tr><th scope="col">When (UTC)</th><th scope="col">Model</th><th scope="col">Version</th><th scope="col">Drifted share</th></tr>\n${f.driftIncidents.map(({ model, run }) => `<tr><td>${escapeHtml(run.at.replace('T', ' ').slice(0, 19))}</td><td>${modelLink(model)}</td><td>${escapeHtml(run.version)}</td><td class="num">${num(run.share, 3)}</td></tr>`).join('\n')}</table>` : '<p>No drift incidents recorded.</p>'}
<h2>GPU-hours and cost per owner</h2>
<table id="per-owner"><caption>Training of every version, by the owners of the model</caption><tr><th scope="col">Owner</th><th scope="col">GPU-hours</th><th scope="col">Cost</th></tr>
${f.perOwner.map(([owner, o]) => `<tr><th scope="row">${escapeHtml(owner)}</th><td class="num">${num(o.gpu, 3)}</td><td class="num">${money([...o.cost].map(([currency, amount]) => ({ currency, amount })))}</td></tr>`).join('\n')}</table>
<h2>GPU-hours and cost per model</h2>
<table id="per-model"><caption>Training of every version, most GPU-hours first</caption><tr><th scope="col">Model</th><th scope="col">Versions</th><th scope="col">GPU-hours</th><th scope="col">Cost</th></tr>
${byCost.map(m => `<tr><th scope="row">${modelLink(m)}</th><td class="num">${m.versions.length}</td><td class="num">${num(m.total.gpu_hours, 3)}</td><td class="num">${money(m.total.cost)}</td></tr>`).join('\n')}</table>
<h2 id="problems">Problems reading the releases</h2>
${data.problems.length ? `<ul>${data.problems.map(p => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : '<p>None.</p>'}`;
    return page({ title: 'Tunegate registry: overview', body });
}

;// CONCATENATED MODULE: ./src/site/build-site.ts
// `tunegate site`: builds the static registry site (pages and their JSON data) into a folder.




/**
 * Collects the data through the host and writes `index.html`, `overview.html`, `models/<slug>.html`,
 * `data/site.json` (every model) and `data/models/<slug>.json` (one model each) under `out`.
 */
async function buildSite({ out, ...collect }) {
    const data = await collectSiteData(collect);
    return writeSite(data, out);
}
/** Writes the pages and data of collected site data under `out` (files already there are replaced). */
async function writeSite(data, out) {
    await (0,promises_.mkdir)(external_node_path_default().join(out, 'models'), { recursive: true });
    await (0,promises_.mkdir)(external_node_path_default().join(out, 'data', 'models'), { recursive: true });
    const write = (rel, text) => (0,promises_.writeFile)(external_node_path_default().join(out, rel), text);
    let files = 0;
    await write('index.html', indexPage(data));
    await write('overview.html', overviewPage(data));
    await write(external_node_path_default().join('data', 'site.json'), JSON.stringify(data, null, 1) + '\n');
    files += 3;
    for (const m of data.models) {
        await write(external_node_path_default().join('models', `${m.slug}.html`), modelPage(m, data));
        await write(external_node_path_default().join('data', 'models', `${m.slug}.json`), JSON.stringify(m, null, 1) + '\n');
        files += 2;
    }
    return { data, index: external_node_path_default().join(out, 'index.html'), files };
}

;// CONCATENATED MODULE: ./src/cli/site-command.ts





/** `tunegate site --out DIR`: the static registry site from the local tags, `.tunegate/releases` and drift records. */
async function siteCommand({ registry: registryDir, repo: repoDir, stateDir: givenStateDir, out: outDir }, out) {
    const repo = repoDir ? external_node_path_default().resolve(repoDir) : await (0,git/* gitTopLevel */.oB)(external_node_path_default().resolve(registryDir));
    const stateDir = external_node_path_default().resolve(givenStateDir);
    const { stages, specs } = await registrySpecs(registryDir);
    const built = await buildSite({
        host: new local_host/* LocalHost */.a(stateDir, repo),
        ...(stages ? { stages } : {}),
        specs,
        driftRecords: model => driftRecordsInFolder(stateDir, model),
        releasesDir: external_node_path_default().join(stateDir, 'releases'),
        workDir: external_node_path_default().join(stateDir, 'site-work'),
        out: external_node_path_default().resolve(outDir)
    });
    for (const p of built.data.problems)
        out.error(`warning: ${p}`);
    out.line(`Registry site: ${built.data.models.length} model(s), ${built.files} files in ${external_node_path_default().resolve(outDir)}`);
    out.line(`Open ${built.index}`);
    return 0;
}


/***/ }),

/***/ 8558:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vl: () => (/* binding */ DRIFT_RECORD_FILE),
/* harmony export */   ce: () => (/* binding */ previousRecordSchema)
/* harmony export */ });
/* unused harmony export driftArtifactName */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5491);

/** The fields of an earlier record that the next run reads (an artifact is outside data: checked). */
const previousRecordSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('tunegate.drift/v1'),
    model: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    version: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    raw: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['drift', 'no-drift']),
    streak: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative()
});
/** The record file's name inside a drift artifact or state folder. */
const DRIFT_RECORD_FILE = 'drift.json';
/** The artifact name of a model's drift records: one per run, the newest is the previous run's. */
function driftArtifactName(model) {
    return `tunegate-drift-${model}`;
}


/***/ }),

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
        const parsed = (0,_record_js__WEBPACK_IMPORTED_MODULE_6__/* .parseEvaluationRecord */ .Vh)(json);
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
/* harmony export */   HB: () => (/* binding */ evaluationRecordSchema),
/* harmony export */   Vh: () => (/* binding */ parseEvaluationRecord)
/* harmony export */ });
/* unused harmony export judgeRecordSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5491);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(961);

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
const recordHeadSchema = evaluationRecordSchema.omit({ per_example: true });
const perExampleSchema = evaluationRecordSchema.shape.per_example.element;
/**
 * Parses a record as `evaluationRecordSchema.safeParse` does, the per-example scores one at a time and in place:
 * parsed whole, a record of 100,000 examples held zod's copy of every example beside the JSON's.
 */
function parseEvaluationRecord(json) {
    if (json === null || typeof json !== 'object' || Array.isArray(json))
        return evaluationRecordSchema.safeParse(json);
    const { per_example: examples, ...head } = json;
    const parsedHead = recordHeadSchema.safeParse(head);
    if (!parsedHead.success || !Array.isArray(examples))
        return evaluationRecordSchema.safeParse(json);
    for (let i = 0; i < examples.length; i++) {
        const one = perExampleSchema.safeParse(examples[i]);
        if (!one.success)
            return {
                success: false,
                error: new zod__WEBPACK_IMPORTED_MODULE_1__/* .ZodError */ .G(one.error.issues.map(issue => ({ ...issue, path: ['per_example', i, ...issue.path] })))
            };
        examples[i] = one.data;
    }
    return { success: true, data: { ...parsedHead.data, per_example: examples } };
}


/***/ }),

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

/***/ 4776:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VC: () => (/* binding */ modelFiles),
/* harmony export */   _2: () => (/* binding */ buildLineage),
/* harmony export */   ay: () => (/* binding */ inputsOfManifest),
/* harmony export */   fZ: () => (/* binding */ fingerprintOfTagMessage),
/* harmony export */   ib: () => (/* binding */ tagMessage),
/* harmony export */   ny: () => (/* binding */ MANIFEST_ASSET),
/* harmony export */   u1: () => (/* binding */ buildManifest),
/* harmony export */   wO: () => (/* binding */ versionInputs)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _registry_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5035);
/* harmony import */ var _registry_fingerprint_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3283);



/** The release asset that holds a version's lineage. */
const MANIFEST_ASSET = 'manifest.json';
/** The repository-relative digests of every file a model's version depends on. */
async function modelFiles(model, repoRoot) {
    const entries = [
        ['spec', model.file],
        ['prompt', model.prompt.file],
        ...model.train.map(f => ['train', f]),
        ...model.eval.map(f => ['eval', f]),
        ...(model.outputSchemaFile ? [['output_schema', model.outputSchemaFile]] : []),
        ...(model.tokenizer ? [['tokenizer', model.tokenizer]] : []),
        ...(model.bannedTerms ? [['banned_terms', model.bannedTerms]] : []),
        ...(model.injectionProbes ? [['injection_probes', model.injectionProbes]] : [])
    ];
    // An external dataset is named by its URI and pinned by its declared digest (it is not in the repository).
    return Promise.all(entries.map(async ([role, f]) => {
        const external = f.external;
        return {
            path: external ? external.uri : node_path__WEBPACK_IMPORTED_MODULE_0___default().relative(repoRoot, f.absolute).split((node_path__WEBPACK_IMPORTED_MODULE_0___default().sep)).join('/'),
            role,
            sha256: external ? external.sha256 : await (0,_registry_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .contentDigest */ .eZ)(f.absolute)
        };
    }));
}
/** The inputs the bump rule compares, from the merged tree's identity. */
function versionInputs(model, identity) {
    return {
        training_fingerprint: identity.training_fingerprint,
        training_inputs: identity.training_inputs,
        prompt_variables: model.prompt.spec.variables.map(v => v.name)
    };
}
/** The inputs of an earlier version, from its manifest; undefined when it is not a tunegate.manifest/v1. */
function inputsOfManifest(value) {
    const m = value;
    if (m?.schema !== 'tunegate.manifest/v1' || typeof m.training_fingerprint !== 'string' || !m.training_inputs)
        return undefined;
    return {
        training_fingerprint: m.training_fingerprint,
        training_inputs: m.training_inputs,
        prompt_variables: Array.isArray(m.prompt_variables) ? m.prompt_variables.map(String) : []
    };
}
/** The annotated tag's message: a title line, then `key: value` lines that `fingerprintOfTagMessage` reads back. */
function tagMessage(m) {
    const lines = [
        `${m.model} ${m.version} (${m.bump.level}: ${m.bump.reason})`,
        '',
        `training_fingerprint: ${m.training_fingerprint}`,
        `evaluation_fingerprint: ${m.evaluation_fingerprint}`,
        `base_model: ${m.base_model.id}@${m.base_model.revision}`,
        `trainer: ${m.trainer.name} ${m.trainer.version}`,
        `parent: ${m.parent?.version ?? 'none'}`,
        `pull_request: ${m.pull_request ? `#${m.pull_request.number} by ${m.pull_request.author}` : 'none'}`,
        `approved_by: ${m.pull_request?.approvers.join(', ') || 'none'}`,
        `evaluation: ${m.evaluation.verdict}${m.evaluation.baseline ? ` against ${m.evaluation.baseline}` : ''}`
    ];
    return lines.join('\n') + '\n';
}
/** The training fingerprint a version tag's message records, if it has one. */
function fingerprintOfTagMessage(message) {
    return /^training_fingerprint: ([0-9a-f]{64})$/m.exec(message)?.[1];
}
/** Builds the lineage of a new version from what was verified. */
function buildLineage({ model, identity, files, choice, tag, commit, registeredAt, parent, pullRequest, run, record }) {
    const spec = model.spec;
    return {
        schema: 'tunegate.manifest/v1',
        model: spec.name,
        version: choice.version,
        tag,
        commit,
        registered_at: new Date(registeredAt * 1000).toISOString(),
        bump: { level: choice.bump, reason: choice.reason },
        parent,
        pull_request: pullRequest,
        training_fingerprint: identity.training_fingerprint,
        evaluation_fingerprint: identity.evaluation_fingerprint,
        training_inputs: identity.training_inputs,
        evaluation_inputs: identity.evaluation_inputs,
        prompt_variables: model.prompt.spec.variables.map(v => v.name),
        ...(0,_registry_fingerprint_js__WEBPACK_IMPORTED_MODULE_2__/* .whatIsTrained */ .qX)(spec),
        trainer: run.trainer,
        files,
        runner: run.runner,
        gpu_seconds: run.gpu_seconds,
        cost: run.cost,
        evaluation: {
            verdict: record.verdict,
            predictions_sha256: record.predictions_sha256,
            baseline: record.baseline?.version ?? null
        }
    };
}
/** The manifest of a new version: its lineage, the outputs as released and the archive that holds them. */
function buildManifest(lineage, outputs, archive) {
    const { evaluation, ...rest } = lineage;
    return { ...rest, outputs, archive, evaluation };
}


/***/ })

};
