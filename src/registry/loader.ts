import { lstat, readdir, realpath, readlink, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ZodType } from 'zod'
import { Ajv } from 'ajv'
import { ConfigurationError, ProblemsError, type Problem } from '../errors.js'
import { isPickleFile, resolveConfined } from './paths.js'
import {
  modelSpecSchema,
  JUDGE_METRIC,
  JUDGE_SCORE_METRIC,
  promptSchema,
  registryConfigSchema,
  rubricSchema,
  type ModelSpec,
  type PromptSpec,
  type RegistryConfig,
  type ExternalData,
  type RubricSpec
} from './schema.js'
import { datasetCacheDir, externalCachePath } from './external-data.js'
import { rubricDigest, rubricProblems } from '../evaluation/judge/rubric.js'
import { LineIndex, readTextFile } from './source-text.js'
import { offsetOf, parseYaml, zodProblems, type ParsedYaml } from './yaml-document.js'

/** Spec files are small; anything larger is a mistake or an attack. */
const MAX_SPEC_BYTES = 1024 * 1024
/** Registry walks stop here so a runaway tree cannot hang the loader. */
const MAX_REGISTRY_ENTRIES = 100_000

/** A file a spec refers to, already confined to the registry folder. */
export interface RegistryFile {
  /** As written in the spec, relative to the registry folder. */
  relative: string
  /** Real absolute path. */
  absolute: string
  /** Path shown to people and used for annotations (relative to the display base). */
  display: string
  /**
   * Set for an external dataset: `relative` and `display` are its URI, `absolute` its place in the dataset
   * cache, which holds it only once fetched and verified (src/data/external.ts).
   */
  external?: ExternalData
}

export interface LoadedPrompt {
  spec: PromptSpec
  file: RegistryFile
  /** The line of the `template:` key, which the template's messages name. */
  templateLine?: number
}

/** A judge rubric file, read and checked, with the digest that goes into fingerprints and cache keys. */
export interface LoadedRubric {
  spec: RubricSpec
  file: RegistryFile
  digest: string
}

export interface LoadedModel {
  spec: ModelSpec
  file: RegistryFile
  train: RegistryFile[]
  eval: RegistryFile[]
  prompt: LoadedPrompt
  /** The JSON Schema the outputs must follow, inline or from its file. */
  outputSchema?: Record<string, unknown>
  outputSchemaFile?: RegistryFile
  tokenizer?: RegistryFile
  bannedTerms?: RegistryFile
  injectionProbes?: RegistryFile
  /** The judge's rubrics by use case (`default` for the rest) and its calibration file, with `evaluation.judge`. */
  judge?: { rubrics: Record<string, LoadedRubric>; calibration?: RegistryFile }
  /** Line and column of a field of model.yaml (or of its nearest parent that exists). */
  locate(keyPath: PropertyKey[]): { line: number; column: number }
}

export interface LoadedRegistry {
  root: string
  config?: RegistryConfig
  configFile: RegistryFile
  models: LoadedModel[]
  problems: Problem[]
}

export interface LoadOptions {
  /** Paths in problems are relative to this folder (default: the current directory). */
  displayBase?: string
  /** Where external datasets are cached (default: datasetCacheDir()). */
  datasetCache?: string
  /**
   * Called once registry.yaml is read and the model folders are listed, before the models load: a caller can
   * start what it will need for that many models while they load.
   */
  onConfig?: (config: RegistryConfig, models: number, root: string) => void
  /**
   * Called as each model has loaded without errors (models load several at a time, so not in their order): a
   * caller can start on it while the others load. Every model of the result is passed once.
   */
  onModel?: (model: LoadedModel) => void
}

