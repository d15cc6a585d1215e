import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { appendFile, lstat, mkdir, readFile, readdir, readlink, realpath, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { isScalar, parseDocument, type Document, type YAMLMap } from 'yaml'
import { ConfigurationError } from '../errors.js'
import { git } from '../registry/git.js'
import type { TaskFamily } from '../registry/schema.js'
import {
  Answers,
  modelQuestion,
  ownerQuestion,
  refQuestion,
  repositoryQuestion,
  runnerQuestion,
  taskQuestion
} from './init-answers.js'
import type { Output } from './output.js'
import { pagesPrivacyWarning } from '../site/pages-privacy.js'

export type { TaskFamily } from '../registry/schema.js'

/** The package's root: src/cli/ in a clone, dist/cli/ in the installed package, both two folders down. */
// A variable, not `new URL('../..', import.meta.url)`, which the bundler would take for an asset to copy.
const here = import.meta.url
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(here)), '../..')
const EXAMPLE = path.join(PACKAGE_ROOT, 'registry')
const TEMPLATES = path.join(PACKAGE_ROOT, 'templates', 'workflows')

/** The example model each task family starts from (seed 000: one model per family of use cases). */
const STARTERS: Record<TaskFamily, string> = {
  classification: 'content-classifier',
  'text-generation': 'seo-writer',
  transformation: 'schema-markup'
}

/** Keeps the example's own layout: no folded lines, `[a, b]` flow lists. */
const YAML_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const
/** Rows of the example datasets copied into the starter: small, and still valid. */
const TRAIN_ROWS = 240
const EVAL_ROWS = 80
/** What init wrote, by the sha256 of each file's content: a re-run updates only files nobody edited since. */
const MANIFEST = '.github/tunegate-init.json'
/** Lines init makes sure .gitignore has: the CLI's local state (runs, reports, caches). */
const IGNORED = ['.tunegate/']

export interface InitOptions {
  repoDir: string
  task?: TaskFamily
  model?: string
  /** GitHub teams or users, comma-separated. */
  owner?: string
  /** Where the starter trains: ubuntu-latest, a runner scale set name, or runner labels, comma-separated. */
  runner?: string
  /** owner/name of the Tunegate repository the workflows call (default: where this package came from). */
  tunegateRepo?: string
  /** The full commit SHA of Tunegate the workflows are pinned to (default: the commit this package is). */
  tunegateRef?: string
  /** True when stdin is a terminal; what a flag leaves out is asked on stdin either way. */
  interactive?: boolean
}

interface Settled {
  root: string
  task: TaskFamily
  model: string
  owners: string[]
  /** training.runner: one name (ubuntu-latest, a scale set) or a label set. */
  runner: string | string[]
  tunegateRepo: string
  tunegateRef: string
  /** What the pin's comment names: the release tag, or git describe's answer. */
  version: string
  branch: string
}

interface Planned {
  file: string
  content: string
}

type Verb = 'wrote' | 'updated' | 'unchanged' | 'kept'

/** `tunegate init`: writes a starter registry and the caller workflows; never overwrites a person's file. */
export async function initCommand(options: InitOptions, out: Output): Promise<number> {
  const settings = await settle(options)
  const planned = await plan(settings)
  const manifest = await readManifest(settings.root)
  for (const p of [...planned.map(p => p.file), MANIFEST, '.gitignore']) await refuseLinkOut(settings.root, p)

  const decided: { file: string; verb: Verb; content: string }[] = []
  const refused: string[] = []
  for (const p of planned) {
    const existing = await readFile(path.join(settings.root, p.file), 'utf8').catch(() => undefined)
    const verb = decide(p, existing, manifest.files[p.file])
    if (verb === undefined) refused.push(p.file)
    else decided.push({ file: p.file, verb, content: p.content })
  }
  if (refused.length) {
    out.error(
      [
        `tunegate init wrote nothing: ${refused.length} file${refused.length === 1 ? '' : 's'} already exist and were not written by it:`,
        ...refused.map(f => `  ${f}`),
        'Move them aside, or choose another --model name.'
      ].join('\n')
    )
    return 1
  }

  const files: Record<string, string> = { ...manifest.files }
  for (const d of decided) {
    if (d.verb === 'kept') continue
    const target = path.join(settings.root, d.file)
    await mkdir(path.dirname(target), { recursive: true })
    if (d.verb !== 'unchanged') await writeFile(target, d.content)
    files[d.file] = digest(d.content)
  }
  await writeManifest(settings.root, files)
  // Installed in the repository (npm i -D tunegate), the package's folder is no part of the registry either.
  const ignored = await ensureIgnored(
    settings.root,
    installedIn(settings.root) ? [...IGNORED, 'node_modules/'] : IGNORED
  )

  for (const d of decided)
    out.line(
      `${d.verb.padEnd(9)} ${d.file}${d.verb === 'kept' ? '   (edited since tunegate init wrote it: left as it is)' : ''}`
    )
  if (ignored.length) out.line(`${'appended'.padEnd(9)} .gitignore (${ignored.join(', ')})`)
  const stale = decided.filter(d => d.verb === 'kept' && d.file.startsWith('.github/workflows/'))
  if (stale.length)
    out.line(
      `\nThe kept workflow${stale.length === 1 ? '' : 's'} (${stale.map(d => d.file).join(', ')}) may pin another Tunegate: ` +
        `set the ref after @ in each \`uses:\` line to ${settings.tunegateRef} by hand.`
    )
  out.line(nextSteps(settings))
  out.line(`\nnote: ${pagesPrivacyWarning()}`)
  return 0
}

