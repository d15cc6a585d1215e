export const id = 475;
export const ids = [475,298];
export const modules = {

/***/ 2475:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  assignCommand: () => (/* binding */ assignCommand)
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
// EXTERNAL MODULE: ./src/registry/loader.ts + 1 modules
var loader = __webpack_require__(1905);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
// EXTERNAL MODULE: ./src/registry/gto-tags.ts
var gto_tags = __webpack_require__(193);
// EXTERNAL MODULE: ./src/registry/state.ts
var state = __webpack_require__(4174);
;// CONCATENATED MODULE: ./src/release/assign.ts




const STAGE_ACTIONS = ['assign', 'unassign', 'rollback', 'deregister', 'deprecate'];
/** Whether the command moves a protected stage, and so needs the model's risk tier's environment approval. */
function protectedStage(config, command) {
    if (command.action === 'deregister' || command.action === 'deprecate')
        return undefined;
    return command.stage && config.promotion.protected_stages.includes(command.stage) ? command.stage : undefined;
}
/**
 * Assigns, unassigns or rolls back a stage, deregisters a version or deprecates a model — each a new GTO tag
 * (history appended, no tag moved or deleted), with a tagger time later than the model's newest tag.
 * A rollback assigns an earlier version again: the given one, or the newest active one older than the stage's.
 */
async function runStageCommand(host, config, c, now) {
    const tags = await host.listTags(c.model);
    const before = (0,state/* resolveState */.KS)(tags).get(c.model);
    if (!before && c.action !== 'deprecate')
        throw new errors/* ConfigurationError */.j1(`${c.model} has no versions: promote one first.`);
    const active = (before?.versions ?? []).filter(v => v.registered && v.active);
    const { event, commit, message } = plannedTag({ c, config, tags, before, active });
    const tag = (0,gto_tags/* formatTag */._3)(event);
    if (tags.some(t => t.name === tag))
        throw new errors/* ConfigurationError */.j1(`Tag '${tag}' already exists; tags are never moved.`);
    await host.createTag(tag, commit, `${message}${c.actor ? ` (requested by ${c.actor})` : ''}\n`, {
        taggedAt: (0,state/* nextTagTime */.Bu)(c.model, tags, now)
    });
    const after = (0,state/* resolveState */.KS)(await host.listTags(c.model)).get(c.model);
    return { tag, before, after };
}
/** The tag that carries out the command, or a ConfigurationError saying why it cannot be done. */
function plannedTag(plan) {
    switch (plan.c.action) {
        case 'assign':
        case 'rollback':
            return assignment(plan);
        case 'unassign':
            return unassignment(plan);
        case 'deregister':
            return deregistration(plan);
        case 'deprecate':
            return deprecation(plan);
    }
}
/** The command's stage, which must be one the registry declares. */
function needStage({ c, config }) {
    if (!c.stage)
        throw new errors/* ConfigurationError */.j1(`'${c.action}' needs a stage; expected one of ${config.stages.join(', ')}`);
    if (!config.stages.includes(c.stage))
        throw new errors/* ConfigurationError */.j1(`Unknown stage '${c.stage}'; expected one of ${config.stages.join(', ')} (registry.yaml)`);
    return c.stage;
}
/** The active version of that name. */
function findVersion({ c, active }, version) {
    const v = active.find(x => x.version === version);
    if (!v)
        throw new errors/* ConfigurationError */.j1(`${c.model} has no active version '${version}'; active: ${active.map(x => x.version).join(', ') || 'none'}`);
    return v;
}
/** Assigns a stage to a version; a rollback without a version takes the newest active one older than the stage's. */
function assignment(plan) {
    const { c, tags, before, active } = plan;
    const stage = needStage(plan);
    const current = before.stages[stage];
    let version = c.version;
    if (!version && c.action === 'rollback') {
        if (!current)
            throw new errors/* ConfigurationError */.j1(`${c.model} has nothing in ${stage} to roll back from`);
        version = active.find(v => semver_default().valid(v.version.slice(1)) &&
            current.version !== v.version &&
            semver_default().lt(v.version.slice(1), semver_default().valid(current.version.slice(1)) ?? '0.0.0'))?.version;
        if (!version)
            throw new errors/* ConfigurationError */.j1(`${c.model} has no active version older than ${current.version} to roll back to`);
    }
    if (!version)
        throw new errors/* ConfigurationError */.j1(`'assign' needs a version, e.g. v1.2.0`);
    const v = findVersion(plan, version);
    if (current?.version === v.version)
        throw new errors/* ConfigurationError */.j1(`${c.model} ${v.version} is already in ${stage} (${current.tag}); nothing to do`);
    return {
        event: {
            action: 'assign',
            model: c.model,
            stage,
            counter: (0,gto_tags/* nextCounter */.Q3)(c.model, tags.map(t => t.name))
        },
        commit: v.commit,
        message: `${c.action === 'rollback' ? 'Roll back' : 'Assign'} ${stage} to ${c.model} ${v.version}`
    };
}
/** Takes a stage away from the version that holds it. */
function unassignment(plan) {
    const { c, tags, before } = plan;
    const stage = needStage(plan);
    const current = before.stages[stage];
    if (!current)
        throw new errors/* ConfigurationError */.j1(`${c.model} has nothing in ${stage} to unassign`);
    return {
        event: {
            action: 'unassign',
            model: c.model,
            stage,
            counter: (0,gto_tags/* nextCounter */.Q3)(c.model, tags.map(t => t.name))
        },
        commit: current.commit,
        message: `Unassign ${stage} from ${c.model} ${current.version}`
    };
}
/** Deregisters an active version. */
function deregistration(plan) {
    const { c } = plan;
    if (!c.version)
        throw new errors/* ConfigurationError */.j1(`'deregister' needs a version, e.g. v1.2.0`);
    const v = findVersion(plan, c.version);
    return {
        event: { action: 'deregister', model: c.model, version: v.version },
        commit: v.commit,
        message: `Deregister ${c.model} ${v.version}`
    };
}
/** Deprecates the model, on the given commit or its latest version's. */
function deprecation({ c, tags, before }) {
    if (before?.deprecated)
        throw new errors/* ConfigurationError */.j1(`${c.model} is already deprecated`);
    const target = c.commit ?? before?.latest?.commit ?? before?.versions[0]?.commit;
    if (!target)
        throw new errors/* ConfigurationError */.j1(`'deprecate' needs a commit for the tag`);
    // A second deprecation after a re-activation needs a counter: `m@deprecated` can exist only once.
    const taken = tags.some(t => t.name === (0,gto_tags/* formatTag */._3)({ action: 'deprecate', model: c.model }));
    return {
        event: {
            action: 'deprecate',
            model: c.model,
            ...(taken
                ? {
                    counter: (0,gto_tags/* nextCounter */.Q3)(c.model, tags.map(t => t.name))
                }
                : {})
        },
        commit: target,
        message: `Deprecate ${c.model}`
    };
}

// EXTERNAL MODULE: ./src/cli/registry-commands.ts
var registry_commands = __webpack_require__(6298);
;// CONCATENATED MODULE: ./src/cli/assign-command.ts







/** `tunegate assign`: assign, unassign, roll back, deregister or deprecate with new local tags; shows before and after. */
async function assignCommand({ registry: registryDir, action, model: modelName, stage, version, stateDir }, out) {
    if (!STAGE_ACTIONS.includes(action))
        throw new errors/* ConfigurationError */.j1(`Unknown --action '${action}'. Expected one of ${STAGE_ACTIONS.join(', ')}.`);
    if (!modelName)
        throw new errors/* ConfigurationError */.j1('tunegate assign needs --model NAME.');
    const registry = await (0,loader/* loadRegistry */.Ag)(registryDir);
    (0,loader/* assertValid */.pP)(registry);
    const repo = await (0,git/* gitTopLevel */.oB)(external_node_path_default().resolve(registryDir));
    const host = new local_host/* LocalHost */.a(external_node_path_default().resolve(stateDir), repo);
    const command = {
        action: action,
        model: modelName,
        ...(stage ? { stage } : {}),
        ...(version ? { version } : {}),
        commit: await (0,git/* resolveCommit */.WL)(repo, 'HEAD')
    };
    const guarded = protectedStage(registry.config, command);
    const model = registry.models.find(m => m.spec.name === modelName);
    const env = model ? registry.config.risk_tiers[model.spec.risk_tier]?.environment : undefined;
    if (guarded && env)
        out.error(`note: ${guarded} is protected; on GitHub this needs an approved deployment to environment '${env}'. Locally, your own repository's tags are yours to write.`);
    out.line('Before:');
    await (0,registry_commands.registryShow)(registryDir, false, out, repo);
    const result = await runStageCommand(host, registry.config, command);
    out.line(`\nCreated ${result.tag}. After:`);
    await (0,registry_commands.registryShow)(registryDir, false, out, repo);
    return 0;
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