/** Loads registry.yaml, every model and prompt, and reports every problem found, not only the first. */
export async function loadRegistry(registryDir: string, options: LoadOptions = {}): Promise<LoadedRegistry> {
  const displayBase = options.displayBase ?? process.cwd()
  const datasetCache = path.resolve(options.datasetCache ?? datasetCacheDir())
  let root: string
  try {
    root = await realpath(registryDir)
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory')
  } catch {
    throw new ConfigurationError(
      `Registry folder '${registryDir}' does not exist or is not a folder. Expected a folder holding registry.yaml.`
    )
  }
  const display = (abs: string) => toPosix(path.relative(displayBase, abs)) || '.'
  const fileOf = (relative: string, absolute: string): RegistryFile => ({
    relative,
    absolute,
    display: display(absolute)
  })
  const problems: Problem[] = []

  const configFile = fileOf('registry.yaml', path.join(root, 'registry.yaml'))
  const configDoc = await readSpec(configFile, problems)
  const config = configDoc ? validate(registryConfigSchema, configDoc, configFile, problems) : undefined

  await walkRegistry(root, display, problems)

  const prompts = new Map<string, Promise<PromptEntry>>()
  const models: LoadedModel[] = []
  const modelsDir = path.join(root, 'models')
  let entries: string[] = []
  try {
    entries = (await readdir(modelsDir, { withFileTypes: true }))
      .filter(e => e.isDirectory())
      .map(e => e.name)
      .sort()
  } catch {
    problems.push({
      file: display(modelsDir),
      line: 1,
      column: 1,
      severity: 'error',
      message: 'no models/ folder; expected registry/models/<model>/model.yaml'
    })
  }
  // Models load several at a time: one after another, loading was mostly waiting for the file system (a dozen
  // calls per model). Each model's problems are its own, joined in the models' order, so the report is the same
  // whatever order the loads finish in.
  if (config) options.onConfig?.(config, entries.length, root)
  const loaded = await inOrder(entries, MODELS_AT_ONCE, async dirName => {
    const file = fileOf(`models/${dirName}/model.yaml`, path.join(modelsDir, dirName, 'model.yaml'))
    const load = await loadModel({ root, dirName, file, config, prompts, fileOf, datasetCache })
    if (load.model) options.onModel?.(load.model)
    return load
  })
  const promptsReported = new Set<string>()
  for (const { model, problems: own, prompt } of loaded) {
    // A prompt's own problems are reported once, with the first model (in order) that uses it.
    if (prompt && !promptsReported.has(prompt.key)) {
      promptsReported.add(prompt.key)
      own.splice(prompt.at, 0, ...prompt.problems)
    }
    problems.push(...own)
    if (model) models.push(model)
  }
  return { root, config, configFile, models, problems }
}

/** Models loaded at once: enough to keep the file system busy, few enough to bound the memory of the specs in flight. */
const MODELS_AT_ONCE = 16

/** `run` over every item, at most `limit` at once, the results in the items' order. */
async function inOrder<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await run(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  return out
}

/** A registry without errors: its registry.yaml was read. */
export type ValidRegistry = LoadedRegistry & { config: RegistryConfig }

/** A valid registry and one of its models: loaded once per step and passed to its parts. */
export interface RegistryModel {
  registry: ValidRegistry
  model: LoadedModel
}

/** A valid registry and one of its models, or a clear error naming the models there are. */
export async function loadRegistryModel(registryDir: string, name: string): Promise<RegistryModel> {
  const registry = await loadRegistry(registryDir)
  assertValid(registry)
  const model = registry.models.find(m => m.spec.name === name)
  if (!model)
    throw new ConfigurationError(
      `No model '${name}' in ${registryDir}. Expected one of: ${registry.models.map(m => m.spec.name).join(', ')}`
    )
  return { registry, model }
}

/** Throws a ProblemsError listing every error when the registry has any. */
export function assertValid(registry: LoadedRegistry): asserts registry is ValidRegistry {
  if (registry.problems.some(p => p.severity === 'error') || !registry.config) {
    throw new ProblemsError(registry.problems)
  }
}

async function readSpec(file: RegistryFile, problems: Problem[]): Promise<ParsedYaml | undefined> {
  let text: string
  try {
    text = await readTextFile(file.absolute, file.display, MAX_SPEC_BYTES)
  } catch (e) {
    if (e instanceof ConfigurationError) problems.push(problemFromMessage(e.message, file.display))
    else
      problems.push({
        file: file.display,
        line: 1,
        column: 1,
        severity: 'error',
        message: 'file is missing or unreadable'
      })
    return undefined
  }
  if (text.trim() === '') {
    problems.push({
      file: file.display,
      line: 1,
      column: 1,
      severity: 'error',
      message: 'file is empty; expected a YAML mapping'
    })
    return undefined
  }
  const parsed = parseYaml(text, file.display)
  problems.push(...parsed.problems)
  return parsed.value === undefined ? undefined : parsed
}

