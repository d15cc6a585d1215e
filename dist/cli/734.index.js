export const id = 734;
export const ids = [734];
export const modules = {

/***/ 4734:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  initCommand: () => (/* binding */ initCommand)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(481);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/registry/git.ts
var git = __webpack_require__(6603);
// EXTERNAL MODULE: ./src/registry/closest-name.ts
var closest_name = __webpack_require__(5918);
// EXTERNAL MODULE: ./src/registry/schema.ts
var schema = __webpack_require__(7908);
;// CONCATENATED MODULE: ./src/cli/init-answers.ts




/** The task families, in the order init lists them. */
const TASK_FAMILIES = [...schema/* TASK_FAMILIES */.Je].sort();
/** Init's model names: what a folder, a tag and a workflow job id all accept (narrower than the schema's). */
const MODEL_NAME = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;
/** A GitHub user (`@name`) or team (`@org/team`), as CODEOWNERS writes them. */
const OWNER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/;
const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
const FULL_SHA = /^[0-9a-f]{40}$/;
const taskQuestion = {
    flag: 'task',
    metavar: 'FAMILY',
    prompt: `Task family (${TASK_FAMILIES.join(', ')})`,
    default: 'classification',
    parse: answer => TASK_FAMILIES.includes(answer)
        ? { value: answer }
        : {
            error: `Invalid task family '${answer}'${(0,closest_name/* didYouMean */.au)(answer, TASK_FAMILIES) || '.'} Expected one of ${TASK_FAMILIES.join(', ')}.`
        }
};
const modelQuestion = {
    flag: 'model',
    metavar: 'NAME',
    prompt: 'Model name (lowercase letters, digits and hyphens, e.g. support-router)',
    parse: answer => MODEL_NAME.test(answer)
        ? { value: answer }
        : {
            error: `Invalid model name '${answer}'. Expected lowercase letters, digits and hyphens (at most 64, no hyphen first or last), e.g. support-router.`
        }
};
const ownerQuestion = {
    flag: 'owner',
    metavar: 'TEAM',
    prompt: 'Owners: GitHub teams or users, comma-separated (e.g. @acme/ml-platform, @octocat)',
    parse: answer => {
        const owners = answer
            .split(',')
            .map(o => o.trim())
            .filter(Boolean);
        const bad = owners.find(o => !OWNER.test(o));
        if (owners.length === 0 || bad !== undefined)
            return {
                error: `Invalid owner '${bad ?? answer}'. Expected a GitHub team @org/team or user @name, comma-separated.`
            };
        return { value: owners };
    }
};
/** A runner label or scale set name, as GitHub's runner registration accepts them (no spaces or commas). */
const RUNNER_LABEL = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;
/**
 * Where the starter trains: `ubuntu-latest` (a GitHub-hosted runner, for the CPU baseline trainer), one name of
 * an Actions Runner Controller scale set (written as a plain string: a scale set answers to that name alone), or
 * a label set of self-hosted GPU runners, comma-separated.
 */
const runnerQuestion = {
    flag: 'runner',
    metavar: 'RUNNER',
    prompt: 'Where the starter trains: ubuntu-latest (GitHub-hosted, CPU baseline trainer), a runner scale set name ' +
        '(e.g. arc-gpu), or GPU runner labels, comma-separated (e.g. self-hosted, gpu)',
    default: 'ubuntu-latest',
    safeDefault: true,
    parse: answer => {
        const labels = answer.split(',').map(l => l.trim());
        const bad = labels.find(l => !RUNNER_LABEL.test(l));
        if (bad !== undefined)
            return {
                error: `Invalid runner ${bad ? `label '${bad}'` : `'${answer}'`}. Expected ubuntu-latest, a runner scale set ` +
                    'name such as arc-gpu, or labels such as self-hosted, gpu (letters, digits, . _ - : /; no spaces).'
            };
        return { value: labels.length === 1 ? labels[0] : labels };
    }
};
/** The repository question, defaulting to the Tunegate this package came from. */
function repositoryQuestion(detected) {
    return {
        flag: 'tunegate-repo',
        metavar: 'OWNER/NAME',
        prompt: 'Tunegate repository the workflows call',
        ...(detected ? { default: detected, detected: true } : {}),
        parse: answer => REPOSITORY.test(answer)
            ? { value: answer }
            : { error: `Invalid --tunegate-repo '${answer}'. Expected {owner}/{repo}.` }
    };
}
/** The ref question: a full commit SHA, defaulting to the commit this package was packed from. */
function refQuestion(detected, release) {
    return {
        flag: 'tunegate-ref',
        metavar: 'SHA',
        prompt: `Tunegate commit to pin, the full 40-character SHA${release ? ` of ${release}` : ''}`,
        ...(detected ? { default: detected, detected: true } : {}),
        parse: answer => FULL_SHA.test(answer)
            ? { value: answer }
            : {
                error: `Invalid --tunegate-ref '${answer}'. Expected the full 40-character commit SHA of the Tunegate release to pin.`
            }
    };
}
/**
 * Answers init's questions from flags first, then from standard input (a terminal or a pipe), one line per
 * question; a bad answer is asked again with what was wrong. Standard input is opened only when a flag is missing.
 */
class Answers {
    flags;
    terminal;
    write;
    lines;
    close;
    constructor(flags, 
    /** True when stdin is a terminal, which echoes what is typed; from a pipe, init echoes each answer it read. */
    terminal, write = text => process.stderr.write(text)) {
        this.flags = flags;
        this.terminal = terminal;
        this.write = write;
    }
    /** The question's value: its flag's (an error when bad), else an answer read from stdin. */
    async get(q) {
        const flag = this.flags[q.flag];
        if (flag !== undefined) {
            const parsed = q.parse(flag.trim());
            if ('error' in parsed)
                throw new errors/* ConfigurationError */.j1(parsed.error);
            return parsed.value;
        }
        for (;;) {
            this.write(`${q.prompt}${q.default ? ` [${q.default}]` : ''}: `);
            let line = await this.nextLine();
            if (line === undefined) {
                if (!(q.detected || q.safeDefault) || q.default === undefined) {
                    this.write('\n');
                    throw new errors/* ConfigurationError */.j1(`tunegate init needs --${q.flag} ${q.metavar}: standard input ended before an answer to "${q.prompt}". ` +
                        `Pass it as a flag, or run tunegate init on a terminal to be asked.`);
                }
                this.write(`${q.default} (${q.detected ? 'detected' : 'default'})\n`);
                line = '';
            }
            else if (!this.terminal)
                this.write(`${line}\n`);
            const answer = line.trim() || q.default;
            if (answer === undefined) {
                this.write('  An answer is needed.\n');
                continue;
            }
            const parsed = q.parse(answer);
            if ('value' in parsed)
                return parsed.value;
            this.write(`  ${parsed.error}\n`);
        }
    }
    /** Stops reading standard input, so that the process can exit. */
    done() {
        this.close?.();
    }
    async nextLine() {
        if (!this.lines) {
            // The async iterator buffers lines that arrive before they are asked for (a pipe delivers all at once),
            // which rl.question would drop.
            const rl = (0,external_node_readline_.createInterface)({ input: process.stdin, terminal: false, crlfDelay: Infinity });
            this.lines = rl[Symbol.asyncIterator]();
            this.close = () => rl.close();
        }
        const next = await this.lines.next();
        return next.done ? undefined : next.value;
    }
}

// EXTERNAL MODULE: ./src/site/pages-privacy.ts
var pages_privacy = __webpack_require__(8602);
;// CONCATENATED MODULE: ./src/cli/init-command.ts











/** The package's root: src/cli/ in a clone, dist/cli/ in the installed package, both two folders down. */
// A variable, not `new URL('../..', import.meta.url)`, which the bundler would take for an asset to copy.
const here = import.meta.url;
const PACKAGE_ROOT = external_node_path_default().resolve(external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(here)), '../..');
const EXAMPLE = external_node_path_default().join(PACKAGE_ROOT, 'registry');
const TEMPLATES = external_node_path_default().join(PACKAGE_ROOT, 'templates', 'workflows');
/** The example model each task family starts from (seed 000: one model per family of use cases). */
const STARTERS = {
    classification: 'content-classifier',
    'text-generation': 'seo-writer',
    transformation: 'schema-markup'
};
/** Keeps the example's own layout: no folded lines, `[a, b]` flow lists. */
const YAML_OPTIONS = { lineWidth: 0, flowCollectionPadding: false };
/** Rows of the example datasets copied into the starter: small, and still valid. */
const TRAIN_ROWS = 240;
const EVAL_ROWS = 80;
/** What init wrote, by the sha256 of each file's content: a re-run updates only files nobody edited since. */
const MANIFEST = '.github/tunegate-init.json';
/** Lines init makes sure .gitignore has: the CLI's local state (runs, reports, caches). */
const IGNORED = ['.tunegate/'];
/** `tunegate init`: writes a starter registry and the caller workflows; never overwrites a person's file. */
async function initCommand(options, out) {
    const settings = await settle(options);
    const planned = await plan(settings);
    const manifest = await readManifest(settings.root);
    for (const p of [...planned.map(p => p.file), MANIFEST, '.gitignore'])
        await refuseLinkOut(settings.root, p);
    const decided = [];
    const refused = [];
    for (const p of planned) {
        const existing = await (0,promises_.readFile)(external_node_path_default().join(settings.root, p.file), 'utf8').catch(() => undefined);
        const verb = decide(p, existing, manifest.files[p.file]);
        if (verb === undefined)
            refused.push(p.file);
        else
            decided.push({ file: p.file, verb, content: p.content });
    }
    if (refused.length) {
        out.error([
            `tunegate init wrote nothing: ${refused.length} file${refused.length === 1 ? '' : 's'} already exist and were not written by it:`,
            ...refused.map(f => `  ${f}`),
            'Move them aside, or choose another --model name.'
        ].join('\n'));
        return 1;
    }
    const files = { ...manifest.files };
    for (const d of decided) {
        if (d.verb === 'kept')
            continue;
        const target = external_node_path_default().join(settings.root, d.file);
        await (0,promises_.mkdir)(external_node_path_default().dirname(target), { recursive: true });
        if (d.verb !== 'unchanged')
            await (0,promises_.writeFile)(target, d.content);
        files[d.file] = digest(d.content);
    }
    await writeManifest(settings.root, files);
    // Installed in the repository (npm i -D tunegate), the package's folder is no part of the registry either.
    const ignored = await ensureIgnored(settings.root, installedIn(settings.root) ? [...IGNORED, 'node_modules/'] : IGNORED);
    for (const d of decided)
        out.line(`${d.verb.padEnd(9)} ${d.file}${d.verb === 'kept' ? '   (edited since tunegate init wrote it: left as it is)' : ''}`);
    if (ignored.length)
        out.line(`${'appended'.padEnd(9)} .gitignore (${ignored.join(', ')})`);
    const stale = decided.filter(d => d.verb === 'kept' && d.file.startsWith('.github/workflows/'));
    if (stale.length)
        out.line(`\nThe kept workflow${stale.length === 1 ? '' : 's'} (${stale.map(d => d.file).join(', ')}) may pin another Tunegate: ` +
            `set the ref after @ in each \`uses:\` line to ${settings.tunegateRef} by hand.`);
    out.line(nextSteps(settings));
    out.line(`\nnote: ${(0,pages_privacy/* pagesPrivacyWarning */.R)()}`);
    return 0;
}
/** What to do with one planned file: write it, leave it, or (undefined) refuse, as it is a person's file. */
function decide(p, existing, recorded) {
    if (existing === undefined)
        return 'wrote';
    if (existing === p.content)
        return 'unchanged';
    if (recorded === undefined)
        return undefined;
    return recorded === digest(existing) ? 'updated' : 'kept';
}
function nextSteps(s) {
    const cli = tunegateCommand(s.root);
    return [
        '',
        `Tunegate is set up for ${s.model} (${s.task}, owned by ${s.owners.join(', ')}), with workflows pinned to ` +
            `${s.tunegateRepo}@${s.tunegateRef} (${s.version}).`,
        s.runner === 'ubuntu-latest'
            ? `The starter model trains with the CPU baseline trainer on ubuntu-latest; its model.yaml shows how to move it to a GPU runner.`
            : `The starter model trains with the CPU baseline trainer on ${runsOn(s.runner)}; set its trainer: hf-peft to use the GPU.`,
        'Next:',
        `  1. ${cli} validate   (the checks a pull request gets)`,
        `  2. git add registry .github .gitignore, commit, push, and open a pull request: the comment and the \`tunegate\` status appear on it.`,
        `  3. ${cli} doctor   (checks branch rules, the tag ruleset, environments and runners; each ✗ says how to fix it)`
    ].join('\n');
}
/** The runner as `runs-on` reads in a message: a name, or a label set in brackets. */
function runsOn(runner) {
    return typeof runner === 'string' ? runner : `[${runner.join(', ')}]`;
}
/** How the adopter runs this very CLI: through npx when it is installed in the repository, else by its path. */
function tunegateCommand(root) {
    return installedIn(root) ? 'npx tunegate' : `node ${external_node_path_default().join(PACKAGE_ROOT, 'bin', 'tunegate.js')}`;
}
/** True when this package is installed in the repository's node_modules. */
function installedIn(root) {
    return external_node_path_default().relative(root, PACKAGE_ROOT).split((external_node_path_default()).sep)[0] === 'node_modules';
}
/** The repository root and every answer, from the flags given or asked on stdin. */
async function settle({ repoDir, interactive, ...flags }) {
    let root;
    try {
        root = (await (0,git/* git */.$Y)(repoDir, ['rev-parse', '--show-toplevel'])).trim();
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`'${repoDir}' is not a git repository. Run tunegate init inside the repository.`);
    }
    const detected = await detectTunegate();
    const answers = new Answers({
        task: flags.task,
        model: flags.model,
        owner: flags.owner,
        runner: flags.runner,
        'tunegate-repo': flags.tunegateRepo,
        'tunegate-ref': flags.tunegateRef
    }, Boolean(interactive));
    try {
        const task = await answers.get(taskQuestion);
        const model = await answers.get(modelQuestion);
        const owners = await answers.get(ownerQuestion);
        const runner = await answers.get(runnerQuestion);
        const tunegateRepo = await answers.get(repositoryQuestion(detected.repository));
        const tunegateRef = await answers.get(refQuestion(detected.commit, detected.version));
        const version = tunegateRef === detected.commit && detected.version
            ? detected.version
            : (await (0,git/* git */.$Y)(PACKAGE_ROOT, ['describe', '--tags', '--always', tunegateRef]).catch(() => tunegateRef)).trim();
        const branch = (await (0,git/* git */.$Y)(root, ['symbolic-ref', '--short', 'refs/remotes/origin/HEAD']).catch(() => ''))
            .trim()
            .replace(/^origin\//, '') || (await (0,git/* git */.$Y)(root, ['symbolic-ref', '--short', 'HEAD']).catch(() => 'main')).trim();
        return { root, task, model, owners, runner, tunegateRepo, tunegateRef, version, branch };
    }
    finally {
        answers.done();
    }
}
/**
 * Which Tunegate this is. A clone (the package root is its own git work tree) is its HEAD; an installed
 * package is what release.json recorded when it was packed (scripts/release-info.mjs); the repository
 * otherwise from package.json.
 */
