import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { ConfigurationError, errorMessage } from '../errors.js'
import { ensureExternalFiles } from '../data/external.js'
import { reverifyJudge } from '../evaluation/judge/run-judge.js'
import { scoreModel } from '../evaluation/scoring.js'
import { loadRegistryModel } from '../registry/loader.js'
import { EVALUATION_ASSET } from '../evaluation/production.js'
import { parseEvaluationRecord, type EvaluationRecord } from '../evaluation/record.js'
import { modelVerdict, type InconclusivePolicy, type ModelVerdict } from '../evaluation/verdict.js'
import { artifactAttempt } from '../constants.js'
import { canonicalJson, fileDigest } from '../registry/digest.js'
import type { ModelIdentity } from '../registry/fingerprint.js'
import type { Host } from '../registry/host.js'
import { gateRun, trustedArtifacts } from '../registry/run-trust.js'
import type { RunManifest } from '../training/contract.js'
import { checkTrainerOutputs } from '../training/outputs.js'
import { trainArtifactName, trainModel } from '../training/train.js'

/** The evaluation record and training outputs that a promotion checks, and where they came from. */
export interface Evidence {
  record: EvaluationRecord
  recordSource: string
  runDir: string
  runSource: string
}

/** Where the record and outputs of a model are found: a host's workflow-run artifacts, or local folders. */
export type EvidenceSource = (model: string) => Promise<Evidence>

/** Evidence is missing: promotion is blocked with this reason. */
export class MissingEvidenceError extends ConfigurationError {}

/** Artifact prefix of the evaluate action's record (see src/actions/evaluate.ts). */
export const evaluationArtifactPrefix = (model: string) => `tunegate-evaluation-${model}-`

async function readRecord(file: string): Promise<EvaluationRecord> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (e) {
    throw new ConfigurationError(`${file}: not JSON (${errorMessage(e)}); expected a tunegate.evaluation/v1 record`)
  }
  const parsed = parseEvaluationRecord(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ConfigurationError(
      `${file}: not a tunegate.evaluation/v1 record (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`
    )
  }
  return parsed.data
}

/**
 * Evidence from the pipeline runs that gated the given commits (the merged PR's head commit, and the merge
 * commit for a re-evaluation), each named by its commit's `tunegate` status (see gateRun): the newest evaluation
 * record of the model among their artifacts — never one of another run on the same commit — and the training
 * outputs of the record's fingerprint (from those runs, else from any run: the train step reuses results).
 * Only artifacts of trusted runs count (see trustedArtifacts): a fork's run cannot supply either.
 */
