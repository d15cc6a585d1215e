import path from 'node:path'
import type { ExternalData } from './schema.js'

/** The cache of external datasets unless TUNEGATE_DATASET_CACHE names another folder. */
export const DEFAULT_DATASET_CACHE = path.join('.tunegate', 'cache', 'datasets')

/** The folder external datasets are cached in: TUNEGATE_DATASET_CACHE, or .tunegate/cache/datasets under cwd. */
export function datasetCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.TUNEGATE_DATASET_CACHE || DEFAULT_DATASET_CACHE)
}

/** The data file kind an external URI's path names (.ndjson is cached as .jsonl: same reader). */
export function externalKind(uri: string): 'jsonl' | 'csv' | 'parquet' {
  const ext = /\.(jsonl|ndjson|csv|parquet)$/i.exec(new URL(uri).pathname)?.[1]?.toLowerCase()
  if (!ext) throw new Error(`externalKind: '${uri}' has no data file extension (the schema checks it)`)
  return ext === 'ndjson' ? 'jsonl' : (ext as 'jsonl' | 'csv' | 'parquet')
}

/**
 * Where an external dataset lives once fetched and verified: `<cache>/<sha256>.<kind>`. Keyed by the
 * digest, so two entries with the same bytes share one file and a changed digest is a different file;
 * the kind is in the name because the readers choose their parser by extension.
 */
export function externalCachePath(entry: ExternalData, cacheDir: string): string {
  return path.join(cacheDir, `${entry.sha256}.${externalKind(entry.uri)}`)
}
