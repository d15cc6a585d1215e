import { appendFile, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSections } from '../src/report/sticky-comment.js'
import { GitHubStandIn } from './github/stand-in.js'
import { commitAll, makeRepo } from './helpers/git-repo.js'
import { runAction } from './helpers/run-action.js'
import { withStandIn } from './helpers/with-stand-in.js'

let gh: GitHubStandIn
withStandIn(s => (gh = s.gh))

const inputs = { registry: 'registry', base: '', head: '', token: 'test-token', comment: 'true' }

describe('the bundled validate action', () => {
  it('fails a PR with bad rows: annotations on file and line, outputs, summary, comment', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    const train = path.join(repo, 'registry/datasets/content-classifier/train.jsonl')
    const before = (await readFile(train, 'utf8')).trimEnd().split('\n').length
    await appendFile(
      train,
      '{"id":"bad-1","use_case":"internal-linking","text":"shoes","label":"topic-shoes"}\n{"id":"bad-2", "text": }\n'
    )
    const head = await commitAll(repo, 'add rows')
    const pr = gh.seedPull({ head: { ref: 'data', sha: head }, base: { ref: 'main', sha: base } })
    const run = await runAction('validate', {
      cwd: repo,
      inputs,
      event: { pull_request: { number: pr, base: { sha: base }, head: { sha: head } } },
      env: { GITHUB_API_URL: gh.url }
    })
    expect(run.code).toBe(1)
    const annotation = 'title=tunegate,file=registry/datasets/content-classifier/train.jsonl'
    expect(run.stdout).toContain(
      `::error ${annotation},line=${before + 1},col=1::label 'topic-shoes' is not in the declared label set`
    )
    expect(run.stdout).toMatch(
      new RegExp(
        `::error title=tunegate,file=registry/datasets/content-classifier/train.jsonl,line=${before + 2},col=\\d+::invalid JSON`
      )
    )
    expect(run.stdout).toMatch(/::error::Validation failed with 2 error\(s\):/)
    expect(JSON.parse(run.outputs.models!)).toEqual({
      include: [
        {
          model: 'content-classifier',
          spec: 'registry/models/content-classifier/model.yaml',
          runner: ['self-hosted', 'gpu']
        }
      ]
    })
    expect(run.outputs.valid).toBe('false')
    expect(await readFile(run.outputs.report!, 'utf8')).toContain('### ❌ Validation failed')
    expect(run.summary).toContain('### ❌ Validation failed: 1 model checked, 2 errors')
    expect(run.summary).toContain('**Dataset diff** against the base')
    expect(gh.comments.size).toBe(1)
    const body = [...gh.comments.values()][0]!.body
    // The comment opens with the verdict, then validation's section; its file:line links point at the head commit.
    expect(body).toMatch(
      /^<!-- tunegate:sticky-comment -->\n\n## Tunegate: ❌ not ready to merge\n\n- ❌ \*\*Validation\*\* failed: 1 model checked, 2 errors/
    )
    const section = readSections(body).get('validate')!
    expect(section).toContain("label 'topic-shoes' is not in the declared label set")
    expect(section).toMatch(
      new RegExp(
        `\\[\`registry/datasets/content-classifier/train\\.jsonl:\\d+:\\d+\`\\]\\(https://github\\.test/acme/models/blob/${head}/registry/datasets/content-classifier/train\\.jsonl#L\\d+\\)`
      )
    )
    expect(section).not.toContain('<script')
  })

  it('passes a clean PR, edits the same comment, and lists only affected models', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    const prompt = path.join(repo, 'registry/prompts/schema-markup.yaml')
    await writeFile(
      prompt,
      (await readFile(prompt, 'utf8')).replace('Answer with JSON only.', 'Answer with one JSON object only.')
    )
    const head = await commitAll(repo, 'prompt')
    const pr = gh.seedPull({ head: { ref: 'p', sha: head }, base: { ref: 'main', sha: base } })
    const event = { pull_request: { number: pr, base: { sha: base }, head: { sha: head } } }
    const first = await runAction('validate', { cwd: repo, inputs, event, env: { GITHUB_API_URL: gh.url } })
    expect(first.code).toBe(0)
    expect(first.outputs.valid).toBe('true')
    expect(JSON.parse(first.outputs.models!).include.map((m: { model: string }) => m.model)).toEqual(['schema-markup'])
    const second = await runAction('validate', { cwd: repo, inputs, event, env: { GITHUB_API_URL: gh.url } })
    expect(second.code).toBe(0)
    expect(gh.comments.size).toBe(1)
    expect(readSections([...gh.comments.values()][0]!.body).get('validate')).toContain('### ✅ Validation passed')
  })

  it('checks a data file over 32 MB on its worker threads, every row at its own line', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    const { rng, seoWriterRow } = await import('../scripts/example-data.js')
    const r = rng(9)
    const lines: string[] = []
    for (let i = 0; lines.length < 64_000; i++) {
      const row = seoWriterRow(r, 7_000_000 + i) as { messages: { content: string }[] }
      row.messages[1]!.content += ` (request ${i})`
      lines.push(JSON.stringify(row))
    }
    lines[50_000] = '{"id": "cut-short", '
    lines[63_000] = lines[10]!.replace('"seo-7000010"', '"seo-copy"')
    const train = path.join(repo, 'registry/datasets/seo-writer/train.jsonl')
    await writeFile(train, lines.join('\n') + '\n')
    expect((await readFile(train)).length).toBeGreaterThan(32 * 1024 * 1024)
    const head = await commitAll(repo, 'a large dataset')
    const pr = gh.seedPull({ head: { ref: 'big', sha: head }, base: { ref: 'main', sha: base } })
    const run = await runAction('validate', {
      cwd: repo,
      inputs,
      event: { pull_request: { number: pr, base: { sha: base }, head: { sha: head } } },
      env: { GITHUB_API_URL: gh.url }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /::error title=tunegate,file=registry\/datasets\/seo-writer\/train.jsonl,line=50001,col=\d+::invalid JSON/
    )
    // 63,999 rows, the cut-short one invalid, the copy of line 11 found as a duplicate across ranges.
    expect(run.summary).toMatch(
      /\| train \| \[`registry\/datasets\/seo-writer\/train\.jsonl`\]\([^)]+\) \| 63,999 \| 1 \| 1 \|/
    )
  }, 120_000)

  it('escapes hostile text from the data in the report', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const base = await commitAll(repo, 'base')
    await appendFile(
      path.join(repo, 'registry/datasets/content-classifier/train.jsonl'),
      JSON.stringify({
        id: 'x1',
        use_case: 'internal-linking',
        text: 't',
        label: '<img src=x onerror=alert(1)> @octocat [click](http://evil.test)'
      }) + '\n'
    )
    const head = await commitAll(repo, 'hostile')
    const pr = gh.seedPull({ head: { ref: 'h', sha: head }, base: { ref: 'main', sha: base } })
    const run = await runAction('validate', {
      cwd: repo,
      inputs,
      event: { pull_request: { number: pr, base: { sha: base }, head: { sha: head } } },
      env: { GITHUB_API_URL: gh.url }
    })
    expect(run.code).toBe(1)
    const body = [...gh.comments.values()][0]!.body
    expect(body).not.toMatch(/<img/)
    expect(body).not.toMatch(/@octocat/)
    expect(body).not.toMatch(/\[click\]\(http/)
    expect(body).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;')
  })

  it('fails with every spec error listed when model.yaml is broken', async () => {
    const repo = await makeRepo({ withRegistry: true })
    const spec = path.join(repo, 'registry/models/seo-writer/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8'))
        .replace('method: lora', 'method: lorax')
        .replace('risk_tier: high', 'risk_tier: extreme')
    )
    const run = await runAction('validate', { cwd: repo, inputs: { ...inputs, token: '' }, event: {} })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /::error title=tunegate,file=registry\/models\/seo-writer\/model.yaml,line=\d+,col=\d+::training.method: Invalid option/
    )
    expect(run.stdout).toMatch(
      /::error title=tunegate,file=registry\/models\/seo-writer\/model.yaml,line=\d+,col=\d+::risk tier 'extreme' is not defined/
    )
    expect(run.stdout).not.toMatch(/at .*\.js:\d+:\d+/)
  })
})