export function artifactEvidence(
  host: Host,
  commits: string[],
  workDir: string,
  log: (m: string) => void = () => undefined
): EvidenceSource {
  return async model => {
    const gates = await Promise.all(commits.map(sha => gateRun(host, sha)))
    const runs = gates.flatMap(g => ('runId' in g ? [g.runId] : []))
    for (const g of gates)
      log(`${model}: ${'runId' in g ? `run ${g.runId} set the gate of ${g.commit.slice(0, 12)}` : g.reason}`)
    const artifacts = (await Promise.all(runs.map(runId => host.listArtifacts({ runId })))).flat()
    // A fork's pull request run on the same head commit uploads what it likes: only trusted runs' artifacts count.
    const live = await trustedArtifacts(
      host,
      artifacts.filter(a => !a.expired),
      log
    )
    const records = live
      // The prefix, then the 32-character fingerprint: model `seo` must not take `seo-writer`'s record.
      .filter(a => /^[0-9a-f]{32}(-[1-9]\d{0,5})?$/.test(a.name.slice(evaluationArtifactPrefix(model).length)))
      .filter(a => a.name.startsWith(evaluationArtifactPrefix(model)))
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.id - a.id)
    const recordArtifact = records[0]
    if (!recordArtifact)
      throw new MissingEvidenceError(
        `no evaluation record of ${model} ${runs.length ? `among the artifacts of run ${runs.join(', ')}, which set the merge gate` : 'from a run that set the merge gate'}: ${gates.map(g => ('reason' in g ? g.reason : `run ${g.runId} of ${g.commit.slice(0, 12)} uploaded none`)).join('; ')}; the pipeline's evaluate job must upload it in the run whose report sets the gate of the pull request's head commit (a record of another run is not taken)`
      )
    const recordDir = path.join(workDir, model, 'record')
    await rm(recordDir, { recursive: true, force: true })
    await host.downloadArtifact(recordArtifact, recordDir)
    const jsons = (await readdir(recordDir)).filter(f => f.endsWith('.json'))
    if (jsons.length !== 1)
      throw new MissingEvidenceError(
        `artifact ${recordArtifact.name} holds ${jsons.length} JSON files; expected the one evaluation record`
      )
    const record = await readRecord(path.join(recordDir, jsons[0]!))
    const trainName = trainArtifactName(model, record.training_fingerprint)
    // The record's own run's outputs first (the ones it was evaluated on), then the latest attempt of another.
    const ofRecordRun = (a: { runId?: number }) => (a.runId !== undefined && a.runId === recordArtifact.runId ? 1 : 0)
    const trained =
      live
        .filter(a => artifactAttempt(a.name, trainName) !== undefined)
        .sort(
          (a, b) =>
            ofRecordRun(b) - ofRecordRun(a) || artifactAttempt(b.name, trainName)! - artifactAttempt(a.name, trainName)!
        )[0] ??
      (
        await trustedArtifacts(
          host,
          (await host.listArtifacts({ name: trainName })).filter(a => !a.expired),
          log
        )
      ).sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0]
    if (!trained)
      throw new MissingEvidenceError(
        `no training outputs '${trainName}' (the record's training fingerprint ${record.training_fingerprint.slice(0, 12)}) among the workflow artifacts; they may have expired: re-run the pull request's train job`
      )
    const runDir = path.join(workDir, model, 'outputs')
    await rm(runDir, { recursive: true, force: true })
    await host.downloadArtifact(trained, runDir)
    return {
      record,
      recordSource: `artifact ${recordArtifact.name} of run ${recordArtifact.runId ?? '?'}`,
      runDir,
      runSource: `artifact ${trained.name} of run ${trained.runId ?? '?'}`
    }
  }
}

/** Evidence from local files: the record `tunegate evaluate` wrote and the run `tunegate train` left. */
export function localEvidence(
  recordFile: (model: string) => string,
  runDir: (model: string, fp: string) => string
): EvidenceSource {
  return async model => {
    const file = recordFile(model)
    let record: EvaluationRecord
    try {
      record = await readRecord(file)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || /ENOENT/.test(errorMessage(e)))
        throw new MissingEvidenceError(
          `no evaluation record at ${file}: run 'tunegate evaluate --model ${model}' first`
        )
      throw e
    }
    const dir = runDir(model, record.training_fingerprint)
    return { record, recordSource: file, runDir: dir, runSource: dir }
  }
}

/** What a verification found wrong; empty when the evidence holds. */
export interface VerificationFailure {
  problems: string[]
  /** What to do about it. */
  fix: string
}

const num = (v: unknown) => (typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : JSON.stringify(v))

