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
export async function siteCommand(o: SiteCommandOptions, out: Output): Promise<number> {
  const repo = o.repo ? path.resolve(o.repo) : await gitTopLevel(path.resolve(o.registry))
  const stateDir = path.resolve(o.stateDir)
  const { stages, specs } = await registrySpecs(o.registry)
  const built = await buildSite({
    host: new LocalHost(stateDir, repo),
    ...(stages ? { stages } : {}),
    specs,
    driftRecords: model => driftRecordsInFolder(stateDir, model),
    releasesDir: path.join(stateDir, 'releases'),
    workDir: path.join(stateDir, 'site-work'),
    out: path.resolve(o.out)
  })
  for (const p of built.data.problems) out.error(`warning: ${p}`)
  out.line(`Registry site: ${built.data.models.length} model(s), ${built.files} files in ${path.resolve(o.out)}`)
  out.line(`Open ${built.index}`)
  return 0
}