async function detectTunegate() {
    const toplevel = await (0,git/* git */.$Y)(PACKAGE_ROOT, ['rev-parse', '--show-toplevel']).catch(() => '');
    const clone = toplevel.trim() !== '' &&
        (await (0,promises_.realpath)(toplevel.trim()).catch(() => '')) === (await (0,promises_.realpath)(PACKAGE_ROOT).catch(() => PACKAGE_ROOT));
    if (clone) {
        const commit = (await (0,git/* git */.$Y)(PACKAGE_ROOT, ['rev-parse', 'HEAD'])).trim();
        const origin = await (0,git/* git */.$Y)(PACKAGE_ROOT, ['remote', 'get-url', 'origin']).catch(() => '');
        return {
            repository: githubRepository(origin) ?? (await packageRepository()),
            commit,
            version: (await (0,git/* git */.$Y)(PACKAGE_ROOT, ['describe', '--tags', '--always', commit])).trim()
        };
    }
    const release = await (0,promises_.readFile)(external_node_path_default().join(PACKAGE_ROOT, 'release.json'), 'utf8')
        .then(text => JSON.parse(text))
        .catch(() => undefined);
    return { ...release, repository: release?.repository ?? (await packageRepository()) };
}
async function packageRepository() {
    const pkg = await (0,promises_.readFile)(external_node_path_default().join(PACKAGE_ROOT, 'package.json'), 'utf8')
        .then(text => JSON.parse(text))
        .catch(() => undefined);
    return githubRepository(pkg?.repository?.url ?? '');
}
/** owner/name of a GitHub remote URL (https, ssh or git+https), or undefined. */
function githubRepository(url) {
    return /github\.com[/:]([A-Za-z0-9-]+\/[A-Za-z0-9._-]+?)(\.git)?\s*$/.exec(url)?.[1];
}
/** Every file init writes, with its content. */
async function plan(s) {
    const example = STARTERS[s.task];
    const files = [];
    const add = (file, content) => files.push({ file, content });
    add('registry/registry.yaml', await (0,promises_.readFile)(external_node_path_default().join(EXAMPLE, 'registry.yaml'), 'utf8'));
    const spec = starterSpec((0,dist.parseDocument)(await (0,promises_.readFile)(external_node_path_default().join(EXAMPLE, 'models', example, 'model.yaml'), 'utf8')), s, example);
    add(`registry/models/${s.model}/model.yaml`, spec);
    const prompt = (0,dist.parseDocument)(await (0,promises_.readFile)(external_node_path_default().join(EXAMPLE, 'prompts', `${example}.yaml`), 'utf8'));
    prompt.set('name', s.model);
    add(`registry/prompts/${s.model}.yaml`, prompt.toString(YAML_OPTIONS));
    for (const [split, rows] of [
        ['train', TRAIN_ROWS],
        ['eval', EVAL_ROWS]
    ])
        add(`registry/datasets/${s.model}/${split}.jsonl`, await firstLines(external_node_path_default().join(EXAMPLE, 'datasets', example, `${split}.jsonl`), rows));
    // What the spec refers to besides its data: output schemas and safety lists.
    for (const folder of ['schemas', 'safety'])
        for (const name of await (0,promises_.readdir)(external_node_path_default().join(EXAMPLE, folder)))
            if (spec.includes(`${folder}/${name}`))
                add(`registry/${folder}/${name}`, await (0,promises_.readFile)(external_node_path_default().join(EXAMPLE, folder, name), 'utf8'));
    for (const name of (await (0,promises_.readdir)(TEMPLATES)).sort())
        add(`.github/workflows/${name}`, (await (0,promises_.readFile)(external_node_path_default().join(TEMPLATES, name), 'utf8'))
            .replaceAll('__TUNEGATE__', s.tunegateRepo)
            .replaceAll('__REF__', s.tunegateRef)
            .replaceAll('__VERSION__', s.version)
            .replaceAll('__BRANCH__', s.branch));
    return files;
}
/**
 * The example's spec as the adopter's model: its name, owners and files, trained by the CPU baseline on a
 * GitHub-hosted runner, so that a fresh repository's first pull request gets its report with no GPU runner.
 */
