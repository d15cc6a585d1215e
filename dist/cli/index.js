import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 5798:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
;// CONCATENATED MODULE: ./src/cli/output.ts
/** Output to the process's stdout and stderr. */
const processOutput = {
    line: text => process.stdout.write(text + '\n'),
    error: text => process.stderr.write(text + '\n'),
    interactive: Boolean(process.stderr.isTTY)
};

;// CONCATENATED MODULE: ./src/cli/lazy-commands.ts
// The commands of the CLI, each loaded when it runs: `tunegate --help` (and a mistyped command) then loads
// none of them, and starts in a fraction of the time (bench/cli-startup.bench.ts). In the bundle each
// dynamic import becomes its own chunk beside dist/cli/index.js.
/** `name` of the module `load` imports, loaded at its first call. */
function lazy(load, name) {
    return (async (...args) => (await load())[name](...args));
}
const registryLint = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(815), __nccwpck_require__.e(465), __nccwpck_require__.e(88), __nccwpck_require__.e(42), __nccwpck_require__.e(905), __nccwpck_require__.e(584), __nccwpck_require__.e(298)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6298)), 'registryLint');
const registryShow = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(815), __nccwpck_require__.e(465), __nccwpck_require__.e(88), __nccwpck_require__.e(42), __nccwpck_require__.e(905), __nccwpck_require__.e(584), __nccwpck_require__.e(298)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6298)), 'registryShow');
const validateCommand = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(815), __nccwpck_require__.e(465), __nccwpck_require__.e(26), __nccwpck_require__.e(42), __nccwpck_require__.e(905), __nccwpck_require__.e(647), __nccwpck_require__.e(516), __nccwpck_require__.e(414)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5414)), 'validateCommand');
const trainCommand = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(815), __nccwpck_require__.e(465), __nccwpck_require__.e(88), __nccwpck_require__.e(26), __nccwpck_require__.e(730), __nccwpck_require__.e(42), __nccwpck_require__.e(905), __nccwpck_require__.e(516), __nccwpck_require__.e(162), __nccwpck_require__.e(898), __nccwpck_require__.e(291)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1565)), 'trainCommand');
const evaluateCommand = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(815), __nccwpck_require__.e(465), __nccwpck_require__.e(88), __nccwpck_require__.e(26), __nccwpck_require__.e(730), __nccwpck_require__.e(42), __nccwpck_require__.e(905), __nccwpck_require__.e(647), __nccwpck_require__.e(584), __nccwpck_require__.e(516), __nccwpck_require__.e(423), __nccwpck_require__.e(162), __nccwpck_require__.e(898), __nccwpck_require__.e(405), __nccwpck_require__.e(46)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6046)), 'evaluateCommand');
const doctorCommand = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(815), __nccwpck_require__.e(465), __nccwpck_require__.e(715), __nccwpck_require__.e(42), __nccwpck_require__.e(905), __nccwpck_require__.e(122)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6122)), 'doctorCommand');
const initCommand = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(815), __nccwpck_require__.e(42), __nccwpck_require__.e(734)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4734)), 'initCommand');
const driftCommand = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(815), __nccwpck_require__.e(465), __nccwpck_require__.e(88), __nccwpck_require__.e(26), __nccwpck_require__.e(42), __nccwpck_require__.e(905), __nccwpck_require__.e(647), __nccwpck_require__.e(584), __nccwpck_require__.e(516), __nccwpck_require__.e(423), __nccwpck_require__.e(704)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2704)), 'driftCommand');
const runBaselineTrainer = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(162), __nccwpck_require__.e(236)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6162)), 'runBaselineTrainer');
const promoteCommand = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(815), __nccwpck_require__.e(465), __nccwpck_require__.e(88), __nccwpck_require__.e(26), __nccwpck_require__.e(730), __nccwpck_require__.e(42), __nccwpck_require__.e(905), __nccwpck_require__.e(647), __nccwpck_require__.e(584), __nccwpck_require__.e(516), __nccwpck_require__.e(423), __nccwpck_require__.e(162), __nccwpck_require__.e(898), __nccwpck_require__.e(405), __nccwpck_require__.e(346)]).then(__nccwpck_require__.bind(__nccwpck_require__, 346)), 'promoteCommand');
const assignCommand = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(815), __nccwpck_require__.e(465), __nccwpck_require__.e(88), __nccwpck_require__.e(42), __nccwpck_require__.e(905), __nccwpck_require__.e(647), __nccwpck_require__.e(584), __nccwpck_require__.e(423), __nccwpck_require__.e(475)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2475)), 'assignCommand');
const siteCommand = lazy(() => Promise.all(/* import() */[__nccwpck_require__.e(491), __nccwpck_require__.e(815), __nccwpck_require__.e(465), __nccwpck_require__.e(88), __nccwpck_require__.e(42), __nccwpck_require__.e(905), __nccwpck_require__.e(647), __nccwpck_require__.e(584), __nccwpck_require__.e(423), __nccwpck_require__.e(500)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2500)), 'siteCommand');

