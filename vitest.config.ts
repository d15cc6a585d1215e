import { defineConfig } from 'vitest/config'

export default defineConfig({
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