function validate<T extends ZodType>(schema: T, parsed: ParsedYaml, file: RegistryFile, problems: Problem[]) {
  const result = schema.safeParse(parsed.value)
  if (result.success) return result.data as T['_output']
  problems.push(...zodProblems(result.error, parsed, file.display, schema))
  return undefined
}

/** What the parts of loading one model share: where problems go and how a referenced file is confined. */
interface ModelContext {
  /** Reports a problem at a field of model.yaml. */
  at(keyPath: PropertyKey[], message: string, severity?: Problem['severity']): void
  /** A file the spec refers to, confined to the registry folder and not a pickle; reported and undefined if not. */
  confined(keyPath: PropertyKey[], relative: string): Promise<RegistryFile | undefined>
}

/** A prompt file read once however many models share it, with the problems found in it. */
interface PromptEntry {
  prompt: LoadedPrompt | null
  problems: Problem[]
}

/** One model's load: the model (undefined when it has errors), its problems, and where its prompt's problems go. */
interface ModelLoad {
  model: LoadedModel | undefined
  problems: Problem[]
  /** The prompt file's problems, and the place in `problems` where they belong if this model reports them. */
  prompt?: { key: string; at: number; problems: Problem[] }
}

async function loadModel(args: {
  root: string
  dirName: string
  file: RegistryFile
  config: RegistryConfig | undefined
  prompts: Map<string, Promise<PromptEntry>>
  fileOf: (relative: string, absolute: string) => RegistryFile
  datasetCache: string
}): Promise<ModelLoad> {
  const problems: Problem[] = []
  const load: ModelLoad = { model: undefined, problems }
  load.model = await loadModelInto(args, problems, load)
  return load
}

async function loadModelInto(
  args: Parameters<typeof loadModel>[0],
  problems: Problem[],
  load: ModelLoad
): Promise<LoadedModel | undefined> {
  const { root, dirName, file, config, prompts, fileOf, datasetCache } = args
  const parsed = await readSpec(file, problems)
  if (!parsed) return undefined
  const before = problems.length
  const spec = validate(modelSpecSchema, parsed, file, problems)
  const ctx: ModelContext = {
    at: (keyPath, message, severity = 'error') => {
      const { line, col } = parsed.lines.linePos(offsetOf(parsed.doc, keyPath))
      problems.push({ file: file.display, line, column: col, severity, message })
    },
    confined: async (keyPath, relative) => {
      const field = keyPath.map(String).join('.')
      const r = await resolveConfined(root, relative, true)
      if (!r.ok) {
        ctx.at(keyPath, `${field}: ${r.reason}`)
        return undefined
      }
      if (isPickleFile(relative)) {
        ctx.at(
          keyPath,
          `${field}: '${relative}' is a pickle format, which runs code when loaded; ` +
            'expected safetensors, JSONL, Parquet or CSV'
        )
        return undefined
      }
      return fileOf(relative, r.absolute)
    }
  }
  if (!spec) {
    await checkReferencesOfInvalid(parsed.value, config, ctx)
    return undefined
  }
  checkFields(spec, dirName, config, ctx)
  const { train, eval: evalFiles } = await dataFiles(spec, ctx, datasetCache)
  const prompt = await promptOf(spec, prompts, problems, ctx, load)
  const { outputSchema, outputSchemaFile } = await outputSchemaOf(spec, problems, ctx)
  const { base_model: base, evaluation } = spec
  const tokenizer = base.tokenizer ? await ctx.confined(['base_model', 'tokenizer'], base.tokenizer) : undefined
  const bannedTerms = evaluation.banned_terms
    ? await ctx.confined(['evaluation', 'banned_terms'], evaluation.banned_terms)
    : undefined
  const injectionProbes = evaluation.injection_probes
    ? await ctx.confined(['evaluation', 'injection_probes'], evaluation.injection_probes)
    : undefined
  const judge = await judgeFilesOf(spec, config, problems, ctx)

  const failed = problems.slice(before).some(p => p.severity === 'error') || load.prompt?.problems.some(isError)
  if (failed || !prompt) return undefined
  const locate = (keyPath: PropertyKey[]) => {
    const { line, col } = parsed.lines.linePos(offsetOf(parsed.doc, keyPath))
    return { line, column: col }
  }
  return {
    ...{ spec, file, train, eval: evalFiles, prompt, outputSchema, outputSchemaFile },
    ...{ tokenizer, bannedTerms, injectionProbes, locate },
    ...(judge ? { judge } : {})
  }
}

