import { appendFile, cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { chatOrderProblem, toExample } from '../src/data/examples.js'
import { normaliseText, HashIndex } from '../src/data/hash-index.js'
import { estimatedJaccard, signature } from '../src/data/minhash.js'
import { findPii, ibanValid, luhnValid, NUMERIC_HINT, PII_NUMERIC_SEEN } from '../src/data/pii.js'
import { validateRegistry } from '../src/data/validate.js'
import { compileTemplate } from '../src/prompts/template.js'
import { commitAll, EXAMPLE_REGISTRY, makeRepo } from './helpers/git-repo.js'

describe('format rules', () => {
  const chat = { format: 'chat' as const, useCases: ['a', 'b'] }
  it('accepts a chat with an optional system turn and a final assistant turn', () => {
    const r = toExample(
      {
        id: 1,
        use_case: 'a',
        messages: [
          { role: 'system', content: 'S' },
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: 'A' }
        ]
      },
      chat
    )
    expect(r).toEqual({
      ok: true,
      example: expect.objectContaining({ id: '1', useCase: 'a', input: 'Q', target: 'A' })
    })
  })
  it.each([
    [['user', 'assistant', 'user'], /must end with an assistant turn/],
    [['assistant', 'user', 'assistant'], /must start with a user turn/],
    [['user', 'user', 'assistant'], /two user turns in a row at messages\[1\]/],
    [['user', 'system', 'assistant'], /a system message may only come first/],
    [['user', 'tool', 'assistant'], /a tool turn at messages\[1\] must follow an assistant turn/]
  ])('refuses the role order %j', (roles, reason) => {
    expect(chatOrderProblem(roles)).toMatch(reason)
  })
  it('reports every problem of a row: unknown use case, empty target, wrong types', () => {
    const r = toExample(
      {
        id: {},
        use_case: 'z',
        messages: [
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: '  ' }
        ]
      },
      chat
    )
    expect(r.ok).toBe(false)
    expect(!r.ok && r.problems).toEqual([
      "field 'id' must be a string or number, got an object",
      "use_case 'z' is not one of the model's use_cases (a, b)",
      'the final assistant turn is empty or whitespace only'
    ])
  })
  it('checks labels against the declared set, and the other formats’ required fields', () => {
    expect(
      toExample({ text: 't', label: 'nope' }, { format: 'classification', labels: ['x', 'y'], useCases: [] })
    ).toEqual({ ok: false, problems: ["label 'nope' is not in the declared label set (x, y)"] })
    expect(toExample({ prompt: 'p' }, { format: 'completion', useCases: [] })).toEqual({
      ok: false,
      problems: ["missing field 'completion' (format completion)"]
    })
    expect(toExample({ instruction: 'i', output: 7 }, { format: 'instruction', useCases: [] })).toEqual({
      ok: false,
      problems: ["field 'output' must be a string, got number"]
    })
    expect(toExample({ a: 1, answer: '' }, { format: 'fields', target: 'answer', useCases: [] })).toEqual({
      ok: false,
      problems: ["field 'answer' is empty or whitespace only"]
    })
  })
})

describe('PII and secrets', () => {
  it('validates checksums: Luhn for cards, mod 97 for IBANs', () => {
    expect(luhnValid('4111111111111111')).toBe(true)
    expect(luhnValid('4111111111111112')).toBe(false)
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true)
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false)
    expect(ibanValid('DE89370400440532013000')).toBe(true)
  })
  it('finds emails, phones, cards, IBANs, national ids and secrets, masked', () => {
    const kinds = (t: string) => findPii(t).map(f => f.kind)
    expect(kinds('write to jane.doe@example.com today')).toEqual(['email'])
    expect(kinds('call +44 20 7946 0958 or (555) 123-4567')).toEqual(['phone', 'phone'])
    expect(kinds('card 4111 1111 1111 1111 exp 12/29')).toEqual(['payment-card'])
    expect(kinds('IBAN GB82 WEST 1234 5698 7654 32')).toEqual(['iban'])
    expect(kinds('SSN 123-45-6789, NINO AB 12 34 56 C')).toEqual(['national-id', 'national-id'])
    expect(kinds('key AKIAIOSFODNN7EXAMPLE and ghp_' + 'a'.repeat(36))).toEqual(['secret', 'secret'])
    expect(findPii('jane.doe@example.com')[0]!.masked).not.toContain('doe@example')
  })
  it('does not flag prices, SKUs, dates or numbers failing their checksum', () => {
    expect(findPii('SKU YOG-000123 costs 268.63 GBP, rated 4.5 by 796 reviewers on 2026-01-01')).toEqual([])
    expect(findPii('order 4111 1111 1111 1112')).toEqual([])
    expect(findPii('GB82 WEST 1234 5698 7654 33')).toEqual([])
  })
})