/** Every difference between the numbers a record claims and the ones recomputed, worded for a person. */
export function recordDifferences(claimed: EvaluationRecord, recomputed: EvaluationRecord): string[] {
  const out: string[] = []
  // Whether an inconclusive model passes depends on registry.yaml's policy, which the merge may have changed:
  // only a failing verdict is compared here; promotion applies the merged policy to the gates itself.
  if ((claimed.verdict === 'fail') !== (recomputed.verdict === 'fail'))
    out.push(`verdict: the record says ${claimed.verdict}, recomputed ${recomputed.verdict}`)
  const metrics = new Set([...Object.keys(claimed.metrics), ...Object.keys(recomputed.metrics)])
  for (const m of metrics) {
    const a = claimed.metrics[m]
    const b = recomputed.metrics[m]
    if (!a || !b) {
      out.push(`metric ${m}: ${a ? 'not recomputed' : 'missing from the record'}`)
      continue
    }
    for (const slice of new Set([...Object.keys(a.slices), ...Object.keys(b.slices)])) {
      const x = a.slices[slice]
      const y = b.slices[slice]
      if (!x || !y) out.push(`${m} on ${slice}: ${x ? 'not recomputed' : 'missing from the record'}`)
      else if (x.value !== y.value || x.n !== y.n)
        out.push(`${m} on ${slice}: the record says ${num(x.value)} (n=${x.n}), recomputed ${num(y.value)} (n=${y.n})`)
      else if (canonicalJson(x.comparison) !== canonicalJson(y.comparison))
        out.push(`${m} on ${slice}: the record's comparison with production differs from the recomputed one`)
    }
  }
  const key = (g: EvaluationRecord['gates'][number]) => `${g.metric}|${g.slice}|${g.kind}|${g.source}`
  const gates = new Map(recomputed.gates.map(g => [key(g), g]))
  for (const g of claimed.gates) {
    const r = gates.get(key(g))
    if (!r) out.push(`gate ${g.metric} ${g.kind} on ${g.slice}: not a gate of the merged registry`)
    else if (
      r.passed !== g.passed ||
      r.inconclusive !== g.inconclusive ||
      r.value !== g.value ||
      r.threshold !== g.threshold
    )
      out.push(
        `gate ${g.metric} ${g.kind} on ${g.slice}: the record says ${gateWord(g)} at ${num(g.value)}, recomputed ${gateWord(r)} at ${num(r.value)}`
      )
    gates.delete(key(g))
  }
  for (const g of gates.values()) out.push(`gate ${g.metric} ${g.kind} on ${g.slice}: missing from the record`)
  if (!samePerExample(claimed.per_example, recomputed.per_example))
    out.push('per-example scores differ from the ones recomputed from the predictions')
  return out
}

/**
 * Whether two records' per-example scores are the same, example by example: what comparing their canonical JSON
 * whole would say, without building two strings of every example's scores at once (100,000 examples in a record).
 */
function samePerExample(a: EvaluationRecord['per_example'], b: EvaluationRecord['per_example']): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (canonicalJson(a[i]) !== canonicalJson(b[i])) return false
  return true
}

const gateWord = (g: EvaluationRecord['gates'][number]) =>
  !g.passed ? 'fail' : g.inconclusive ? 'inconclusive' : 'pass'

/**
 * Why a verdict refuses promotion, in words: a failing gate, or an inconclusive one under
 * `policy.inconclusive: block`, each with the deciding gates' reasons.
 */
function refusalReason(v: ModelVerdict<EvaluationRecord['gates'][number]>): string {
  const gates = v.deciding.map(g => `${g.metric}${g.slice !== 'all' ? ` on ${g.slice}` : ''}: ${g.reason}`)
  const why = gates.length ? ` (${gates.join('; ')})` : ''
  return v.state === 'fail'
    ? `the evaluation's verdict is fail: the candidate fails its gates${why}`
    : `the evaluation is inconclusive and registry.yaml's policy.inconclusive is block${why}`
}

/** What verifyEvidence checks, against what. */
export interface VerifyOptions {
  registryDir: string
  model: string
  identity: ModelIdentity
  evidence: Evidence
  host: Host
  workDir: string
  hasBaselineTrainerGate: boolean
  /** The merged registry.yaml's `policy.inconclusive`: whether an inconclusive model may be promoted. */
  policy: InconclusivePolicy
  reevaluate: string
  log?: (m: string) => void
}

