import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { createInterface as ask } from 'node:readline/promises'
import { parseDocument } from 'yaml'
import { ConfigurationError } from '../errors.js'
import { git } from '../registry/git.js'
import type { Output } from './output.js'
import { pagesPrivacyWarning } from '../site/pages-privacy.js'

/** Where the starter comes from: this checkout's example registry and workflow templates. */
const PACKAGE_ROOT = path.resolve(import.meta.dirname, '../..')
const EXAMPLE = path.join(PACKAGE_ROOT, 'registry')
const TEMPLATES = path.join(PACKAGE_ROOT, 'templates', 'workflows')

/** The example model each task family starts from (seed 000: one model per family of use cases). */
const STARTERS = {
  classification: 'content-classifier',
  'text-generation': 'seo-writer',
  transformation: 'schema-markup'
} as const
export type TaskFamily = keyof typeof STARTERS

/** Rows of the example datasets copied into the starter: small, and still valid. */
const TRAIN_ROWS = 240
const EVAL_ROWS = 80
const MODEL_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/
const FULL_SHA = /^[0-9a-f]{40}$/
const MARK = '# Written by tunegate init; sha256 of what follows: '

export interface InitOptions {
  repoDir: string
  task?: TaskFamily
  model?: string
  owner?: string
  /** owner/name of the Tunegate repository the workflows call. */
  tunegateRepo?: string
  /** The full commit SHA of Tunegate the workflows are pinned to (default: this checkout's HEAD). */
  tunegateRef?: string
  /** Ask for what the flags leave out (only on a terminal). */
  interactive?: boolean
}

interface Planned {
  file: string
  content: string
  /** YAML files carry a digest line, so init can tell its own untouched files from a person's. */
  marked: boolean
}

/** `tunegate init`: writes a starter registry and the caller workflows; never overwrites a person's file. */
export async function initCommand(o: InitOptions, out: Output): Promise<number> {
  const settings = await settle(o)
  const planned = await plan(settings)
  const refused: string[] = []
  const actions: { file: string; verb: 'wrote' | 'updated' | 'unchanged' }[] = []
  for (const p of planned) {
    const target = path.join(o.repoDir, p.file)
    const existing = await readFile(target, 'utf8').catch(() => undefined)
    if (existing === undefined) actions.push({ file: p.file, verb: 'wrote' })
    else if (existing === p.content) actions.push({ file: p.file, verb: 'unchanged' })
    else if (p.marked && untouched(existing)) actions.push({ file: p.file, verb: 'updated' })
    else refused.push(p.file)
  }
  if (refused.length) {
    out.error(
      [
        `tunegate init wrote nothing: ${refused.length} file${refused.length === 1 ? '' : 's'} already exist and were not written by it (or were edited since):`,
        ...refused.map(f => `  ${f}`),
        'Move them aside, or choose another --model name.'
      ].join('\n')
    )
    return 1
  }
  for (const p of planned) {
    const target = path.join(o.repoDir, p.file)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, p.content)
  }
  for (const a of actions) out.line(`${a.verb.padEnd(9)} ${a.file}`)
  // The adopter's repository has no bin/tunegate.js: the next steps name this checkout's.
  const cli = `node ${path.join(PACKAGE_ROOT, 'bin', 'tunegate.js')}`
  out.line(
    [
      '',
      `Tunegate is set up for ${settings.model} (${settings.task}), with workflows pinned to ${settings.tunegateRepo}@${settings.tunegateRef.slice(0, 12)}.`,
      'Next:',
      `  1. tunegate validate: ${cli} validate   (in this repository: the checks a pull request gets)`,
      '  2. Commit registry/ and .github/workflows/, push, and open a pull request: the comment and the `tunegate` status appear on it.',
      `  3. tunegate doctor: ${cli} doctor   (checks branch rules, the tag ruleset, environments and runners; each ✗ says how to fix it)`
    ].join('\n')
  )
  out.line(`\nnote: ${pagesPrivacyWarning()}`)
  return 0
}

interface Settled {
  repoDir: string
  task: TaskFamily
  model: string
  owner: string
  tunegateRepo: string
  tunegateRef: string
  branch: string
}