describe('near-duplicates', () => {
  it('estimates Jaccard similarity close to the truth', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`)
    const a = words.join(' ')
    const b = [...words.slice(0, 57), 'x1', 'x2', 'x3'].join(' ')
    const c = Array.from({ length: 60 }, (_, i) => `v${i}`).join(' ')
    expect(estimatedJaccard(signature(a)!, signature(a)!)).toBe(1)
    expect(estimatedJaccard(signature(a)!, signature(b)!)).toBeGreaterThan(0.75)
    expect(estimatedJaccard(signature(a)!, signature(c)!)).toBeLessThan(0.2)
    expect(signature('')).toBeNull()
  })
  it('the LSH index finds the most similar item that shares a band, at or over the threshold', async () => {
    const { NearDuplicateIndex } = await import('../src/data/text-scan.js')
    const { bandKey, LSH_BANDS } = await import('../src/data/minhash.js')
    let seed = 5
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
    // Texts from a few templates with words swapped: many share bands, at many similarities.
    const templates = Array.from({ length: 6 }, (_, t) => Array.from({ length: 30 }, (_, i) => `t${t}w${i}`))
    const text = () =>
      templates[Math.floor(random() * templates.length)]!.map(w =>
        random() < 0.1 ? `x${Math.floor(random() * 50)}` : w
      ).join(' ')
    const indexed = Array.from({ length: 300 }, (_, i) => ({ signature: signature(text())!, item: `eval-${i}` }))
    for (const threshold of [0.5, 0.8]) {
      const index = new NearDuplicateIndex(indexed)
      let found = 0
      for (let q = 0; q < 400; q++) {
        const sig = signature(text())!
        const bands = new Set(Array.from({ length: LSH_BANDS }, (_, b) => `${b}:${bandKey(sig, b)}`))
        let best = 0
        for (const e of indexed) {
          const shares = Array.from({ length: LSH_BANDS }, (_, b) => `${b}:${bandKey(e.signature, b)}`).some(k =>
            bands.has(k)
          )
          const j = estimatedJaccard(sig, e.signature)
          if (shares && j >= threshold && j > best) best = j
        }
        const got = index.query(sig, threshold)
        if (best === 0) expect(got).toBeUndefined()
        else {
          found++
          expect(got?.similarity).toBe(best)
          expect(estimatedJaccard(sig, indexed[Number(got!.item.slice(5))]!.signature)).toBe(best)
        }
      }
      expect(found).toBeGreaterThan(20)
    }
  })

  it('normalises case and whitespace for exact comparisons; the hash index finds first occurrences', () => {
    expect(normaliseText('  Hello\tWORLD \n')).toBe('hello world')
    const idx = new HashIndex(4)
    for (let i = 0; i < 10_000; i++) expect(idx.setIfAbsent(i * 7919, i)).toBe(-1)
    expect(idx.setIfAbsent(5 * 7919, 99)).toBe(5)
    expect(idx.get(123)).toBe(-1)
    expect(idx.size).toBe(10_000)
  })
})

describe('prompt templates', () => {
  it('finds the free variables of a template, not loop or set variables', () => {
    const r = compileTemplate(
      '{% set greeting = "hi" %}{{ greeting }} {{ name | upper }}' +
        '{% for m in messages %}{{ m.content }}{{ loop.index }}{% endfor %}' +
        '{{ meta["k"] }}{% if flag is defined %}x{% endif %}'
    )
    expect(r.ok && [...r.prompt.used].sort()).toEqual(['flag', 'messages', 'meta', 'name'])
  })
  it('refuses templates that could render without bound, keeps ordinary loops', () => {
    expect(compileTemplate('{% for i in range(1000000000) %}x{% endfor %}')).toEqual({
      ok: false,
      message: 'range() in a prompt template needs integer literal bounds of at most 10000'
    })
    expect(compileTemplate('{% for i in range(n) %}x{% endfor %}').ok).toBe(false)
    expect(compileTemplate("{{ 'x' * 1000000000 }}")).toEqual({
      ok: false,
      message: "'* 1000000000' in a prompt template could repeat text without bound; expected at most 10000"
    })
    expect(compileTemplate('{{ [1, 2] | tojson(indent=100000000) }}')).toEqual({
      ok: false,
      message:
        "'tojson(indent=100000000)' in a prompt template pads each line with that many spaces; expected at most 10000"
    })
    expect(compileTemplate('{{ text | indent(width=20000) }}').ok).toBe(false)
    expect(compileTemplate('{{ text | center(50000) }}').ok).toBe(false)
    expect(compileTemplate('{{ [1, 2] | tojson(indent=2) }}{{ text | indent(4) }}').ok).toBe(true)
    expect(
      compileTemplate('{% for i in range(3) %}{{ i }}{% endfor %}{% for m in messages %}{{ m.content }}{% endfor %}').ok
    ).toBe(true)
  })

  it('reports a syntax error plainly', () => {
    const r = compileTemplate('{{ name ')
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^invalid Jinja template/) })
  })
})

describe('validate on a copy of the example registry', () => {
  async function registryCopy(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-val-'))
    await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
    return dir
  }
  const run = (dir: string) => validateRegistry({ registryDir: path.join(dir, 'registry'), displayBase: dir })
  const messages = (r: Awaited<ReturnType<typeof run>>) =>
    [...r.registryProblems, ...r.models.flatMap(m => m.data.problems)].map(
      p => `${p.severity} ${p.file}:${p.line} ${p.message}`
    )

  it('checks small models a few at a time without mixing up their rows, and reports them in the registry order', async () => {
    const dir = await registryCopy()
    const registry = path.join(dir, 'registry')
    const source = path.join(registry, 'datasets/content-classifier')
    const spec = await readFile(path.join(registry, 'models/content-classifier/model.yaml'), 'utf8')
    const names = ['classifier-a', 'classifier-b', 'classifier-c', 'classifier-d', 'classifier-e', 'classifier-f']
    for (const [i, name] of names.entries()) {
      await mkdir(path.join(registry, 'models', name))
      await mkdir(path.join(registry, 'datasets', name))
      for (const split of ['train', 'eval']) {
        const text = (await readFile(path.join(source, `${split}.jsonl`), 'utf8')).replaceAll(
          '"id":"cls-',
          `"id":"${name}-`
        )
        // The first model's train file is the largest by far, so the models after it finish first.
        const rows = split === 'train' && i === 0 ? text + text.replaceAll(`"id":"${name}-`, `"id":"${name}-x`) : text
        // Each model a problem of its own: an id used twice, at a line that names the model.
        const extra =
          split === 'train'
            ? `{"id":"${name}-0000001","use_case":"internal-linking","text":"${name} again","label":"topic-yoga"}\n`
            : ''
        await writeFile(path.join(registry, 'datasets', name, `${split}.jsonl`), rows + extra)
      }
      await writeFile(
        path.join(registry, 'models', name, 'model.yaml'),
        spec
          .replace('name: content-classifier', `name: ${name}`)
          .replaceAll('datasets/content-classifier/', `datasets/${name}/`)
      )
    }
    const r = await run(dir)
    expect(r.models.map(m => m.model)).toEqual(r.affected.map(a => a.model))
    for (const name of names) {
      const m = r.models.find(x => x.model === name)!
      const errors = m.data.problems.filter(p => p.severity === 'error')
      expect(errors, name).toHaveLength(1)
      expect(errors[0]!.file).toBe(`registry/datasets/${name}/train.jsonl`)
      expect(errors[0]!.message).toMatch(/id is used again/)
    }
    expect(r.models.find(m => m.model === 'classifier-a')!.data.splits.train.rows).toBe(2 * 799 + 1)
  })

  it('passes on the example registry', async () => {
    const r = await run(await registryCopy())
    expect(r.counts.errors).toBe(0)
    expect(r.valid).toBe(true)
    expect(r.models.map(m => m.model).sort()).toEqual(['content-classifier', 'schema-markup', 'seo-writer'])
  })

  it('finds duplicates, exact leakage, ids used twice, unknown labels and PII, each at its line', async () => {
    const dir = await registryCopy()
    const train = path.join(dir, 'registry/datasets/content-classifier/train.jsonl')
    const evalFile = path.join(dir, 'registry/datasets/content-classifier/eval.jsonl')
    const firstTrain = (await readFile(train, 'utf8')).split('\n')[0]!
    const firstEval = JSON.parse((await readFile(evalFile, 'utf8')).split('\n')[0]!) as Record<string, string>
    const lines = (await readFile(train, 'utf8')).trimEnd().split('\n').length
    await appendFile(
      train,
      [
        JSON.stringify({ ...JSON.parse(firstTrain), id: 'dup-1' }),
        JSON.stringify({ ...firstEval, id: 'leak-1', text: firstEval.text!.toUpperCase() }),
        JSON.stringify({ id: 'cls-0000001', use_case: 'internal-linking', text: 'x y z', label: 'topic-running' }),
        JSON.stringify({ id: 'lab-1', use_case: 'internal-linking', text: 'about shoes', label: 'topic-shoes' }),
        JSON.stringify({
          id: 'pii-1',
          use_case: 'internal-linking',
          text: 'Contact jane.doe@example.com for the running guide',
          label: 'topic-running'
        })
      ].join('\n') + '\n'
    )
    const r = await run(dir)
    expect(r.valid).toBe(false)
    const m = messages(r)
    const at = (n: number) => `registry/datasets/content-classifier/train.jsonl:${lines + n}`
    expect(m).toEqual(
      expect.arrayContaining([
        `warning ${at(1)} exact duplicate of registry/datasets/content-classifier/train.jsonl:1 (after normalising case and whitespace)`,
        expect.stringMatching(
          new RegExp(
            `^error ${at(2)} train/eval leakage: same input as registry/datasets/content-classifier/eval.jsonl:1`
          )
        ),
        expect.stringMatching(
          new RegExp(`^error ${at(3)} id is used again; first at registry/datasets/content-classifier/train.jsonl:\\d+`)
        ),
        expect.stringMatching(new RegExp(`^error ${at(4)} label 'topic-shoes' is not in the declared label set`)),
        expect.stringMatching(new RegExp(`^error ${at(5)} personal data or secret in train data: email`))
      ])
    )
  })

  it('reports prompt variables a row lacks, undeclared and unused variables, and a too-small context window', async () => {
    const dir = await registryCopy()
    const prompt = path.join(dir, 'registry/prompts/schema-markup.yaml')
    await writeFile(
      prompt,
      (await readFile(prompt, 'utf8')).replace(
        'Rating: {{ rating }} from {{ review_count }} reviews',
        'Rating: {{ rating }}; warranty: {{ warranty }}'
      )
    )
    const spec = path.join(dir, 'registry/models/schema-markup/model.yaml')
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('context_window: 512', 'context_window: 100'))
    const r = await run(dir)
    const m = messages(r)
    expect(m).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            /^error registry\/datasets\/schema-markup\/(train|eval).jsonl:1 row lacks 'warranty', /.source +
              /used by the prompt template registry\/prompts\/schema-markup.yaml/.source
          )
        ),
        "warning registry/prompts/schema-markup.yaml:1 the template uses 'warranty', which is not in 'variables'",
        "warning registry/prompts/schema-markup.yaml:1 variable 'review_count' is declared but the template never uses it"
      ])
    )
    const sm = r.models.find(x => x.model === 'schema-markup')!
    expect(sm.data.prompt.rowsMissingVariables).toBe(500)
  })

  it('governance: architecture mismatch, no owners, and two models on one base and family', async () => {
    const dir = await registryCopy()
    const spec = path.join(dir, 'registry/models/content-classifier/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8'))
        .replace('architecture: encoder', 'architecture: decoder')
        .replace('owners: ["@acme/content-ops"]', 'owners: []')
    )
    const seo = await readFile(path.join(dir, 'registry/models/seo-writer/model.yaml'), 'utf8')
    await writeFile(path.join(dir, 'registry/models/seo-writer/model.yaml'), seo)
    const { mkdir } = await import('node:fs/promises')
    await mkdir(path.join(dir, 'registry/models/seo-writer-2'))
    await writeFile(
      path.join(dir, 'registry/models/seo-writer-2/model.yaml'),
      seo.replace('name: seo-writer', 'name: seo-writer-2')
    )
    const r = await run(dir)
    const m = messages(r)
    expect(m).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            /^error registry\/models\/content-classifier\/model.yaml:8 task family 'classification' /.source +
              /needs an encoder, or a decoder with classification_head: true/.source
          )
        ),
        expect.stringMatching(/^error registry\/models\/content-classifier\/model.yaml:\d+ the model has no owners/),
        expect.stringMatching(
          new RegExp(
            /^warning registry\/models\/seo-writer\/model.yaml:\d+ same base model \(Qwen\/Qwen2.5-0.5B-Instruct\) /
              .source + /and task family \(text-generation\) as seo-writer-2/.source
          )
        )
      ])
    )
  })

  it('consolidation: one short warning per group of models on one base and family, however large the group', async () => {
    const dir = await registryCopy()
    const seo = await readFile(path.join(dir, 'registry/models/seo-writer/model.yaml'), 'utf8')
    const { mkdir } = await import('node:fs/promises')
    // 300 copies: a warning per model naming every other one printed 300 warnings of 300 names each.
    for (let i = 1; i <= 300; i++) {
      await mkdir(path.join(dir, `registry/models/seo-writer-${i}`))
      await writeFile(
        path.join(dir, `registry/models/seo-writer-${i}/model.yaml`),
        seo.replace('name: seo-writer', `name: seo-writer-${i}`)
      )
    }
    // A second group where every model but one is justified: still one warning, at the unjustified one.
    const cc = await readFile(path.join(dir, 'registry/models/content-classifier/model.yaml'), 'utf8')
    await mkdir(path.join(dir, 'registry/models/content-classifier-2'))
    await writeFile(
      path.join(dir, 'registry/models/content-classifier-2/model.yaml'),
      cc.replace('name: content-classifier', 'name: content-classifier-2') +
        'consolidation_note: separate data owners under separate contracts\n'
    )
    const { loadRegistry } = await import('../src/registry/loader.js')
    const { governanceProblems } = await import('../src/registry/governance.js')
    const registry = await loadRegistry(path.join(dir, 'registry'), { displayBase: dir })
    const warnings = governanceProblems(registry.models, registry).filter(p => /same base model/.test(p.message))
    expect(warnings.map(w => w.file).sort()).toEqual([
      'registry/models/content-classifier/model.yaml',
      'registry/models/seo-writer/model.yaml'
    ])
    const seoWarning = warnings.find(w => w.file.includes('seo-writer'))!
    expect(seoWarning.message).toMatch(
      /^same base model \(Qwen\/Qwen2.5-0.5B-Instruct\) and task family \(text-generation\) as seo-writer-\d+(, seo-writer-\d+){19} and 280 more; 301 of the 301 have no consolidation_note: /
    )
    expect(seoWarning.message.length).toBeLessThan(1000)
    expect(warnings.find(w => w.file.includes('content-classifier'))!.message).toMatch(
      /as content-classifier-2: consolidate/
    )
  })

  it('diffs datasets against the base commit, per use case, following a rename', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    const train = path.join(repo, 'registry/datasets/content-classifier/train.jsonl')
    const lines = (await readFile(train, 'utf8')).trimEnd().split('\n')
    const changed = { ...JSON.parse(lines[1]!), text: 'a rewritten article summary about trail running shoes' }
    const kept = [lines[0]!, JSON.stringify(changed), ...lines.slice(3)]
    kept.push(
      JSON.stringify({
        id: 'new-1',
        use_case: 'content-refresh',
        text: 'Article last updated 2017; traffic down 50%',
        label: 'refresh-urgent'
      })
    )
    await writeFile(train, kept.join('\n') + '\n')
    await commitAll(repo, 'edit data')
    const r = await validateRegistry({
      registryDir: path.join(repo, 'registry'),
      base,
      head: 'HEAD',
      displayBase: repo
    })
    expect(r.affected.map(a => a.model)).toEqual(['content-classifier'])
    const diff = r.models[0]!.diff.find(d => d.file.endsWith('train.jsonl'))!
    expect(diff).toMatchObject({
      status: 'modified',
      baseRows: lines.length,
      headRows: lines.length,
      total: { added: 1, removed: 1, changed: 1 }
    })
    expect(diff.byUseCase['content-refresh']!.added).toBe(1)
  })

  it('a registry.yaml change diffs every dataset, unchanged ones without reading them; an edit on disk is still seen', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    await writeFile(
      path.join(repo, 'registry/registry.yaml'),
      (await readFile(path.join(repo, 'registry/registry.yaml'), 'utf8')) + '# a registry-wide change\n'
    )
    await commitAll(repo, 'registry.yaml')
    // Not committed: the working tree's bytes are what is validated, so this file is diffed in full.
    const evalFile = path.join(repo, 'registry/datasets/seo-writer/eval.jsonl')
    const evalLines = (await readFile(evalFile, 'utf8')).trimEnd().split('\n')
    await writeFile(evalFile, evalLines.slice(1).join('\n') + '\n')
    const r = await validateRegistry({
      registryDir: path.join(repo, 'registry'),
      base,
      head: 'HEAD',
      displayBase: repo
    })
    expect(r.models).toHaveLength(3)
    const diffs = r.models.flatMap(m => m.diff.map(d => ({ model: m.model, d })))
    expect(diffs).toHaveLength(6)
    for (const { model, d } of diffs) {
      if (d.file.endsWith('seo-writer/eval.jsonl')) {
        expect(d).toMatchObject({ status: 'modified', baseRows: evalLines.length, total: { removed: 1 } })
        continue
      }
      const rows = r.models.find(m => m.model === model)!.data.files.find(f => d.file.endsWith(f.display))!.rows
      expect(d).toMatchObject({ status: 'unchanged', baseRows: rows, headRows: rows, total: { added: 0, removed: 0 } })
      const lines = (await readFile(path.join(repo, d.file), 'utf8')).trimEnd().split('\n')
      expect(rows).toBe(lines.length)
    }
  })
})

