// The reusable promote and drift workflows' shape where GitHub, not Tunegate's code, enforces the guarantee:
// concurrency, and which jobs can read the GitHub App's private key.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { actionlint } from '../src/workflows/actionlint.js'
import { workflowFile } from './helpers/workflow-runner.js'

const workflow = async (name: string) => parse(await readFile(workflowFile(name), 'utf8')) as Record<string, unknown>

describe('the promote workflow', () => {
  it('queues every promotion: a third merge does not cancel a pending one', async () => {
    const { concurrency } = await workflow('tunegate-promote.yml')
    expect(concurrency).toMatchObject({ 'cancel-in-progress': false, queue: 'max' })
  })
})

describe("the GitHub App's private key", () => {
  const KEY = /secrets\.(TUNEGATE_APP_PRIVATE_KEY|app-private-key)\b/
  type Job = { environment?: string; steps?: unknown[]; secrets?: unknown }

  it('is read only by the promote and drift jobs, each in an environment that holds it', async () => {
    const readers: string[] = []
    for (const name of ['tunegate.yml', 'tunegate-promote.yml', 'tunegate-drift.yml']) {
      const { jobs } = (await workflow(name)) as { jobs: Record<string, Job> }
      for (const [id, job] of Object.entries(jobs))
        if (KEY.test(JSON.stringify(job.steps ?? []))) {
          readers.push(`${name}:${id}`)
          expect(job.environment, `${name}:${id}`).toMatch(/\S/)
        }
    }
    expect(readers.sort()).toEqual(['tunegate-drift.yml:drift', 'tunegate-promote.yml:promote'])
  })

  it('is never passed from a repository secret by the workflows tunegate init writes', async () => {
    for (const name of ['tunegate-promote.yml', 'tunegate-drift.yml']) {
      const text = await readFile(path.join('templates/workflows', name), 'utf8')
      expect(text, name).not.toMatch(KEY)
      const { jobs } = parse(text) as { jobs: Record<string, Job & { uses?: string }> }
      const caller = Object.values(jobs).find(j => j.uses?.includes(name))!
      expect(caller.secrets, name).toBe('inherit')
    }
  })
})

describe("actionlint and concurrency's queue", () => {
  const lint = (queue: string) =>
    actionlint(
      'q.yml',
      `on: push
permissions: {}
concurrency:
  group: g
  cancel-in-progress: false
  queue: ${queue}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`
    )
  it('accepts single and max', async () => {
    expect(await lint('max')).toEqual([])
    expect(await lint('single # the default')).toEqual([])
  })
  it('reports any other value', async () => {
    expect((await lint('many')).map(f => f.line)).toEqual([6])
  })
})
