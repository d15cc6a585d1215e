import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkModelData } from '../src/data/dataset-check.js'
import { validateRegistry } from '../src/data/validate.js'
import { loadRegistry, loadRegistryModel } from '../src/registry/loader.js'
import { materialise } from '../src/training/materialise.js'
import { withTemplate } from './helpers/template-registry.js'

// Small limits keep these tests quick; the defaults are 2 s and 128 MiB or more.
beforeAll(() => {
  process.env.TUNEGATE_TEMPLATE_TIME_MS = '500'
  process.env.TUNEGATE_TEMPLATE_MEMORY_MB = '96'
})
afterAll(() => {
  delete process.env.TUNEGATE_TEMPLATE_TIME_MS
  delete process.env.TUNEGATE_TEMPLATE_MEMORY_MB
})

const nestedLoops =
  '{{ product_name }} {{ brand }} {{ sku }} {{ color }} {{ material }} {{ price }} {{ availability }} {{ rating }} {{ review_count }}' +
  '{% for i in range(10000) %}{% for j in range(10000) %}.{% endfor %}{% endfor %}'
const recursiveMacro =
  '{{ product_name }} {{ brand }} {{ sku }} {{ color }} {{ material }} {{ price }} {{ availability }} {{ rating }} {{ review_count }}' +
  '{% macro m(n) %}{% if n > 0 %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(60) }}'
const hugeIndent =
  '{{ product_name }} {{ brand }} {{ sku }} {{ color }} {{ material }} {{ price }} {{ availability }} {{ rating }} {{ review_count }}' +
  '{{ [1, 2, 3, 4] | tojson(indent=100000000) }}'
// Doubling a string 23 times: 8 Mi characters, built as a rope in 23 steps (microseconds), past the output
// limit of 4 × max_line_bytes (4 MiB) — a runaway output no static check sees, stopped by the sandbox's
// output limit long before any time limit, however loaded the machine.
const doubledRope =
  '{{ product_name }} {{ brand }} {{ sku }} {{ color }} {{ material }} {{ price }} {{ availability }} {{ rating }} {{ review_count }}' +
  "{% set ns = namespace(s='x') %}{% for i in range(23) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"

describe('a prompt template that never ends or fills memory is stopped at its limit', () => {
  for (const [name, template, limit] of [
    ['nested loops', nestedLoops, 'time limit of 500 ms'],
    ['a macro that calls itself twice per level', recursiveMacro, 'time limit of 500 ms'],
    ['a string doubled 23 times', doubledRope, 'output limit of 4194304'],
    [
      'the doubled string | upper',
      doubledRope.replace('{{ ns.s }}', '{{ ns.s | upper }}'),
      '(memory limit of 96 MiB|time limit of 500 ms|output limit of 4194304)'
    ] // whichever comes first
  ] as const) {
    it(`validate: ${name} is an error naming the template's file and line`, async () => {
      const dir = await withTemplate(template)
      const r = await validateRegistry({ registryDir: path.join(dir, 'registry'), displayBase: dir })
      expect(r.valid).toBe(false)
      const problems = r.models.flatMap(m => m.data.problems).filter(p => p.message.includes('limit'))
      expect(problems[0]).toMatchObject({
        file: 'registry/datasets/schema-markup/eval.jsonl',
        line: 1,
        severity: 'error',
        message: expect.stringMatching(limit)
      })
      expect(problems[0]).toMatchObject({
        message: expect.stringContaining('the prompt template (registry/prompts/schema-markup.yaml:5) ')
      })
    }, 120_000) // the template's own limits end it; this bound only ends a hang
  }

  it('validate: a literal tojson(indent=100000000) is refused before any row renders, naming the template', async () => {
    const dir = await withTemplate(hugeIndent)
    const r = await validateRegistry({ registryDir: path.join(dir, 'registry'), displayBase: dir })
    expect(r.valid).toBe(false)
    const problems = r.models.flatMap(m => m.data.problems).filter(p => p.message.includes('tojson(indent='))
    expect(problems).toEqual([
      {
        file: 'registry/prompts/schema-markup.yaml',
        line: 5,
        column: 1,
        severity: 'error',
        message:
          "'tojson(indent=100000000)' in a prompt template pads each line with that many spaces; expected at most 10000"
      }
    ])
  }, 30_000)

  it('checked in ranges on worker threads (their renders go to one sandbox), each range stops at the limit', async () => {
    const dir = await withTemplate(nestedLoops)
    const registry = await loadRegistry(path.join(dir, 'registry'), { displayBase: dir })
    const model = registry.models.find(m => m.spec.name === 'schema-markup')!
    const r = await checkModelData(model, registry.config!, {
      parallelMinBytes: 100_000,
      rangeBytes: 128 * 1024,
      threads: 2
    })
    const limits = r.problems.filter(p => p.message.includes('time limit of 500 ms'))
    const train = limits.filter(p => p.file === 'registry/datasets/schema-markup/train.jsonl')
    // The train file (about 250 kB) is two ranges: each renders from its first row and stops there — one cause,
    // reported once with its two rows (validate gives one error per cause with the rows it affects).
    expect(train.length).toBe(1)
    expect(train[0]!.line).toBe(1)
    expect(train[0]!.rows).toBe(2)
    expect(train[0]!.message).toMatch(/ — in 2 rows \(lines 1, \d+\)$/)
    for (const p of limits) expect(p.message).toContain('the prompt template (registry/prompts/schema-markup.yaml:5) ')
    expect(r.prompt.renderErrors).toBe(limits.reduce((n, p) => n + (p.rows ?? 1), 0))
  }, 120_000)

  it('train data preparation stops at the row and names the template', async () => {
    const dir = await withTemplate(nestedLoops)
    const { registry, model } = await loadRegistryModel(path.join(dir, 'registry'), 'schema-markup')
    const out = await mkdtemp(path.join(tmpdir(), 'tg-mat-'))
    await expect(
      materialise(model, registry.config.policy.max_line_bytes, path.join(out, 't.jsonl'), path.join(out, 'e.jsonl'))
    ).rejects.toThrow(
      /datasets\/schema-markup\/train.jsonl:1: the prompt template \(.*prompts\/schema-markup.yaml:5\) ran past its time limit/
    )
  }, 120_000)
})
