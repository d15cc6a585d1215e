import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runAction as runActionMain } from '../src/actions/common.js'
import { ConfigurationError } from '../src/errors.js'
import { actionManifest, runAction } from './helpers/run-action.js'

/** What the wrapper writes to stdout (the runner's workflow commands) while `work` runs, and the exit code set. */
async function captured(work: () => Promise<void>): Promise<{ stdout: string; exitCode: typeof process.exitCode }> {
  const write = process.stdout.write.bind(process.stdout)
  let stdout = ''
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    return true
  }) as typeof process.stdout.write
  try {
    await runActionMain(work)
  } finally {
    process.stdout.write = write
  }
  return { stdout, exitCode: process.exitCode }
}

afterEach(() => {
  process.exitCode = undefined
})

describe("the actions' wrapper", () => {
  it("fails the step with a user's mistake's plain message, without a stack", async () => {
    const r = await captured(async () => {
      throw new ConfigurationError("Invalid retention-days 'abc'. Expected a whole number of days from 1 to 90.")
    })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toBe("::error::Invalid retention-days 'abc'. Expected a whole number of days from 1 to 90.\n")
  })

  it('fails the step for a bug with its message, and logs its stack for the bug report', async () => {
    const r = await captured(async () => {
      const settings = undefined as unknown as { registry: string }
      void settings.registry
    })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/^::error::tunegate: internal error: Cannot read properties of undefined/)
    expect(r.stdout).toContain('This is a bug in tunegate')
    // The stack names the line that failed: this test file.
    expect(r.stdout).toMatch(/TypeError: Cannot read properties of undefined[^]*at .*action-failure\.test\.ts:\d+/)
  })

  it('reports a thrown non-Error too', async () => {
    const r = await captured(() => Promise.reject({ status: 500 }))
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain('::error::tunegate: internal error: Unexpected error: {"status":500}')
  })

  it('leaves a step that succeeds alone', async () => {
    const r = await captured(async () => undefined)
    expect(r.exitCode).toBeUndefined()
    expect(r.stdout).toBe('')
  })
})

describe('invalid action inputs are the user’s mistakes', () => {
  const cases: [string, Record<string, string>, string][] = [
    [
      'train',
      { registry: 'registry', model: 'm', force: 'false', upload: 'false', 'retention-days': '7.5' },
      "Invalid retention-days '7.5'. Expected a whole number of days from 1 to 90."
    ],
    ['train', { registry: 'registry', model: 'm', force: 'yes' }, "Invalid force 'yes'. Expected true or false."],
    [
      'validate',
      { registry: '', comment: 'true' },
      "Input 'registry' is required and was not supplied. Set it in the step's 'with:'."
    ],
    [
      'evaluate',
      {
        ...{ registry: 'registry', model: 'm', token: 't', comment: 'false', status: 'false', 'fail-on-gate': 'true' },
        ...{ endpoint: 'http://127.0.0.1:1/v1', 'endpoint-api': 'chat', 'endpoint-model': 'x' },
        'endpoint-concurrency': '0'
      },
      "Invalid endpoint-concurrency '0'. Expected a whole number from 1 to 256."
    ],
    [
      'evaluate',
      {
        registry: 'registry',
        model: 'm',
        token: 't',
        comment: 'false',
        status: 'false',
        'fail-on-gate': 'true',
        endpoint: 'ftp://x'
      },
      "Invalid endpoint 'ftp://x'. Expected the base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1."
    ]
  ]
  it.each(cases.map(([name, inputs, message]) => ({ name, inputs, message })))(
    '$name: $message',
    async ({ name, inputs, message }) => {
      const cwd = await mkdtemp(path.join(tmpdir(), 'tg-inputs-'))
      const run = await runAction(name, { cwd, inputs })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(`::error::${message}\n`)
      expect(run.stdout).not.toContain('internal error')
      expect(run.stdout).not.toMatch(/^\s+at /m)
      expect(run.stderr).toBe('')
    }
  )
})

describe('a missing required input', () => {
  // Every action with its action.yml defaults, as the runner fills them in, and one required input emptied:
  // each goes through the same entry and input helpers, so each says the same thing.
  const cases: [string, string][] = [
    ['validate', 'registry'],
    ['train', 'registry'],
    ['evaluate', 'registry'],
    ['report', 'jobs'],
    ['promote', 'registry'],
    ['drift', 'registry']
  ]
  it.each(cases.map(([name, input]) => ({ name, input })))(
    '$name without $input says so the way every action does',
    async ({ name, input }) => {
      const cwd = await mkdtemp(path.join(tmpdir(), 'tg-missing-'))
      const { defaults } = await actionManifest(name)
      const inputs = { ...defaults, model: 'm', samples: 'samples.jsonl', [input]: '' }
      const run = await runAction(name, { cwd, inputs, env: { GITHUB_REF_NAME: 'main' } })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        `::error::Input '${input}' is required and was not supplied. Set it in the step's 'with:'.\n`
      )
      expect(run.stdout.match(/^::error::/gm)).toHaveLength(1)
      expect(run.stdout).not.toContain('internal error')
      expect(run.stdout).not.toMatch(/^\s+at /m)
      expect(run.stderr).toBe('')
    }
  )
})
