import path from 'node:path'
import { LocalHost } from '../host/local-host.js'
import { gitTopLevel } from '../registry/git.js'
import { buildSite } from '../site/build-site.js'
import { driftRecordsInFolder, registrySpecs } from '../site/site-data.js'
import type { Output } from './output.js'

export interface SiteCommandOptions {
  registry: string
  repo?: string
  stateDir: string
  out: string
}

/** `tunegate site --out DIR`: the static registry site from the local tags, `.tunegate/releases` and drift records. */
export async function siteCommand(
  { registry: registryDir, repo: repoDir, stateDir: givenStateDir, out: outDir }: SiteCommandOptions,
  out: Output
): Promise<number> {
  const repo = repoDir ? path.resolve(repoDir) : await gitTopLevel(path.resolve(registryDir))
  const stateDir = path.resolve(givenStateDir)
  const { stages, specs } = await registrySpecs(registryDir)
  const built = await buildSite({
    host: new LocalHost(stateDir, repo),
    ...(stages ? { stages } : {}),
    specs,
    driftRecords: model => driftRecordsInFolder(stateDir, model),
    releasesDir: path.join(stateDir, 'releases'),
    workDir: path.join(stateDir, 'site-work'),
    out: path.resolve(outDir)
  })
  for (const p of built.data.problems) out.error(`warning: ${p}`)
  out.line(`Registry site: ${built.data.models.length} model(s), ${built.files} files in ${path.resolve(outDir)}`)
  out.line(`Open ${built.index}`)
  return 0
}
