import { cp, mkdtemp, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { git } from '../../src/registry/git.js'
import { TUNEGATE_TAGGER } from '../../src/registry/tag-provenance.js'

export const EXAMPLE_REGISTRY = path.resolve(import.meta.dirname, '../../registry')

/** A fresh git repository in a temp folder, optionally holding a copy of the example registry. */
export async function makeRepo(options: { withRegistry?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tunegate-repo-'))
  await git(dir, ['init', '-q', '-b', 'main'])
  await git(dir, ['config', 'user.email', 'test@tunegate.test'])
  await git(dir, ['config', 'user.name', 'Test'])
  await git(dir, ['config', 'commit.gpgsign', 'false'])
  await git(dir, ['config', 'tag.gpgsign', 'false'])
  if (options.withRegistry) {
    await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
    await commitAll(dir, 'example registry')
  } else {
    await writeFile(path.join(dir, 'README.md'), 'test\n')
    await commitAll(dir, 'init')
  }
  return dir
}

/** Stages everything and commits; returns the new commit's sha. */
export async function commitAll(dir: string, message: string): Promise<string> {
  await git(dir, ['add', '-A'])
  await git(dir, ['commit', '-q', '--allow-empty', '-m', message])
  return (await git(dir, ['rev-parse', 'HEAD'])).trim()
}

/** Writes a file (creating folders) inside the repository. */
export async function writeRepoFile(dir: string, file: string, content: string | Buffer): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
  await writeFile(path.join(dir, file), content)
}

/**
 * A tag as Tunegate's promotion writes it: annotated, by Tunegate's tagger, with the message it writes (a stage
 * tag by anyone else is not taken for production); the tagger time in unix seconds when given.
 */
export async function tunegateTag(
  dir: string,
  name: string,
  commit: string,
  message: string,
  seconds?: number
): Promise<void> {
  await git(dir, ['tag', '-a', name, '-m', message, commit], {
    env: {
      GIT_COMMITTER_NAME: TUNEGATE_TAGGER.name,
      GIT_COMMITTER_EMAIL: TUNEGATE_TAGGER.email,
      ...(seconds !== undefined ? { GIT_COMMITTER_DATE: `${seconds} +0000` } : {})
    }
  })
}

/** An annotated tag at a commit with a given tagger time (unix seconds). */
export async function tagAt(dir: string, name: string, commit: string, seconds: number): Promise<void> {
  const date = `${seconds} +0000`
  await git(dir, ['tag', '-a', name, '-m', name, commit], { env: { GIT_COMMITTER_DATE: date } })
}
