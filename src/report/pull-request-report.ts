import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { legModels } from '../registry/matrix-plan.js'
import { escapeText } from './escape.js'
import { NOTICE_SECTION } from './sticky-comment.js'
import { inertSection } from './untrusted-section.js'
import {
  outdatedNotice,
  readVerdict,
  withVerdict,
  type Outdated,
  type VerdictLine,
  type VerdictState
} from './verdict-summary.js'

/**
 * One job's report section, handed to the report job as an artifact file (`<name>.json`): what validate and
 * evaluate would otherwise write into the pull request themselves (docs/architecture.md §8: one writer composes it).
 */
export const sectionFileSchema = z.strictObject({
  schema: z.literal('tunegate.section/v1'),
  /** The sticky comment's section: `validate` or `evaluate:<model>`. */
  section: z.string().regex(/^(validate|evaluate:[a-zA-Z0-9][a-zA-Z0-9_-]{0,99})$/),
  markdown: z.string().max(200_000),
  /**
   * The section's say on the merge gate, final under registry.yaml's policy: `inconclusive` passes with some
   * gates too close to call (a policy that blocks on them makes the evaluate job say `fail`).
   */
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  /**
   * Whether an `inconclusive` verdict blocks the merge (registry.yaml `policy.inconclusive`); missing means it
   * does, the safer reading.
   */
  blocks: z.boolean().optional(),
  /** One line for the commit status (GitHub cuts at 140 characters). */
  description: z.string().max(1000)
})
export type SectionFile = z.infer<typeof sectionFileSchema>

/** How each job of the pipeline ended, as `toJSON(needs)` gives it in the workflow. */
export const jobResultsSchema = z.record(
  z.string(),
  z.object({ result: z.string(), outputs: z.record(z.string(), z.string()).optional() })
)
export type JobResults = z.infer<typeof jobResultsSchema>

export interface GateStatus {
  context: string
  state: 'pending' | 'success' | 'failure'
  description: string
}

export interface PullRequestReport {
  /** The sticky comment's sections by name. */
  sections: Map<string, string>
  /** Each model's status, then the aggregate merge gate. */
  statuses: GateStatus[]
}

/**
 * Composes the pull request's comment sections and statuses from the jobs' sections and results. A model
 * whose evaluate job did not finish, or whose section is missing, cannot pass: the gate never trusts a
 * section over the job result that should have produced it. (Promotion re-verifies everything from the
 * stored predictions, so the gate is a guard for reviewers, not the last line.)
 */
export function composePullRequestReport(
  files: SectionFile[],
  jobs: JobResults,
  options: {
    statusContext: string
    /** Set when the pull request's head has moved past the commit this run checked. */
    outdated?: Outdated
    /** What a section without a verdict line of its own is about: the checked commit, the repository, the run. */
    about?: { commit?: string; repoUrl?: string; runUrl?: string; at?: string }
  }
): PullRequestReport {
  const bySection = new Map(files.map(f => [f.section, f]))
  const sections = new Map<string, string>()
  const statuses: GateStatus[] = []
  const modelContext = (m: string) => `${options.statusContext}/${m}`
  const about = options.about ?? {}
  if (options.outdated) sections.set(NOTICE_SECTION, outdatedNotice(options.outdated))
  const validateJob = jobs.validate?.result ?? 'missing'
  const validate = bySection.get('validate')
  const validateFailed = validateJob !== 'success' || validate?.verdict === 'fail'
  if (validate)
    sections.set(
      'validate',
      agreeing(
        inertSection(validate.markdown, about),
        'Validation',
        validateFailed ? 'fail' : 'pass',
        validate.description,
        about
      )
    )
  else {
    const reason = `the validate job ended with '${validateJob}' before writing its report`
    sections.set(
      'validate',
      agreeing(`### ${STATE_ICON_FAIL} Validation\n\n${escapeText(reason)}.`, 'Validation', 'fail', reason, about)
    )
  }

  const models = affectedModels(jobs.validate?.outputs?.models)
  for (const model of models) {
    const file = bySection.get(`evaluate:${model}`)
    const status = modelStatus(model, file, jobs)
    statuses.push({ context: modelContext(model), ...status })
    const state: VerdictState =
      status.state === 'pending'
        ? 'pending'
        : !file || evaluateEndedBadly(jobs) || file.verdict === 'fail'
          ? 'fail'
          : file.verdict
    // A section is untrusted text (anything in the run can upload one): made inert before it is shown.
    const markdown = file
      ? inertSection(file.markdown, about)
      : `### ${escapeText(model)}\n\n${escapeText(status.description)}`
    sections.set(`evaluate:${model}`, agreeing(markdown, model, state, status.description, about, status.state))
  }

  const failing = statuses.filter(s => s.state === 'failure')
  const pending = statuses.filter(s => s.state === 'pending')
  const gate: GateStatus = validateFailed
    ? {
        context: options.statusContext,
        state: 'failure',
        description: validate?.description ?? 'Validation did not finish'
      }
    : failing.length
      ? {
          context: options.statusContext,
          state: 'failure',
          description: failing
            .map(s => `${s.context.slice(options.statusContext.length + 1)}: ${s.description}`)
            .join('; ')
        }
      : pending.length
        ? { context: options.statusContext, state: 'pending', description: pending.map(s => s.description).join('; ') }
        : {
            context: options.statusContext,
            state: 'success',
            description: models.length
              ? `${models.length} ${models.length === 1 ? 'model passes its' : 'models pass their'} gates`
              : 'No model is affected; the registry is valid'
          }
  statuses.push(gate)
  return { sections, statuses }
}