/**
 * The judge's rubric files (each read, schema-checked and its template's variables checked) and calibration
 * file; a judge_win_rate gate without `evaluation.judge`, a rubric for an unknown use case, a use case without a
 * rubric, and a panel emptied by `exclude_base_family` are reported at their field of model.yaml.
 */
async function judgeFilesOf(
  spec: ModelSpec,
  config: RegistryConfig | undefined,
  problems: Problem[],
  ctx: ModelContext
): Promise<LoadedModel['judge']> {
  const j = spec.evaluation.judge
  const gateAt = spec.evaluation.gates.findIndex(g => g.metric === JUDGE_METRIC)
  const scoreAt = spec.evaluation.gates.findIndex(g => g.metric === JUDGE_SCORE_METRIC)
  if (!j) {
    if (gateAt >= 0)
      ctx.at(['evaluation', 'gates', gateAt], `a ${JUDGE_METRIC} gate needs evaluation.judge: the judges and a rubric`)
    if (scoreAt >= 0)
      ctx.at(
        ['evaluation', 'gates', scoreAt],
        `a ${JUDGE_SCORE_METRIC} gate needs evaluation.judge with mode: pointwise`
      )
    return undefined
  }
  if (j.mode === 'pointwise' && gateAt >= 0)
    ctx.at(
      ['evaluation', 'gates', gateAt],
      `a ${JUDGE_METRIC} gate needs evaluation.judge.mode: pairwise; a pointwise judge gates with ${JUDGE_SCORE_METRIC}`
    )
  if (j.mode === 'pairwise' && scoreAt >= 0)
    ctx.at(
      ['evaluation', 'gates', scoreAt],
      `a ${JUDGE_SCORE_METRIC} gate needs evaluation.judge.mode: pointwise; a pairwise judge gates with ${JUDGE_METRIC}`
    )
  if (j.mode === 'pointwise')
    for (const [i, g] of spec.evaluation.gates.entries())
      if (g.metric === JUDGE_SCORE_METRIC && g.min !== undefined && !(g.min >= 1 && g.min <= j.scale))
        ctx.at(['evaluation', 'gates', i, 'min'], `expected a minimum mean score within the scale 1..${j.scale}`)
  const judges = j.judges ?? config?.judge?.defaults.judges
  if (!judges?.length)
    ctx.at(
      ['evaluation', 'judge'],
      'no judges: list evaluation.judge.judges, or judge.defaults.judges in registry.yaml'
    )
  const prices = config?.judge?.prices ?? {}
  for (const [i, x] of (judges ?? []).entries())
    if (!Object.hasOwn(prices, x.model))
      ctx.at(
        j.judges ? ['evaluation', 'judge', 'judges', i, 'model'] : ['evaluation', 'judge'],
        `judge model '${x.model}' has no price in registry.yaml; expected judge.prices.${x.model}: ` +
          '{input_per_million, output_per_million} (0 for a free one), so max_cost_usd can be kept'
      )
  if (judges?.length && (j.exclude_base_family ?? config?.judge?.defaults.exclude_base_family)) {
    const base = modelFamily(spec.base_model.id)
    if (judges.every(x => (x.family?.toLowerCase() ?? modelFamily(x.model)) === base))
      ctx.at(
        ['evaluation', 'judge', 'exclude_base_family'],
        `every judge is of the base model's family '${base}': exclude_base_family leaves no judge; add a judge of another family`
      )
  }
  const entries: [string, string, PropertyKey[]][] =
    typeof j.rubric === 'string'
      ? [['default', j.rubric, ['evaluation', 'judge', 'rubric']]]
      : Object.entries(j.rubric).map(([k, v]) => [k, v, ['evaluation', 'judge', 'rubric', k]])
  const rubrics: Record<string, LoadedRubric> = {}
  for (const [useCase, rel, keyPath] of entries) {
    if (useCase !== 'default' && !spec.use_cases.includes(useCase)) {
      ctx.at(
        keyPath,
        `'${useCase}' is not a use case of this model; expected one of ${spec.use_cases.join(', ')} or default`
      )
      continue
    }
    const file = await ctx.confined(keyPath, rel)
    if (!file) continue
    const parsed = await readSpec(file, problems)
    const rubric = parsed ? validate(rubricSchema, parsed, file, problems) : undefined
    if (!parsed || !rubric) {
      ctx.at(keyPath, `rubric '${rel}' has errors (reported at its own file)`)
      continue
    }
    const { line, col } = parsed.lines.linePos(offsetOf(parsed.doc, ['template']))
    for (const message of rubricProblems(rubric.template, j.mode))
      problems.push({ file: file.display, line, column: col, severity: 'error', message: `template: ${message}` })
    rubrics[useCase] = { spec: rubric, file, digest: rubricDigest(rubric) }
  }
  if (!rubrics.default) {
    const missing = spec.use_cases.filter(u => !(u in rubrics))
    if (missing.length && entries.length)
      ctx.at(
        ['evaluation', 'judge', 'rubric'],
        `no rubric for use case(s) ${missing.join(', ')}; add them or a default`
      )
  }
  const calibration = j.calibration
    ? await ctx.confined(['evaluation', 'judge', 'calibration'], j.calibration)
    : undefined
  return { rubrics, ...(calibration ? { calibration } : {}) }
}

