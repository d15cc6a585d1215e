import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { mulberry32 } from '../../src/data/seeded-random.js'
import { git } from '../../src/registry/git.js'
import { makeRepo, tunegateTag, writeRepoFile } from './git-repo.js'

export const DRIFT_MODEL = 'content-classifier'
export const DRIFT_TRAIN = 'registry/datasets/content-classifier/train.jsonl'

/** A feedback row in the content classifier's format. */
export const feedbackRow = (id: string, text: string, label = 'topic-outdoor', useCase = 'internal-linking') =>
  JSON.stringify({ id, use_case: useCase, text, label })

/** Grows the training data to `rows` rows with seeded copies (new ids) of its own rows: the same distribution. */
async function growTrainingData(repo: string, rows: number): Promise<void> {
  const lines = (await readFile(path.join(repo, DRIFT_TRAIN), 'utf8')).split('\n').filter(Boolean)
  const random = mulberry32(1099)
  const copies = Array.from({ length: Math.max(0, rows - lines.length) }, (_, i) => ({
    ...(JSON.parse(lines[Math.floor(random() * lines.length)]!) as object),
    id: `cls-copy-${i}`
  }))
  await writeRepoFile(repo, DRIFT_TRAIN, [...lines, ...copies.map(r => JSON.stringify(r))].join('\n') + '\n')
  await git(repo, ['commit', '-qam', `training data grown to ${rows} rows`])
}

/** Current rows like the training data: the eval split's texts as plain {"input": ...} rows. */
export async function unshiftedSamples(repo: string): Promise<string> {
  const rows = (await readFile(path.join(repo, 'registry/datasets/content-classifier/eval.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l) as { text: string; use_case: string; label: string })
  return rows.map(r => JSON.stringify({ input: r.text, use_case: r.use_case, prediction: r.label })).join('\n') + '\n'
}

/** Current rows from a new product line (garden tools), longer, and mostly one use case. */
export function shiftedSamples(n: number): string {
  const tools = ['lawnmower', 'hedge trimmer', 'compost bin', 'garden hose', 'greenhouse', 'pruning shears']
  return (
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        input: `Garden guide ${i}: choosing a ${tools[i % tools.length]} for allotments, raised beds and orchards; soil, mulch, irrigation, seasonal planting calendars and cordless ${tools[(i + 2) % tools.length]} maintenance for spring and autumn.`,
        use_case: i % 5 === 0 ? 'content-refresh' : 'internal-linking',
        prediction: 'topic-outdoor'
      })
    ).join('\n') + '\n'
  )
}

/**
 * A repository holding the example registry with content-classifier v1.0.0 in production (real
 * annotated GTO tags), and samples/unshifted.jsonl and samples/shifted.jsonl beside it. With `trainRows`, the
 * released training data is first grown to that many rows (a reference over 1,000 rows is a large one).
 */
export async function driftRepo(
  options: { trainRows?: number } = {}
): Promise<{ repo: string; productionSha: string }> {
  const repo = await makeRepo({ withRegistry: true })
  if (options.trainRows) await growTrainingData(repo, options.trainRows)
  const productionSha = (await git(repo, ['rev-parse', 'HEAD'])).trim()
  await git(repo, ['tag', '-a', `${DRIFT_MODEL}@v1.0.0`, '-m', 'register', productionSha], {
    env: { GIT_COMMITTER_DATE: '1700000000 +0000' }
  })
  await tunegateTag(
    repo,
    `${DRIFT_MODEL}#production#1`,
    productionSha,
    `${DRIFT_MODEL} v1.0.0 lands in production`,
    1700000001
  )
  await writeRepoFile(repo, 'samples/unshifted.jsonl', await unshiftedSamples(repo))
  await writeRepoFile(repo, 'samples/shifted.jsonl', shiftedSamples(150))
  return { repo, productionSha }
}

/**
 * `n` current rows drawn (seeded, with replacement) from the training data itself, with only the use-case mix
 * moved: `refresh` of them content-refresh rows (the training data has 39%). With `predictions`, each row
 * carries its training label as the model's prediction.
 */
export async function mixMovedSamples(
  repo: string,
  n: number,
  refresh: number,
  options: { seed?: number; predictions?: boolean } = {}
): Promise<string> {
  const rows = (await readFile(path.join(repo, DRIFT_TRAIN), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l) as { text: string; use_case: string; label: string })
  const byUseCase = (u: string) => rows.filter(r => r.use_case === u)
  const pools = { refresh: byUseCase('content-refresh'), linking: byUseCase('internal-linking') }
  const random = mulberry32(options.seed ?? 19)
  return (
    Array.from({ length: n }, (_, i) => {
      const pool = i < Math.round(n * refresh) ? pools.refresh : pools.linking
      const r = pool[Math.floor(random() * pool.length)]!
      return JSON.stringify({
        input: r.text,
        use_case: r.use_case,
        ...(options.predictions ? { prediction: r.label } : {})
      })
    }).join('\n') + '\n'
  )
}
