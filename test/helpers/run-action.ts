import { execFile } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'

const ROOT = path.resolve(import.meta.dirname, '../..')

/**
 * What an action test runs: the TypeScript sources through tsx (the default, so a change is tested before it
 * is bundled), or the built bundle `dist/<name>/index.js` as the runner starts it. TUNEGATE_TEST_ACTIONS=bundle
 * switches every action test to the bundles.
 */
export type ActionCode = 'sources' | 'bundle'

/** The command line (after node) that starts an action from its sources or from its bundle. */
export function actionCommand(name: string, code: ActionCode): string[] {
  if (code === 'bundle') return [path.join(ROOT, 'dist', name, 'index.js')]
  // An absolute URL: the action runs in the test's repository, where `--import tsx` would not resolve.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  return ['--import', tsx, path.join(ROOT, 'src', 'actions', `${name}.main.ts`)]
}

function defaultCode(): ActionCode {
  return process.env.TUNEGATE_TEST_ACTIONS === 'bundle' ? 'bundle' : 'sources'
}

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

/** Parses GITHUB_OUTPUT's `name<<delimiter` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!)
    if (m) {
      const end = lines.indexOf(m[2]!, i + 1)
      outputs[m[1]!] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (lines[i]!.includes('=')) {
      const [k, ...v] = lines[i]!.split('=')
      outputs[k!] = v.join('=')
    }
  }
  return outputs
}

/** How to run an action: where, with which inputs, event and extra environment, from which code. */
export interface RunActionOptions {
  cwd: string
  inputs: Record<string, string>
  event?: unknown
  env?: Record<string, string>
  /** The sources through tsx (default) or the built bundle; see ActionCode. */
  code?: ActionCode
}

/**
 * Runs an action in a child process as the runner does — INPUT_* variables, the event payload,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, GITHUB_API_URL — from its sources (default) or its bundle.
 */
export async function runAction(name: string, options: RunActionOptions): Promise<ActionRun> {
  const dir = await mkdtemp(path.join(tmpdir(), `tg-action-${name}-`))
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary')
  const eventFile = path.join(dir, 'event.json')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  await writeFile(eventFile, JSON.stringify(options.event ?? {}))
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REPOSITORY: 'acme/models',
    GITHUB_SERVER_URL: 'https://github.test',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: options.cwd,
    RUNNER_TEMP: dir,
    ...options.env
  }
  for (const [k, v] of Object.entries(options.inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(resolve =>
    execFile(
      process.execPath,
      actionCommand(name, options.code ?? defaultCode()),
      { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
  )
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8')
  }
}

/** What an action's action.yml declares: the runner's default for each input, the outputs, the bundle it runs. */
export interface ActionManifest {
  using: string
  /** The file the runner starts, resolved from action.yml's runs.main. */
  main: string
  defaults: Record<string, string>
  outputs: string[]
}

/** The `${{ ... }}` defaults the runner fills in, with the values a test run stands for. */
const EXPRESSIONS: Record<string, string> = {
  'github.token': 'test-token',
  'github.repository': 'acme/models'
}

/** Reads actions/<name>/action.yml, filling in its `${{ ... }}` defaults the way the runner would. */
export async function actionManifest(name: string): Promise<ActionManifest> {
  const file = path.join(ROOT, 'actions', name, 'action.yml')
  const yml = parse(await readFile(file, 'utf8')) as {
    inputs?: Record<string, { default?: string }>
    outputs?: Record<string, unknown>
    runs: { using: string; main: string }
  }
  const defaults: Record<string, string> = {}
  for (const [input, spec] of Object.entries(yml.inputs ?? {})) {
    defaults[input] = String(spec.default ?? '').replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, expr: string) => {
      const value = EXPRESSIONS[expr]
      if (value === undefined) throw new Error(`${file}: input ${input}: no test value for \${{ ${expr} }}`)
      return value
    })
  }
  return {
    using: yml.runs.using,
    main: path.resolve(path.dirname(file), yml.runs.main),
    defaults,
    outputs: Object.keys(yml.outputs ?? {})
  }
}