async function settle(o: InitOptions): Promise<Settled> {
  let { task, model } = o
  if (o.interactive && (!task || !model)) {
    const rl = ask({ input: process.stdin, output: process.stderr })
    try {
      task ??= (
        await rl.question(`Task family (${Object.keys(STARTERS).join(', ')}) [classification]: `)
      ).trim() as TaskFamily
      model ??= (await rl.question('Model name [my-model]: ')).trim()
    } finally {
      rl.close()
    }
  }
  task = (task || 'classification') as TaskFamily
  model = model || 'my-model'
  if (!(task in STARTERS))
    throw new ConfigurationError(`Invalid task family '${task}'. Expected one of ${Object.keys(STARTERS).join(', ')}.`)
  if (!MODEL_NAME.test(model))
    throw new ConfigurationError(
      `Invalid model name '${model}'. Expected lowercase letters, digits and hyphens, e.g. support-router.`
    )
  try {
    await git(o.repoDir, ['rev-parse', '--show-toplevel'])
  } catch {
    throw new ConfigurationError(`'${o.repoDir}' is not a git repository. Run tunegate init inside the repository.`)
  }
  const tunegateRef = o.tunegateRef ?? (await git(PACKAGE_ROOT, ['rev-parse', 'HEAD']).catch(() => '')).trim()
  if (!FULL_SHA.test(tunegateRef))
    throw new ConfigurationError(
      `Invalid --tunegate-ref '${tunegateRef}'. Expected the full 40-character commit SHA of the Tunegate release to pin.`
    )
  const tunegateRepo = o.tunegateRepo ?? 'tunegate/tunegate'
  if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(tunegateRepo))
    throw new ConfigurationError(`Invalid --tunegate-repo '${tunegateRepo}'. Expected {owner}/{repo}.`)
  const branch =
    (await git(o.repoDir, ['symbolic-ref', '--short', 'refs/remotes/origin/HEAD']).catch(() => ''))
      .trim()
      .replace(/^origin\//, '') ||
    (await git(o.repoDir, ['symbolic-ref', '--short', 'HEAD']).catch(() => 'main')).trim()
  return { repoDir: o.repoDir, task, model, owner: o.owner ?? '@your-org/ml', tunegateRepo, tunegateRef, branch }
}

/** Every file init writes, with its content. */
async function plan(s: Settled): Promise<Planned[]> {
  const example = STARTERS[s.task]
  const files: Planned[] = []
  const yaml = (file: string, content: string) => files.push({ file, content: mark(content), marked: true })

  yaml('registry/registry.yaml', await readFile(path.join(EXAMPLE, 'registry.yaml'), 'utf8'))
  const spec = parseDocument(await readFile(path.join(EXAMPLE, 'models', example, 'model.yaml'), 'utf8'))
  spec.commentBefore = ` Starter model for the ${s.task} task family, from Tunegate's example '${example}'.`
  spec.set('name', s.model)
  spec.set('owners', [s.owner])
  spec.setIn(['data', 'train'], `datasets/${s.model}/train.jsonl`)
  spec.setIn(['data', 'eval'], `datasets/${s.model}/eval.jsonl`)
  spec.set('prompt', `prompts/${s.model}.yaml`)
  yaml(`registry/models/${s.model}/model.yaml`, spec.toString())

  const prompt = parseDocument(await readFile(path.join(EXAMPLE, 'prompts', `${example}.yaml`), 'utf8'))
  prompt.set('name', s.model)
  yaml(`registry/prompts/${s.model}.yaml`, prompt.toString())

  for (const [split, rows] of [
    ['train', TRAIN_ROWS],
    ['eval', EVAL_ROWS]
  ] as const)
    files.push({
      file: `registry/datasets/${s.model}/${split}.jsonl`,
      content: await firstLines(path.join(EXAMPLE, 'datasets', example, `${split}.jsonl`), rows),
      marked: false
    })
  // What the spec refers to besides its data: output schemas and safety lists.
  for (const folder of ['schemas', 'safety'])
    for (const name of await readdir(path.join(EXAMPLE, folder)))
      if (spec.toString().includes(`${folder}/${name}`))
        files.push({
          file: `registry/${folder}/${name}`,
          content: await readFile(path.join(EXAMPLE, folder, name), 'utf8'),
          marked: false
        })

  const version = await git(PACKAGE_ROOT, ['describe', '--tags', '--always', s.tunegateRef]).catch(() => s.tunegateRef)
  for (const name of (await readdir(TEMPLATES)).sort())
    yaml(
      `.github/workflows/${name}`,
      (await readFile(path.join(TEMPLATES, name), 'utf8'))
        .replaceAll('__TUNEGATE__', s.tunegateRepo)
        .replaceAll('__REF__', s.tunegateRef)
        .replaceAll('__VERSION__', version.trim())
        .replaceAll('__BRANCH__', s.branch)
    )
  return files
}

function mark(content: string): string {
  return `${MARK}${digest(content)}\n${content}`
}

/** A file init wrote whose content nobody has changed since. */
function untouched(existing: string): boolean {
  if (!existing.startsWith(MARK)) return false
  const newline = existing.indexOf('\n')
  return existing.slice(MARK.length, newline) === digest(existing.slice(newline + 1))
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