// EXTERNAL MODULE: ./src/registry/closest-name.ts
var closest_name = __nccwpck_require__(5918);
;// CONCATENATED MODULE: ./src/cli/command-line.ts



/** A mistake on the command line: exit 2 with the message and where to read the help. */
class UsageError extends errors/* ConfigurationError */.j1 {
}
/**
 * Reads the command line against the command table, refusing, with Tunegate's own messages (node:util's are
 * raw), an unknown command or option (with the nearest known one), an option the command does not take, a
 * missing or unexpected value, and a stray argument.
 */
function readCommandLine(argv, options, commands) {
    const config = Object.fromEntries(Object.entries(options).map(([name, o]) => [
        name,
        {
            type: o.type,
            ...(o.short ? { short: o.short } : {}),
            ...(o.default !== undefined ? { default: o.default } : {})
        }
    ]));
    // Not strict: every token comes back, and this function judges each with a message of its own.
    const { tokens, positionals } = (0,external_node_util_.parseArgs)({
        args: argv,
        options: config,
        strict: false,
        allowPositionals: true,
        tokens: true
    });
    const optionTokens = tokens.filter(t => t.kind === 'option');
    const names = commands.map(c => c.name);
    if (positionals[0] === 'help') {
        const topic = positionals.slice(1).join(' ');
        if (!topic)
            return { kind: 'help' };
        if (!names.includes(topic))
            throw unknownCommand(topic, names);
        return { kind: 'help', command: topic };
    }
    if (!positionals.length) {
        if (optionTokens.some(t => t.name === 'version'))
            return { kind: 'version' };
        if (optionTokens.some(t => t.name === 'help'))
            return { kind: 'help' };
        throw new UsageError('tunegate needs a command.');
    }
    const command = [...commands]
        .sort((a, b) => b.name.length - a.name.length)
        .find(c => positionals.slice(0, c.name.split(' ').length).join(' ') === c.name);
    if (!command) {
        const group = names.filter(n => n.startsWith(`${positionals[0]} `));
        const typed = group.length ? positionals.slice(0, 2).join(' ') : positionals[0];
        if (group.length && positionals.length === 1 && optionTokens.some(t => t.name === 'help'))
            return { kind: 'help' };
        // `regsitry lint`: a typo in a two-word command's first word.
        const twoWords = positionals.slice(0, 2).join(' ');
        if (!group.length && (0,closest_name/* closestName */.Nf)(typed, names) === undefined && (0,closest_name/* closestName */.Nf)(twoWords, names))
            throw unknownCommand(twoWords, names);
        throw unknownCommand(typed, names);
    }
    if (optionTokens.some(t => t.name === 'help'))
        return { kind: 'help', command: command.name };
    const applies = new Set([...Object.keys(command.options), 'help']);
    for (const t of optionTokens) {
        const spec = options[t.name];
        if (!spec) {
            const flag = t.rawName.startsWith('--') ? t.rawName : `-${t.name}`;
            throw new UsageError(`Unknown option '${flag}' for tunegate ${command.name}` +
                suggestion(t.name, applies, '--') +
                ` See tunegate help ${command.name}.`);
        }
        if (!applies.has(t.name)) {
            const users = commands.filter(c => t.name in c.options).map(c => c.name);
            throw new UsageError(`Option --${t.name} does not apply to tunegate ${command.name}` +
                (users.length ? ` (it is an option of ${users.join(', ')})` : '') +
                `. See tunegate help ${command.name}.`);
        }
        if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-'))))
            throw new UsageError(`Option --${t.name} needs a value: --${t.name} ${spec.value ?? 'VALUE'}.`);
        if (spec.type === 'boolean' && t.inlineValue)
            throw new UsageError(`Option --${t.name} takes no value (got '--${t.name}=${t.value ?? ''}').`);
    }
    const stray = positionals.slice(command.name.split(' ').length);
    if (stray.length)
        throw new UsageError(`Unexpected argument '${stray[0]}' after tunegate ${command.name}; see tunegate help ${command.name}.`);
    return { kind: 'run', command: command.name };
}
function unknownCommand(typed, names) {
    return new UsageError(`Unknown command '${typed}'${suggestion(typed, names)} The commands: ${names.join(', ')}; see tunegate help.`);
}
/** "; did you mean 'x'?" when a known name is close to the typed one, else "." to end the sentence. */
function suggestion(typed, known, prefix = '') {
    const name = (0,closest_name/* closestName */.Nf)(typed, known);
    return name === undefined ? '.' : `; did you mean '${prefix}${name}'?`;
}
/** The help of one command: usage, description, its options, examples. */
function commandHelp(command, options) {
    const rows = Object.entries(command.options).map(([name, own]) => {
        const o = options[name];
        const flag = `--${name}${o.value ? ` ${o.value}` : ''}`;
        const text = own === true ? o.help : own;
        return `  ${flag.padEnd(22)} ${text}${o.default !== undefined && o.type === 'string' ? ` (default: ${String(o.default)})` : ''}`;
    });
    return [
        `Usage: tunegate ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''}`,
        '',
        command.description,
        '',
        'Options:',
        ...rows,
        `  ${'-h, --help'.padEnd(22)} this text`,
        '',
        'Examples:',
        ...command.examples.map(e => `  ${e}`)
    ].join('\n');
}
/** The global help: what Tunegate is, every command in a line, and where to read more. */
function globalHelp(commands) {
    return [
        'tunegate — a git repository as the registry of fine-tuned language models',
        '',
        'Usage: tunegate <command> [options]',
        '',
        'Commands:',
        ...commands.map(c => `  ${c.name.padEnd(18)} ${c.summary}`),
        '',
        'tunegate help <command>   (or tunegate <command> --help): its options and examples',
        'tunegate --version        the version of this tunegate'
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/cli/main.ts







/** Every option: its type and default (node:util's parseArgs) and its help line. */
const OPTIONS = {
    registry: { type: 'string', default: 'registry', value: 'DIR', help: 'the registry folder' },
    repo: { type: 'string', value: 'DIR', help: "the git repository holding the tags (default: the registry's)" },
    json: { type: 'boolean', default: false, help: 'machine-readable output' },
    base: { type: 'string', value: 'REF', help: "compare with this commit (the pull request's base)" },
    head: { type: 'string', value: 'REF', help: 'the commit to validate (default: HEAD)' },
    out: { type: 'string', default: '.tunegate/reports', value: 'DIR', help: 'where reports are written' },
    model: { type: 'string', value: 'NAME', help: 'the model' },
    force: { type: 'boolean', default: false, help: 'train even when a result with the same fingerprint exists' },
    'work-dir': { type: 'string', default: '.tunegate/runs', value: 'DIR', help: 'where training runs are written' },
    'cache-dir': { type: 'string', default: '.tunegate/cache', value: 'DIR', help: 'results by training fingerprint' },
    'run-dir': {
        type: 'string',
        value: 'DIR',
        help: "the train step's outputs (default: the run of the model's fingerprint)"
    },
    samples: {
        type: 'string',
        value: 'PATH',
        help: 'current production rows (a file or folder of JSONL, CSV, Parquet)'
    },
    feedback: { type: 'string', value: 'PATH', help: 'labelled production rows with ids, proposed as training rows' },
    'state-dir': {
        type: 'string',
        default: '.tunegate',
        value: 'DIR',
        help: 'local statuses, comments and releases'
    },
    'github-repo': {
        type: 'string',
        value: 'OWNER/NAME',
        help: 'the GitHub repository (default: GITHUB_REPOSITORY or the origin remote)'
    },
    task: { type: 'string', value: 'FAMILY', help: 'classification, text-generation or transformation' },
    owner: { type: 'string', value: 'TEAM', help: "the starter model's owners" },
    runner: {
        type: 'string',
        value: 'RUNNER',
        help: 'where the starter trains: ubuntu-latest, a runner scale set name, or labels (self-hosted,gpu)'
    },
    'tunegate-repo': { type: 'string', value: 'OWNER/NAME', help: 'the Tunegate repository the workflows call' },
    'tunegate-ref': { type: 'string', value: 'SHA', help: 'the Tunegate commit the workflows are pinned to' },
    pr: { type: 'string', value: 'N', help: 'the (locally recorded) pull request whose approvals count' },
    commit: { type: 'string', default: 'HEAD', value: 'REF', help: 'the commit to promote (must be checked out)' },
    action: {
        type: 'string',
        default: 'assign',
        value: 'A',
        help: 'assign, unassign, rollback, deregister or deprecate'
    },
    stage: { type: 'string', value: 'S', help: 'the stage to assign, unassign or roll back' },
    version: { type: 'string', value: 'V', help: 'the version to assign, roll back to, or deregister' },
    help: { type: 'boolean', short: 'h', default: false, help: 'this text' }
};
/**
 * The local folders of the pipeline commands: each of them accepts all four, so a script can pass one set of
 * folders to train, evaluate, promote, assign and drift alike (a command ignores those it does not write).
 */
const WORKSPACE = { 'work-dir': true, 'cache-dir': true, 'state-dir': true, out: true };
/** The commands, in the order a newcomer meets them. */
const COMMANDS = [
    {
        name: 'init',
        synopsis: '[--task FAMILY] [--model NAME] [--owner TEAM] [--runner RUNNER] [--tunegate-repo OWNER/NAME] ' +
            '[--tunegate-ref SHA]',
        summary: 'write a starter registry/ and the caller workflows',
        description: 'Writes a starter registry/ (one model of a task family) and the caller workflows pinned to a Tunegate\n' +
            'commit; never overwrites a file it did not write. On a terminal it asks for what is not given.',
        options: {
            task: true,
            model: "the starter model's name",
            owner: true,
            runner: true,
            'tunegate-repo': true,
            'tunegate-ref': true
        },
        examples: ['tunegate init', 'tunegate init --task classification --model ticket-router --owner @acme/ml'],
        run: runInit
    },
    {
        name: 'validate',
        synopsis: '[--registry DIR] [--base REF] [--head REF] [--json]',
        summary: 'check specs, datasets and prompts (with --base: only the models a change affects)',
        description: 'Checks every model spec, dataset and prompt; with --base, only the models the change affects, with a\n' +
            'diff. Exit 0 when everything passes, 1 otherwise. It checks every model: it has no --model.',
        options: { registry: true, base: true, head: true, json: true, out: true },
        examples: ['tunegate validate', 'tunegate validate --base origin/main --json'],
        run: runValidate
    },
    {
        name: 'registry lint',
        synopsis: '[--registry DIR]',
        summary: 'check every spec; problems as file:line:col',
        description: 'Checks every spec (model.yaml, registry.yaml, prompt files) against its schema, at file:line:col.\n' +
            'It does not read the datasets: tunegate validate checks their rows.',
        options: { registry: true },
        examples: ['tunegate registry lint', 'tunegate registry lint --registry models/registry'],
        run: runRegistryLint
    },
    {
        name: 'registry show',
        synopsis: '[--registry DIR] [--repo DIR] [--json]',
        summary: 'versions and stages from the GTO tags',
        description: "Lists each model's versions and the version in each stage, read from the repository's tags.",
        options: { registry: true, repo: true, json: true },
        examples: ['tunegate registry show', 'tunegate registry show --json | jq .'],
        run: runRegistryShow
    },
    {
        name: 'train',
        synopsis: '--model NAME [--registry DIR] [--force]',
        summary: 'fine-tune one model with its trainer; reuses a result with the same fingerprint',
        description: 'Fine-tunes one model with its trainer (the baseline runs on CPU). A result with the same training\n' +
            'fingerprint is reused unless --force.',
        options: {
            model: 'the model to train',
            registry: true,
            force: true,
            ...WORKSPACE
        },
        examples: ['tunegate train --model ticket-router', 'tunegate train --model ticket-router --force'],
        run: runTrain
    },
    {
        name: 'evaluate',
        synopsis: '--model NAME [--run-dir DIR]',
        summary: 'score the trained model against production and judge its gates',
        description: 'Scores the trained model against the version in production and judges its gates: exit 0 pass, 1 a\n' +
            'failing gate (or an error), 3 inconclusive under policy.inconclusive: block (0 and a warning under warn).',
        options: {
            model: 'the model to evaluate',
            registry: true,
            'run-dir': true,
            ...WORKSPACE
        },
        examples: ['tunegate evaluate --model ticket-router'],
        run: runEvaluate
    },
    {
        name: 'promote',
        synopsis: '[--model NAME] [--pr N] [--commit REF]',
        summary: 'tag, release and assign the evaluated version of the checked-out commit',
        description: 'Verifies the evaluation and approvals of the checked-out commit, then tags the version, releases it\n' +
            '(.tunegate/releases) and assigns its landing stage.',
        options: {
            model: 'the model to promote (default: every model the commit changed)',
            registry: true,
            pr: true,
            commit: true,
            ...WORKSPACE
        },
        examples: ['tunegate promote --pr 12', 'tunegate promote --model ticket-router --pr 12'],
        run: runPromote
    },
    {
        name: 'assign',
        synopsis: '--model NAME [--action A] [--stage S] [--version V]',
        summary: 'assign, unassign, roll back, deregister or deprecate: a new tag each, never a moved one',
        description: 'Moves a model between stages and versions by writing a new tag each time, never by moving one.',
        options: { model: true, registry: true, action: true, stage: true, version: true, ...WORKSPACE },
        examples: [
            'tunegate assign --model ticket-router --stage production --version v1.2.0',
            'tunegate assign --model ticket-router --action rollback --stage production'
        ],
        run: runAssign
    },
    {
        name: 'drift',
        synopsis: '--samples PATH [--feedback PATH] [--model NAME[,NAME]] [--base BRANCH]',
        summary: "production inputs against the production version's training data",
        description: "Compares production inputs with the production version's training data; on drift it opens a retraining\n" +
            'branch (with feedback rows) or records an issue under --state-dir.',
        options: {
            samples: true,
            feedback: true,
            model: 'the models to check, comma-separated (default: every model in production)',
            base: 'the branch a retraining branch starts from (default: main)',
            registry: true,
            ...WORKSPACE
        },
        examples: ['tunegate drift --samples prod/inputs.jsonl', 'tunegate drift --samples prod/ --feedback labelled.csv'],
        run: runDrift
    },
    {
        name: 'site',
        synopsis: '--out DIR [--registry DIR] [--repo DIR]',
        summary: 'build the static registry site and its JSON data from the tags and .tunegate/releases',
        description: "Builds the static registry site (models × stages, each model's history, an overview) and its JSON data\n" +
            "from the repository's tags and the local releases under --state-dir. No server: open DIR/index.html.",
        options: { out: 'where the site is written (required)', registry: true, repo: true, 'state-dir': true },
        examples: ['tunegate site --out site', 'tunegate site --out /tmp/registry-site --repo .'],
        run: runSite
    },
    {
        name: 'doctor',
        synopsis: '[--registry DIR] [--github-repo OWNER/NAME]',
        summary: "check an adopter's setup: workflows, registry and GitHub's settings",
        description: "Checks an adopter's setup: the workflows and their security rules, the registry, and (with GITHUB_TOKEN,\n" +
            "GH_TOKEN or gh's token) the repository's rules, environments, variables and secrets, releases and\n" +
            'runners. Exit 1 when something is ✗; ? marks what the token cannot read, with the permission it needs.',
        options: { registry: true, 'github-repo': true },
        examples: ['tunegate doctor', 'GITHUB_TOKEN=$(gh auth token) tunegate doctor --github-repo acme/models'],
        run: runDoctor
    },
    {
        name: 'trainer baseline',
        synopsis: '',
        summary: 'the CPU baseline trainer (started by tunegate train)',
        description: 'The CPU baseline trainer; follows the trainer contract: reads TUNEGATE_RUN_SPEC.',
        options: {},
        examples: ['TUNEGATE_RUN_SPEC=.tunegate/runs/x/run-spec.json tunegate trainer baseline'],
        run: runTrainerBaseline
    }
];
/** Runs the CLI with arguments (without node and script) and returns the exit code. */
async function main(argv, out = processOutput) {
    const commands = COMMANDS;
    try {
        const request = readCommandLine(argv, OPTIONS, commands);
        if (request.kind === 'version') {
            out.line(`tunegate ${packageVersion()}`);
            return 0;
        }
        if (request.kind === 'help') {
            const command = commands.find(c => c.name === request.command);
            out.line(command ? commandHelp(command, OPTIONS) : globalHelp(commands));
            return 0;
        }
        const command = COMMANDS.find(c => c.name === request.command);
        return await command.run(parseCommandLine(argv).values, out);
    }
    catch (e) {
        if (e instanceof UsageError) {
            out.error((0,errors/* errorMessage */.gJ)(e));
            return 2;
        }
        out.error((0,errors/* isUserError */.iU)(e)
            ? (0,errors/* errorMessage */.gJ)(e)
            : `tunegate: internal error: ${(0,errors/* errorMessage */.gJ)(e)}\n${e instanceof Error ? (e.stack ?? '') : ''}`);
        return 1;
    }
}
/** The arguments as node:util's parseArgs reads them, after readCommandLine has judged them. */
function parseCommandLine(argv) {
    const config = Object.fromEntries(Object.entries(OPTIONS).map(([name, { type, ...o }]) => [
        name,
        { type, ...('short' in o ? { short: o.short } : {}), ...('default' in o ? { default: o.default } : {}) }
    ]));
    return (0,external_node_util_.parseArgs)({ args: argv, allowPositionals: true, options: config });
}
/** This package's version, from its package.json (found upwards from this file, in src/ or a bundle). */
function packageVersion() {
    for (let dir = import.meta.dirname;; dir = external_node_path_default().dirname(dir)) {
        try {
            const pkg = JSON.parse((0,external_node_fs_.readFileSync)(external_node_path_default().join(dir, 'package.json'), 'utf8'));
            if (pkg.name === 'tunegate' && pkg.version)
                return pkg.version;
        }
        catch {
            // no package.json here: look one folder up
        }
        if (external_node_path_default().dirname(dir) === dir)
            return 'unknown';
    }
}
async function runSite(values, out) {
    // --out has a default for reports; the site is written only where it is asked for.
    if (values.out === OPTIONS.out.default) {
        out.error('tunegate site needs --out DIR; see tunegate help site.');
        return 2;
    }
    return await siteCommand({
        registry: values.registry,
        ...(values.repo ? { repo: values.repo } : {}),
        stateDir: values['state-dir'],
        out: values.out
    }, out);
}
async function runRegistryLint(values, out) {
    return await registryLint(values.registry, out);
}
async function runRegistryShow(values, out) {
    return await registryShow(values.registry, values.json, out, values.repo);
}
async function runTrain(values, out) {
    if (!values.model) {
        out.error(`tunegate train needs --model NAME; see tunegate help train.`);
        return 2;
    }
    return await trainCommand({
        registry: values.registry,
        model: values.model,
        workDir: values['work-dir'],
        cacheDir: values['cache-dir'],
        force: values.force,
        reportDir: values.out
    }, out);
}
async function runEvaluate(values, out) {
    if (!values.model) {
        out.error(`tunegate evaluate needs --model NAME; see tunegate help evaluate.`);
        return 2;
    }
    return await evaluateCommand({
        registry: values.registry,
        model: values.model,
        workDir: values['work-dir'],
        stateDir: values['state-dir'],
        reportDir: values.out,
        ...(values['run-dir'] ? { runDir: values['run-dir'] } : {})
    }, out);
}
async function runPromote(values, out) {
    const pr = values.pr !== undefined ? Number(values.pr) : undefined;
    if (pr !== undefined && !(Number.isInteger(pr) && pr > 0)) {
        out.error(`Invalid --pr '${values.pr}'. Expected a pull request number.`);
        return 2;
    }
    return await promoteCommand({
        registry: values.registry,
        ...(values.model ? { model: values.model } : {}),
        ...(pr !== undefined ? { pr } : {}),
        commit: values.commit,
        workDir: values['work-dir'],
        stateDir: values['state-dir'],
        reportDir: values.out
    }, out);
}
async function runAssign(values, out) {
    return await assignCommand({
        registry: values.registry,
        action: values.action,
        ...(values.model ? { model: values.model } : {}),
        ...(values.stage ? { stage: values.stage } : {}),
        ...(values.version ? { version: values.version } : {}),
        stateDir: values['state-dir']
    }, out);
}
async function runTrainerBaseline(_values, out) {
    const spec = process.env.TUNEGATE_RUN_SPEC;
    if (!spec) {
        out.error('tunegate trainer baseline reads its run spec from TUNEGATE_RUN_SPEC (the path of a JSON file); ' +
            'it is started by tunegate train.');
        return 2;
    }
    await runBaselineTrainer(spec);
    return 0;
}
async function runDrift(values, out) {
    if (!values.samples) {
        out.error(`tunegate drift needs --samples PATH; see tunegate help drift.`);
        return 2;
    }
    return await driftCommand({
        registry: values.registry,
        models: (values.model ?? '').split(',').filter(Boolean),
        samples: values.samples,
        ...(values.feedback ? { feedback: values.feedback } : {}),
        base: values.base ?? 'main',
        stateDir: values['state-dir'],
        reportDir: values.out
    }, out);
}
async function runValidate(values, out) {
    return await validateCommand({ registry: values.registry, base: values.base, head: values.head, json: values.json, reportDir: values.out }, out);
}
async function runInit(values, out) {
    return await initCommand({
        repoDir: process.cwd(),
        interactive: Boolean(process.stdin.isTTY),
        ...(values.task ? { task: values.task } : {}),
        ...(values.model ? { model: values.model } : {}),
        ...(values.owner ? { owner: values.owner } : {}),
        ...(values.runner !== undefined ? { runner: values.runner } : {}),
        ...(values['tunegate-repo'] ? { tunegateRepo: values['tunegate-repo'] } : {}),
        ...(values['tunegate-ref'] ? { tunegateRef: values['tunegate-ref'] } : {})
    }, out);
}
async function runDoctor(values, out) {
    return await doctorCommand({
        repoDir: process.cwd(),
        registry: values.registry,
        ...(values['github-repo'] ? { githubRepo: values['github-repo'] } : {})
    }, out);
}


/***/ }),

