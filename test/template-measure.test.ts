import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { validateRegistry } from '../src/data/validate.js'
import { defaultTemplateLimits, TemplateSandbox } from '../src/prompts/sandbox.js'
import { compileTemplate } from '../src/prompts/template.js'
import { withTemplate } from './helpers/template-registry.js'

const sandboxes: TemplateSandbox[] = []
const sandbox = (template: string) => {
  const s = new TemplateSandbox(template, defaultTemplateLimits(1 << 20), 'test template')
  sandboxes.push(s)
  return s
}
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map(s => s.end()))
})

describe('the template sandbox measures renderings for the data checks', () => {
  it('measures the lengths renderAll renders, and sends each distinct row once', async () => {
    const s = sandbox('{{ text | upper }}! {{ 1 / n }}')
    const rows = [
      { text: 'ab', n: 1 },
      { text: 'abc', n: 2 },
      { text: 'ab', n: 1 }
    ]
    const texts = await s.renderAll(rows)
    expect(texts).toEqual([
      { ok: true, text: 'AB! 1.0' },
      { ok: true, text: 'ABC! 0.5' },
      { ok: true, text: 'AB! 1.0' }
    ])
    expect(s.rowsSent).toBe(3)
    const lengths = await s.measureAll(rows)
    expect(lengths).toEqual(texts.map(t => (t.ok ? { ok: true, length: t.text.length } : t)))
    // Two distinct rows crossed to the sandbox; measured again, none does.
    expect(s.rowsSent).toBe(5)
    expect(await s.measureAll([...rows].reverse())).toEqual([...lengths].reverse())
    expect(s.rowsSent).toBe(5)
  })

  it('does not take -0 for 0 (JSON writes both as 0), nor a number for its string', async () => {
    const s = sandbox('{{ 1 / n }}')
    const measured = await s.measureAll([{ n: 0 }, { n: -0 }, { n: '0' }])
    expect(measured[0]).toEqual({ ok: true, length: 'Infinity'.length })
    expect(measured[1]).toEqual({ ok: true, length: '-Infinity'.length })
    // 1 / '0' is an error where 1 / 0 is Infinity.
    expect(measured[2]!.ok).toBe(false)
    expect(await s.measureAll([{ n: -0 }])).toEqual([{ ok: true, length: '-Infinity'.length }])
  })

  it('a failing row is measured as the same failure from the cache', async () => {
    const s = sandbox('{{ text.upper() }}')
    const [first] = await s.measureAll([{ text: 1 }])
    expect(first!.ok).toBe(false)
    expect(await s.measureAll([{ text: 1 }])).toEqual([first])
    expect(s.rowsSent).toBe(1)
  })
})

describe('a row reaches the sandbox with the variables the template names', () => {
  it('names every identifier, a variable read before a set defines it included', () => {
    const compiled = compileTemplate("{{ text.upper() }}{% set text = 'x' %}{% for t in tags %}{{ t }}{% endfor %}")
    if (!compiled.ok) throw new Error(compiled.message)
    expect(compiled.prompt.used).toEqual(new Set(['tags']))
    expect([...compiled.prompt.names]).toEqual(expect.arrayContaining(['text', 'tags']))
  })

  it('validate renders a template that reads a row variable before setting it, without a render error', async () => {
    const dir = await withTemplate(
      "{{ product_name.upper() }} {{ brand }} {{ sku }} {{ color }} {{ material }} {{ price }} {{ availability }} {{ rating }} {{ review_count }}{% set product_name = 'x' %}"
    )
    const r = await validateRegistry({ registryDir: path.join(dir, 'registry'), displayBase: dir })
    const sm = r.models.find(m => m.model === 'schema-markup')!
    expect(sm.data.prompt.rendered).toBeGreaterThan(0)
    expect(sm.data.problems.filter(p => p.message.includes('the prompt template fails'))).toEqual([])
    expect(sm.data.prompt.renderErrors).toBe(0)
  })
})
