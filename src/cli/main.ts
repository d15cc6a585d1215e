import { parseArgs } from 'node:util'
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
  trainCommand,
  validateCommand
} from './lazy-commands.js'

const USAGE = `tunegate — a git repository as the registry of fine-tuned language models

Usage:
  tunegate registry lint [--registry DIR]          check every spec; problems as file:line:col
  tunegate registry show [--registry DIR] [--json] versions and stages from the GTO tags
  tunegate train --model NAME [--registry DIR] [--force]
                                                   fine-tune one model with its trainer (the baseline
                                                   on CPU); reuses a result with the same fingerprint
  tunegate trainer baseline                        the CPU baseline trainer (follows the trainer
                                                   contract: reads TUNEGATE_RUN_SPEC)
  tunegate evaluate --model NAME [--run-dir DIR]  score the trained model against the version in
                                                   production, judge its gates: exit 0 pass, 1 a failing
                                                   gate (or an error), 3 inconclusive under
                                                   policy.inconclusive: block (0 and a warning under warn)
  tunegate promote [--model NAME] [--pr N] [--commit REF]
                                                   verify the evaluation and approvals of the checked-out
                                                   commit, then tag the version, release it (.tunegate/
                                                   releases) and assign its landing stage
  tunegate assign --model NAME [--action A] [--stage S] [--version V]
                                                   A: assign (default), unassign, rollback, deregister,
                                                   deprecate; a new tag each, never a moved one
  tunegate drift --samples PATH [--feedback PATH] [--model NAME[,NAME]] [--base BRANCH]
                                                   production inputs against the production version's
                                                   training data; on drift a retraining branch (with
                                                   feedback rows) or an issue record under --state-dir
  tunegate validate [--registry DIR] [--base REF] [--head REF] [--json]
                                                   check specs, datasets and prompts; with --base,
                                                   only the models the change affects, with a diff
  tunegate init [--task FAMILY] [--model NAME] [--owner TEAM] [--tunegate-repo OWNER/NAME] [--tunegate-ref SHA]
                                                   write a starter registry/ (one model of a task family:
                                                   classification, text-generation or transformation) and
                                                   the caller workflows pinned to a Tunegate commit; never
                                                   overwrites a file it did not write
  tunegate doctor [--registry DIR] [--github-repo OWNER/NAME]
                                                   check an adopter's setup: workflows and their security
                                                   rules, the registry, and (with GITHUB_TOKEN or gh's token)
                                                   branch rules, tag ruleset, environments, immutable
                                                   releases, runners; exit 1 when something is ✗

Options:
  --registry DIR   the registry folder (default: registry)
  --repo DIR       the git repository holding the tags (default: the registry's repository)
  --base REF       compare with this commit (the pull request's base)
  --head REF       the commit to validate (default: HEAD)
  --out DIR        where reports are written (default: .tunegate/reports)
  --model NAME     the model to train
  --force          train even when a result with the same fingerprint exists
  --work-dir DIR   where training runs are written (default: .tunegate/runs)
  --cache-dir DIR  results by training fingerprint (default: .tunegate/cache)
  --run-dir DIR    the train step's outputs (default: the run of the model's fingerprint)
  --samples PATH   drift: current production rows (a file or folder of JSONL, CSV, Parquet)
  --feedback PATH  drift: labelled production rows with ids, proposed as training rows
  --state-dir DIR  local statuses, comments and releases (default: .tunegate)
  --github-repo OWNER/NAME  the GitHub repository (default: GITHUB_REPOSITORY or the origin remote)
  --pr N           the (locally recorded) pull request whose approvals count
  --commit REF     the commit to promote (default: HEAD, which must be checked out)
  --action A       what tunegate assign does
  --stage S        the stage to assign, unassign or roll back
  --version V      the version to assign, roll back to, or deregister
  --json           machine-readable output
  -h, --help       this text`

/** Runs the CLI with arguments (without node and script) and returns the exit code. */
export async function main(argv: string[], out: Output = processOutput): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        registry: { type: 'string', default: 'registry' },
        repo: { type: 'string' },
        json: { type: 'boolean', default: false },
        base: { type: 'string' },
        head: { type: 'string' },
        out: { type: 'string', default: '.tunegate/reports' },
        model: { type: 'string' },
        force: { type: 'boolean', default: false },
        'work-dir': { type: 'string', default: '.tunegate/runs' },
        'cache-dir': { type: 'string', default: '.tunegate/cache' },
        'run-dir': { type: 'string' },
        samples: { type: 'string' },
        feedback: { type: 'string' },
        'state-dir': { type: 'string', default: '.tunegate' },
        'github-repo': { type: 'string' },
        task: { type: 'string' },
        owner: { type: 'string' },
        'tunegate-repo': { type: 'string' },
        'tunegate-ref': { type: 'string' },
        pr: { type: 'string' },
        commit: { type: 'string', default: 'HEAD' },
        action: { type: 'string', default: 'assign' },
        stage: { type: 'string' },
        version: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
  } catch (e) {
    out.error(`${errorMessage(e)}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  const command = positionals.join(' ')
  if (values.help || positionals.length === 0) {
    out.line(USAGE)
    return values.help ? 0 : 2
  }
  try {
    switch (command) {
      case 'registry lint':
        return await registryLint(values.registry, out)
      case 'registry show':
        return await registryShow(values.registry, values.json, out, values.repo)
      case 'train':
        if (!values.model) {
          out.error(`tunegate train needs --model NAME.\n\n${USAGE}`)
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
      case 'evaluate':
        if (!values.model) {
          out.error(`tunegate evaluate needs --model NAME.\n\n${USAGE}`)
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
      case 'promote': {
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
      case 'assign':
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
      case 'trainer baseline': {
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
      case 'drift':
        if (!values.samples) {
          out.error(`tunegate drift needs --samples PATH.\n\n${USAGE}`)
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
      case 'validate':
        return await validateCommand(
          { registry: values.registry, base: values.base, head: values.head, json: values.json, reportDir: values.out },
          out
        )
      case 'init':
        return await initCommand(
          {
            repoDir: process.cwd(),
            interactive: Boolean(process.stdin.isTTY),
            ...(values.task ? { task: values.task as TaskFamily } : {}),
            ...(values.model ? { model: values.model } : {}),
            ...(values.owner ? { owner: values.owner } : {}),
            ...(values['tunegate-repo'] ? { tunegateRepo: values['tunegate-repo'] } : {}),
            ...(values['tunegate-ref'] ? { tunegateRef: values['tunegate-ref'] } : {})
          },
          out
        )
      case 'doctor':
        return await doctorCommand(
          {
            repoDir: process.cwd(),
            registry: values.registry,
            ...(values['github-repo'] ? { githubRepo: values['github-repo'] } : {})
          },
          out
        )
      default:
        out.error(`Unknown command '${command}'.\n\n${USAGE}`)
        return 2
    }
  } catch (e) {
    out.error(
      isUserError(e)
        ? errorMessage(e)
        : `tunegate: internal error: ${errorMessage(e)}\n${e instanceof Error ? (e.stack ?? '') : ''}`
    )
    return 1
  }
}
