// A plain-substitution template (text and `{{ name }}` only) renders a row of strings by joining them: validation
// measures such rows without the sandbox process. These tests hold that to the template engine's own rendering.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkModelData } from '../src/data/dataset-check.js'
import { compileTemplate, render, renderPlain, type CompiledPrompt } from '../src/prompts/template.js'
import { loadRegistry } from '../src/registry/loader.js'
import { EXAMPLE_REGISTRY } from './helpers/git-repo.js'

const compiled = (source: string): CompiledPrompt => {
  const c = compileTemplate(source)
  if (!c.ok) throw new Error(c.message)
  return c.prompt
}

describe('plain-substitution templates', () => {
  it('are text, comments, string literals and {{ name }} only', () => {
    for (const source of [
      '{{ text }}',
      'Article: {{ text }}\n',
      '  Q: {{- text -}}  \n{# a note #}A: {{ answer }} {{ "literal" }}\n\n',
      'no variables at all'
    ])
      expect(compiled(source).plain, source).toBeDefined()
    for (const source of [
      '{{ text | upper }}',
      '{{ text.title }}',
      '{{ text[0] }}',
      '{{ text ~ "!" }}',
      '{% if text %}{{ text }}{% endif %}',
      '{% for m in messages %}{{ m }}{% endfor %}',
      '{{ true }}',
      '{{ none }}',
      '{{ loop }}',
      '{% set x = "a" %}{{ x }}',
      '{{ 42 }}'
    ])
      expect(compiled(source).plain, source).toBeUndefined()
  })

  it('render a row of strings as the template engine does', () => {
    const sources = [
      '{{ text }}',
      'Article: {{ text }}\n',
      '  Q: {{- text -}}  \n{# a note #}A: {{ answer }} {{ "lit" }}\n\n',
      '{{ text }}{{ text }}\n{{- answer }}\r\n\t{{ answer -}}\n end'
    ]
    const values = [
      '',
      ' ',
      'plain',
      'line\nbreak\r\n',
      '  padded  ',
      'ünïcødé 🙂 \u200b',
      '<b>&amp;</b>',
      '{{ x }}',
      '%s \\n'
    ]
    let compared = 0
    for (const source of sources) {
      const prompt = compiled(source)
      for (const text of values)
        for (const answer of values) {
          const row = { text, answer, unused: 7 }
          const engine = render(prompt, row)
          expect(engine.ok).toBe(true)
          expect(renderPlain(prompt.plain!, row), `${JSON.stringify(source)} ${JSON.stringify(row)}`).toBe(
            engine.ok ? engine.text : undefined
          )
          compared++
        }
    }
    expect(compared).toBe(sources.length * values.length ** 2)
  })

  it('leave a value the engine formats (a number, a list, a missing variable) to the engine', () => {
    const prompt = compiled('Price: {{ price }}')
    expect(renderPlain(prompt.plain!, { price: '12' })).toBe('Price: 12')
    for (const price of [12, 1.5, -0, [1, 2], { a: 1 }, null, true, undefined])
      expect(renderPlain(prompt.plain!, { price }), String(price)).toBeUndefined()
    expect(renderPlain(prompt.plain!, {})).toBeUndefined()
  })
})

/** A copy of the example registry whose content-classifier prompt is `template`, and its line cap `maxLineBytes`. */
async function classifierWith(template: string, maxLineBytes?: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-plain-'))
  const registry = path.join(dir, 'registry')
  await cp(EXAMPLE_REGISTRY, registry, { recursive: true })
  const prompt = path.join(registry, 'prompts/content-classifier.yaml')
  await writeFile(
    prompt,
    (await readFile(prompt, 'utf8')).replace(/^template: .*$/m, `template: ${JSON.stringify(template)}`)
  )
  if (maxLineBytes) {
    const config = path.join(registry, 'registry.yaml')
    await writeFile(
      config,
      (await readFile(config, 'utf8')).replace(/max_line_bytes: \d+/, `max_line_bytes: ${maxLineBytes}`)
    )
  }
  return registry
}

async function checkClassifier(registryDir: string) {
  const registry = await loadRegistry(registryDir, { displayBase: path.dirname(registryDir) })
  const model = registry.models.find(m => m.spec.name === 'content-classifier')!
  return checkModelData(model, registry.config!)
}

describe('validation of a model with a plain template', () => {
  it('measures its rows as the sandbox measures the same rendering', async () => {
    // `| string` renders a string as it is, but makes the template more than plain: its rows go to the sandbox.
    const plain = await checkClassifier(await classifierWith('Article to tag: {{ text }} ({{ use_case }})'))
    const sandboxed = await checkClassifier(
      await classifierWith('Article to tag: {{ text | string }} ({{ use_case }})')
    )
    expect(plain.prompt.rendered).toBeGreaterThan(100)
    expect(plain.tokens).toEqual(sandboxed.tokens)
    expect(plain.tokens.promptOverhead).toBeGreaterThan(0)
    expect({ ...plain.prompt, file: '' }).toEqual({ ...sandboxed.prompt, file: '' })
    expect(plain.problems).toEqual(sandboxed.problems)
  })

  it('still stops a row whose rendering passes the output limit, naming the template', async () => {
    // 40 copies of a ~150-character text: past 4 × a 1,024-byte line cap.
    const registry = await classifierWith('{{ text }}'.repeat(40), 1024)
    const report = await checkClassifier(registry)
    const limit = report.problems.find(p => p.message.includes('past its output limit'))
    expect(limit?.message).toMatch(
      /^the prompt template \(registry\/prompts\/content-classifier\.yaml:\d+\) renders one row as \d+ characters/
    )
    expect(report.counts.errors).toBeGreaterThan(0)
  })
})