/**
 * Checks evidence against the merged tree before anything is written: fingerprints re-derived from the tree
 * equal the record's, the predictions are the ones the record scored (digest), the outputs are safe
 * (safetensors only), and the metrics and every gate recompute to the record's numbers from the stored
 * predictions and the merged eval set (against the same production version), and the verdict under the merged
 * registry's `policy.inconclusive` passes (src/evaluation/verdict.ts). Returns the failure, or undefined.
 */
export async function verifyEvidence(options: VerifyOptions): Promise<VerificationFailure | undefined> {
  const { model, identity, evidence, policy, reevaluate } = options
  const { record } = evidence
  const moved = fingerprintMismatch(record, identity, reevaluate)
  if (moved) return moved
  const problems: string[] = []
  if (record.model !== model) problems.push(`the record is of model '${record.model}', not '${model}'`)
  const claimed = modelVerdict(record, policy)
  if (claimed.blocks) problems.push(refusalReason(claimed))
  problems.push(...(await outputProblems(evidence)))
  // A blocking verdict alone is the candidate's, not the run's: re-running would judge the same way.
  if (problems.length === 1 && claimed.blocks) return { problems, fix: verdictFix(claimed) }
  if (problems.length)
    return { problems, fix: 'Re-run the pull request workflow (train and evaluate) on the merge commit.' }
  const production = await productionRecord(options)
  if (production && 'problems' in production) return production
  return recomputedFailure(options, production)
}

/** The failure when the record was made for other fingerprints than the merged tree's. */
function fingerprintMismatch(
  record: EvaluationRecord,
  identity: ModelIdentity,
  reevaluate: string
): VerificationFailure | undefined {
  const differ: string[] = []
  if (record.training_fingerprint !== identity.training_fingerprint)
    differ.push(
      `training fingerprint: evaluated ${record.training_fingerprint.slice(0, 12)}, merged tree ${identity.training_fingerprint.slice(0, 12)}`
    )
  if (record.evaluation_fingerprint !== identity.evaluation_fingerprint)
    differ.push(
      `evaluation fingerprint: evaluated ${record.evaluation_fingerprint.slice(0, 12)}, merged tree ${identity.evaluation_fingerprint.slice(0, 12)}`
    )
  if (!differ.length) return undefined
  return {
    problems: [
      `what was evaluated is not what was merged (${differ.join('; ')}): main moved after the evaluation, e.g. another data change was merged in between`
    ],
    fix: `Re-evaluate the merge commit, then re-run this job: ${reevaluate}`
  }
}

/** What is wrong with the training outputs: run.json, the outputs' digests, the predictions' digest, their safety. */
async function outputProblems({ record, runDir, runSource }: Evidence): Promise<string[]> {
  const problems: string[] = []
  let run: RunManifest | undefined
  try {
    run = JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')) as RunManifest
  } catch {
    problems.push(`${runSource}: no readable run.json`)
  }
  if (run) {
    if (run.training_fingerprint !== record.training_fingerprint)
      problems.push(
        `the training outputs are of fingerprint ${run.training_fingerprint.slice(0, 12)}, not the record's`
      )
    for (const out of run.outputs) {
      const digest = await fileDigest(path.join(runDir, out.file)).catch(() => undefined)
      if (digest !== out.sha256)
        problems.push(`${out.file}: ${digest ? 'its digest differs from run.json' : 'missing'}`)
    }
  }
  const predictions = await fileDigest(path.join(runDir, 'predictions.jsonl')).catch(() => undefined)
  if (predictions !== record.predictions_sha256)
    problems.push(
      predictions
        ? `predictions.jsonl has digest ${predictions.slice(0, 12)}, but the record scored ${record.predictions_sha256.slice(0, 12)}: these are not the predictions that were evaluated`
        : 'predictions.jsonl is missing from the training outputs'
    )
  const evalIds = new Set(record.per_example.map(e => e.id))
  problems.push(...(await checkTrainerOutputs(runDir, evalIds)))
  return problems
}

