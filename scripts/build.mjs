// Builds one ncc bundle per action folder: actions/<name>/action.yml -> dist/<name>/index.js,
// from the entry src/actions/<name>.main.ts. A new actions/<name>/ is picked up without editing this file.
// Then the CLI: src/cli/tunegate.main.ts -> dist/cli/index.js (what bin/tunegate.js runs from the package),
// with its worker bundle. `node scripts/build.mjs cli` rebuilds the CLI's bundle alone.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync, writeFileSync, renameSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const ncc = path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js')
const actions = readdirSync(path.join(root, 'actions'), { withFileTypes: true })
  .filter(d => d.isDirectory() && existsSync(path.join(root, 'actions', d.name, 'action.yml')))
  .map(d => d.name)
  .sort()

const cliOnly = process.argv[2] === 'cli'
if (process.argv[2] !== undefined && !cliOnly) {
  console.error(`Unknown argument '${process.argv[2]}'. Expected nothing (build everything) or 'cli'.`)
  process.exit(2)
}

rmSync(path.join(root, cliOnly ? 'dist/cli' : 'dist'), { recursive: true, force: true })
for (const name of cliOnly ? [] : actions) {
  const entry = path.join(root, 'src/actions', `${name}.main.ts`)
  if (!existsSync(entry)) {
    console.error(`actions/${name}/action.yml has no entry file src/actions/${name}.main.ts`)
    process.exit(1)
  }
  bundle(entry, path.join(root, 'dist', name))
  // An action's worker-thread entry, when it has one, gets its own (smaller, faster to start) bundle.
  const worker = path.join(root, 'src/actions', `${name}.worker.ts`)
  if (existsSync(worker)) bundle(worker, path.join(root, 'dist', name, 'worker'))
}

bundle(path.join(root, 'src/cli/tunegate.main.ts'), path.join(root, 'dist/cli'))
bundle(path.join(root, 'src/cli/tunegate.worker.ts'), path.join(root, 'dist/cli/worker'))

function bundle(entry, out) {
  const r = spawnSync(
    process.execPath,
    [ncc, 'build', entry, '-o', out, '--license', 'licenses.txt', '--target', 'es2022', '--quiet'],
    { stdio: 'inherit', cwd: root }
  )
  if (r.status !== 0) process.exit(r.status ?? 1)
  // ncc names an ES module bundle index.mjs; action.yml points at index.js, so the folder says "module".
  if (existsSync(path.join(out, 'index.mjs'))) renameSync(path.join(out, 'index.mjs'), path.join(out, 'index.js'))
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n')
  console.log(path.relative(root, path.join(out, 'index.js')))
}
if (actions.length === 0 && !cliOnly) console.log('no actions/<name>/action.yml yet: nothing to bundle')
