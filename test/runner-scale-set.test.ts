import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { affectedModels, matrixJson } from '../src/registry/changes.js'
import { loadRegistry } from '../src/registry/loader.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'

const SPEC = 'registry/models/schema-markup/model.yaml'

/** The example registry with schema-markup's `runner:` line replaced. */
async function withRunner(runnerLine: string) {
  const repo = await makeRepo({ withRegistry: true })
  const file = path.join(repo, SPEC)
  const text = await readFile(file, 'utf8')
  expect(text).toContain('  runner: [self-hosted, gpu]\n')
  await writeFile(file, text.replace('  runner: [self-hosted, gpu]\n', `${runnerLine}\n`))
  return repo
}

async function problems(repo: string) {
  const reg = await loadRegistry(path.join(repo, 'registry'), { displayBase: repo })
  return { reg, errors: reg.problems.filter(p => p.severity === 'error') }
}

describe('training.runner: a scale set name or a label set', () => {
  it('accepts a plain string as one runs-on name, and the train matrix carries the string', async () => {
    const repo = await withRunner('  runner: arc-gpu-runners')
    const base = await commitAll(repo, 'scale set')
    const { reg, errors } = await problems(repo)
    expect(errors).toEqual([])
    expect(reg.models.find(m => m.spec.name === 'schema-markup')!.spec.training.runner).toBe('arc-gpu-runners')
    const file = path.join(repo, SPEC)
    await writeFile(file, (await readFile(file, 'utf8')).replace('seed: 11', 'seed: 12'))
    await commitAll(repo, 'touch schema-markup')
    const affected = await affectedModels((await problems(repo)).reg, base, 'HEAD')
    expect(JSON.parse(matrixJson(affected))).toEqual({
      include: [{ model: 'schema-markup', spec: SPEC, runner: 'arc-gpu-runners' }]
    })
  })

  it('keeps label sets working, and the default', async () => {
    const repo = await withRunner('  runner: [self-hosted, linux, a100]')
    const { reg, errors } = await problems(repo)
    expect(errors).toEqual([])
    expect(reg.models.find(m => m.spec.name === 'schema-markup')!.spec.training.runner).toEqual([
      'self-hosted',
      'linux',
      'a100'
    ])
    const none = await withRunner('')
    const loaded = await problems(none)
    expect(loaded.reg.models.find(m => m.spec.name === 'schema-markup')!.spec.training.runner).toEqual([
      'self-hosted',
      'gpu'
    ])
  })

  it.each([
    ['  runner: 42', /expected a runner scale set name \(runner: arc-gpu-runners\) or a list of labels/],
    ['  runner: []', /expected a runner scale set name .* or a list of labels/],
    ["  runner: ''", /expected a non-empty label/],
    ['  runner: self-hosted, gpu', /'self-hosted, gpu' is not one label \(no spaces or commas\)/],
    ['  runner: [self-hosted, 7]', /expected a runner scale set name .* or a list of labels/],
    ['  runner: {name: arc}', /expected a runner scale set name .* or a list of labels/]
  ])('refuses %s with the file, the line and the forms it takes', async (line, message) => {
    const repo = await withRunner(line)
    const { errors } = await problems(repo)
    expect(errors).toHaveLength(1)
    expect(errors[0]!.file).toBe(SPEC)
    expect(errors[0]!.line).toBe(28)
    expect(errors[0]!.message).toMatch(message)
  })
})