/** What to do with one planned file: write it, leave it, or (undefined) refuse, as it is a person's file. */
function decide(p: Planned, existing: string | undefined, recorded: string | undefined): Verb | undefined {
  if (existing === undefined) return 'wrote'
  if (existing === p.content) return 'unchanged'
  if (recorded === undefined) return undefined
  return recorded === digest(existing) ? 'updated' : 'kept'
}

function nextSteps(s: Settled): string {
  const cli = tunegateCommand(s.root)
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
  ].join('\n')
}

/** The runner as `runs-on` reads in a message: a name, or a label set in brackets. */
function runsOn(runner: string | string[]): string {
  return typeof runner === 'string' ? runner : `[${runner.join(', ')}]`
}

/** How the adopter runs this very CLI: through npx when it is installed in the repository, else by its path. */
function tunegateCommand(root: string): string {
  return installedIn(root) ? 'npx tunegate' : `node ${path.join(PACKAGE_ROOT, 'bin', 'tunegate.js')}`
}

/** True when this package is installed in the repository's node_modules. */
function installedIn(root: string): boolean {
  return path.relative(root, PACKAGE_ROOT).split(path.sep)[0] === 'node_modules'
}

/** The repository root and every answer, from the flags given or asked on stdin. */
async function settle({ repoDir, interactive, ...flags }: InitOptions): Promise<Settled> {
  let root: string
  try {
    root = (await git(repoDir, ['rev-parse', '--show-toplevel'])).trim()
  } catch {
    throw new ConfigurationError(`'${repoDir}' is not a git repository. Run tunegate init inside the repository.`)
  }
  const detected = await detectTunegate()
  const answers = new Answers(
    {
      task: flags.task,
      model: flags.model,
      owner: flags.owner,
      runner: flags.runner,
      'tunegate-repo': flags.tunegateRepo,
      'tunegate-ref': flags.tunegateRef
    },
    Boolean(interactive)
  )
  try {
    const task = await answers.get(taskQuestion)
    const model = await answers.get(modelQuestion)
    const owners = await answers.get(ownerQuestion)
    const runner = await answers.get(runnerQuestion)
    const tunegateRepo = await answers.get(repositoryQuestion(detected.repository))
    const tunegateRef = await answers.get(refQuestion(detected.commit, detected.version))
    const version =
      tunegateRef === detected.commit && detected.version
        ? detected.version
        : (await git(PACKAGE_ROOT, ['describe', '--tags', '--always', tunegateRef]).catch(() => tunegateRef)).trim()
    const branch =
      (await git(root, ['symbolic-ref', '--short', 'refs/remotes/origin/HEAD']).catch(() => ''))
        .trim()
        .replace(/^origin\//, '') || (await git(root, ['symbolic-ref', '--short', 'HEAD']).catch(() => 'main')).trim()
    return { root, task, model, owners, runner, tunegateRepo, tunegateRef, version, branch }
  } finally {
    answers.done()
  }
}

interface Detected {
  repository?: string
  commit?: string
  version?: string
}

/**
 * Which Tunegate this is. A clone (the package root is its own git work tree) is its HEAD; an installed
 * package is what release.json recorded when it was packed (scripts/release-info.mjs); the repository
 * otherwise from package.json.
 */
async function detectTunegate(): Promise<Detected> {
  const toplevel = await git(PACKAGE_ROOT, ['rev-parse', '--show-toplevel']).catch(() => '')
  const clone =
    toplevel.trim() !== '' &&
    (await realpath(toplevel.trim()).catch(() => '')) === (await realpath(PACKAGE_ROOT).catch(() => PACKAGE_ROOT))
  if (clone) {
    const commit = (await git(PACKAGE_ROOT, ['rev-parse', 'HEAD'])).trim()
    const origin = await git(PACKAGE_ROOT, ['remote', 'get-url', 'origin']).catch(() => '')
    return {
      repository: githubRepository(origin) ?? (await packageRepository()),
      commit,
      version: (await git(PACKAGE_ROOT, ['describe', '--tags', '--always', commit])).trim()
    }
  }
  const release = await readFile(path.join(PACKAGE_ROOT, 'release.json'), 'utf8')
    .then(text => JSON.parse(text) as Detected)
    .catch(() => undefined)
  return { ...release, repository: release?.repository ?? (await packageRepository()) }
}

async function packageRepository(): Promise<string | undefined> {
  const pkg = await readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')
    .then(text => JSON.parse(text) as { repository?: { url?: string } })
    .catch(() => undefined)
  return githubRepository(pkg?.repository?.url ?? '')
}

/** owner/name of a GitHub remote URL (https, ssh or git+https), or undefined. */
function githubRepository(url: string): string | undefined {
  return /github\.com[/:]([A-Za-z0-9-]+\/[A-Za-z0-9._-]+?)(\.git)?\s*$/.exec(url)?.[1]
}

/** Every file init writes, with its content. */
async function plan(s: Settled): Promise<Planned[]> {
  const example = STARTERS[s.task]
  const files: Planned[] = []
  const add = (file: string, content: string) => files.push({ file, content })

  add('registry/registry.yaml', await readFile(path.join(EXAMPLE, 'registry.yaml'), 'utf8'))
  const spec = starterSpec(
    parseDocument(await readFile(path.join(EXAMPLE, 'models', example, 'model.yaml'), 'utf8')),
    s,
    example
  )
  add(`registry/models/${s.model}/model.yaml`, spec)

  const prompt = parseDocument(await readFile(path.join(EXAMPLE, 'prompts', `${example}.yaml`), 'utf8'))
  prompt.set('name', s.model)
  add(`registry/prompts/${s.model}.yaml`, prompt.toString(YAML_OPTIONS))

  for (const [split, rows] of [
    ['train', TRAIN_ROWS],
    ['eval', EVAL_ROWS]
  ] as const)
    add(
      `registry/datasets/${s.model}/${split}.jsonl`,
      await firstLines(path.join(EXAMPLE, 'datasets', example, `${split}.jsonl`), rows)
    )
  // What the spec refers to besides its data: output schemas and safety lists.
  for (const folder of ['schemas', 'safety'])
    for (const name of await readdir(path.join(EXAMPLE, folder)))
      if (spec.includes(`${folder}/${name}`))
        add(`registry/${folder}/${name}`, await readFile(path.join(EXAMPLE, folder, name), 'utf8'))

  for (const name of (await readdir(TEMPLATES)).sort())
    add(
      `.github/workflows/${name}`,
      (await readFile(path.join(TEMPLATES, name), 'utf8'))
        .replaceAll('__TUNEGATE__', s.tunegateRepo)
        .replaceAll('__REF__', s.tunegateRef)
        .replaceAll('__VERSION__', s.version)
        .replaceAll('__BRANCH__', s.branch)
    )
  return files
}

/**
 * The example's spec as the adopter's model: its name, owners and files, trained by the CPU baseline on a
 * GitHub-hosted runner, so that a fresh repository's first pull request gets its report with no GPU runner.
 */
function starterSpec(spec: Document, s: Settled, example: string): string {
  spec.commentBefore = ` Starter model for the ${s.task} task family, from Tunegate's example '${example}'.`
  spec.set('name', s.model)
  spec.set('owners', spec.createNode(s.owners, { flow: true }))
  spec.setIn(['data', 'train'], `datasets/${s.model}/train.jsonl`)
  spec.setIn(['data', 'eval'], `datasets/${s.model}/eval.jsonl`)
  spec.set('prompt', `prompts/${s.model}.yaml`)
  spec.setIn(['training', 'trainer'], 'baseline')
  // One name is written as a plain string: a runner scale set answers to its name alone.
  spec.setIn(
    ['training', 'runner'],
    typeof s.runner === 'string' ? s.runner : spec.createNode(s.runner, { flow: true })
  )
  const runner = (spec.get('training', true) as YAMLMap).items.find(p => isScalar(p.key) && p.key.value === 'runner')
  if (runner && isScalar(runner.key))
    runner.key.commentBefore = [
      s.runner === 'ubuntu-latest'
        ? ' A GitHub-hosted runner, so the first pull request needs no runner of yours. To train on a GPU:'
        : ' Your runner: the baseline trainer runs on its CPU. To train on the GPU:',
      ' trainer: hf-peft, and the runner by its labels, e.g. runner: [self-hosted, gpu], or by the name of an',
      ' Actions Runner Controller scale set, e.g. runner: arc-gpu (a scale set has no self-hosted label).',
      ' runner: [self-hosted, gpu]'
    ].join('\n')
  return spec.toString(YAML_OPTIONS)
}

/**
 * Refuses a path that leads out of the repository through a symbolic link, dangling ones included: init
 * writes only inside the repository it was run in.
 */
async function refuseLinkOut(root: string, file: string): Promise<void> {
  const realRoot = await realpath(root)
  let at = root
  for (const part of file.split('/')) {
    at = path.join(at, part)
    const stat = await lstat(at).catch(() => undefined)
    if (!stat) return
    if (!stat.isSymbolicLink()) continue
    const shown = path.relative(root, at)
    const target = await readlink(at)
    const resolved = await realpath(at).catch(() => undefined)
    if (resolved === undefined)
      throw new ConfigurationError(
        `tunegate init wrote nothing: ${shown} is a symbolic link to '${target}', which does not exist; ` +
          `init writes only inside the repository. Remove the link, or make it a folder or file of the repository.`
      )
    if (resolved !== realRoot && !resolved.startsWith(realRoot + path.sep))
      throw new ConfigurationError(
        `tunegate init wrote nothing: ${shown} is a symbolic link to '${target}', outside the repository; ` +
          `init writes only inside the repository. Remove the link, or make it a folder or file of the repository.`
      )
  }
}

interface Manifest {
  files: Record<string, string>
}

async function readManifest(root: string): Promise<Manifest> {
  const file = path.join(root, MANIFEST)
  if (!existsSync(file)) return { files: {} }
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'))
  } catch (e) {
    throw new ConfigurationError(`${MANIFEST}: not JSON (${(e as Error).message}). Expected what tunegate init wrote.`)
  }
  const files = (parsed as Partial<Manifest> | null)?.files
  if (!files || typeof files !== 'object' || Object.values(files).some(v => !/^[0-9a-f]{64}$/.test(String(v))))
    throw new ConfigurationError(`${MANIFEST}: expected {"files": {path: sha256}} as tunegate init writes it.`)
  return { files }
}