/**
 * The production version's record the evidence was compared with, from its release (undefined for a first
 * version), or the failure when the release has none or another one.
 */
async function productionRecord({
  model,
  evidence: { record },
  host,
  workDir
}: VerifyOptions): Promise<{ version: string; record: EvaluationRecord } | VerificationFailure | undefined> {
  if (!record.baseline) return undefined
  const tag = `${model}@${record.baseline.version}`
  const fix = 'Re-evaluate against the version now in production.'
  const dir = path.join(workDir, model, 'baseline')
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, EVALUATION_ASSET)
  if (!(await host.downloadReleaseAsset(tag, EVALUATION_ASSET, file)))
    return { problems: [`the record compares with ${tag}, whose release has no ${EVALUATION_ASSET}`], fix }
  const production = await readRecord(file)
  if (production.evaluation_fingerprint !== record.baseline.evaluation_fingerprint)
    return {
      problems: [`the record's baseline ${tag} is not the release's (${EVALUATION_ASSET} has another fingerprint)`],
      fix
    }
  return { version: record.baseline.version, record: production }
}

/**
 * Scores the stored predictions again on the merged eval set (the baseline trainer trained anew where a gate
 * needs it, the judge's stored verdicts reused) and compares the result with the record: the failure when a
 * number differs or the recomputed verdict blocks.
 */
async function recomputedFailure(
  { registryDir, model: name, identity, evidence, workDir, hasBaselineTrainerGate, policy, log }: VerifyOptions,
  baseline: { version: string; record: EvaluationRecord } | undefined
): Promise<VerificationFailure | undefined> {
  const { record, runDir, recordSource } = evidence
  let baselineTrainerDir: string | undefined
  if (hasBaselineTrainerGate)
    baselineTrainerDir = (
      await trainModel({
        registryDir,
        model: name,
        workDir: path.join(workDir, name, 'baseline-trainer'),
        trainerOverride: 'baseline',
        ...(log ? { log } : {})
      })
    ).outputDir
  const { registry, model } = await loadRegistryModel(registryDir, name)
  // An external eval split is fetched and verified against its pinned digest (promote's job keeps no cache).
  await ensureExternalFiles(model.eval, { ...(log ? { log } : {}) })
  const scored = await scoreModel({
    registry,
    model,
    identity,
    runDir,
    seed: record.settings.seed,
    ...(baseline ? { baseline } : {}),
    ...(baselineTrainerDir ? { baselineTrainerDir } : {})
  })
  // The judge's verdicts are not re-asked: its figures and gates are recomputed from the stored ones.
  const judged = await reverifyJudge(record, scored, registry, model, runDir)
  const recomputed = judged.record
  const differences = [...judged.problems, ...recordDifferences(record, recomputed)]
  if (differences.length)
    return {
      problems: [
        `the evaluation record does not match its predictions (${recordSource}): ${differences.slice(0, 8).join('; ')}${differences.length > 8 ? `; and ${differences.length - 8} more` : ''}`
      ],
      fix: 'The record was edited or its predictions swapped: re-run the evaluate job and do not change its artifact.'
    }
  const verdict = modelVerdict(recomputed, policy)
  if (verdict.blocks)
    return { problems: [`recomputed from the predictions, ${refusalReason(verdict)}`], fix: verdictFix(verdict) }
  return undefined
}

/** What to do about a candidate whose verdict blocks it. */
function verdictFix(v: ModelVerdict): string {
  return v.state === 'fail'
    ? 'The merged change fails its gates: revert it, or fix it in a new pull request whose evaluation passes; that merge promotes.'
    : 'The eval set is too small to tell whether the change regressed beyond the tolerance: add eval examples ' +
        '(the gate says about how many) in a new pull request whose evaluation passes, or set ' +
        'policy.inconclusive: warn in registry.yaml to let inconclusive models through; that merge promotes.'
}
