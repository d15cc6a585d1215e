import { parseArgs } from 'node:util'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { errorMessage, isUserError } from '../errors.js'
import { processOutput, type Output } from './output.js'
import type { TaskFamily } from './init-command.js'
import {
  assignCommand,
  doctorCommand,
  driftCommand,
  evaluateCommand,
  initCommand,
  promoteCommand,
  registryLint,
  registryShow,
  runBaselineTrainer,
  siteCommand,
  trainCommand,
  validateCommand
} from './lazy-commands.js'
import {
  commandHelp,
  globalHelp,
  readCommandLine,
  UsageError,
  type CommandSpec,
  type OptionSpec
} from './command-line.js'

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
} as const satisfies Record<string, OptionSpec>

type Values = ReturnType<typeof parseCommandLine>['values']

/**
 * The local folders of the pipeline commands: each of them accepts all four, so a script can pass one set of
 * folders to train, evaluate, promote, assign and drift alike (a command ignores those it does not write).
 */
const WORKSPACE = { 'work-dir': true, 'cache-dir': true, 'state-dir': true, out: true } as const

/** The commands, in the order a newcomer meets them. */
const COMMANDS: CommandSpec<Values>[] = [
  {
    name: 'init',
    synopsis:
      '[--task FAMILY] [--model NAME] [--owner TEAM] [--runner RUNNER] [--tunegate-repo OWNER/NAME] ' +
      '[--tunegate-ref SHA]',
    summary: 'write a starter registry/ and the caller workflows',
    description:
      'Writes a starter registry/ (one model of a task family) and the caller workflows pinned to a Tunegate\n' +
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
    description:
      'Checks every model spec, dataset and prompt; with --base, only the models the change affects, with a\n' +
      'diff. Exit 0 when everything passes, 1 otherwise. It checks every model: it has no --model.',
    options: { registry: true, base: true, head: true, json: true, out: true },
    examples: ['tunegate validate', 'tunegate validate --base origin/main --json'],
    run: runValidate
  },
  {
    name: 'registry lint',
    synopsis: '[--registry DIR]',
    summary: 'check every spec; problems as file:line:col',
    description:
      'Checks every spec (model.yaml, registry.yaml, prompt files) against its schema, at file:line:col.\n' +
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
    description:
      'Fine-tunes one model with its trainer (the baseline runs on CPU). A result with the same training\n' +
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
    description:
      'Scores the trained model against the version in production and judges its gates: exit 0 pass, 1 a\n' +
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
    description:
      'Verifies the evaluation and approvals of the checked-out commit, then tags the version, releases it\n' +
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
    description:
      "Compares production inputs with the production version's training data; on drift it opens a retraining\n" +
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
    description:
      "Builds the static registry site (models × stages, each model's history, an overview) and its JSON data\n" +
      "from the repository's tags and the local releases under --state-dir. No server: open DIR/index.html.",
    options: { out: 'where the site is written (required)', registry: true, repo: true, 'state-dir': true },
    examples: ['tunegate site --out site', 'tunegate site --out /tmp/registry-site --repo .'],
    run: runSite
  },
  {
    name: 'doctor',
    synopsis: '[--registry DIR] [--github-repo OWNER/NAME]',
    summary: "check an adopter's setup: workflows, registry and GitHub's settings",
    description:
      "Checks an adopter's setup: the workflows and their security rules, the registry, and (with GITHUB_TOKEN,\n" +
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
]

/** Runs the CLI with arguments (without node and script) and returns the exit code. */
export async function main(argv: string[], out: Output = processOutput): Promise<number> {
  const commands = COMMANDS as CommandSpec<never>[]
  try {
    const request = readCommandLine(argv, OPTIONS, commands)
    if (request.kind === 'version') {
      out.line(`tunegate ${packageVersion()}`)
      return 0
    }
    if (request.kind === 'help') {
      const command = commands.find(c => c.name === request.command)
      out.line(command ? commandHelp(command, OPTIONS) : globalHelp(commands))
      return 0
    }
    const command = COMMANDS.find(c => c.name === request.command)!
    return await command.run(parseCommandLine(argv).values, out)
  } catch (e) {
    if (e instanceof UsageError) {
      out.error(errorMessage(e))
      return 2
    }
    out.error(
      isUserError(e)
        ? errorMessage(e)
        : `tunegate: internal error: ${errorMessage(e)}\n${e instanceof Error ? (e.stack ?? '') : ''}`
    )
    return 1
  }
}

/** The arguments as node:util's parseArgs reads them, after readCommandLine has judged them. */
function parseCommandLine(argv: string[]) {
  const config = Object.fromEntries(
    Object.entries(OPTIONS).map(([name, { type, ...o }]) => [
      name,
      { type, ...('short' in o ? { short: o.short } : {}), ...('default' in o ? { default: o.default } : {}) }
    ])
  ) as {
    [K in keyof typeof OPTIONS]: Pick<
      (typeof OPTIONS)[K],
      Extract<keyof (typeof OPTIONS)[K], 'type' | 'short' | 'default'>
    >
  }
  return parseArgs({ args: argv, allowPositionals: true, options: config })
}

/** This package's version, from its package.json (found upwards from this file, in src/ or a bundle). */
function packageVersion(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name === 'tunegate' && pkg.version) return pkg.version
    } catch {
      // no package.json here: look one folder up
    }
    if (path.dirname(dir) === dir) return 'unknown'
  }
}