/** A model's family from its id: the organisation when there is one (Qwen/Qwen2.5-7B → qwen), else the leading letters. */
export function modelFamily(id: string): string {
  const [org, name] = id.includes('/') ? id.split('/', 2) : [undefined, id]
  return (org ?? /^[A-Za-z]+/.exec(name ?? '')?.[0] ?? id).toLowerCase()
}

/** A spec that failed its schema still has the references that can be read checked, so one run shows every problem. */
async function checkReferencesOfInvalid(
  value: unknown,
  config: RegistryConfig | undefined,
  ctx: ModelContext
): Promise<void> {
  const raw = (value ?? {}) as Record<string, unknown>
  const data = (raw.data ?? {}) as Record<string, unknown>
  const tier = raw.risk_tier
  if (config && typeof tier === 'string' && !(tier in config.risk_tiers))
    ctx.at(['risk_tier'], unknownTier(tier, config))
  for (const split of ['train', 'eval'] as const) {
    const v = data[split]
    const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : []
    for (const [i, rel] of list.entries())
      if (typeof rel === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(rel))
        await ctx.confined(['data', split, ...(Array.isArray(v) ? [i] : [])], rel)
  }
  if (typeof raw.prompt === 'string') await ctx.confined(['prompt'], raw.prompt)
}

function unknownTier(tier: string, config: RegistryConfig): string {
  const tiers = Object.keys(config.risk_tiers).join(', ')
  return `risk tier '${tier}' is not defined in registry.yaml; expected one of: ${tiers}`
}

