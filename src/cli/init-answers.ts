import { createInterface } from 'node:readline'
import { ConfigurationError } from '../errors.js'
import { didYouMean } from '../registry/closest-name.js'
import { TASK_FAMILIES as SCHEMA_FAMILIES, type TaskFamily } from '../registry/schema.js'

/** The task families, in the order init lists them. */
const TASK_FAMILIES = [...SCHEMA_FAMILIES].sort()

/** Init's model names: what a folder, a tag and a workflow job id all accept (narrower than the schema's). */
const MODEL_NAME = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/
/** A GitHub user (`@name`) or team (`@org/team`), as CODEOWNERS writes them. */
const OWNER = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/
const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/
const FULL_SHA = /^[0-9a-f]{40}$/

/** One value init needs: its flag, its question, how an answer is checked, and the default an empty answer takes. */
export interface Question<T> {
  flag: string
  /** What the flag takes, for error messages: `--owner TEAM`. */
  metavar: string
  prompt: string
  /** The value, or a message saying what was expected. */
  parse(answer: string): { value: T } | { error: string }
  default?: string
  /** The default is what init found out (not a choice offered): taken without an answer when stdin has none. */
  detected?: boolean
  /** The default is a choice that needs nothing of the adopter's: taken too when stdin has no answer. */
  safeDefault?: boolean
}

export const taskQuestion: Question<TaskFamily> = {
  flag: 'task',
  metavar: 'FAMILY',
  prompt: `Task family (${TASK_FAMILIES.join(', ')})`,
  default: 'classification',
  parse: answer =>
    (TASK_FAMILIES as readonly string[]).includes(answer)
      ? { value: answer as TaskFamily }
      : {
          error: `Invalid task family '${answer}'${didYouMean(answer, TASK_FAMILIES) || '.'} Expected one of ${TASK_FAMILIES.join(', ')}.`
        }
}

export const modelQuestion: Question<string> = {
  flag: 'model',
  metavar: 'NAME',
  prompt: 'Model name (lowercase letters, digits and hyphens, e.g. support-router)',
  parse: answer =>
    MODEL_NAME.test(answer)
      ? { value: answer }
      : {
          error: `Invalid model name '${answer}'. Expected lowercase letters, digits and hyphens (at most 64, no hyphen first or last), e.g. support-router.`
        }
}

export const ownerQuestion: Question<string[]> = {
  flag: 'owner',
  metavar: 'TEAM',
  prompt: 'Owners: GitHub teams or users, comma-separated (e.g. @acme/ml-platform, @octocat)',
  parse: answer => {
    const owners = answer
      .split(',')
      .map(o => o.trim())
      .filter(Boolean)
    const bad = owners.find(o => !OWNER.test(o))
    if (owners.length === 0 || bad !== undefined)
      return {
        error: `Invalid owner '${bad ?? answer}'. Expected a GitHub team @org/team or user @name, comma-separated.`
      }
    return { value: owners }
  }
}

/** A runner label or scale set name, as GitHub's runner registration accepts them (no spaces or commas). */
const RUNNER_LABEL = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/

/**
 * Where the starter trains: `ubuntu-latest` (a GitHub-hosted runner, for the CPU baseline trainer), one name of
 * an Actions Runner Controller scale set (written as a plain string: a scale set answers to that name alone), or
 * a label set of self-hosted GPU runners, comma-separated.
 */
export const runnerQuestion: Question<string | string[]> = {
  flag: 'runner',
  metavar: 'RUNNER',
  prompt:
    'Where the starter trains: ubuntu-latest (GitHub-hosted, CPU baseline trainer), a runner scale set name ' +
    '(e.g. arc-gpu), or GPU runner labels, comma-separated (e.g. self-hosted, gpu)',
  default: 'ubuntu-latest',
  safeDefault: true,
  parse: answer => {
    const labels = answer.split(',').map(l => l.trim())
    const bad = labels.find(l => !RUNNER_LABEL.test(l))
    if (bad !== undefined)
      return {
        error:
          `Invalid runner ${bad ? `label '${bad}'` : `'${answer}'`}. Expected ubuntu-latest, a runner scale set ` +
          'name such as arc-gpu, or labels such as self-hosted, gpu (letters, digits, . _ - : /; no spaces).'
      }
    return { value: labels.length === 1 ? labels[0]! : labels }
  }
}

