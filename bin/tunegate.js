#!/usr/bin/env node
// The tunegate CLI. An installed package runs the bundle (dist/cli/index.js, built by scripts/build.mjs);
// a clone with its sources and dev dependencies runs the TypeScript through tsx, so a change needs no build
// (TUNEGATE_CLI=bundle runs the bundle there too).
import { existsSync } from 'node:fs'
import module from 'node:module'

const sources = new URL('../src/cli/tunegate.main.ts', import.meta.url)
if (process.env.TUNEGATE_CLI !== 'bundle' && existsSync(sources) && (await registerTsx())) await import(sources.href)
else {
  // Node 22.1 and later keep V8's compiled code of the bundle on disk: later runs skip most of the parsing.
  module.enableCompileCache?.()
  await import('../dist/cli/index.js')
}

/** Registers tsx's loader; false where tsx is not installed (a package installed from git without its dev tools). */
async function registerTsx() {
  try {
    const { register } = await import('tsx/esm/api')
    register()
    return true
  } catch (e) {
    if (e?.code === 'ERR_MODULE_NOT_FOUND') return false
    throw e
  }
}
