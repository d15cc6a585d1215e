import { readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [
    {
      // @actions/workflow-parser ships source maps that point at sources it does not ship: drop the
      // references so Vite does not print a warning per file.
      name: 'workflow-parser-without-maps',
      enforce: 'pre',
      load(id) {
        if (!/@actions\/workflow-parser\/.*\.js$/.test(id)) return undefined
        return { code: readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, ''), map: null }
      }
    }
  ],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests spawn git and bundled actions; two workers match CI's two cores.
    maxWorkers: 2,
    // @actions/workflow-parser imports its JSON schema without an import attribute, which Node refuses:
    // let Vite transform it.
    server: { deps: { inline: ['@actions/workflow-parser'] } }
  }
})
