export const id = 346;
export const ids = [346,298];
export const modules = {

/***/ 346:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  promoteCommand: () => (/* binding */ promoteCommand)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/host/local-host.ts + 1 modules
var local_host = __webpack_require__(5423);
// EXTERNAL MODULE: ./src/registry/git.ts
var git = __webpack_require__(6603);
// EXTERNAL MODULE: ./src/registry/fingerprint.ts
var fingerprint = __webpack_require__(3283);
// EXTERNAL MODULE: ./src/registry/gto-tags.ts
var gto_tags = __webpack_require__(193);
// EXTERNAL MODULE: ./src/registry/loader.ts + 1 modules
var loader = __webpack_require__(1905);
// EXTERNAL MODULE: ./src/registry/state.ts
var registry_state = __webpack_require__(4174);
// EXTERNAL MODULE: ./src/registry/tag-provenance.ts
var tag_provenance = __webpack_require__(4603);
// EXTERNAL MODULE: ./src/training/backends.ts
var backends = __webpack_require__(3221);
// EXTERNAL MODULE: ./src/release/manifest.ts
var release_manifest = __webpack_require__(4776);
;// CONCATENATED MODULE: ./src/release/approvals.ts
/** Access levels whose reviews GitHub counts toward required approvals. */
const WRITE_ACCESS = new Set(['admin', 'write']);
// States GitHub reports for a review; COMMENTED and PENDING carry no opinion.
const OPINIONATED = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);
/**
 * Judges a pull request's reviews against a tier: distinct reviewers other than the author, each counted
 * by their latest opinionated review (COMMENTED ignored, a later CHANGES_REQUESTED overrides an earlier
 * APPROVED, a DISMISSED review counts for nothing), and, when the tier says so, only approvals of the head commit.
 * As GitHub's own rules: only reviewers with write access count, for approving and for requesting changes, and
 * whoever pushed the head commit cannot approve it (on a bot's pull request, the person who pushed onto it);
 * when who pushed it cannot be told, no approval counts.
 */
function judgeApprovals(reviews, pr, rule, access) {
    const latest = new Map();
    const ignored = [];
    // GitHub lists reviews oldest first; submitted_at orders them when present.
    const ordered = reviews
        .map((r, i) => ({ r, i }))
        .sort((a, b) => (a.r.submittedAt ?? '').localeCompare(b.r.submittedAt ?? '') || a.i - b.i)
        .map(x => x.r);
    for (const r of ordered) {
        const who = r.user.toLowerCase();
        if (!who)
            continue;
        if (!OPINIONATED.has(r.state))
            continue;
        latest.set(who, r);
    }
    const approvers = [];
    const blocking = [];
    const pushers = new Set(access.lastPushers.map(p => p.toLowerCase()));
    for (const [who, r] of latest) {
        if (who === pr.author.toLowerCase()) {
            if (r.state === 'APPROVED')
                ignored.push(`${r.user}: the pull request's author cannot approve it`);
            continue;
        }
        const level = access.access.get(who) ?? 'none';
        if (!WRITE_ACCESS.has(level)) {
            if (r.state !== 'DISMISSED')
                ignored.push(`${r.user}: has ${level === 'none' ? 'no' : level} access to the repository, not write; GitHub does not count the review`);
            continue;
        }
        if (r.state === 'APPROVED' && pushers.has(who)) {
            ignored.push(`${r.user}: pushed the head commit ${pr.headSha.slice(0, 7)}, so cannot approve it`);
            continue;
        }
        if (r.state === 'APPROVED' && !pushers.size) {
            ignored.push(`${r.user}: who pushed the head commit ${pr.headSha.slice(0, 7)} cannot be told, so no approval counts`);
            continue;
        }
        if (r.state === 'CHANGES_REQUESTED')
            blocking.push(r.user);
        else if (r.state === 'DISMISSED')
            ignored.push(`${r.user}: review dismissed`);
        else if (r.state === 'APPROVED') {
            if (rule.headCommitOnly && r.commitId !== pr.headSha)
                ignored.push(`${r.user}: approved ${r.commitId.slice(0, 7) || 'an earlier commit'}, not the head commit ${pr.headSha.slice(0, 7)} (stale)`);
            else
                approvers.push(r.user);
        }
    }
    const problems = [];
    if (blocking.length)
        problems.push(`changes requested by ${blocking.join(', ')} (their latest review)`);
    if (approvers.length < rule.approvals)
        problems.push(`risk tier '${rule.tier}' needs ${rule.approvals} approval${rule.approvals === 1 ? '' : 's'} from reviewers other than the author${rule.headCommitOnly ? ' of the head commit' : ''}; it has ${approvers.length}${approvers.length ? ` (${approvers.join(', ')})` : ''}`);
    return { ok: problems.length === 0, approvers: approvers.sort(), problems, ignored };
}

;// CONCATENATED MODULE: ./src/release/promote-approvals.ts

/** Each reviewer's access to the repository and who pushed the head commit, as GitHub tells them. */
async function reviewAccess(host, pr) {
    const reviewers = [...new Set(pr.reviews.map(r => r.user.toLowerCase()).filter(Boolean))];
    const levels = await Promise.all(reviewers.map(async (u) => [u, await host.repositoryAccess(u)]));
    return { access: new Map(levels), lastPushers: await host.headPushers(pr) };
}
/**
 * The approvers the model's risk tier asks for, from the merged pull request's reviews and, where the tier
 * names an environment, this run's deployment approvals; a promotion without enough of them is blocked.
 */
