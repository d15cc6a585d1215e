#!/usr/bin/env node
// The tunegate CLI: runs the TypeScript sources through tsx so a fresh clone needs no build step.
import { register } from 'tsx/esm/api'

// A reader that stops early (`tunegate registry show | head`) closes the pipe: stop quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', e => {
    if (e.code !== 'EPIPE') throw e
    process.exit(process.exitCode ?? 0)
  })

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
