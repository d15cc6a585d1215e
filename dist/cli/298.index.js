export const id = 298;
export const ids = [298];
export const modules = {

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
