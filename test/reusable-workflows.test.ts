// The reusable promote and drift workflows' shape where GitHub, not Tunegate's code, enforces the guarantee:
// concurrency, and which jobs can read the GitHub App's private key.
import { readFile } from 'node:fs/promises'
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
