import { ConfigurationError } from '../errors.js'
import type { Host } from '../registry/host.js'

export interface AssetFile {
  name: string
  path: string
  sha256: string
  contentType?: string
}

/**
 * Publishes a version's release the way GitHub's immutable releases need: a draft (an existing draft is
 * resumed), every asset uploaded (one already there with the same bytes is kept), each asset's server-side
 * digest checked against SHA256SUMS, then published — last and once. A release that is already published is
 * left alone when its assets are the expected ones, and is an error otherwise; it is never changed.
 */
export async function publishRelease(
  host: Host,
  { tag, title, body, assets }: { tag: string; title: string; body: string; assets: AssetFile[] },
  log: (m: string) => void = () => undefined
): Promise<{ url: string; state: 'published' | 'already published' }> {
  const existing = await host.getRelease(tag)
  if (existing && !existing.draft) {
    const wrong = checkDigests(existing.assets, assets)
    if (wrong.length)
      throw new ConfigurationError(
        `Release ${tag} is already published with other assets (${wrong.join('; ')}); a published release is never changed.`
      )
    log(`Release ${tag} is already published with the expected assets; left alone`)
    return { url: existing.url, state: 'already published' }
  }
  const draft = await host.createDraftRelease(tag, title, body)
  log(`${existing ? 'Resuming the draft' : 'Created the draft'} release ${tag}`)
  for (const a of assets) {
    await host.uploadReleaseAsset(draft, {
      name: a.name,
      path: a.path,
      ...(a.contentType ? { contentType: a.contentType } : {})
    })
  }
  const stored = await host.listReleaseAssets(draft)
  const wrong = checkDigests(stored, assets)
  const extra = stored.filter(s => !assets.some(a => a.name === s.name)).map(s => s.name)
  if (extra.length) wrong.push(`unexpected asset(s) ${extra.join(', ')}`)
  if (wrong.length)
    throw new ConfigurationError(
      `Release ${tag} was not published: its assets do not match SHA256SUMS (${wrong.join('; ')}). Delete the draft's wrong assets and re-run.`
    )
  log(`Every asset's server-side digest matches SHA256SUMS (${stored.length} assets)`)
  const url = await host.publishRelease(draft)
  return { url, state: 'published' }
}

/** The expected assets that the server lacks or stores with another digest. */
function checkDigests(stored: { name: string; digest?: string }[], expected: AssetFile[]): string[] {
  const wrong: string[] = []
  for (const a of expected) {
    const s = stored.find(x => x.name === a.name)
    if (!s) wrong.push(`${a.name} missing`)
    else if (!s.digest) wrong.push(`${a.name}: the server reports no digest to check`)
    else if (s.digest !== `sha256:${a.sha256}`)
      wrong.push(`${a.name}: server digest ${s.digest}, expected sha256:${a.sha256}`)
  }
  return wrong
}
