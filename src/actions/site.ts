import { existsSync } from 'node:fs'
import path from 'node:path'
import * as core from '@actions/core'
import { buildSite } from '../site/build-site.js'
import { pagesPrivacyWarning } from '../site/pages-privacy.js'
import { driftRecordsFromArtifacts, registrySpecs } from '../site/site-data.js'
import { ConfigurationError } from '../errors.js'
import { githubHost, stringInput } from './common.js'

/** The site action's settings, parsed once from its inputs. */
export interface SiteSettings {
  registry: string
  out: string
  token: string
  workDir: string
}

/** Reads and checks the action's inputs. */
export function siteSettings(): SiteSettings {
  const s: SiteSettings = {
    registry: stringInput('registry', { required: true }),
    out: path.resolve(stringInput('out', { required: true })),
    token: stringInput('token', { required: true }),
    workDir: path.join(process.env.RUNNER_TEMP ?? '.tunegate', 'tunegate-site')
  }
  for (const [k, v] of Object.entries({ ...s, token: '***' })) core.debug(`${k}: ${String(v)}`)
  return s
}

/** Builds the registry site from the repository's tags, its releases' assets and its drift artifacts. */
export async function run(): Promise<void> {
  const s = siteSettings()
  // The owners, risk tiers and stages come from the checked-out registry: without it the site would be wrong.
  if (!existsSync(s.registry))
    throw new ConfigurationError(
      `No registry folder at '${s.registry}': check the repository out (actions/checkout) before this step, or set the registry input.`
    )
  const host = githubHost(s.token, { checkout: process.env.GITHUB_WORKSPACE ?? process.cwd() })
  const { stages, specs } = await registrySpecs(s.registry)
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = process.env
  const built = await buildSite({
    host,
    ...(stages ? { stages } : {}),
    specs,
    driftRecords: model => driftRecordsFromArtifacts(host, model, s.workDir),
    ...(server && repo ? { webBase: `${server}/${repo}` } : {}),
    workDir: s.workDir,
    out: s.out
  })
  for (const p of built.data.problems) core.warning(p)
  core.info(`Registry site: ${built.data.models.length} model(s), ${built.files} files in ${s.out}`)
  core.info(pagesPrivacyWarning())
  core.setOutput('path', s.out)
  core.setOutput('models', String(built.data.models.length))
}
