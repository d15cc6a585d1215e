import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { condition, substitute, asString, type Value } from './helpers/workflow-expressions.js'

interface Step {
  if?: string | boolean
  run?: string
  uses?: string
}

const repositoryContext = (isPrivate: boolean) => ({
  github: { event: { repository: { private: isPrivate } } } as Value
})

/** Walks the export job of the drift template as the runner does: each step's `if:`, and its script run. */
async function exportJob(isPrivate: boolean): Promise<{ ran: string[]; output: string }> {
  const w = parse(await readFile('templates/workflows/tunegate-drift.yml', 'utf8')) as {
    jobs: { export: { steps: Step[] } }
  }
  const ctx = repositoryContext(isPrivate)
  const status = { failed: false, cancelled: false }
  const ran: string[] = []
  let output = ''
  for (const step of w.jobs.export.steps) {
    if (!condition(step.if, ctx, status)) continue
    ran.push(step.uses?.split('@')[0] ?? 'run')
    if (step.run !== undefined) {
      const r = spawnSync('bash', ['-e', '-c', asString(substitute(step.run, ctx))], { encoding: 'utf8' })
      output += r.stdout + r.stderr
      if (r.status !== 0) status.failed = true
    }
  }
  return { ran, output }
}

describe('the drift template', () => {
  it('uploads no production samples as an artifact of a public repository, and says why', async () => {
    const pub = await exportJob(false)
    expect(pub.ran).toEqual(['run'])
    expect(pub.output).toContain('::error::This repository is public: a workflow artifact of production samples')
    // A private repository gets the export step (still to be set up) and then the upload.
    const priv = await exportJob(true)
    expect(priv.output).toContain('::error::Set up the export step')
    expect(priv.ran).toEqual(['run'])
    const w = parse(await readFile('templates/workflows/tunegate-drift.yml', 'utf8')) as {
      jobs: { export: { steps: Step[] } }
    }
    const upload = w.jobs.export.steps.find(s => s.uses?.startsWith('actions/upload-artifact'))!
    // Once the export step is set up, the upload runs only in a private repository.
    for (const isPrivate of [true, false])
      expect(condition(upload.if, repositoryContext(isPrivate), { failed: false, cancelled: false })).toBe(isPrivate)
  })
})
