import { mkdtemp, mkdir, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { git } from '../../src/registry/git.js'
import { DRIFT_MODEL, shiftedSamples, unshiftedSamples } from './drift-data.js'
import { commitAll, makeRepo, tunegateTag, writeRepoFile } from './git-repo.js'

/** Git and git-lfs as a test runs them: no prompt, and no user-level or system LFS setup assumed. */
const LFS_ENV = { GIT_LFS_SKIP_SMUDGE: '1' }

/**
 * The example registry with every dataset in Git LFS (real git-lfs), content-classifier v1.0.0 in
 * production at that commit, pushed with its LFS objects to a bare repository on disk (git-lfs's
 * file:// transfer), whose path is `remote`.
 */
export async function lfsRemote(): Promise<{ remote: string; productionSha: string }> {
  const work = await makeRepo({ withRegistry: true })
  await git(work, ['lfs', 'install', '--local'])
  await writeRepoFile(work, '.gitattributes', 'registry/datasets/**/*.jsonl filter=lfs diff=lfs merge=lfs -text\n')
  await git(work, ['add', '--renormalize', '.'])
  const productionSha = await commitAll(work, 'datasets in Git LFS')
  await git(work, ['tag', '-a', `${DRIFT_MODEL}@v1.0.0`, '-m', 'register', productionSha], {
    env: { GIT_COMMITTER_DATE: '1700000000 +0000' }
  })
  await tunegateTag(
    work,
    `${DRIFT_MODEL}#production#1`,
    productionSha,
    `${DRIFT_MODEL} v1.0.0 lands in production`,
    1700000001
  )
  const remote = path.join(await mkdtemp(path.join(tmpdir(), 'tunegate-lfs-remote-')), 'origin.git')
  await git(path.dirname(remote), ['init', '-q', '--bare', remote])
  await git(remote, ['symbolic-ref', 'HEAD', 'refs/heads/main'])
  await git(work, ['remote', 'add', 'origin', remote])
  // The pre-push hook that `git lfs install --local` wrote uploads the objects to origin's LFS store.
  await git(work, ['push', '-q', 'origin', 'main', '--tags'])
  return { remote, productionSha }
}

/**
 * A clone of the remote as actions/checkout makes it: with `lfs: false`, the data files are pointers;
 * with `lfs: true` (`smudged`), git lfs pull fetches and checks out their content. Samples for drift
 * are written beside the registry (untracked).
 */
export async function lfsClone(remote: string, options: { smudged: boolean }): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'tunegate-lfs-clone-')), 'repo')
  await git(path.dirname(dir), ['clone', '-q', remote, dir], { env: LFS_ENV })
  await git(dir, ['config', 'user.email', 'test@tunegate.test'])
  await git(dir, ['config', 'user.name', 'Test'])
  await git(dir, ['config', 'commit.gpgsign', 'false'])
  await git(dir, ['lfs', 'install', '--local'])
  if (options.smudged) await git(dir, ['lfs', 'pull'])
  await writeRepoFile(dir, 'samples/shifted.jsonl', shiftedSamples(150))
  if (options.smudged) await writeRepoFile(dir, 'samples/unshifted.jsonl', await unshiftedSamples(dir))
  return dir
}

/** A PATH under which git runs but git-lfs cannot be found (git's own helpers are in its exec path). */
export async function pathWithoutGitLfs(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'tunegate-no-lfs-')), 'bin')
  await mkdir(dir)
  const gitBinary = (await git(tmpdir(), ['--exec-path'])).trim()
  await symlink(path.join(gitBinary, 'git'), path.join(dir, 'git'))
  return dir
}
