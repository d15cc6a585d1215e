// The commands of the CLI, each loaded when it runs: `tunegate --help` (and a mistyped command) then loads
// none of them, and starts in a fraction of the time (bench/cli-startup.bench.ts). In the bundle each
// dynamic import becomes its own chunk beside dist/cli/index.js.

type AnyAsync = (...args: never[]) => Promise<unknown>

/** `name` of the module `load` imports, loaded at its first call. */
function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  return (async (...args: never[]) => ((await load())[name] as AnyAsync)(...args)) as M[K]
}

export const registryLint = lazy(() => import('./registry-commands.js'), 'registryLint')
export const registryShow = lazy(() => import('./registry-commands.js'), 'registryShow')
export const validateCommand = lazy(() => import('./validate-command.js'), 'validateCommand')
export const trainCommand = lazy(() => import('./train-command.js'), 'trainCommand')
export const evaluateCommand = lazy(() => import('./evaluate-command.js'), 'evaluateCommand')
export const doctorCommand = lazy(() => import('./doctor-command.js'), 'doctorCommand')
export const initCommand = lazy(() => import('./init-command.js'), 'initCommand')
export const driftCommand = lazy(() => import('./drift-command.js'), 'driftCommand')
export const runBaselineTrainer = lazy(() => import('../training/baseline/trainer.js'), 'runBaselineTrainer')
export const promoteCommand = lazy(() => import('./promote-command.js'), 'promoteCommand')
export const assignCommand = lazy(() => import('./assign-command.js'), 'assignCommand')
export const siteCommand = lazy(() => import('./site-command.js'), 'siteCommand')