describe('the fused text scanner', () => {
  it('equals the plain functions it replaces: hash53(normaliseText(s)) and signature(normaliseText(s))', async () => {
    const { TextScanner } = await import('../src/data/text-scan.js')
    const { hash53 } = await import('../src/data/hash-index.js')
    const scanner = new TextScanner()
    const texts = [
      'Write a product description for the Aurelia Air 9 Yoga Mat.',
      '  Leading\tand trailing\n spaces  ',
      'ＦＵＬＬ　ｗｉｄｔｈ and ﬁ ligature',
      'non\u00a0breaking\u2003em space\u3000ideographic',
      'Émile Zola écrit à Paris 🎉 emoji',
      '\u3000 leading\u1680ogham\u2028line\u2029para\u202fnarrow\u205fmath\ufeffbom\u200ahair\u0085nel trailing\u00a0\u2000 ',
      'Crème BRÛLÉE\t\tà   la\u00a0\u00a0carte',
      'one',
      'two words',
      '',
      '   '
    ]
    // Many lengths of ASCII text (the scanner's ASCII path), so every number of shingles and empty bins occurs.
    let seed = 3
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
    const vocabulary = 'the a trail running shoe carbon plate knit upper Acme 42 GBP x-1 e-mail_me'.split(' ')
    for (let n = 1; n < 120; n++)
      texts.push(
        Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(
          random() < 0.2 ? '  ' : ' '
        )
      )
    for (const t of texts) {
      scanner.scan(t, true)
      const norm = normaliseText(t)
      expect(scanner.hash, t).toBe(hash53(norm))
      const sig = signature(norm)
      expect(scanner.hasSignature, t).toBe(sig !== null)
      if (sig) expect(Array.from(scanner.signature), t).toEqual(Array.from(sig))
    }
  })

  it('never rules out personal data that findPii would find', async () => {
    const { TextScanner } = await import('../src/data/text-scan.js')
    const scanner = new TextScanner()
    const pieces = [
      'jane.doe@example.com',
      '+44 20 7946 0958',
      '(555) 123-4567',
      '4111 1111 1111 1111',
      'GB82 WEST 1234 5698 7654 32',
      '123-45-6789',
      'AB 12 34 56 C',
      'AKIAIOSFODNN7EXAMPLE',
      'ghp_' + 'a'.repeat(36),
      'xoxb-1234567890-abc',
      'sk-' + 'Z'.repeat(24),
      'sk_live_' + '9'.repeat(24),
      'AIza' + 'Q'.repeat(35),
      '-----BEGIN RSA PRIVATE KEY-----',
      'github_pat_' + 'b'.repeat(60)
    ]
    const alphabet = 'ab sk AKI I_-.()@0123456789xoxé\t'
    let seed = 7
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
    const texts = [...pieces, ...pieces.map(p => `Write to ${p} today.`)]
    for (let i = 0; i < 3000; i++) {
      let t = ''
      const len = Math.floor(random() * 40)
      for (let k = 0; k < len; k++)
        t +=
          random() < 0.05
            ? pieces[Math.floor(random() * pieces.length)]!
            : alphabet[Math.floor(random() * alphabet.length)]!
      texts.push(t)
    }
    let withPii = 0
    let numericSeen = 0
    for (const t of texts) {
      scanner.scan(t, false)
      const all = findPii(t)
      if (all.length) withPii++
      expect(findPii(t, scanner.piiFamilies), t).toEqual(all)
      // Where the scan says it saw the numeric hint, findPii skips that test: the two must agree exactly.
      if (scanner.piiFamilies & PII_NUMERIC_SEEN) numericSeen++
      if (/^[\x00-\x7f]*$/.test(t))
        expect(Boolean(scanner.piiFamilies & PII_NUMERIC_SEEN), t).toBe(NUMERIC_HINT.test(t))
    }
    expect(withPii).toBeGreaterThan(500)
    expect(numericSeen).toBeGreaterThan(500)
  })
})