async function approvalsFor({ promotion: { model, tier, notes, blocked }, host, commit, pullRequest: pr, checkApprovals, environmentApprovals }) {
    let approvers = [];
    if (checkApprovals) {
        if (!pr)
            return { outcome: blocked('no pull request', [`${commit.slice(0, 12)} is not the merge of a pull request`]) };
        const verdict = judgeApprovals(pr.reviews, pr, { tier: model.spec.risk_tier, approvals: tier.approvals, headCommitOnly: tier.head_commit_approvals }, await reviewAccess(host, pr));
        notes.push(...verdict.ignored.map(i => `not counted: ${i}`));
        if (!verdict.ok)
            return {
                outcome: blocked('not enough approvals', verdict.problems, `Approvals are read from the merged pull request #${pr.number}: an approval after the fact does not count here; open a new pull request (or revert and re-merge) with the approvals, then it promotes.`)
            };
        approvers = verdict.approvers;
        if (tier.environment) {
            const env = tier.environment;
            const reviews = (await environmentApprovals?.()) ?? [];
            const ok = reviews.filter(r => r.state === 'approved' && r.environments.includes(env) && r.user.toLowerCase() !== pr.author.toLowerCase());
            if (!ok.length)
                return {
                    outcome: blocked(`environment '${env}' not approved`, [
                        `risk tier '${model.spec.risk_tier}' needs this run's deployment to environment '${env}' approved by someone other than the author; ${reviews.length ? `found: ${reviews.map(r => `${r.user} ${r.state} ${r.environments.join('+')}`).join(', ')}` : 'this run has no environment approval'}`
                    ], `Run the promote job with \`environment: ${env}\` (with required reviewers) and approve the deployment.`)
                };
            notes.push(`environment ${env} approved by ${ok.map(r => r.user).join(', ')}`);
        }
    }
    else
        notes.push('approvals not checked: a local promotion without a pull request');
    return { approvers };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/evaluation/production.ts
var evaluation_production = __webpack_require__(3291);
// EXTERNAL MODULE: ./src/registry/digest.ts
var registry_digest = __webpack_require__(5035);
// EXTERNAL MODULE: ./src/training/train.ts + 1 modules
var train = __webpack_require__(4898);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./node_modules/yazl/index.js
var yazl = __webpack_require__(3044);
// EXTERNAL MODULE: ./src/registry/paths.ts
var paths = __webpack_require__(143);
;// CONCATENATED MODULE: ./src/release/archive.ts








/** GitHub refuses release assets of 2 GiB or more. */
const MAX_ASSET_BYTES = 2 * 1024 ** 3 - 1;
// A fixed time for every entry, so the same outputs always make the same archive (a re-run uploads the same bytes).
const EPOCH = new Date('2000-01-01T00:00:00Z');
/** The training outputs a release carries; checkpoints and materialised data stay behind. */
const INCLUDED = ['run.json', 'predictions.jsonl', 'events.jsonl', 'adapter'];
/**
 * Zips a run's outputs (run.json, predictions, events, adapter/) deterministically: sorted entries, one fixed
 * time, no checkpoints or materialised data. `replacements` (archive path → bytes) take the place of the files
 * of the same name, or are added. Refuses pickle files and links.
 */
async function zipOutputs(runDir, destination, replacements = new Map()) {
    const files = [];
    const walk = async (rel) => {
        const abs = external_node_path_default().join(runDir, rel);
        const st = await (0,promises_.lstat)(abs).catch(() => undefined);
        if (!st)
            return;
        if (st.isSymbolicLink())
            throw new errors/* ConfigurationError */.j1(`${abs}: a symbolic link; release archives hold plain files only`);
        if (st.isDirectory()) {
            for (const e of (await (0,promises_.readdir)(abs)).sort())
                await walk(external_node_path_default().posix.join(rel, e));
        }
        else {
            if ((0,paths/* isPickleFile */.H1)(rel))
                throw new errors/* ConfigurationError */.j1(`${abs}: pickle formats are refused; weights must be safetensors`);
            files.push(rel);
        }
    };
    for (const name of INCLUDED)
        await walk(name);
    if (!files.includes('run.json'))
        throw new errors/* ConfigurationError */.j1(`${runDir}: no run.json; these are not training outputs`);
    for (const rel of replacements.keys()) {
        if (!INCLUDED.some(i => rel === i || rel.startsWith(`${i}/`)))
            throw new Error(`${rel}: not a path the release archive holds`);
        if (!files.includes(rel))
            files.push(rel);
    }
    const zip = new yazl/* ZipFile */.u();
    const options = { mtime: EPOCH, mode: 0o100644, compress: true };
    for (const rel of files.sort()) {
        const replaced = replacements.get(rel);
        if (replaced)
            zip.addBuffer(replaced, rel, options);
        else
            zip.addFile(external_node_path_default().join(runDir, rel), rel, options);
    }
    zip.end();
    await (0,external_node_stream_promises_.pipeline)(zip.outputStream, (0,external_node_fs_.createWriteStream)(destination));
    return { sha256: await (0,registry_digest/* fileDigest */.hd)(destination), bytes: (await (0,promises_.lstat)(destination)).size };
}
/**
 * Splits a file into numbered parts of at most `maxBytes` (`name.001`, `name.002`, ...), streamed; whoever
 * downloads joins them in order (`cat name.0* > name`) and checks the whole against SHA256SUMS.
 */
async function splitFile(file, maxBytes) {
    const size = (await (0,promises_.lstat)(file)).size;
    const parts = [];
    for (let start = 0, i = 1; start < size; start += maxBytes, i++) {
        const partPath = `${file}.${String(i).padStart(3, '0')}`;
        const end = Math.min(size, start + maxBytes) - 1;
        await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(file, { start, end }), (0,external_node_fs_.createWriteStream)(partPath));
        parts.push({
            name: external_node_path_default().basename(partPath),
            path: partPath,
            sha256: await (0,registry_digest/* fileDigest */.hd)(partPath),
            bytes: end - start + 1
        });
    }
    return parts;
}
/** SHA256SUMS in sha256sum's format: `<hex>  <name>`, one line per file, sorted by name. */
function sha256sums(entries) {
    return ([...entries]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map(e => `${e.sha256}  ${e.name}`)
        .join('\n') + '\n');
}
/** Reads SHA256SUMS back into name → digest; a malformed line is an error naming it. */
function parseSha256sums(text) {
    const sums = new Map();
    text.split('\n').forEach((line, i) => {
        if (!line.trim())
            return;
        const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
        if (!m)
            throw new ConfigurationError(`SHA256SUMS line ${i + 1}: expected '<64 hex digits>  <file name>'`);
        sums.set(m[2], m[1]);
    });
    return sums;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(4031);
;// CONCATENATED MODULE: ./src/release/released-outputs.ts




/** The largest adapter config or run.json read back into memory: these are small JSON files. */
const MAX_JSON_BYTES = 4 * 1024 * 1024;
/** The file beside a classification adapter that names its labels, in the keywords transformers takes. */
const LABELS_FILE = 'labels.json';
/**
 * The files a release archive carries in place of the trainer's (or beside them), so the released adapter works
 * outside the runner whichever trainer made it: the model card as adapter/README.md (peft writes a placeholder);
 * adapter_config.json naming the registry's base model id and revision (a trainer saves the folder it loaded
 * from, on the runner, and no revision); for a classification adapter, labels.json with `num_labels`,
 * `id2label` and `label2id`, which peft's adapter config cannot hold; for full weights, the same label names
 * in config.json; and run.json with the digests of what changed. Files already right are left as they are.
 */
async function releasedOutputs(runDir, spec, card) {
    const files = new Map();
    const put = async (rel, text) => {
        const current = await readText(runDir, rel).catch(() => undefined);
        if (current !== text)
            files.set(rel, Buffer.from(text));
    };
    await put('adapter/README.md', card);
    const adapterConfig = await readJson(runDir, 'adapter/adapter_config.json');
    if (adapterConfig) {
        const fixed = {
            ...adapterConfig,
            base_model_name_or_path: spec.base_model.id,
            revision: spec.base_model.revision
        };
        if (adapterConfig.base_model_name_or_path !== fixed.base_model_name_or_path ||
            adapterConfig.revision !== fixed.revision)
            files.set('adapter/adapter_config.json', Buffer.from(JSON.stringify(fixed, null, 2) + '\n'));
    }
    const labels = spec.task_family === 'classification' ? spec.data.labels : undefined;
    if (labels && spec.training.trainer !== 'baseline') {
        const id2label = Object.fromEntries(labels.map((l, i) => [String(i), l]));
        const label2id = Object.fromEntries(labels.map((l, i) => [l, i]));
        if (adapterConfig) {
            const text = JSON.stringify({ num_labels: labels.length, id2label, label2id }, null, 2) + '\n';
            await put(`adapter/${LABELS_FILE}`, text);
        }
        const config = await readJson(runDir, 'adapter/config.json');
        if (config &&
            !adapterConfig &&
            JSON.stringify([config.id2label, config.label2id]) !== JSON.stringify([id2label, label2id]))
            files.set('adapter/config.json', Buffer.from(JSON.stringify({ ...config, id2label, label2id }, null, 2) + '\n'));
    }
    // run.json lists every output's digest (a cached reuse of the archive checks them): it follows the changes.
    const run = (await readJson(runDir, 'run.json'));
    if (run && Array.isArray(run.outputs) && files.size) {
        const outputs = run.outputs.map(o => {
            const replaced = files.get(o.file);
            return replaced ? { file: o.file, sha256: (0,registry_digest/* sha256 */.sc)(replaced), bytes: replaced.length } : o;
        });
        const added = [...files.keys()].filter(f => !outputs.some(o => o.file === f)).sort();
        for (const f of added)
            outputs.push({ file: f, sha256: (0,registry_digest/* sha256 */.sc)(files.get(f)), bytes: files.get(f).length });
        files.set('run.json', Buffer.from(JSON.stringify({ ...run, outputs }, null, 2)));
    }
    return files;
}
async function readText(runDir, rel) {
    const file = external_node_path_default().join(runDir, rel);
    const st = await (0,promises_.lstat)(file).catch(() => undefined);
    if (!st)
        return undefined;
    if (!st.isFile())
        throw new errors/* ConfigurationError */.j1(`${file}: not a regular file; expected a JSON or text file`);
    if (st.size > MAX_JSON_BYTES)
        throw new errors/* ConfigurationError */.j1(`${file}: ${st.size} bytes; expected at most ${MAX_JSON_BYTES} bytes`);
    return (0,promises_.readFile)(file, 'utf8');
}
async function readJson(runDir, rel) {
    const text = await readText(runDir, rel);
    if (text === undefined)
        return undefined;
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (e) {
        throw new errors/* ConfigurationError */.j1(`${external_node_path_default().join(runDir, rel)}: not JSON (${e.message}); expected an object`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
        throw new errors/* ConfigurationError */.j1(`${external_node_path_default().join(runDir, rel)}: expected a JSON object`);
    return value;
}

;// CONCATENATED MODULE: ./src/release/model-card.ts



/**
 * The Hub's pipeline tag per task family: the Hub dropped `text2text-generation` in 2025 and files every
 * generative model, encoder-decoder ones included, under `text-generation`.
 */
const PIPELINE_TAG = {
    'text-generation': 'text-generation',
    transformation: 'text-generation',
    classification: 'text-classification'
};
/** The Hub library that loads a version; the baseline trainer's floor is no Hub library's. */
function libraryName(trainer, method) {
    if (trainer === 'baseline')
        return undefined;
    return method === 'full' ? 'transformers' : 'peft';
}
/**
 * model.yaml has no license field: the registry owners' terms apply, which the Hub calls `other`, and
 * `other` needs a `license_name` (lowercase letters, digits, '-' and '.').
 */
const LICENSE = { license: 'other', license_name: 'unspecified' };
const round = (n) => Math.round(n * 10_000) / 10_000;
/**
 * The Hugging Face model card of a version: YAML front matter that huggingface_hub's ModelCard parses and the
 * Hub accepts (base_model and base_model_relation only for a version derived from the base model,
 * library_name, pipeline_tag, license with license_name, tags, model-index with a result per metric and per
 * use case; no `datasets`, which takes Hub dataset ids only: the registry's files are listed in the body) and
 * the card's sections. It carries no asset links: a draft release has no stable URLs, and the card is written
 * before publish. It is also the adapter's README.md in the release archive.
 */
function modelCard(model, manifest, record) {
    const spec = model.spec;
    const library = libraryName(spec.training.trainer, spec.training.method);
    const lines = [
        '---',
        (0,dist/* stringify */.As)(frontMatter(spec, manifest, record, library), { lineWidth: 0 }).trimEnd(),
        '---',
        '',
        `# ${spec.name} ${manifest.version}`,
        '',
        (0,report_escape/* escapeText */.X1)(spec.description, 1000),
        '',
        ...detailsSection(spec, manifest),
        '## Uses',
        '',
        `Use cases: ${spec.use_cases.map(u => (0,report_escape/* code */.aY)(u)).join(', ')}.`,
        spec.output_schema ? 'Outputs must follow the JSON Schema in the registry (`output_schema`).' : '',
        '',
        ...usage(spec, library),
        '## Bias, Risks, and Limitations',
        '',
        `Evaluated only on the registry's eval set (${record.per_example.length} examples) and its safety checks; behaviour on other inputs is not measured.`,
        spec.training.trainer === 'baseline'
            ? 'This version was made by the CPU baseline trainer (a linear or nearest-neighbour floor), not by fine-tuning a language model.'
            : '',
        `Risk tier ${(0,report_escape/* code */.aY)(spec.risk_tier)} decided how many approvals this version needed.`,
        '',
        ...trainingSection(spec, manifest),
        ...evaluationSection(spec, record),
        ...environmentSection(manifest),
        '## License',
        '',
        "`model.yaml` names no license: the registry owners' terms apply, and those of the base model.",
        ''
    ];
    return lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n');
}
/** A version made by fine-tuning an adapter on the base model (LoRA, QLoRA), not the whole model. */
const isAdapter = (spec) => spec.training.method !== 'full' && spec.training.trainer !== 'baseline';
/** The card's YAML front matter: base model, library, pipeline tag, license, tags and model-index. */
function frontMatter(spec, manifest, record, library) {
    const pipeline = PIPELINE_TAG[spec.task_family] ?? 'text-generation';
    const results = [];
    for (const slice of ['all', ...spec.use_cases]) {
        const metrics = Object.entries(record.metrics)
            .filter(([, m]) => m.slices[slice])
            .map(([name, m]) => ({ type: name, name: `${name} (${slice})`, value: round(m.slices[slice].value) }));
        if (!metrics.length)
            continue;
        results.push({
            task: { type: pipeline, name: slice === 'all' ? spec.task_family : `${spec.task_family}: ${slice}` },
            dataset: {
                name: `${spec.name} eval${slice === 'all' ? '' : ` (${slice})`}`,
                type: `${spec.name}-eval`,
                split: slice
            },
            metrics
        });
    }
    return {
        // A baseline version was not derived from the base model: it claims none.
        ...(spec.training.trainer === 'baseline'
            ? {}
            : { base_model: spec.base_model.id, base_model_relation: isAdapter(spec) ? 'adapter' : 'finetune' }),
        ...(library ? { library_name: library } : {}),
        pipeline_tag: pipeline,
        ...LICENSE,
        tags: ['tunegate', spec.task_family, ...spec.use_cases],
        'model-index': [{ name: `${spec.name}-${manifest.version}`, results }]
    };
}
/** Model Details: base model, task, trainer, version, commit and approvals, owners, fingerprints. */
function detailsSection(spec, manifest) {
    return [
        '## Model Details',
        '',
        spec.training.trainer === 'baseline'
            ? `- **Base model:** none; the registry names ${(0,report_escape/* code */.aY)(spec.base_model.id)}, but the baseline trainer does not start from it`
            : `- **Base model:** ${(0,report_escape/* code */.aY)(spec.base_model.id)} at revision ${(0,report_escape/* code */.aY)(spec.base_model.revision)} (${spec.base_model.architecture})`,
        `- **Task family:** ${spec.task_family}; **method:** ${spec.training.method}${isAdapter(spec) ? ' (an adapter on the base model)' : ''}`,
        `- **Trainer:** ${(0,report_escape/* code */.aY)(`${manifest.trainer.name} ${manifest.trainer.version}`)}`,
        `- **Version:** ${manifest.version} — ${manifest.bump.level}: ${(0,report_escape/* escapeText */.X1)(manifest.bump.reason)}${manifest.parent ? `; parent ${manifest.parent.version}` : ''}`,
        `- **Commit:** ${(0,report_escape/* code */.aY)(manifest.commit)}${manifest.pull_request ? `; pull request #${manifest.pull_request.number} by ${(0,report_escape/* escapeText */.X1)(manifest.pull_request.author)}, approved by ${manifest.pull_request.approvers.map(a => (0,report_escape/* escapeText */.X1)(a)).join(', ') || 'nobody (local promotion)'}` : ''}`,
        `- **Owners:** ${spec.owners.map(o => (0,report_escape/* escapeText */.X1)(o)).join(', ') || '–'}; **risk tier:** ${spec.risk_tier}`,
        `- **Fingerprints:** training ${(0,report_escape/* code */.aY)(manifest.training_fingerprint.slice(0, 16))}, evaluation ${(0,report_escape/* code */.aY)(manifest.evaluation_fingerprint.slice(0, 16))}`,
        ''
    ];
}
/** Training Details: the registry's train files with their digests, the hyperparameters, seed and runner. */
function trainingSection(spec, manifest) {
    const trainFiles = manifest.files.filter(f => f.role === 'train');
    const hyper = Object.entries(spec.training.hyperparameters).map(([k, v]) => [(0,report_escape/* code */.aY)(k), (0,report_escape/* code */.aY)(JSON.stringify(v))]);
    return [
        '## Training Details',
        '',
        "Trained on the registry's own files (not Hub datasets):",
        '',
        (0,report_escape/* markdownTable */.Qj)(['file', 'sha256'], trainFiles.map(f => [(0,report_escape/* code */.aY)(f.path), (0,report_escape/* code */.aY)(f.sha256.slice(0, 16))])),
        '',
        hyper.length
            ? (0,report_escape/* markdownTable */.Qj)(['hyperparameter', 'value'], hyper)
            : 'No hyperparameters beyond the trainer defaults.',
        '',
        `Seed ${spec.training.seed}; runner ${(0,report_escape/* code */.aY)(manifest.runner.name)} (${manifest.runner.gpus} GPU${manifest.runner.gpus === 1 ? '' : 's'}).`,
        ''
    ];
}
/** Evaluation: the verdict, every metric per slice, and the gates. */
function evaluationSection(spec, record) {
    const metricRows = Object.entries(record.metrics).map(([name, m]) => [
        (0,report_escape/* code */.aY)(name),
        ...['all', ...spec.use_cases].map(s => (m.slices[s] ? round(m.slices[s].value).toString() : '–'))
    ]);
    const gateRows = record.gates.map(g => [
        (0,report_escape/* code */.aY)(g.metric),
        (0,report_escape/* code */.aY)(g.slice),
        g.kind,
        g.threshold === null ? '–' : String(g.threshold),
        g.value === null ? '–' : String(round(g.value)),
        g.passed ? 'pass' : 'fail'
    ]);
    return [
        '## Evaluation',
        '',
        `Verdict: **${record.verdict}**${record.baseline ? ` against ${record.baseline.version} on ${record.baseline.shared_examples} shared examples` : ' (first version: absolute gates only)'}.`,
        '',
        (0,report_escape/* markdownTable */.Qj)(['metric', 'all', ...spec.use_cases.map(u => (0,report_escape/* code */.aY)(u))], metricRows),
        '',
        gateRows.length ? (0,report_escape/* markdownTable */.Qj)(['gate', 'slice', 'kind', 'threshold', 'value', 'result'], gateRows) : 'No gates.',
        ''
    ];
}
/** Environmental Impact: GPU-hours, cost and hardware of the training run. */
function environmentSection(manifest) {
    const gpuHours = manifest.gpu_seconds / 3600;
    return [
        '## Environmental Impact',
        '',
        `- **GPU-hours:** ${gpuHours.toFixed(3)} (${manifest.gpu_seconds} GPU-seconds)`,
        `- **Cost:** ${manifest.cost.amount.toFixed(2)} ${manifest.cost.currency} at ${manifest.cost.rate_per_gpu_hour} per GPU-hour`,
        `- **Hardware:** runner ${(0,report_escape/* code */.aY)(manifest.runner.name)}, labels ${manifest.runner.labels.map(l => (0,report_escape/* code */.aY)(l)).join(', ') || '–'}`,
        ''
    ];
}
/**
 * How to load the version from the release archive's adapter/ folder, for the library that loads it. peft's
 * adapter config cannot hold label names, so a classification adapter's come from labels.json.
 */
function usage(spec, library) {
    if (!library)
        return [];
    const classification = spec.task_family === 'classification';
    const auto = classification
        ? 'SequenceClassification'
        : spec.base_model.architecture === 'encoder-decoder'
            ? 'Seq2SeqLM'
            : 'CausalLM';
    const lines = library === 'peft'
        ? [
            ...(classification ? ['import json', ''] : []),
            `from peft import AutoPeftModelFor${auto}`,
            'from transformers import AutoTokenizer',
            '',
            "tokenizer = AutoTokenizer.from_pretrained('adapter')",
            classification
                ? [
                    `labels = json.load(open('adapter/${LABELS_FILE}'))`,
                    "id2label = {int(i): label for i, label in labels['id2label'].items()}",
                    '# The adapter holds the classification head: any head of the base model is replaced.',
                    `model = AutoPeftModelFor${auto}.from_pretrained(`,
                    "    'adapter', num_labels=len(id2label), id2label=id2label, label2id=labels['label2id'],",
                    '    ignore_mismatched_sizes=True,',
                    ')'
                ].join('\n')
                : `model = AutoPeftModelFor${auto}.from_pretrained('adapter')`
        ]
        : [
            `from transformers import AutoModelFor${auto}, AutoTokenizer`,
            '',
            "tokenizer = AutoTokenizer.from_pretrained('adapter')",
            `model = AutoModelFor${auto}.from_pretrained('adapter')`
        ];
    if (classification)
        lines.push('', "logits = model(**tokenizer(['some text'], return_tensors='pt')).logits", 'print(model.config.id2label[int(logits.argmax(-1))])');
    return [
        '## How to Use',
        '',
        `Unpack the release's training archive; its \`adapter/\` folder holds the ${library === 'peft' ? `adapter for ${(0,report_escape/* code */.aY)(spec.base_model.id)} at revision ${(0,report_escape/* code */.aY)(spec.base_model.revision)}, which is loaded from the Hub (or your cache)` : 'fine-tuned weights'}.`,
        '',
        '```python',
        ...lines,
        '```',
        ''
    ];
}

;// CONCATENATED MODULE: ./src/release/promote-assets.ts









/**
 * The release's assets, byte-identical on a re-run: the model card, the release manifest, the evaluation record,
 * the training outputs' archive (split into parts past `maxAssetBytes`) and SHA256SUMS over all of them.
 */
async function releaseAssets({ promotion: { name, model, identity, fp }, registryRoot, evidence, next: { version, bump, tag, taggedAt, parent }, commit, pullRequest: pr, approvers, workDir, maxAssetBytes }) {
    const run = JSON.parse(await (0,promises_.readFile)(external_node_path_default().join(evidence.runDir, 'run.json'), 'utf8'));
    const archiveName = (0,train/* trainReleaseAssetName */.ls)(name, fp);
    const archivePath = external_node_path_default().join(workDir, archiveName);
    const repoRoot = external_node_path_default().dirname(external_node_path_default().resolve(registryRoot));
    const lineage = (0,release_manifest/* buildLineage */._2)({
        model,
        identity,
        files: await (0,release_manifest/* modelFiles */.VC)(model, repoRoot),
        choice: { version, bump: bump.level, reason: bump.reason },
        tag,
        commit,
        registeredAt: taggedAt,
        parent,
        pullRequest: pr ? { number: pr.number, url: pr.url, author: pr.author, head_sha: pr.headSha, approvers } : null,
        run,
        record: evidence.record
    });
    const card = modelCard(model, lineage, evidence.record);
    // The archive carries the card, the registry's base model and the label names, whatever the trainer left.
    const released = await releasedOutputs(evidence.runDir, model.spec, card);
    const archive = await zipOutputs(evidence.runDir, archivePath, released);
    const maxBytes = maxAssetBytes ?? MAX_ASSET_BYTES;
    const parts = archive.bytes > maxBytes ? await splitFile(archivePath, maxBytes) : [];
    const releasedRun = released.get('run.json');
    const manifest = (0,release_manifest/* buildManifest */.u1)(lineage, releasedRun ? JSON.parse(releasedRun.toString('utf8')).outputs : run.outputs, {
        name: archiveName,
        sha256: archive.sha256,
        bytes: archive.bytes,
        parts: parts.map(p => ({ name: p.name, sha256: p.sha256, bytes: p.bytes }))
    });
    const write = async (file, text) => {
        const p = external_node_path_default().join(workDir, file);
        await (0,promises_.writeFile)(p, text);
        return { name: file, path: p, sha256: (0,registry_digest/* sha256 */.sc)(text) };
    };
    const assets = [
        { ...(await write('README.md', card)), contentType: 'text/markdown' },
        { ...(await write(release_manifest/* MANIFEST_ASSET */.ny, JSON.stringify(manifest, null, 2) + '\n')), contentType: 'application/json' },
        {
            ...(await write(evaluation_production/* EVALUATION_ASSET */.O, JSON.stringify(evidence.record, null, 2) + '\n')),
            contentType: 'application/json'
        },
        ...(parts.length
            ? parts.map(p => ({ name: p.name, path: p.path, sha256: p.sha256 }))
            : [
                {
                    name: archiveName,
                    path: archivePath,
                    sha256: await (0,registry_digest/* fileDigest */.hd)(archivePath),
                    contentType: 'application/zip'
                }
            ])
    ];
    // SHA256SUMS lists every asset, and for a split archive the whole archive too (checked after joining).
    const sums = sha256sums([
        ...assets.map(a => ({ name: a.name, sha256: a.sha256 })),
        ...(parts.length ? [{ name: archiveName, sha256: archive.sha256 }] : [])
    ]);
    assets.push({ ...(await write('SHA256SUMS', sums)), contentType: 'text/plain' });
    return { assets, manifest, card };
}

// EXTERNAL MODULE: ./src/evaluation/verdict.ts
var evaluation_verdict = __webpack_require__(5127);
// EXTERNAL MODULE: ./src/data/external.ts
var external = __webpack_require__(8541);
// EXTERNAL MODULE: ./src/evaluation/judge/run-judge.ts + 8 modules
var run_judge = __webpack_require__(6887);
// EXTERNAL MODULE: ./src/evaluation/scoring.ts + 3 modules
var scoring = __webpack_require__(6577);
// EXTERNAL MODULE: ./src/evaluation/record.ts
var record = __webpack_require__(6597);
// EXTERNAL MODULE: ./src/registry/run-trust.ts
var run_trust = __webpack_require__(3769);
// EXTERNAL MODULE: ./src/training/outputs.ts
var outputs = __webpack_require__(9932);
;// CONCATENATED MODULE: ./src/release/verify.ts















/** Evidence is missing: promotion is blocked with this reason. */
class MissingEvidenceError extends errors/* ConfigurationError */.j1 {
}
/** Artifact prefix of the evaluate action's record (see src/actions/evaluate.ts). */
const evaluationArtifactPrefix = (model) => `tunegate-evaluation-${model}-`;
async function readRecord(file) {
    let json;
    try {
        json = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
    }
    catch (e) {
        throw new errors/* ConfigurationError */.j1(`${file}: not JSON (${(0,errors/* errorMessage */.gJ)(e)}); expected a tunegate.evaluation/v1 record`);
    }
    const parsed = (0,record/* parseEvaluationRecord */.Vh)(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new errors/* ConfigurationError */.j1(`${file}: not a tunegate.evaluation/v1 record (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`);
    }
    return parsed.data;
}
/**
 * Evidence from the pipeline runs that gated the given commits (the merged PR's head commit, and the merge
 * commit for a re-evaluation), each named by its commit's `tunegate` status (see gateRun): the newest evaluation
 * record of the model among their artifacts — never one of another run on the same commit — and the training
 * outputs of the record's fingerprint (from those runs, else from any run: the train step reuses results).
 * Only artifacts of trusted runs count (see trustedArtifacts): a fork's run cannot supply either.
 */
function artifactEvidence(host, commits, workDir, log = () => undefined) {
    return async (model) => {
        const gates = await Promise.all(commits.map(sha => gateRun(host, sha)));
        const runs = gates.flatMap(g => ('runId' in g ? [g.runId] : []));
        for (const g of gates)
            log(`${model}: ${'runId' in g ? `run ${g.runId} set the gate of ${g.commit.slice(0, 12)}` : g.reason}`);
        const artifacts = (await Promise.all(runs.map(runId => host.listArtifacts({ runId })))).flat();
        // A fork's pull request run on the same head commit uploads what it likes: only trusted runs' artifacts count.
        const live = await trustedArtifacts(host, artifacts.filter(a => !a.expired), log);
        const records = live
            // The prefix, then the 32-character fingerprint: model `seo` must not take `seo-writer`'s record.
            .filter(a => /^[0-9a-f]{32}(-[1-9]\d{0,5})?$/.test(a.name.slice(evaluationArtifactPrefix(model).length)))
            .filter(a => a.name.startsWith(evaluationArtifactPrefix(model)))
            .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.id - a.id);
        const recordArtifact = records[0];
        if (!recordArtifact)
            throw new MissingEvidenceError(`no evaluation record of ${model} ${runs.length ? `among the artifacts of run ${runs.join(', ')}, which set the merge gate` : 'from a run that set the merge gate'}: ${gates.map(g => ('reason' in g ? g.reason : `run ${g.runId} of ${g.commit.slice(0, 12)} uploaded none`)).join('; ')}; the pipeline's evaluate job must upload it in the run whose report sets the gate of the pull request's head commit (a record of another run is not taken)`);
        const recordDir = path.join(workDir, model, 'record');
        await rm(recordDir, { recursive: true, force: true });
        await host.downloadArtifact(recordArtifact, recordDir);
        const jsons = (await readdir(recordDir)).filter(f => f.endsWith('.json'));
        if (jsons.length !== 1)
            throw new MissingEvidenceError(`artifact ${recordArtifact.name} holds ${jsons.length} JSON files; expected the one evaluation record`);
        const record = await readRecord(path.join(recordDir, jsons[0]));
        const trainName = trainArtifactName(model, record.training_fingerprint);
        // The record's own run's outputs first (the ones it was evaluated on), then the latest attempt of another.
        const ofRecordRun = (a) => (a.runId !== undefined && a.runId === recordArtifact.runId ? 1 : 0);
        const trained = live
            .filter(a => artifactAttempt(a.name, trainName) !== undefined)
            .sort((a, b) => ofRecordRun(b) - ofRecordRun(a) || artifactAttempt(b.name, trainName) - artifactAttempt(a.name, trainName))[0] ??
            (await trustedArtifacts(host, (await host.listArtifacts({ name: trainName })).filter(a => !a.expired), log)).sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0];
        if (!trained)
            throw new MissingEvidenceError(`no training outputs '${trainName}' (the record's training fingerprint ${record.training_fingerprint.slice(0, 12)}) among the workflow artifacts; they may have expired: re-run the pull request's train job`);
        const runDir = path.join(workDir, model, 'outputs');
        await rm(runDir, { recursive: true, force: true });
        await host.downloadArtifact(trained, runDir);
        return {
            record,
            recordSource: `artifact ${recordArtifact.name} of run ${recordArtifact.runId ?? '?'}`,
            runDir,
            runSource: `artifact ${trained.name} of run ${trained.runId ?? '?'}`
        };
    };
}
/** Evidence from local files: the record `tunegate evaluate` wrote and the run `tunegate train` left. */
function localEvidence(recordFile, runDir) {
    return async (model) => {
        const file = recordFile(model);
        let record;
        try {
            record = await readRecord(file);
        }
        catch (e) {
            if (e.code === 'ENOENT' || /ENOENT/.test((0,errors/* errorMessage */.gJ)(e)))
                throw new MissingEvidenceError(`no evaluation record at ${file}: run 'tunegate evaluate --model ${model}' first`);
            throw e;
        }
        const dir = runDir(model, record.training_fingerprint);
        return { record, recordSource: file, runDir: dir, runSource: dir };
    };
}
const num = (v) => (typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : JSON.stringify(v));
/** Every difference between the numbers a record claims and the ones recomputed, worded for a person. */
function recordDifferences(claimed, recomputed) {
    const out = [];
    // Whether an inconclusive model passes depends on registry.yaml's policy, which the merge may have changed:
    // only a failing verdict is compared here; promotion applies the merged policy to the gates itself.
    if ((claimed.verdict === 'fail') !== (recomputed.verdict === 'fail'))
        out.push(`verdict: the record says ${claimed.verdict}, recomputed ${recomputed.verdict}`);
    const metrics = new Set([...Object.keys(claimed.metrics), ...Object.keys(recomputed.metrics)]);
    for (const m of metrics) {
        const a = claimed.metrics[m];
        const b = recomputed.metrics[m];
        if (!a || !b) {
            out.push(`metric ${m}: ${a ? 'not recomputed' : 'missing from the record'}`);
            continue;
        }
        for (const slice of new Set([...Object.keys(a.slices), ...Object.keys(b.slices)])) {
            const x = a.slices[slice];
            const y = b.slices[slice];
            if (!x || !y)
                out.push(`${m} on ${slice}: ${x ? 'not recomputed' : 'missing from the record'}`);
            else if (x.value !== y.value || x.n !== y.n)
                out.push(`${m} on ${slice}: the record says ${num(x.value)} (n=${x.n}), recomputed ${num(y.value)} (n=${y.n})`);
            else if ((0,registry_digest/* canonicalJson */.dj)(x.comparison) !== (0,registry_digest/* canonicalJson */.dj)(y.comparison))
                out.push(`${m} on ${slice}: the record's comparison with production differs from the recomputed one`);
        }
    }
    const key = (g) => `${g.metric}|${g.slice}|${g.kind}|${g.source}`;
    const gates = new Map(recomputed.gates.map(g => [key(g), g]));
    for (const g of claimed.gates) {
        const r = gates.get(key(g));
        if (!r)
            out.push(`gate ${g.metric} ${g.kind} on ${g.slice}: not a gate of the merged registry`);
        else if (r.passed !== g.passed ||
            r.inconclusive !== g.inconclusive ||
            r.value !== g.value ||
            r.threshold !== g.threshold)
            out.push(`gate ${g.metric} ${g.kind} on ${g.slice}: the record says ${gateWord(g)} at ${num(g.value)}, recomputed ${gateWord(r)} at ${num(r.value)}`);
        gates.delete(key(g));
    }
    for (const g of gates.values())
        out.push(`gate ${g.metric} ${g.kind} on ${g.slice}: missing from the record`);
    if (!samePerExample(claimed.per_example, recomputed.per_example))
        out.push('per-example scores differ from the ones recomputed from the predictions');
    return out;
}
/**
 * Whether two records' per-example scores are the same, example by example: what comparing their canonical JSON
 * whole would say, without building two strings of every example's scores at once (100,000 examples in a record).
 */
function samePerExample(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if ((0,registry_digest/* canonicalJson */.dj)(a[i]) !== (0,registry_digest/* canonicalJson */.dj)(b[i]))
            return false;
    return true;
}
const gateWord = (g) => !g.passed ? 'fail' : g.inconclusive ? 'inconclusive' : 'pass';
/**
 * Why a verdict refuses promotion, in words: a failing gate, or an inconclusive one under
 * `policy.inconclusive: block`, each with the deciding gates' reasons.
 */
function refusalReason(v) {
    const gates = v.deciding.map(g => `${g.metric}${g.slice !== 'all' ? ` on ${g.slice}` : ''}: ${g.reason}`);
    const why = gates.length ? ` (${gates.join('; ')})` : '';
    return v.state === 'fail'
        ? `the evaluation's verdict is fail: the candidate fails its gates${why}`
        : `the evaluation is inconclusive and registry.yaml's policy.inconclusive is block${why}`;
}
/**
 * Checks evidence against the merged tree before anything is written: fingerprints re-derived from the tree
 * equal the record's, the predictions are the ones the record scored (digest), the outputs are safe
 * (safetensors only), and the metrics and every gate recompute to the record's numbers from the stored
 * predictions and the merged eval set (against the same production version), and the verdict under the merged
 * registry's `policy.inconclusive` passes (src/evaluation/verdict.ts). Returns the failure, or undefined.
 */
async function verifyEvidence(options) {
    const { model, identity, evidence, policy, reevaluate } = options;
    const { record } = evidence;
    const moved = fingerprintMismatch(record, identity, reevaluate);
    if (moved)
        return moved;
    const problems = [];
    if (record.model !== model)
        problems.push(`the record is of model '${record.model}', not '${model}'`);
    const claimed = (0,evaluation_verdict/* modelVerdict */.xJ)(record, policy);
    if (claimed.blocks)
        problems.push(refusalReason(claimed));
    problems.push(...(await outputProblems(evidence)));
    // A blocking verdict alone is the candidate's, not the run's: re-running would judge the same way.
    if (problems.length === 1 && claimed.blocks)
        return { problems, fix: verdictFix(claimed) };
    if (problems.length)
        return { problems, fix: 'Re-run the pull request workflow (train and evaluate) on the merge commit.' };
    const production = await productionRecord(options);
    if (production && 'problems' in production)
        return production;
    return recomputedFailure(options, production);
}
/** The failure when the record was made for other fingerprints than the merged tree's. */
function fingerprintMismatch(record, identity, reevaluate) {
    const differ = [];
    if (record.training_fingerprint !== identity.training_fingerprint)
        differ.push(`training fingerprint: evaluated ${record.training_fingerprint.slice(0, 12)}, merged tree ${identity.training_fingerprint.slice(0, 12)}`);
    if (record.evaluation_fingerprint !== identity.evaluation_fingerprint)
        differ.push(`evaluation fingerprint: evaluated ${record.evaluation_fingerprint.slice(0, 12)}, merged tree ${identity.evaluation_fingerprint.slice(0, 12)}`);
    if (!differ.length)
        return undefined;
    return {
        problems: [
            `what was evaluated is not what was merged (${differ.join('; ')}): main moved after the evaluation, e.g. another data change was merged in between`
        ],
        fix: `Re-evaluate the merge commit, then re-run this job: ${reevaluate}`
    };
}
/** What is wrong with the training outputs: run.json, the outputs' digests, the predictions' digest, their safety. */
async function outputProblems({ record, runDir, runSource }) {
    const problems = [];
    let run;
    try {
        run = JSON.parse(await (0,promises_.readFile)(external_node_path_default().join(runDir, 'run.json'), 'utf8'));
    }
    catch {
        problems.push(`${runSource}: no readable run.json`);
    }
    if (run) {
        if (run.training_fingerprint !== record.training_fingerprint)
            problems.push(`the training outputs are of fingerprint ${run.training_fingerprint.slice(0, 12)}, not the record's`);
        for (const out of run.outputs) {
            const digest = await (0,registry_digest/* fileDigest */.hd)(external_node_path_default().join(runDir, out.file)).catch(() => undefined);
            if (digest !== out.sha256)
                problems.push(`${out.file}: ${digest ? 'its digest differs from run.json' : 'missing'}`);
        }
    }
    const predictions = await (0,registry_digest/* fileDigest */.hd)(external_node_path_default().join(runDir, 'predictions.jsonl')).catch(() => undefined);
    if (predictions !== record.predictions_sha256)
        problems.push(predictions
            ? `predictions.jsonl has digest ${predictions.slice(0, 12)}, but the record scored ${record.predictions_sha256.slice(0, 12)}: these are not the predictions that were evaluated`
            : 'predictions.jsonl is missing from the training outputs');
    const evalIds = new Set(record.per_example.map(e => e.id));
    problems.push(...(await (0,outputs/* checkTrainerOutputs */.C)(runDir, evalIds)));
    return problems;
}
/**
 * The production version's record the evidence was compared with, from its release (undefined for a first
 * version), or the failure when the release has none or another one.
 */
async function productionRecord({ model, evidence: { record }, host, workDir }) {
    if (!record.baseline)
        return undefined;
    const tag = `${model}@${record.baseline.version}`;
    const fix = 'Re-evaluate against the version now in production.';
    const dir = external_node_path_default().join(workDir, model, 'baseline');
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = external_node_path_default().join(dir, evaluation_production/* EVALUATION_ASSET */.O);
    if (!(await host.downloadReleaseAsset(tag, evaluation_production/* EVALUATION_ASSET */.O, file)))
        return { problems: [`the record compares with ${tag}, whose release has no ${evaluation_production/* EVALUATION_ASSET */.O}`], fix };
    const production = await readRecord(file);
    if (production.evaluation_fingerprint !== record.baseline.evaluation_fingerprint)
        return {
            problems: [`the record's baseline ${tag} is not the release's (${evaluation_production/* EVALUATION_ASSET */.O} has another fingerprint)`],
            fix
        };
    return { version: record.baseline.version, record: production };
}
/**
 * Scores the stored predictions again on the merged eval set (the baseline trainer trained anew where a gate
 * needs it, the judge's stored verdicts reused) and compares the result with the record: the failure when a
 * number differs or the recomputed verdict blocks.
 */
async function recomputedFailure({ registryDir, model: name, identity, evidence, workDir, hasBaselineTrainerGate, policy, log }, baseline) {
    const { record, runDir, recordSource } = evidence;
    let baselineTrainerDir;
    if (hasBaselineTrainerGate)
        baselineTrainerDir = (await (0,train/* trainModel */._X)({
            registryDir,
            model: name,
            workDir: external_node_path_default().join(workDir, name, 'baseline-trainer'),
            trainerOverride: 'baseline',
            ...(log ? { log } : {})
        })).outputDir;
    const { registry, model } = await (0,loader/* loadRegistryModel */.Tu)(registryDir, name);
    // An external eval split is fetched and verified against its pinned digest (promote's job keeps no cache).
    await (0,external/* ensureExternalFiles */.To)(model.eval, { ...(log ? { log } : {}) });
    const scored = await (0,scoring/* scoreModel */.g)({
        registry,
        model,
        identity,
        runDir,
        seed: record.settings.seed,
        ...(baseline ? { baseline } : {}),
        ...(baselineTrainerDir ? { baselineTrainerDir } : {})
    });
    // The judge's verdicts are not re-asked: its figures and gates are recomputed from the stored ones.
    const judged = await (0,run_judge/* reverifyJudge */.Er)(record, scored, registry, model, runDir);
    const recomputed = judged.record;
    const differences = [...judged.problems, ...recordDifferences(record, recomputed)];
    if (differences.length)
        return {
            problems: [
                `the evaluation record does not match its predictions (${recordSource}): ${differences.slice(0, 8).join('; ')}${differences.length > 8 ? `; and ${differences.length - 8} more` : ''}`
            ],
            fix: 'The record was edited or its predictions swapped: re-run the evaluate job and do not change its artifact.'
        };
    const verdict = (0,evaluation_verdict/* modelVerdict */.xJ)(recomputed, policy);
    if (verdict.blocks)
        return { problems: [`recomputed from the predictions, ${refusalReason(verdict)}`], fix: verdictFix(verdict) };
    return undefined;
}
/** What to do about a candidate whose verdict blocks it. */
function verdictFix(v) {
    return v.state === 'fail'
        ? 'The merged change fails its gates: revert it, or fix it in a new pull request whose evaluation passes; that merge promotes.'
        : 'The eval set is too small to tell whether the change regressed beyond the tolerance: add eval examples ' +
            '(the gate says about how many) in a new pull request whose evaluation passes, or set ' +
            'policy.inconclusive: warn in registry.yaml to let inconclusive models through; that merge promotes.';
}

;// CONCATENATED MODULE: ./src/release/promote-evidence.ts



/**
 * The model's evaluation evidence, verified against the merged tree before any write: a missing record or a
 * failed verification blocks; an inconclusive verdict let through by `policy.inconclusive: warn` is noted.
 */
async function verifiedEvidence({ promotion: { name, model, config, identity, notes, blocked }, registryDir, host, evidence: source, workDir, reevaluate, log }) {
    let evidence;
    try {
        evidence = await source(name);
    }
    catch (e) {
        if (e instanceof MissingEvidenceError)
            return {
                outcome: blocked('no evaluation to verify', [e.message], 'Run the pull request workflow (train, evaluate) and re-run this job.')
            };
        throw e;
    }
    log(`${name}: evaluation record from ${evidence.recordSource}; outputs from ${evidence.runSource}`);
    const failure = await verifyEvidence({
        registryDir,
        model: name,
        identity,
        evidence,
        host,
        workDir: external_node_path_default().join(workDir, 'verify'),
        hasBaselineTrainerGate: model.spec.evaluation.gates.some(g => g.beat_baseline_trainer),
        policy: config.policy.inconclusive,
        reevaluate: reevaluate(name),
        log
    });
    if (failure)
        return { outcome: blocked('verification failed', failure.problems, failure.fix) };
    // Verified above: a blocking verdict never gets here, so an inconclusive one is let through by `warn`.
    const evaluated = (0,evaluation_verdict/* modelVerdict */.xJ)(evidence.record, config.policy.inconclusive);
    if (evaluated.state === 'inconclusive')
        notes.push(`inconclusive, promoted under registry.yaml's policy.inconclusive: warn: ${evaluated.deciding
            .map(g => `${g.metric}${g.slice !== 'all' ? ` on ${g.slice}` : ''}: ${g.reason}`)
            .join('; ')}`);
    log(`${name}: fingerprints, predictions, metrics and gates verified against the merged tree`);
    return { evidence };
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
;// CONCATENATED MODULE: ./src/release/versioning.ts


// Inputs whose change makes a new major version (docs/architecture.md §5): what a caller of the model depends on.
const MAJOR = {
    base_model: 'base model',
    task_family: 'task family',
    output_schema: 'output schema'
};
// Everything else in the training inputs changes the weights: a minor version.
const MINOR_NAMES = {
    data: 'training data',
    prompt: 'prompt text',
    hyperparameters: 'hyperparameters',
    method: 'training method',
    seed: 'seed',
    trainer: 'trainer',
    tokenizer: 'tokenizer'
};
const same = (a, b) => (0,registry_digest/* canonicalJson */.dj)(a ?? null) === (0,registry_digest/* canonicalJson */.dj)(b ?? null);
/**
 * The next version by docs/architecture.md §5's rule — major when the base model, task family, output schema or prompt
 * variables change; minor when data, prompt text or hyperparameters change (new weights); patch for the
 * same weights — counted up from the highest version ever registered, so a deregistered number is never reused.
 * `previous` is the latest active version's inputs (from its manifest), undefined for a first version.
 */
function chooseVersion(previous, current, everRegistered) {
    const highest = everRegistered
        .map(v => semver_default().valid(v.replace(/^v/, '')))
        .filter((v) => v !== null)
        .sort((semver_default()).rcompare)[0];
    if (!previous) {
        if (!highest)
            return { version: 'v1.0.0', bump: 'first', reason: 'first version' };
        return { version: `v${semver_default().inc(highest, 'major')}`, bump: 'major', reason: 'no active version to compare with' };
    }
    const base = highest ?? previous.version.replace(/^v/, '');
    const next = (bump, reason) => ({
        version: `v${semver_default().inc(base, bump)}`,
        bump,
        reason
    });
    const prev = previous.inputs;
    if (!prev)
        return next('major', `the manifest of ${previous.version} could not be read, so nothing can be compared`);
    const major = [];
    for (const [key, label] of Object.entries(MAJOR))
        if (!same(prev.training_inputs[key], current.training_inputs[key]))
            major.push(label);
    if (!same([...prev.prompt_variables].sort(), [...current.prompt_variables].sort()))
        major.push('prompt variables');
    if (major.length)
        return next('major', `${major.join(', ')} changed since ${previous.version}`);
    if (prev.training_fingerprint === current.training_fingerprint)
        return next('patch', `same weights as ${previous.version} (training fingerprint unchanged)`);
    const minor = [];
    const keys = new Set([...Object.keys(prev.training_inputs), ...Object.keys(current.training_inputs)]);
    for (const key of keys) {
        if (key === 'schema' || key in MAJOR)
            continue;
        if (!same(prev.training_inputs[key], current.training_inputs[key]))
            minor.push(MINOR_NAMES[key] ?? key);
    }
    return next('minor', `${minor.length ? minor.join(', ') : 'training inputs'} changed since ${previous.version}`);
}

;// CONCATENATED MODULE: ./src/release/promote-version.ts






const registerTags = (model, tags) => tags.flatMap(t => {
    const p = (0,gto_tags/* parseTag */.ED)(t.name);
    return t.annotated && p.ok && p.model === model && p.action === 'register' ? [{ ...t, version: p.version }] : [];
});
/** The version numbers any tag of the model holds, and the tags among them that GTO does not count. */
function takenVersions(model, tags) {
    const versions = [];
    const foreign = [];
    for (const t of tags) {
        const p = (0,gto_tags/* parseTag */.ED)(t.name);
        if (!p.ok || p.model !== model || (p.action !== 'register' && p.action !== 'deregister'))
            continue;
        versions.push(p.version);
        if (!t.annotated)
            foreign.push(t.name);
    }
    return { versions, foreign };
}
/**
 * Where this promotion starts: a version of the model already on the merge commit is ours from an interrupted
 * run (resumed) or a conflict (blocked); an unchanged training fingerprint has nothing to promote.
 */
function startingPoint({ name, fp, tags, state, notes, blocked }, commit) {
    const registrations = registerTags(name, tags);
    // A version of this model already on the merge commit: ours from an interrupted run (resume), or a conflict.
    const here = registrations.filter(r => r.commit === commit);
    if (here.length > 1)
        return {
            outcome: blocked('several versions on one commit', [
                `${here.map(h => h.name).join(', ')} all point at ${commit.slice(0, 12)}`
            ])
        };
    const resumed = here[0];
    if (resumed && (0,release_manifest/* fingerprintOfTagMessage */.fZ)(resumed.message) !== fp)
        return {
            outcome: blocked('the merge commit already has a version', [
                `${resumed.name} is already on ${commit.slice(0, 12)} with another training fingerprint; gto allows one version of a model per commit`
            ])
        };
    const latest = state?.latest;
    const latestTag = latest ? registrations.find(r => r.name === latest.tag) : undefined;
    if (!resumed && latestTag && (0,release_manifest/* fingerprintOfTagMessage */.fZ)(latestTag.message) === fp)
        return {
            outcome: {
                model: name,
                status: 'unchanged',
                reason: `training fingerprint unchanged since ${latest.version}`,
                problems: [],
                notes
            }
        };
    return { resumed };
}
/**
 * The version to register: a resumed run's own, else the one chooseVersion picks from what changed since the
 * previous version's release manifest, skipping every number a tag already holds. Empties `workDir` for the
 * release's files.
 */
async function nextVersion({ promotion: { name, model, identity, tags, state, notes }, host, resumed, workDir, now }) {
    let version;
    let bump;
    await (0,promises_.rm)(workDir, { recursive: true, force: true });
    await (0,promises_.mkdir)(workDir, { recursive: true });
    let previousManifest;
    // The version this one follows: the newest active one that is not this merge's own (on a resumed run).
    const previous = state?.versions.find(v => v.registered && v.active && v.tag && v.version !== resumed?.version);
    const parent = previous ? { version: previous.version, tag: previous.tag } : null;
    if (resumed) {
        // The interrupted run chose the version; its release manifest (if it got that far) holds the reason.
        version = resumed.version;
        const title = resumed.message.split('\n')[0] ?? '';
        const m = /\((major|minor|patch|first): (.*)\)$/.exec(title);
        bump = { level: m?.[1] ?? 'minor', reason: m?.[2] ?? 'resumed' };
        notes.push(`resuming: ${resumed.name} is already on the merge commit`);
    }
    else {
        if (parent) {
            const file = external_node_path_default().join(workDir, 'previous-manifest.json');
            if (await host.downloadReleaseAsset(parent.tag, release_manifest/* MANIFEST_ASSET */.ny, file))
                previousManifest = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
        }
        // Every version name a tag already holds is taken, a lightweight or hand-made one included: GTO ignores
        // those tags, but the name is theirs, and choosing it would block this model's every promotion.
        const taken = takenVersions(name, tags);
        for (const t of taken.foreign)
            notes.push(`${t} is not a version Tunegate registered (a lightweight or hand-made tag): its number is skipped`);
        const choice = chooseVersion(parent ? { version: parent.version, inputs: (0,release_manifest/* inputsOfManifest */.ay)(previousManifest) } : undefined, (0,release_manifest/* versionInputs */.wO)(model, identity), taken.versions);
        version = choice.version;
        bump = { level: choice.bump, reason: choice.reason };
    }
    const tag = (0,gto_tags/* formatTag */._3)({ action: 'register', model: name, version });
    const taggedAt = resumed?.taggedAt ?? (0,registry_state/* nextTagTime */.Bu)(name, tags, now?.());
    return { version, bump, tag, taggedAt, parent };
}

;// CONCATENATED MODULE: ./src/release/release.ts

/**
 * Publishes a version's release the way GitHub's immutable releases need: a draft (an existing draft is
 * resumed), every asset uploaded (one already there with the same bytes is kept), each asset's server-side
 * digest checked against SHA256SUMS, then published — last and once. A release that is already published is
 * left alone when its assets are the expected ones, and is an error otherwise; it is never changed.
 */
async function publishRelease(host, { tag, title, body, assets }, log = () => undefined) {
    const existing = await host.getRelease(tag);
    if (existing && !existing.draft) {
        const wrong = checkDigests(existing.assets, assets);
        if (wrong.length)
            throw new errors/* ConfigurationError */.j1(`Release ${tag} is already published with other assets (${wrong.join('; ')}); a published release is never changed.`);
        log(`Release ${tag} is already published with the expected assets; left alone`);
        return { url: existing.url, state: 'already published' };
    }
    const draft = await host.createDraftRelease(tag, title, body);
    log(`${existing ? 'Resuming the draft' : 'Created the draft'} release ${tag}`);
    for (const a of assets) {
        await host.uploadReleaseAsset(draft, {
            name: a.name,
            path: a.path,
            ...(a.contentType ? { contentType: a.contentType } : {})
        });
    }
    const stored = await host.listReleaseAssets(draft);
    const wrong = checkDigests(stored, assets);
    const extra = stored.filter(s => !assets.some(a => a.name === s.name)).map(s => s.name);
    if (extra.length)
        wrong.push(`unexpected asset(s) ${extra.join(', ')}`);
    if (wrong.length)
        throw new errors/* ConfigurationError */.j1(`Release ${tag} was not published: its assets do not match SHA256SUMS (${wrong.join('; ')}). Delete the draft's wrong assets and re-run.`);
    log(`Every asset's server-side digest matches SHA256SUMS (${stored.length} assets)`);
    const url = await host.publishRelease(draft);
    return { url, state: 'published' };
}
/** The expected assets that the server lacks or stores with another digest. */
function checkDigests(stored, expected) {
    const wrong = [];
    for (const a of expected) {
        const s = stored.find(x => x.name === a.name);
        if (!s)
            wrong.push(`${a.name} missing`);
        else if (!s.digest)
            wrong.push(`${a.name}: the server reports no digest to check`);
        else if (s.digest !== `sha256:${a.sha256}`)
            wrong.push(`${a.name}: server digest ${s.digest}, expected sha256:${a.sha256}`);
    }
    return wrong;
}

;// CONCATENATED MODULE: ./src/release/promote.ts














/** The stage a merge of this model lands in: its tier's, else the registry's, else the first stage. */
function landingStage(config, tier) {
    const stage = config.risk_tiers[tier]?.landing_stage ?? config.promotion.landing_stage ?? config.stages[0];
    if (!config.stages.includes(stage))
        throw new errors/* ConfigurationError */.j1(`registry.yaml: landing stage '${stage}' (risk tier '${tier}') is not one of the stages ${config.stages.join(', ')}`);
    return stage;
}
/**
 * Promotes what a merge changed: for each model whose training fingerprint differs from its latest version's,
 * verifies the evaluation evidence against the merged tree and the approvals against its risk tier, and only
 * then tags the version, publishes its release and assigns its landing stage. A re-run resumes: an existing
 * tag on the merge commit is reused, a draft release is resumed, a published release is left alone.
 */
async function promote({ models, log: logTo, ...options }) {
    const log = logTo ?? (() => undefined);
    const registry = await (0,loader/* loadRegistry */.Ag)(options.registryDir);
    (0,loader/* assertValid */.pP)(registry);
    const names = models ?? registry.models.map(m => m.spec.name);
    const outcomes = [];
    for (const name of names) {
        const model = registry.models.find(m => m.spec.name === name);
        if (!model)
            throw new errors/* ConfigurationError */.j1(`No model '${name}' in ${options.registryDir}`);
        try {
            outcomes.push(await promoteModel({ ...options, registry, model, log }));
        }
        catch (e) {
            outcomes.push({
                model: name,
                status: 'blocked',
                reason: 'promotion failed',
                partial: true,
                problems: [(0,errors/* errorMessage */.gJ)(e)],
                fix: 'Fix the cause and re-run the job: a re-run finishes what this one started, without duplicates.',
                notes: []
            });
        }
    }
    return outcomes;
}
/**
 * One model's promotion, step by step: where it starts (resumed, unchanged or new), the evidence verified,
 * the approvals counted, the version chosen, the release's assets built, then the writes. Each step before the
 * writes may stop it with a blocked outcome, nothing written.
 */
async function promoteModel({ registryDir, host, commit, pullRequest, evidence: source, workDir, checkApprovals, environmentApprovals, reevaluate, maxAssetBytes, now, registry, model, log }) {
    const promotion = await modelPromotion(host, registry.config, model);
    const start = startingPoint(promotion, commit);
    if ('outcome' in start)
        return start.outcome;
    // Verify before any write.
    const verified = await verifiedEvidence({ promotion, registryDir, host, evidence: source, workDir, reevaluate, log });
    if ('outcome' in verified)
        return verified.outcome;
    const approval = await approvalsFor({
        promotion,
        host,
        commit,
        pullRequest,
        checkApprovals,
        environmentApprovals
    });
    if ('outcome' in approval)
        return approval.outcome;
    const releaseDir = external_node_path_default().join(workDir, promotion.name, 'release');
    const next = await nextVersion({
        promotion,
        host,
        resumed: start.resumed,
        workDir: releaseDir,
        ...(now ? { now } : {})
    });
    log(`${promotion.name}: ${next.version} (${next.bump.level}: ${next.bump.reason})`);
    const { assets, manifest, card } = await releaseAssets({
        promotion,
        registryRoot: registry.root,
        evidence: verified.evidence,
        next,
        commit,
        pullRequest,
        approvers: approval.approvers,
        workDir: releaseDir,
        maxAssetBytes
    });
    return writeVersion({
        promotion,
        host,
        commit,
        next,
        manifest,
        card,
        assets,
        approvers: approval.approvers,
        now,
        log
    });
}
/** What every step reads of one model: its tier, identity, tags and state, and the notes on foreign stage tags. */
async function modelPromotion(host, config, model) {
    const name = model.spec.name;
    const tier = config.risk_tiers[model.spec.risk_tier];
    if (!tier)
        throw new errors/* ConfigurationError */.j1(`${model.file.display}: risk tier '${model.spec.risk_tier}' is not in registry.yaml`);
    const identity = await (0,fingerprint/* modelIdentity */.IT)(model, (0,backends/* trainerIdentity */.K_)(model.spec));
    const tags = await host.listTags(name);
    const notes = (0,tag_provenance/* withoutForeignStageTags */.o1)(tags).foreign.map(f => `${f.tag} was not made by Tunegate's promotion (${f.reason}): it is not taken for the stage`);
    return {
        name,
        model,
        config,
        tier,
        identity,
        fp: identity.training_fingerprint,
        tags,
        state: (0,registry_state/* resolveState */.KS)(tags).get(name),
        notes,
        blocked: (reason, problems, fix) => ({
            model: name,
            status: 'blocked',
            reason,
            problems,
            ...(fix ? { fix } : {}),
            notes
        })
    };
}
/** The writes, each one reused on a re-run: the version tag, the release, the landing stage's tag. */
async function writeVersion({ promotion: { name, model, config, notes }, host, commit, next: { version, bump, tag, taggedAt }, manifest, card, assets, approvers, now, log }) {
    const created = await host.createTag(tag, commit, (0,release_manifest/* tagMessage */.ib)(manifest), { taggedAt });
    log(`${name}: tag ${tag} ${created === 'created' ? 'created' : 'already there (reused)'}`);
    const release = await publishRelease(host, { tag, title: `${name} ${version}`, body: card, assets }, log);
    const stage = landingStage(config, model.spec.risk_tier);
    const after = await host.listTags(name);
    const assigned = after.find(t => {
        const p = (0,gto_tags/* parseTag */.ED)(t.name);
        return t.annotated && p.ok && p.model === name && p.action === 'assign' && p.stage === stage && t.commit === commit;
    });
    let stageTag = assigned?.name;
    if (!stageTag) {
        stageTag = (0,gto_tags/* formatTag */._3)({
            action: 'assign',
            model: name,
            stage,
            counter: (0,gto_tags/* nextCounter */.Q3)(name, after.map(t => t.name))
        });
        await host.createTag(stageTag, commit, `${name} ${version} lands in ${stage}\n`, {
            taggedAt: (0,registry_state/* nextTagTime */.Bu)(name, after, now?.())
        });
        log(`${name}: ${stageTag}`);
    }
    else
        log(`${name}: already assigned to ${stage} by ${stageTag}`);
    return {
        model: name,
        status: 'promoted',
        reason: `${bump.level}: ${bump.reason}`,
        problems: [],
        version,
        bump: bump.level,
        tag,
        stage,
        stageTag,
        releaseUrl: release.url,
        approvers,
        notes: release.state === 'already published' ? [...notes, 'release was already published: left alone'] : notes
    };
}

// EXTERNAL MODULE: ./src/cli/registry-commands.ts
var registry_commands = __webpack_require__(6298);
;// CONCATENATED MODULE: ./src/cli/promote-command.ts







/**
 * `tunegate promote`: the promote action with the local host — tags in the local repository, releases in
 * .tunegate/releases, the record `tunegate evaluate` wrote and the run `tunegate train` left as evidence.
 */
async function promoteCommand({ registry: registryDir, model: onlyModel, pr, commit: revision, workDir, stateDir, reportDir }, out) {
    const repo = await (0,git/* gitTopLevel */.oB)(external_node_path_default().resolve(registryDir));
    const commit = await (0,git/* resolveCommit */.WL)(repo, revision);
    const head = await (0,git/* resolveCommit */.WL)(repo, 'HEAD');
    // The fingerprints are derived from the working tree: it must be the commit that gets tagged.
    const dirty = (await (0,git/* git */.$Y)(repo, ['status', '--porcelain', '--', external_node_path_default().relative(repo, external_node_path_default().resolve(registryDir)) || '.'])).trim();
    if (commit !== head || dirty)
        throw new errors/* ConfigurationError */.j1(`The registry's working tree is not ${revision} as committed (${commit !== head ? `HEAD is ${head.slice(0, 12)}` : 'uncommitted changes'}); check out and commit what you promote.`);
    const host = new local_host/* LocalHost */.a(external_node_path_default().resolve(stateDir), repo);
    const prNumber = pr ?? (await host.findPullRequestForCommit(commit));
    const pullRequest = prNumber !== undefined ? await host.getPullRequest(prNumber) : undefined;
    const outcomes = await promote({
        registryDir,
        host,
        commit,
        ...(pullRequest ? { pullRequest } : {}),
        checkApprovals: pullRequest !== undefined,
        evidence: localEvidence(model => external_node_path_default().join(reportDir, 'evaluate', `evaluation-${model}.json`), (model, fp) => external_node_path_default().join(workDir, `${model}-${fp.slice(0, 16)}`)),
        workDir: external_node_path_default().join(stateDir, 'promote'),
        reevaluate: model => `tunegate train --model ${model} && tunegate evaluate --model ${model}`,
        ...(onlyModel ? { models: [onlyModel] } : {}),
        log: m => out.error(m)
    });
    for (const r of outcomes) {
        if (r.status === 'promoted')
            out.line(`${r.model}: promoted ${r.tag} (${r.reason}); ${r.stageTag}; release ${r.releaseUrl}`);
        else if (r.status === 'unchanged')
            out.line(`${r.model}: unchanged (${r.reason})`);
        else {
            out.line(`${r.model}: BLOCKED — ${r.reason}`);
            for (const p of r.problems)
                out.line(`  - ${p}`);
            if (r.fix)
                out.line(`  fix: ${r.fix}`);
        }
        for (const n of r.notes)
            out.line(`  note: ${n}`);
    }
    await (0,registry_commands.registryShow)(registryDir, false, out, repo);
    return outcomes.some(r => r.status === 'blocked') ? 1 : 0;
}


/***/ }),