async function writeManifest(root: string, files: Record<string, string>): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)))
  const content = JSON.stringify(
    {
      about: 'What tunegate init wrote (sha256 of each file). A re-run updates only the files that still match.',
      files: sorted
    },
    null,
    2
  )
  await mkdir(path.dirname(path.join(root, MANIFEST)), { recursive: true })
  await writeFile(path.join(root, MANIFEST), content + '\n')
}

/** Appends to .gitignore what it lacks of `lines` (a person's file: never rewritten); returns what it added. */
async function ensureIgnored(root: string, lines: string[]): Promise<string[]> {
  const file = path.join(root, '.gitignore')
  const existing = await readFile(file, 'utf8').catch(() => '')
  const present = new Set(existing.split(/\r?\n/).map(l => l.trim().replace(/^\//, '').replace(/\/$/, '')))
  const missing = lines.filter(line => !present.has(line.replace(/\/$/, '')))
  if (missing.length === 0) return []
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n'
  await appendFile(
    file,
    `${separator}# Added by tunegate init (.tunegate/ holds the CLI's local runs, reports and caches)\n${missing.join('\n')}\n`
  )
  return missing
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

async function firstLines(file: string, count: number): Promise<string> {
  const lines: string[] = []
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  for await (const line of rl) {
    lines.push(line)
    if (lines.length === count) break
  }
  rl.close()
  return lines.join('\n') + '\n'
}
