import { main } from './main.js'

// The CLI's entry: bin/tunegate.js loads it (bundled as dist/cli/index.js, or from sources in a clone).
// A reader that stops early (`tunegate registry show | head`) closes the pipe: stop quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e
    process.exit(process.exitCode ?? 0)
  })

process.exitCode = await main(process.argv.slice(2))
