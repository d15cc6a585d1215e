import { parseArgs } from 'node:util'
import { closestName } from '../registry/closest-name.js'
import { ConfigurationError } from '../errors.js'
import type { Output } from './output.js'

/** One option as node:util's parseArgs takes it, with its help line. */
export interface OptionSpec {
  type: 'string' | 'boolean'
  default?: string | boolean
  short?: string
  /** The value's placeholder in help (`DIR`, `NAME`). */
  value?: string
  help: string
}

/** One command: what it does, which options apply to it, how it is used. */
export interface CommandSpec<Values> {
  /** One or two words: `train`, `registry lint`. */
  name: string
  /** Arguments after the name in the usage line: `--model NAME [--force]`. */
  synopsis: string
  /** One line for the command list. */
  summary: string
  /** Paragraphs for `tunegate help <command>`. */
  description: string
  /** The options that apply, with a command's own help line where it differs from the shared one. */
  options: Record<string, string | true>
  examples: string[]
  run: (values: Values, out: Output) => Promise<number>
}

/** What the command line asked for. */
export type Request = { kind: 'version' } | { kind: 'help'; command?: string } | { kind: 'run'; command: string }

/** A mistake on the command line: exit 2 with the message and where to read the help. */
export class UsageError extends ConfigurationError {}

/**
 * Reads the command line against the command table, refusing, with Tunegate's own messages (node:util's are
 * raw), an unknown command or option (with the nearest known one), an option the command does not take, a
 * missing or unexpected value, and a stray argument.
 */
export function readCommandLine(
  argv: string[],
  options: Record<string, OptionSpec>,
  commands: CommandSpec<never>[]
): Request {
  const config = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...(o.short ? { short: o.short } : {}),
        ...(o.default !== undefined ? { default: o.default } : {})
      }
    ])
  )
  // Not strict: every token comes back, and this function judges each with a message of its own.
  const { tokens, positionals } = parseArgs({
    args: argv,
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  const optionTokens = tokens.filter(t => t.kind === 'option')
  const names = commands.map(c => c.name)

  if (positionals[0] === 'help') {
    const topic = positionals.slice(1).join(' ')
    if (!topic) return { kind: 'help' }
    if (!names.includes(topic)) throw unknownCommand(topic, names)
    return { kind: 'help', command: topic }
  }
  if (!positionals.length) {
    if (optionTokens.some(t => t.name === 'version')) return { kind: 'version' }
    if (optionTokens.some(t => t.name === 'help')) return { kind: 'help' }
    throw new UsageError('tunegate needs a command.')
  }
  const command = [...commands]
    .sort((a, b) => b.name.length - a.name.length)
    .find(c => positionals.slice(0, c.name.split(' ').length).join(' ') === c.name)
  if (!command) {
    const group = names.filter(n => n.startsWith(`${positionals[0]} `))
    const typed = group.length ? positionals.slice(0, 2).join(' ') : positionals[0]!
    if (group.length && positionals.length === 1 && optionTokens.some(t => t.name === 'help')) return { kind: 'help' }
    // `regsitry lint`: a typo in a two-word command's first word.
    const twoWords = positionals.slice(0, 2).join(' ')
    if (!group.length && closestName(typed, names) === undefined && closestName(twoWords, names))
      throw unknownCommand(twoWords, names)
    throw unknownCommand(typed, names)
  }
  if (optionTokens.some(t => t.name === 'help')) return { kind: 'help', command: command.name }

  const applies = new Set([...Object.keys(command.options), 'help'])
  for (const t of optionTokens) {
    const spec = options[t.name]
    if (!spec) {
      const flag = t.rawName.startsWith('--') ? t.rawName : `-${t.name}`
      throw new UsageError(
        `Unknown option '${flag}' for tunegate ${command.name}` +
          suggestion(t.name, applies, '--') +
          ` See tunegate help ${command.name}.`
      )
    }
    if (!applies.has(t.name)) {
      const users = commands.filter(c => t.name in c.options).map(c => c.name)
      throw new UsageError(
        `Option --${t.name} does not apply to tunegate ${command.name}` +
          (users.length ? ` (it is an option of ${users.join(', ')})` : '') +
          `. See tunegate help ${command.name}.`
      )
    }
    if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-'))))
      throw new UsageError(`Option --${t.name} needs a value: --${t.name} ${spec.value ?? 'VALUE'}.`)
    if (spec.type === 'boolean' && t.inlineValue)
      throw new UsageError(`Option --${t.name} takes no value (got '--${t.name}=${t.value ?? ''}').`)
  }
  const stray = positionals.slice(command.name.split(' ').length)
  if (stray.length)
    throw new UsageError(
      `Unexpected argument '${stray[0]}' after tunegate ${command.name}; see tunegate help ${command.name}.`
    )
  return { kind: 'run', command: command.name }
}

function unknownCommand(typed: string, names: string[]): UsageError {
  return new UsageError(
    `Unknown command '${typed}'${suggestion(typed, names)} The commands: ${names.join(', ')}; see tunegate help.`
  )
}

/** "; did you mean 'x'?" when a known name is close to the typed one, else "." to end the sentence. */
function suggestion(typed: string, known: Iterable<string>, prefix = ''): string {
  const name = closestName(typed, known)
  return name === undefined ? '.' : `; did you mean '${prefix}${name}'?`
}

/** The help of one command: usage, description, its options, examples. */
export function commandHelp(command: CommandSpec<never>, options: Record<string, OptionSpec>): string {
  const rows = Object.entries(command.options).map(([name, own]) => {
    const o = options[name]!
    const flag = `--${name}${o.value ? ` ${o.value}` : ''}`
    const text = own === true ? o.help : own
    return `  ${flag.padEnd(22)} ${text}${o.default !== undefined && o.type === 'string' ? ` (default: ${String(o.default)})` : ''}`
  })
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
  ].join('\n')
}

/** The global help: what Tunegate is, every command in a line, and where to read more. */
export function globalHelp(commands: CommandSpec<never>[]): string {
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
  ].join('\n')
}
