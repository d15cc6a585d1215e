// `npm pack` / `npm publish` (prepack): records in release.json which Tunegate the package is, so that
// `tunegate init` run from the installed package pins the adopter's workflows to this very commit
// (an installed package has no .git to ask). The package's version names the release tag, v<version>.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()

if (!existsSync(path.join(root, 'dist/cli/index.js'))) {
  console.error('dist/cli/index.js is missing: run `npm run build` (or `node scripts/build.mjs cli`) before packing.')
  process.exit(1)
}
const repository = /github\.com[/:]([^/]+\/[^/.]+)(\.git)?$/.exec(pkg.repository?.url ?? '')?.[1]
if (!repository) {
  console.error(`package.json's repository.url '${pkg.repository?.url}' is not a GitHub repository.`)
  process.exit(1)
}
const commit = git('rev-parse', 'HEAD')
const tag = `v${pkg.version}`
// Packed from the release tag, the pin's comment names it; from another commit, what git describe says.
const version = git('tag', '--points-at', 'HEAD').split('\n').includes(tag)
  ? tag
  : git('describe', '--tags', '--always', 'HEAD')
if (version !== tag) console.warn(`release.json: HEAD is not tagged ${tag}; init will pin ${commit} (${version}).`)
if (git('status', '--porcelain', '--untracked-files=no'))
  console.warn(`release.json: the work tree has uncommitted changes; the workflows pin ${commit} as committed.`)
writeFileSync(path.join(root, 'release.json'), JSON.stringify({ repository, commit, version }, null, 2) + '\n')
console.log(`release.json: ${repository}@${commit} (${version})`)