/** A word-level tokenizer.json: one token per whitespace-separated word, lowercased; [UNK] for a word not in `words`. */
async function writeWordTokenizer(file: string, words: string[]): Promise<void> {
  const vocab: Record<string, number> = { '[UNK]': 0 }
  for (const w of words) vocab[w] = Object.keys(vocab).length
  await writeFile(
    file,
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [],
      normalizer: { type: 'Lowercase' },
      pre_tokenizer: { type: 'WhitespaceSplit' },
      post_processor: null,
      decoder: null,
      model: { type: 'WordLevel', vocab, unk_token: '[UNK]' }
    })
  )
}

describe('token lengths with the base model’s tokenizer.json', () => {
  it('counts exactly and says so; rows over the context window are reported', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-tok-'))
    await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
    await writeWordTokenizer(
      path.join(dir, 'registry/tokenizer.json'),
      'article last updated organic traffic up down quarter on broken links mentions the'.split(' ')
    )
    const spec = path.join(dir, 'registry/models/content-classifier/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace(
        '  context_window: 8192\n',
        '  context_window: 24\n  tokenizer: tokenizer.json\n'
      )
    )
    const r = await validateRegistry({ registryDir: path.join(dir, 'registry'), displayBase: dir })
    const m = r.models.find(x => x.model === 'content-classifier')!
    expect(m.data.tokens).toMatchObject({ exact: true, method: 'exact, tokenizer.json', contextWindow: 24 })
    // Every word is one token (known or [UNK]) plus one for the label: lengths are word counts + 1.
    const first = JSON.parse(
      (await readFile(path.join(dir, 'registry/datasets/content-classifier/eval.jsonl'), 'utf8')).split('\n')[0]!
    ) as { text: string }
    expect(m.data.splits.eval.tokens.max).toBeGreaterThanOrEqual(first.text.split(/\s+/).length + 1)
    expect(m.data.tokens.overContext).toBeGreaterThan(0)
    expect(
      m.data.problems.some(p =>
        /tokens with the prompt; the trainer's max_seq_length is 24 \(the target would be truncated\)/.test(p.message)
      )
    ).toBe(true)
  })
})