function starterSpec(spec, s, example) {
    spec.commentBefore = ` Starter model for the ${s.task} task family, from Tunegate's example '${example}'.`;
    spec.set('name', s.model);
    spec.set('owners', spec.createNode(s.owners, { flow: true }));
    spec.setIn(['data', 'train'], `datasets/${s.model}/train.jsonl`);
    spec.setIn(['data', 'eval'], `datasets/${s.model}/eval.jsonl`);
    spec.set('prompt', `prompts/${s.model}.yaml`);
    spec.setIn(['training', 'trainer'], 'baseline');
    // One name is written as a plain string: a runner scale set answers to its name alone.
    spec.setIn(['training', 'runner'], typeof s.runner === 'string' ? s.runner : spec.createNode(s.runner, { flow: true }));
    const runner = spec.get('training', true).items.find(p => (0,dist/* isScalar */.jn)(p.key) && p.key.value === 'runner');
    if (runner && (0,dist/* isScalar */.jn)(runner.key))
        runner.key.commentBefore = [
            s.runner === 'ubuntu-latest'
                ? ' A GitHub-hosted runner, so the first pull request needs no runner of yours. To train on a GPU:'
                : ' Your runner: the baseline trainer runs on its CPU. To train on the GPU:',
            ' trainer: hf-peft, and the runner by its labels, e.g. runner: [self-hosted, gpu], or by the name of an',
            ' Actions Runner Controller scale set, e.g. runner: arc-gpu (a scale set has no self-hosted label).',
            ' runner: [self-hosted, gpu]'
        ].join('\n');
    return spec.toString(YAML_OPTIONS);
}
/**
 * Refuses a path that leads out of the repository through a symbolic link, dangling ones included: init
 * writes only inside the repository it was run in.
 */