async function runSite(values: Values, out: Output): Promise<number> {
  // --out has a default for reports; the site is written only where it is asked for.
  if (values.out === OPTIONS.out.default) {
    out.error('tunegate site needs --out DIR; see tunegate help site.')
    return 2
  }
  return await siteCommand(
    {
      registry: values.registry,
      ...(values.repo ? { repo: values.repo } : {}),
      stateDir: values['state-dir'],
      out: values.out
    },
    out
  )
}

async function runRegistryLint(values: Values, out: Output): Promise<number> {
  return await registryLint(values.registry, out)
}

async function runRegistryShow(values: Values, out: Output): Promise<number> {
  return await registryShow(values.registry, values.json, out, values.repo)
}

async function runTrain(values: Values, out: Output): Promise<number> {
  if (!values.model) {
    out.error(`tunegate train needs --model NAME; see tunegate help train.`)
    return 2
  }
  return await trainCommand(
    {
      registry: values.registry,
      model: values.model,
      workDir: values['work-dir'],
      cacheDir: values['cache-dir'],
      force: values.force,
      reportDir: values.out
    },
    out
  )
}

async function runEvaluate(values: Values, out: Output): Promise<number> {
  if (!values.model) {
    out.error(`tunegate evaluate needs --model NAME; see tunegate help evaluate.`)
    return 2
  }
  return await evaluateCommand(
    {
      registry: values.registry,
      model: values.model,
      workDir: values['work-dir'],
      stateDir: values['state-dir'],
      reportDir: values.out,
      ...(values['run-dir'] ? { runDir: values['run-dir'] } : {})
    },
    out
  )
}

async function runPromote(values: Values, out: Output): Promise<number> {
  const pr = values.pr !== undefined ? Number(values.pr) : undefined
  if (pr !== undefined && !(Number.isInteger(pr) && pr > 0)) {
    out.error(`Invalid --pr '${values.pr}'. Expected a pull request number.`)
    return 2
  }
  return await promoteCommand(
    {
      registry: values.registry,
      ...(values.model ? { model: values.model } : {}),
      ...(pr !== undefined ? { pr } : {}),
      commit: values.commit,
      workDir: values['work-dir'],
      stateDir: values['state-dir'],
      reportDir: values.out
    },
    out
  )
}

async function runAssign(values: Values, out: Output): Promise<number> {
  return await assignCommand(
    {
      registry: values.registry,
      action: values.action,
      ...(values.model ? { model: values.model } : {}),
      ...(values.stage ? { stage: values.stage } : {}),
      ...(values.version ? { version: values.version } : {}),
      stateDir: values['state-dir']
    },
    out
  )
}

async function runTrainerBaseline(_values: Values, out: Output): Promise<number> {
  const spec = process.env.TUNEGATE_RUN_SPEC
  if (!spec) {
    out.error(
      'tunegate trainer baseline reads its run spec from TUNEGATE_RUN_SPEC (the path of a JSON file); ' +
        'it is started by tunegate train.'
    )
    return 2
  }
  await runBaselineTrainer(spec)
  return 0
}

async function runDrift(values: Values, out: Output): Promise<number> {
  if (!values.samples) {
    out.error(`tunegate drift needs --samples PATH; see tunegate help drift.`)
    return 2
  }
  return await driftCommand(
    {
      registry: values.registry,
      models: (values.model ?? '').split(',').filter(Boolean),
      samples: values.samples,
      ...(values.feedback ? { feedback: values.feedback } : {}),
      base: values.base ?? 'main',
      stateDir: values['state-dir'],
      reportDir: values.out
    },
    out
  )
}

async function runValidate(values: Values, out: Output): Promise<number> {
  return await validateCommand(
    { registry: values.registry, base: values.base, head: values.head, json: values.json, reportDir: values.out },
    out
  )
}

async function runInit(values: Values, out: Output): Promise<number> {
  return await initCommand(
    {
      repoDir: process.cwd(),
      interactive: Boolean(process.stdin.isTTY),
      ...(values.task ? { task: values.task as TaskFamily } : {}),
      ...(values.model ? { model: values.model } : {}),
      ...(values.owner ? { owner: values.owner } : {}),
      ...(values.runner !== undefined ? { runner: values.runner } : {}),
      ...(values['tunegate-repo'] ? { tunegateRepo: values['tunegate-repo'] } : {}),
      ...(values['tunegate-ref'] ? { tunegateRef: values['tunegate-ref'] } : {})
    },
    out
  )
}

async function runDoctor(values: Values, out: Output): Promise<number> {
  return await doctorCommand(
    {
      repoDir: process.cwd(),
      registry: values.registry,
      ...(values['github-repo'] ? { githubRepo: values['github-repo'] } : {})
    },
    out
  )
}
