// `tunegate site`: builds the static registry site (pages and their JSON data) into a folder.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { collectSiteData, type CollectOptions, type SiteData } from './site-data.js'
import { indexPage, modelPage, overviewPage } from './site-pages.js'

export interface SiteBuild {
  data: SiteData
  /** The page to open first. */
  index: string
  files: number
}

/**
 * Collects the data through the host and writes `index.html`, `overview.html`, `models/<slug>.html`,
 * `data/site.json` (every model) and `data/models/<slug>.json` (one model each) under `out`.
 */
export async function buildSite({ out, ...collect }: CollectOptions & { out: string }): Promise<SiteBuild> {
  const data = await collectSiteData(collect)
  return writeSite(data, out)
}

/** Writes the pages and data of collected site data under `out` (files already there are replaced). */
export async function writeSite(data: SiteData, out: string): Promise<SiteBuild> {
  await mkdir(path.join(out, 'models'), { recursive: true })
  await mkdir(path.join(out, 'data', 'models'), { recursive: true })
  const write = (rel: string, text: string) => writeFile(path.join(out, rel), text)
  let files = 0
  await write('index.html', indexPage(data))
  await write('overview.html', overviewPage(data))
  await write(path.join('data', 'site.json'), JSON.stringify(data, null, 1) + '\n')
  files += 3
  for (const m of data.models) {
    await write(path.join('models', `${m.slug}.html`), modelPage(m, data))
    await write(path.join('data', 'models', `${m.slug}.json`), JSON.stringify(m, null, 1) + '\n')
    files += 2
  }
  return { data, index: path.join(out, 'index.html'), files }
}