async function refuseLinkOut(root, file) {
    const realRoot = await (0,promises_.realpath)(root);
    let at = root;
    for (const part of file.split('/')) {
        at = external_node_path_default().join(at, part);
        const stat = await (0,promises_.lstat)(at).catch(() => undefined);
        if (!stat)
            return;
        if (!stat.isSymbolicLink())
            continue;
        const shown = external_node_path_default().relative(root, at);
        const target = await (0,promises_.readlink)(at);
        const resolved = await (0,promises_.realpath)(at).catch(() => undefined);
        if (resolved === undefined)
            throw new errors/* ConfigurationError */.j1(`tunegate init wrote nothing: ${shown} is a symbolic link to '${target}', which does not exist; ` +
                `init writes only inside the repository. Remove the link, or make it a folder or file of the repository.`);
        if (resolved !== realRoot && !resolved.startsWith(realRoot + (external_node_path_default()).sep))
            throw new errors/* ConfigurationError */.j1(`tunegate init wrote nothing: ${shown} is a symbolic link to '${target}', outside the repository; ` +
                `init writes only inside the repository. Remove the link, or make it a folder or file of the repository.`);
    }
}
async function readManifest(root) {
    const file = external_node_path_default().join(root, MANIFEST);
    if (!(0,external_node_fs_.existsSync)(file))
        return { files: {} };
    let parsed;
    try {
        parsed = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
    }
    catch (e) {
        throw new errors/* ConfigurationError */.j1(`${MANIFEST}: not JSON (${e.message}). Expected what tunegate init wrote.`);
    }
    const files = parsed?.files;
    if (!files || typeof files !== 'object' || Object.values(files).some(v => !/^[0-9a-f]{64}$/.test(String(v))))
        throw new errors/* ConfigurationError */.j1(`${MANIFEST}: expected {"files": {path: sha256}} as tunegate init writes it.`);
    return { files };
}
async function writeManifest(root, files) {
    const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
    const content = JSON.stringify({
        about: 'What tunegate init wrote (sha256 of each file). A re-run updates only the files that still match.',
        files: sorted
    }, null, 2);
    await (0,promises_.mkdir)(external_node_path_default().dirname(external_node_path_default().join(root, MANIFEST)), { recursive: true });
    await (0,promises_.writeFile)(external_node_path_default().join(root, MANIFEST), content + '\n');
}
/** Appends to .gitignore what it lacks of `lines` (a person's file: never rewritten); returns what it added. */
async function ensureIgnored(root, lines) {
    const file = external_node_path_default().join(root, '.gitignore');
    const existing = await (0,promises_.readFile)(file, 'utf8').catch(() => '');
    const present = new Set(existing.split(/\r?\n/).map(l => l.trim().replace(/^\//, '').replace(/\/$/, '')));
    const missing = lines.filter(line => !present.has(line.replace(/\/$/, '')));
    if (missing.length === 0)
        return [];
    const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
    await (0,promises_.appendFile)(file, `${separator}# Added by tunegate init (.tunegate/ holds the CLI's local runs, reports and caches)\n${missing.join('\n')}\n`);
    return missing;
}
function digest(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
}
async function firstLines(file, count) {
    const lines = [];
    const rl = (0,external_node_readline_.createInterface)({ input: (0,external_node_fs_.createReadStream)(file), crlfDelay: Infinity });
    for await (const line of rl) {
        lines.push(line);
        if (lines.length === count)
            break;
    }
    rl.close();
    return lines.join('\n') + '\n';
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


/***/ })

};