/** The repository question, defaulting to the Tunegate this package came from. */
export function repositoryQuestion(detected: string | undefined): Question<string> {
  return {
    flag: 'tunegate-repo',
    metavar: 'OWNER/NAME',
    prompt: 'Tunegate repository the workflows call',
    ...(detected ? { default: detected, detected: true } : {}),
    parse: answer =>
      REPOSITORY.test(answer)
        ? { value: answer }
        : { error: `Invalid --tunegate-repo '${answer}'. Expected {owner}/{repo}.` }
  }
}

/** The ref question: a full commit SHA, defaulting to the commit this package was packed from. */
export function refQuestion(detected: string | undefined, release: string | undefined): Question<string> {
  return {
    flag: 'tunegate-ref',
    metavar: 'SHA',
    prompt: `Tunegate commit to pin, the full 40-character SHA${release ? ` of ${release}` : ''}`,
    ...(detected ? { default: detected, detected: true } : {}),
    parse: answer =>
      FULL_SHA.test(answer)
        ? { value: answer }
        : {
            error: `Invalid --tunegate-ref '${answer}'. Expected the full 40-character commit SHA of the Tunegate release to pin.`
          }
  }
}

/**
 * Answers init's questions from flags first, then from standard input (a terminal or a pipe), one line per
 * question; a bad answer is asked again with what was wrong. Standard input is opened only when a flag is missing.
 */
export class Answers {
  private lines: AsyncIterator<string> | undefined
  private close: (() => void) | undefined

  constructor(
    private readonly flags: Record<string, string | undefined>,
    /** True when stdin is a terminal, which echoes what is typed; from a pipe, init echoes each answer it read. */
    private readonly terminal: boolean,
    private readonly write: (text: string) => void = text => process.stderr.write(text)
  ) {}

  /** The question's value: its flag's (an error when bad), else an answer read from stdin. */
  async get<T>(q: Question<T>): Promise<T> {
    const flag = this.flags[q.flag]
    if (flag !== undefined) {
      const parsed = q.parse(flag.trim())
      if ('error' in parsed) throw new ConfigurationError(parsed.error)
      return parsed.value
    }
    for (;;) {
      this.write(`${q.prompt}${q.default ? ` [${q.default}]` : ''}: `)
      let line = await this.nextLine()
      if (line === undefined) {
        if (!(q.detected || q.safeDefault) || q.default === undefined) {
          this.write('\n')
          throw new ConfigurationError(
            `tunegate init needs --${q.flag} ${q.metavar}: standard input ended before an answer to "${q.prompt}". ` +
              `Pass it as a flag, or run tunegate init on a terminal to be asked.`
          )
        }
        this.write(`${q.default} (${q.detected ? 'detected' : 'default'})\n`)
        line = ''
      } else if (!this.terminal) this.write(`${line}\n`)
      const answer = line.trim() || q.default
      if (answer === undefined) {
        this.write('  An answer is needed.\n')
        continue
      }
      const parsed = q.parse(answer)
      if ('value' in parsed) return parsed.value
      this.write(`  ${parsed.error}\n`)
    }
  }

  /** Stops reading standard input, so that the process can exit. */
  done(): void {
    this.close?.()
  }

  private async nextLine(): Promise<string | undefined> {
    if (!this.lines) {
      // The async iterator buffers lines that arrive before they are asked for (a pipe delivers all at once),
      // which rl.question would drop.
      const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity })
      this.lines = rl[Symbol.asyncIterator]()
      this.close = () => rl.close()
    }
    const next = await this.lines.next()
    return next.done ? undefined : next.value
  }
}