/***/ 5690:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5798);

// The CLI's entry: bin/tunegate.js loads it (bundled as dist/cli/index.js, or from sources in a clone).
// A reader that stops early (`tunegate registry show | head`) closes the pipe: stop quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e) => {
        if (e.code !== 'EPIPE')
            throw e;
        process.exit(process.exitCode ?? 0);
    });
process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FQ: () => (/* binding */ ProblemsError),
/* harmony export */   Vw: () => (/* binding */ formatProblem),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   iU: () => (/* binding */ isUserError),
/* harmony export */   j1: () => (/* binding */ ConfigurationError)
/* harmony export */ });
/** Marks the user's mistakes apart from bugs: reported as a message, never as a stack trace. */
class ConfigurationError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConfigurationError';
    }
}
/** A configuration error that carries every problem found, not only the first. */
class ProblemsError extends ConfigurationError {
    problems;
    constructor(problems, headline) {
        const errors = problems.filter(p => p.severity === 'error');
        super([
            headline ?? `${errors.length} problem${errors.length === 1 ? '' : 's'} found:`,
            ...problems.map(formatProblem)
        ].join('\n'));
        this.name = 'ProblemsError';
        this.problems = problems;
    }
}
/** `file:line:col: severity: message`, the form editors and GitHub problem matchers read. */
function formatProblem(p) {
    return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}
