import { createWriteStream } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import yazl from 'yazl'
import { runEvaluation } from '../../src/evaluation/evaluate.js'
import { LocalHost } from '../../src/host/local-host.js'
import { git } from '../../src/registry/git.js'
import { attemptArtifactName } from '../../src/constants.js'
import { trainModel, trainArtifactName, trainReleaseAssetName } from '../../src/training/train.js'
import { commitAll, makeRepo, writeRepoFile } from './git-repo.js'
import type { GitHubStandIn } from '../github/stand-in.js'
import { runAction } from './run-action.js'

/** Zips a folder (as the artifact service stores an artifact). */
export async function zipFolder(dir: string): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  const walk = async (rel: string) => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.posix.join(rel, e.name)
      if (e.isDirectory()) await walk(r)
      else zip.addFile(path.join(dir, r), r)
    }
  }
  await walk('')
  zip.end()
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'tg-zip-')), 'a.zip')
  await pipeline(zip.outputStream, createWriteStream(out))
  return readFile(out)
}

export interface PromotionFixture {
  repo: string
  base: string
  head: string
  merge: string
  model: string
  /** The trainer's outputs and the evaluation record of the head commit. */
  runDir: string
  record: Record<string, unknown>
  /** The names the evaluate and train steps upload under in a run's first attempt. */
  recordArtifact: string
  trainArtifact: string
  /** The release asset of the training outputs. */
  trainAsset: string
}

/**
 * A repository with the example registry cut to content-classifier (tier low, here with head-commit approvals
 * and an environment), a pull request's head commit, its merge commit (checked out), and the model trained
 * (baseline) and evaluated at the head commit — what the pull request's jobs would have uploaded.
 */
export async function promotionFixture(): Promise<PromotionFixture> {
  const repo = await makeRepo({ withRegistry: true })
  await rm(path.join(repo, 'registry/models/seo-writer'), { recursive: true })
  await rm(path.join(repo, 'registry/models/schema-markup'), { recursive: true })
  const yamlFile = path.join(repo, 'registry/registry.yaml')
  const yaml = (await readFile(yamlFile, 'utf8')).replace(
    '    landing_stage: production\n',
    '    landing_stage: production\n    head_commit_approvals: true\n    environment: model-production\n'
  )
  await writeFile(yamlFile, yaml)
  await writeRepoFile(repo, '.gitignore', '.tunegate/\n')
  const base = await commitAll(repo, 'registry with content-classifier')
  await writeRepoFile(repo, 'NOTES.md', 'a pull request\n')
  const head = await commitAll(repo, 'pull request head')
  const tree = (await git(repo, ['rev-parse', `${head}^{tree}`])).trim()
  const merge = (await git(repo, ['commit-tree', tree, '-p', base, '-p', head, '-m', 'Merge pull request #1'])).trim()
  await git(repo, ['checkout', '-q', merge])
  const model = 'content-classifier'
  const work = await mkdtemp(path.join(tmpdir(), 'tg-promote-fixture-'))
  const trained = await trainModel({
    registryDir: path.join(repo, 'registry'),
    model,
    workDir: path.join(work, 'runs')
  })
  const outcome = await runEvaluation({
    registryDir: path.join(repo, 'registry'),
    model,
    host: new LocalHost(path.join(work, 'state'), repo),
    workDir: path.join(work, 'evaluate'),
    runDir: trained.outputDir
  })
  if ((await stat(outcome.recordFile)).size === 0) throw new Error('no record')
  return {
    repo,
    base,
    head,
    merge,
    model,
    runDir: trained.outputDir,
    record: JSON.parse(await readFile(outcome.recordFile, 'utf8')) as Record<string, unknown>,
    recordArtifact: attemptArtifactName(
      `tunegate-evaluation-${model}-${outcome.record.evaluation_fingerprint.slice(0, 32)}`,
      1
    ),
    trainArtifact: attemptArtifactName(trainArtifactName(model, trained.identity.training_fingerprint), 1),
    trainAsset: trainReleaseAssetName(model, trained.identity.training_fingerprint)
  }
}

/** The record as an artifact zip (one JSON file, as the evaluate action uploads it). */
export async function recordZip(f: PromotionFixture, record: unknown = f.record): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-record-'))
  await writeFile(path.join(dir, `evaluation-${f.model}.json`), JSON.stringify(record, null, 2))
  return zipFolder(dir)
}

/** The promote action as the promote run 4242 starts it, on the `closed` event of the fixture's merged pull request #1. */
export function promoteMergedPull(f: PromotionFixture, apiUrl: string) {
  return runAction('promote', {
    cwd: f.repo,
    inputs: {
      registry: 'registry',
      token: 'app-token',
      action: 'promote',
      model: '',
      stage: '',
      version: '',
      'pull-request-wait-seconds': '0'
    },
    event: {
      action: 'closed',
      pull_request: { number: 1, merged: true, merge_commit_sha: f.merge },
      repository: { default_branch: 'main' }
    },
    env: { GITHUB_API_URL: apiUrl, GITHUB_EVENT_NAME: 'pull_request', GITHUB_ACTOR: 'dana', GITHUB_RUN_ID: '4242' }
  })
}

/** The fixture's pull request #1 as GitHub shows it once merged: alice's, approved by bob at its head. */
export function seedMergedPull(gh: GitHubStandIn, f: PromotionFixture) {
  return gh.seedPull({
    number: 1,
    author: 'alice',
    state: 'closed',
    merged: true,
    mergeCommitSha: f.merge,
    head: { ref: 'more-data', sha: f.head },
    base: { ref: 'main', sha: f.base },
    reviews: [{ user: 'bob', state: 'APPROVED', commit_id: f.head }]
  })
}