function modelStatus(model: string, file: SectionFile | undefined, jobs: JobResults): Omit<GateStatus, 'context'> {
  const train = jobs.train?.result
  const evaluate = jobs.evaluate?.result
  if (!file) {
    if (train === 'skipped' && jobs['fork-approval']?.result !== 'success')
      return { state: 'pending', description: `Training waits for a maintainer to approve this fork's pull request` }
    return {
      state: 'failure',
      description: `No evaluation: the evaluate job ended with '${evaluate ?? 'nothing'}' before writing ${model}'s report`
    }
  }
  // A failing section can only block, so it is believed (its reason is the better one); any other needs its jobs.
  if (file.verdict === 'fail') return { state: 'failure', description: file.description }
  const unvouched = jobNotSucceeded(jobs)
  if (unvouched) return { state: 'failure', description: unvouched }
  // An inconclusive gate blocks unless registry.yaml's policy said `warn` (and the section says so).
  if (file.verdict === 'inconclusive' && file.blocks !== false)
    return { state: 'failure', description: file.description }
  return { state: 'success', description: file.description }
}

/**
 * Why the sections cannot be trusted when the train or evaluate job did not succeed; undefined when both did.
 * A section is only as good as the job that wrote it: a trainer that failed its job after uploading a passing
 * section, or an evaluation cancelled halfway, must not pass. A matrix's result is its worst leg, so one model's
 * failed leg fails every model of the run (never the other way round).
 */
function jobNotSucceeded(jobs: JobResults): string | undefined {
  for (const job of ['train', 'evaluate']) {
    const result = jobs[job]?.result ?? 'nothing'
    if (result === 'success') continue
    return result === 'cancelled' && job === 'evaluate'
      ? 'The evaluation was cancelled'
      : `The ${job} job ended with '${result}'; a report from a job that did not succeed decides nothing`
  }
  return undefined
}

const evaluateEndedBadly = (jobs: JobResults) => jobNotSucceeded(jobs) !== undefined
const STATE_ICON_FAIL = '❌'
const STATE_WORD: Record<VerdictState, string> = {
  pass: 'passes',
  fail: 'fails',
  inconclusive: 'inconclusive',
  pending: 'waits'
}

/**
 * The section with a verdict line that agrees with the status the gate sets: a section's own line is kept
 * where it agrees (its reason is the better one), and replaced by the status's state and reason where the job
 * results overrule it (a cancelled evaluation, a missing section).
 */
function agreeing(
  markdown: string,
  title: string,
  state: VerdictState,
  description: string,
  about: NonNullable<Parameters<typeof composePullRequestReport>[2]['about']>,
  status?: GateStatus['state']
): string {
  const own = readVerdict(markdown)
  const blocks = status ? status === 'failure' : state === 'fail'
  if (own && own.state === state && own.blocks === blocks) return markdown
  const line: VerdictLine = {
    title,
    state,
    reason: `${STATE_WORD[state]}: ${escapeText(description)}`,
    blocks,
    at: own?.at ?? about.at ?? new Date().toISOString(),
    ...(own?.commit ? { commit: own.commit } : about.commit ? { commit: about.commit } : {}),
    ...(own?.repoUrl ? { repoUrl: own.repoUrl } : about.repoUrl ? { repoUrl: about.repoUrl } : {}),
    ...(own?.runUrl ? { runUrl: own.runUrl } : about.runUrl ? { runUrl: about.runUrl } : {})
  }
  return withVerdict(markdown, line)
}

/** The models of validate's matrix output (`{"include":[{"model":…}]}`); none when it is absent or broken. */
function affectedModels(matrix: string | undefined): string[] {
  return [...new Set(matrixJobs(matrix).flatMap(legModels))]
}

const MODEL_NAME = '[a-zA-Z0-9][a-zA-Z0-9_-]{0,99}'
const legSchema = z.object({ model: z.string().regex(new RegExp(`^${MODEL_NAME}(,${MODEL_NAME})*$`)) })

/** Each job's `model` in validate's matrix output: a model, or a batch of them; none when absent or broken. */
export function matrixJobs(matrix: string | undefined): string[] {
  if (!matrix) return []
  try {
    return z
      .object({ include: z.array(legSchema) })
      .parse(JSON.parse(matrix))
      .include.map(i => i.model)
  } catch {
    return []
  }
}

/** Writes a job's section for the report job: `<dir>/<section>.json` (the section name made file-safe). */
export async function writeSectionFile(dir: string, file: Omit<SectionFile, 'schema'>): Promise<string> {
  const out = path.join(dir, `${file.section.replace(/[^a-zA-Z0-9_-]/g, '-')}.json`)
  await mkdir(dir, { recursive: true })
  await writeFile(out, JSON.stringify(sectionFileSchema.parse({ schema: 'tunegate.section/v1', ...file })))
  return out
}