describe('lengths against the max_seq_length the trainer will use', () => {
  it('warns at each row whose prompt leaves no target token, and fails above max_share_without_target', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-seq-'))
    await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
    const spec = path.join(dir, 'registry/models/seo-writer/model.yaml')
    const yaml = (await readFile(spec, 'utf8')).replace('    max_seq_length: 1024\n', '    max_seq_length: 24\n')
    await writeFile(spec, yaml)
    const validate = async () => {
      const r = await validateRegistry({ registryDir: path.join(dir, 'registry'), displayBase: dir })
      return r.models.find(x => x.model === 'seo-writer')!.data
    }
    // The context window is 32,768: only the trainer's max_seq_length (24) makes these rows too long.
    const estimated = await validate()
    expect(estimated.tokens).toMatchObject({ contextWindow: 32768, maxSeqLength: 24 })
    const rows = estimated.splits.train.rows
    expect(estimated.tokens.trainWithoutTarget).toBeGreaterThan(0.5 * rows)
    const line = yaml.split('\n').findIndex(l => l.startsWith('    max_seq_length:')) + 1
    const over = estimated.problems.filter(
      p => p.file.endsWith('model.yaml') && /max_share_without_target/.test(p.message)
    )
    expect(over).toEqual([
      expect.objectContaining({
        line,
        severity: 'warning',
        message: expect.stringMatching(
          new RegExp(
            `^${estimated.tokens.trainWithoutTarget} of ${rows} train rows \\(by an estimate of their tokens\\) leave no target token within max_seq_length 24, above max_share_without_target 0.01`
          )
        )
      })
    ])
    expect(
      estimated.problems.some(
        p =>
          p.file.endsWith('train.jsonl') &&
          /the prompt alone is about \d+ tokens; the trainer's max_seq_length is 24, so no target token of this row would be trained/.test(
            p.message
          )
      )
    ).toBe(true)
    // Counted exactly (a tokenizer.json), the same share is an error: the trainer would fail the run.
    await writeWordTokenizer(path.join(dir, 'registry/tokenizer.json'), [])
    await writeFile(
      spec,
      yaml.replace('  context_window: 32768\n', '  context_window: 32768\n  tokenizer: tokenizer.json\n')
    )
    const exact = await validate()
    expect(exact.problems.filter(p => /max_share_without_target/.test(p.message)).map(p => p.severity)).toEqual([
      'error'
    ])
    // Raised above the share, the same data passes that check.
    await writeFile(
      spec,
      yaml.replace('    max_seq_length: 24\n', '    max_seq_length: 24\n    max_share_without_target: 1\n')
    )
    expect((await validate()).problems.filter(p => /max_share_without_target/.test(p.message))).toEqual([])
  })
})
