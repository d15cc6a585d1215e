import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { EVALUATION_ASSET } from '../evaluation/production.js'
import { fileDigest, sha256 } from '../registry/digest.js'
import type { PullRequestInfo } from '../registry/host.js'
import type { RunManifest } from '../training/contract.js'
import { trainReleaseAssetName } from '../training/train.js'
import { MAX_ASSET_BYTES, sha256sums, splitFile, zipOutputs } from './archive.js'
import { buildLineage, buildManifest, modelFiles, MANIFEST_ASSET, type ReleaseManifest } from './manifest.js'
import { modelCard } from './model-card.js'
import type { ModelPromotion } from './promote-context.js'
import type { NextVersion } from './promote-version.js'
import { releasedOutputs } from './released-outputs.js'
import type { AssetFile } from './release.js'
import type { Evidence } from './verify.js'

/**
 * The release's assets, byte-identical on a re-run: the model card, the release manifest, the evaluation record,
 * the training outputs' archive (split into parts past `maxAssetBytes`) and SHA256SUMS over all of them.
 */
export async function releaseAssets({
  promotion: { name, model, identity, fp },
  registryRoot,
  evidence,
  next: { version, bump, tag, taggedAt, parent },
  commit,
  pullRequest: pr,
  approvers,
  workDir,
  maxAssetBytes
}: {
  promotion: ModelPromotion
  registryRoot: string
  evidence: Evidence
  next: NextVersion
  commit: string
  pullRequest: PullRequestInfo | undefined
  approvers: string[]
  workDir: string
  maxAssetBytes: number | undefined
}): Promise<{ assets: AssetFile[]; manifest: ReleaseManifest; card: string }> {
  const run = JSON.parse(await readFile(path.join(evidence.runDir, 'run.json'), 'utf8')) as RunManifest
  const archiveName = trainReleaseAssetName(name, fp)
  const archivePath = path.join(workDir, archiveName)
  const repoRoot = path.dirname(path.resolve(registryRoot))
  const lineage = buildLineage({
    model,
    identity,
    files: await modelFiles(model, repoRoot),
    choice: { version, bump: bump.level, reason: bump.reason },
    tag,
    commit,
    registeredAt: taggedAt,
    parent,
    pullRequest: pr ? { number: pr.number, url: pr.url, author: pr.author, head_sha: pr.headSha, approvers } : null,
    run,
    record: evidence.record
  })
  const card = modelCard(model, lineage, evidence.record)
  // The archive carries the card, the registry's base model and the label names, whatever the trainer left.
  const released = await releasedOutputs(evidence.runDir, model.spec, card)
  const archive = await zipOutputs(evidence.runDir, archivePath, released)
  const maxBytes = maxAssetBytes ?? MAX_ASSET_BYTES
  const parts = archive.bytes > maxBytes ? await splitFile(archivePath, maxBytes) : []
  const releasedRun = released.get('run.json')
  const manifest = buildManifest(
    lineage,
    releasedRun ? (JSON.parse(releasedRun.toString('utf8')) as RunManifest).outputs : run.outputs,
    {
      name: archiveName,
      sha256: archive.sha256,
      bytes: archive.bytes,
      parts: parts.map(p => ({ name: p.name, sha256: p.sha256, bytes: p.bytes }))
    }
  )
  const write = async (file: string, text: string): Promise<AssetFile> => {
    const p = path.join(workDir, file)
    await writeFile(p, text)
    return { name: file, path: p, sha256: sha256(text) }
  }
  const assets: AssetFile[] = [
    { ...(await write('README.md', card)), contentType: 'text/markdown' },
    { ...(await write(MANIFEST_ASSET, JSON.stringify(manifest, null, 2) + '\n')), contentType: 'application/json' },
    {
      ...(await write(EVALUATION_ASSET, JSON.stringify(evidence.record, null, 2) + '\n')),
      contentType: 'application/json'
    },
    ...(parts.length
      ? parts.map(p => ({ name: p.name, path: p.path, sha256: p.sha256 }))
      : [
          {
            name: archiveName,
            path: archivePath,
            sha256: await fileDigest(archivePath),
            contentType: 'application/zip'
          }
        ])
  ]
  // SHA256SUMS lists every asset, and for a split archive the whole archive too (checked after joining).
  const sums = sha256sums([
    ...assets.map(a => ({ name: a.name, sha256: a.sha256 })),
    ...(parts.length ? [{ name: archiveName, sha256: archive.sha256 }] : [])
  ])
  assets.push({ ...(await write('SHA256SUMS', sums)), contentType: 'text/plain' })
  return { assets, manifest, card }
}