/***/ 6298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   registryLint: () => (/* binding */ registryLint),
/* harmony export */   registryShow: () => (/* binding */ registryShow)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _registry_loader_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1905);
/* harmony import */ var _registry_git_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6603);
/* harmony import */ var _registry_gto_tags_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(193);
/* harmony import */ var _registry_state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4174);
/* harmony import */ var _registry_tag_provenance_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4603);
/* harmony import */ var _report_text_table_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2906);








/**
 * `tunegate registry lint`: every problem of the specs with file:line:col; exit 1 when any is an error. It
 * does not read dataset rows (tunegate validate does), and says so, so a pass is not read as "data valid".
 */
async function registryLint(registryDir, out) {
    const registry = await (0,_registry_loader_js__WEBPACK_IMPORTED_MODULE_2__/* .loadRegistry */ .Ag)(registryDir);
    const errors = registry.problems.filter(p => p.severity === 'error');
    const sorted = [...registry.problems].sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column);
    for (const p of sorted)
        out.line((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .formatProblem */ .Vw)(p));
    const warnings = registry.problems.length - errors.length;
    const unchecked = 'dataset rows not read: tunegate validate checks them';
    if (errors.length) {
        out.line(`\n${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings} warning(s) in ${registryDir} (${unchecked})`);
        return 1;
    }
    const warned = registry.problems.length ? `, ${registry.problems.length} warning(s)` : '';
    const n = registry.models.length;
    out.line(`${registryDir}: ${n} model spec${n === 1 ? '' : 's'} valid${warned} (${unchecked})`);
    return 0;
}
/** `tunegate registry show`: each model's latest version and the version at each stage, as `gto show` lays it out. */
async function registryShow(registryDir, json, out, repoDir) {
    const repo = repoDir ?? (await (0,_registry_git_js__WEBPACK_IMPORTED_MODULE_3__/* .gitTopLevel */ .oB)(node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve(registryDir)));
    const tags = await (0,_registry_state_js__WEBPACK_IMPORTED_MODULE_5__/* .readTags */ .g$)(repo);
    // The state as gto shows it, every annotated tag counted; the stage tags Tunegate did not make are flagged.
    const state = (0,_registry_state_js__WEBPACK_IMPORTED_MODULE_5__/* .resolveState */ .KS)(tags);
    const { foreign } = (0,_registry_tag_provenance_js__WEBPACK_IMPORTED_MODULE_6__/* .withoutForeignStageTags */ .o1)(tags);
    const foreignOf = (model) => foreign.filter(f => {
        const p = (0,_registry_gto_tags_js__WEBPACK_IMPORTED_MODULE_4__/* .parseTag */ .ED)(f.tag);
        return p.ok && p.model === model;
    });
    // Models defined in the registry but never versioned are shown too, so the table is the whole registry.
    let stageNames = [];
    try {
        const registry = await (0,_registry_loader_js__WEBPACK_IMPORTED_MODULE_2__/* .loadRegistry */ .Ag)(registryDir);
        stageNames = registry.config?.stages ?? [];
        for (const m of registry.models) {
            if (!state.has(m.spec.name))
                state.set(m.spec.name, { model: m.spec.name, deprecated: false, versions: [], stages: {} });
        }
    }
    catch {
        // A registry folder that cannot be read still leaves the tags to show.
    }
    const models = [...state.values()].sort((a, b) => (a.model < b.model ? -1 : 1));
    for (const m of models)
        for (const s of Object.keys(m.stages))
            if (!stageNames.includes(s))
                stageNames.push(s);
    if (json) {
        out.line(JSON.stringify(Object.fromEntries(models.map(m => [m.model, { ...showJson(m, stageNames), foreign_stage_tags: foreignOf(m.model) }])), null, 2));
        return 0;
    }
    if (!models.length) {
        out.line('No models: no registry models and no GTO tags found.');
        return 0;
    }
    // A commit without a registered version is named by its hexsha, as in gto; the table shortens it as gto's does.
    const short = (v) => (/^[0-9a-f]{40}$/.test(v) ? v.slice(0, 7) : v);
    const rows = models.map(m => [
        m.deprecated ? `${m.model} (deprecated)` : m.model,
        m.latest?.version ?? '-',
        ...stageNames.map(s => (m.stages[s] ? short(m.stages[s].version) : '-'))
    ]);
    out.line((0,_report_text_table_js__WEBPACK_IMPORTED_MODULE_7__/* .textTable */ .e)(['name', 'latest', ...stageNames.map(s => `#${s}`)], rows));
    for (const f of foreign)
        out.line(`warning: ${f.tag} was not made by Tunegate's promotion (${f.reason}): evaluate, promotion and drift do not take it for the stage`);
    return 0;
}
function showJson(m, stages) {
    return {
        deprecated: m.deprecated,
        latest: m.latest?.version ?? null,
        stages: Object.fromEntries(stages.map(s => [s, m.stages[s]?.version ?? null])),
        versions: m.versions.map(v => ({
            version: v.version,
            commit: v.commit,
            active: v.active,
            registered: v.registered,
            tag: v.tag ?? null
        }))
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