/** The message of anything thrown; a thrown non-Error is still reported. */
function errorMessage(e) {
    if (e instanceof Error) {
        if (e.message)
            return e.message;
        const status = e.status;
        return `${e.name || 'Error'}${status ? ` (HTTP ${status})` : ''} with no message`;
    }
    if (typeof e === 'string')
        return e;
    try {
        return `Unexpected error: ${JSON.stringify(e)}`;
    }
    catch {
        return `Unexpected error: ${String(e)}`;
    }
}
/** True for errors the user can fix (bad input), false for bugs. */
function isUserError(e) {
    return e instanceof ConfigurationError;
}


/***/ }),

/***/ 5918:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Nf: () => (/* binding */ closestName),
/* harmony export */   au: () => (/* binding */ didYouMean)
/* harmony export */ });
/* unused harmony export editDistance */
// "Did you mean": the nearest of a few known names by edit distance. Written by hand: the names are short
// and few (commands, flags, schema keys), and a 15-line Levenshtein beats a dependency for that.
/** Levenshtein distance (insertions, deletions, substitutions) between two strings. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++)
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
    }
    return previous[b.length];
}
/**
 * The known name closest to `typed`, when it is close enough to be a typo: at most a third of the longer
 * name's length away (rounded up; at least 1, at most 3 edits), or `typed` is a prefix of exactly one name.
 */
function closestName(typed, known) {
    const names = [...new Set(known)];
    let best;
    for (const name of names) {
        const limit = Math.min(3, Math.max(1, Math.ceil(Math.max(typed.length, name.length) / 3)));
        const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
        if (distance <= limit && (!best || distance < best.distance))
            best = { name, distance };
    }
    if (best)
        return best.name;
    const prefixed = names.filter(n => typed.length >= 2 && n.startsWith(typed));
    return prefixed.length === 1 ? prefixed[0] : undefined;
}
/** "; did you mean 'x'?" for a message, or '' when no known name is close. */
function didYouMean(typed, known, quote = "'") {
    const name = closestName(typed, known);
    return name === undefined ? '' : `; did you mean ${quote}${name}${quote}?`;
}


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 481:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 6193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5690);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