/** The checks between fields that the schema cannot make. */
function checkFields(spec: ModelSpec, dirName: string, config: RegistryConfig | undefined, ctx: ModelContext): void {
  const { at } = ctx
  if (spec.name !== dirName)
    at(['name'], `name '${spec.name}' differs from its folder models/${dirName}/; expected name: ${dirName}`)
  if (config && !(spec.risk_tier in config.risk_tiers)) at(['risk_tier'], unknownTier(spec.risk_tier, config))
  const dupUseCase = spec.use_cases.find((u, i) => spec.use_cases.indexOf(u) !== i)
  if (dupUseCase) at(['use_cases'], `use case '${dupUseCase}' is listed twice`)
  if ((spec.task_family === 'classification' || spec.data.format === 'classification') && !spec.data.labels)
    at(['data'], "missing field 'data.labels': a classification model needs its label set (at least two labels)")
  if (spec.data.format === 'fields' && !spec.data.target)
    at(['data'], "missing field 'data.target': the 'fields' format needs the name of the field the model must produce")
  if (spec.training.trainer === 'command' && !spec.training.command)
    at(
      ['training'],
      "missing field 'training.command': the 'command' trainer needs the command to run, as a list of arguments"
    )
  const seq = spec.training.hyperparameters.max_seq_length
  if (typeof seq === 'number' && seq > spec.base_model.context_window)
    at(
      ['training', 'hyperparameters', 'max_seq_length'],
      `max_seq_length ${seq} is above base_model.context_window ${spec.base_model.context_window}; expected at most the context window`
    )
  if (spec.output_schema !== undefined && spec.task_family === 'classification')
    at(
      ['output_schema'],
      'output_schema applies to generated text; a classification model outputs one of its labels',
      'warning'
    )
}

/**
 * The train and eval files, confined; a file in both splits is an error. An external entry is its URI
 * and its place in the dataset cache, keyed by its digest; nothing is fetched here.
 */
async function dataFiles(
  spec: ModelSpec,
  ctx: ModelContext,
  datasetCache: string
): Promise<{ train: RegistryFile[]; eval: RegistryFile[] }> {
  const confinedAll = async (split: 'train' | 'eval') => {
    const list = spec.data[split]
    const out: RegistryFile[] = []
    for (const [i, entry] of list.entries()) {
      if (typeof entry !== 'string') {
        const absolute = externalCachePath(entry, datasetCache)
        out.push({ relative: entry.uri, absolute, display: entry.uri, external: entry })
        continue
      }
      const f = await ctx.confined(['data', split, ...(list.length > 1 ? [i] : [])], entry)
      if (f) out.push(f)
    }
    return out
  }
  const train = await confinedAll('train')
  const evalFiles = await confinedAll('eval')
  const overlap = train.find(t => evalFiles.some(e => e.absolute === t.absolute))
  if (overlap)
    ctx.at(['data', 'eval'], `'${overlap.relative}' is both a train and an eval file; expected disjoint splits`)
  return { train, eval: evalFiles }
}

/**
 * The model's prompt, read once per file however many models share it (models load concurrently: the cache holds
 * the read in flight). Its problems are recorded in `load`, at this point of the model's problems.
 */
async function promptOf(
  spec: ModelSpec,
  prompts: Map<string, Promise<PromptEntry>>,
  problems: Problem[],
  ctx: ModelContext,
  load: ModelLoad
): Promise<LoadedPrompt | undefined> {
  const promptFile = await ctx.confined(['prompt'], spec.prompt)
  if (!promptFile) return undefined
  let entry = prompts.get(promptFile.absolute)
  if (!entry) prompts.set(promptFile.absolute, (entry = readPrompt(promptFile)))
  const { prompt, problems: own } = await entry
  load.prompt = { key: promptFile.absolute, at: problems.length, problems: own }
  if (!prompt) ctx.at(['prompt'], `prompt '${spec.prompt}' has errors (reported at its own file)`)
  return prompt ?? undefined
}

async function readPrompt(promptFile: RegistryFile): Promise<PromptEntry> {
  const problems: Problem[] = []
  const promptParsed = await readSpec(promptFile, problems)
  const promptSpec = promptParsed ? validate(promptSchema, promptParsed, promptFile, problems) : undefined
  if (!promptParsed || !promptSpec) return { prompt: null, problems }
  const templateLine = promptParsed.lines.linePos(offsetOf(promptParsed.doc, [], 'template')).line
  return { prompt: { spec: promptSpec, file: promptFile, templateLine }, problems }
}

const isError = (p: Problem) => p.severity === 'error'

/** The output JSON Schema, inline or from its file, compiled now so a broken one is reported here. */
async function outputSchemaOf(
  spec: ModelSpec,
  problems: Problem[],
  ctx: ModelContext
): Promise<{ outputSchema?: Record<string, unknown>; outputSchemaFile?: RegistryFile }> {
  let outputSchema: Record<string, unknown> | undefined
  let outputSchemaFile: RegistryFile | undefined
  if (typeof spec.output_schema === 'string') {
    outputSchemaFile = await ctx.confined(['output_schema'], spec.output_schema)
    if (outputSchemaFile) outputSchema = await readJsonObject(outputSchemaFile, problems)
  } else if (spec.output_schema) {
    outputSchema = spec.output_schema
  }
  if (outputSchema) {
    try {
      new Ajv({ strict: false }).compile(outputSchema)
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e)
      ctx.at(['output_schema'], `output_schema is not a valid JSON Schema: ${reason}`)
    }
  }
  return { outputSchema, outputSchemaFile }
}

/** Reads a JSON file that must hold an object; syntax errors are located by line and column. */
export async function readJsonObject(
  file: RegistryFile,
  problems: Problem[]
): Promise<Record<string, unknown> | undefined> {
  let text: string
  try {
    text = await readTextFile(file.absolute, file.display, MAX_SPEC_BYTES)
  } catch (e) {
    problems.push(problemFromMessage(e instanceof Error ? e.message : String(e), file.display))
    return undefined
  }
  try {
    const value: unknown = JSON.parse(text)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ file: file.display, line: 1, column: 1, severity: 'error', message: 'expected a JSON object' })
      return undefined
    }
    return value as Record<string, unknown>
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    const m = /position (\d+)/.exec(message)
    const { line, column } = new LineIndex(text).position(m ? Number(m[1]) : 0)
    problems.push({
      file: file.display,
      line,
      column,
      severity: 'error',
      message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`
    })
    return undefined
  }
}

/** Walks the registry: refuses pickle files and symbolic links that lead out of it. */
async function walkRegistry(root: string, display: (abs: string) => string, problems: Problem[]): Promise<void> {
  let seen = 0
  const stack = [root]
  while (stack.length) {
    const dir = stack.pop()!
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (++seen > MAX_REGISTRY_ENTRIES) {
        problems.push({
          file: display(root),
          line: 1,
          column: 1,
          severity: 'error',
          message:
            `more than ${MAX_REGISTRY_ENTRIES} files in the registry; ` +
            'expected large data in Git LFS or object storage'
        })
        return
      }
      const abs = path.join(dir, entry.name)
      if (entry.isSymbolicLink()) {
        let target: string
        try {
          target = await realpath(abs)
        } catch {
          problems.push({
            file: display(abs),
            line: 1,
            column: 1,
            severity: 'error',
            message: `symbolic link to '${await readlink(abs)}' leads nowhere`
          })
          continue
        }
        if (target !== root && !target.startsWith(root + path.sep)) {
          problems.push({
            file: display(abs),
            line: 1,
            column: 1,
            severity: 'error',
            message: `symbolic link leads outside the registry folder (to ${target}); expected files inside registry/`
          })
        }
        continue
      }
      if (entry.isDirectory()) stack.push(abs)
      else if (isPickleFile(entry.name)) {
        problems.push({
          file: display(abs),
          line: 1,
          column: 1,
          severity: 'error',
          message:
            `'${entry.name}' is a pickle format, which runs code when loaded; ` +
            'expected safetensors weights, and data as JSONL, Parquet or CSV'
        })
      } else if (!entry.isFile()) {
        const s = await lstat(abs)
        if (!s.isFile())
          problems.push({
            file: display(abs),
            line: 1,
            column: 1,
            severity: 'error',
            message: 'not a regular file; expected files and folders only'
          })
      }
    }
  }
}

/** Turns a `file:line:col: error: message` string back into a Problem. */
function problemFromMessage(message: string, file: string): Problem {
  const m = /^(.*?):(\d+):(\d+): (error|warning): (.*)$/s.exec(message)
  if (m)
    return {
      file: m[1]!,
      line: Number(m[2]),
      column: Number(m[3]),
      severity: m[4] as Problem['severity'],
      message: m[5]!
    }
  return { file, line: 1, column: 1, severity: 'error', message }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}
