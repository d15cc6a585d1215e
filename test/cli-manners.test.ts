import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { closestName } from '../src/registry/closest-name.js'
import { commitAll, EXAMPLE_REGISTRY, makeRepo } from './helpers/git-repo.js'
import { runCli } from './helpers/run-cli.js'

const ROOT = path.dirname(EXAMPLE_REGISTRY)

describe('tunegate CLI manners', { timeout: 180_000 }, () => {
  it('prints its version, the global help and each command’s help with examples', async () => {
    const [version, help, helpTrain, trainHelp, lintHelp] = await Promise.all([
      runCli(['--version'], ROOT),
      runCli(['help'], ROOT),
      runCli(['help', 'train'], ROOT),
      runCli(['train', '--help'], ROOT),
      runCli(['registry', 'lint', '-h'], ROOT)
    ])
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect(version.stdout).toBe(`tunegate ${pkg.version}\n`)
    expect(version.code).toBe(0)
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^ {2}registry lint {6}/m)
    expect(help.stdout).toMatch(/tunegate help <command>/)
    expect(helpTrain.code).toBe(0)
    expect(helpTrain.stdout).toMatch(/^Usage: tunegate train --model NAME/)
    expect(helpTrain.stdout).toMatch(/^Examples:\n {2}tunegate train --model /m)
    expect(helpTrain.stdout).not.toMatch(/--samples/)
    expect(trainHelp.stdout).toBe(helpTrain.stdout)
    expect(lintHelp.stdout).toMatch(/^Usage: tunegate registry lint/)
    expect(lintHelp.stdout).toMatch(/does not read the datasets/)
  })

  it('suggests the command or option meant, refuses options that do not apply, in its own words', async () => {
    const [command, twoWords, flag, foreign, noValue, stray] = await Promise.all([
      runCli(['trian', '--model', 'x'], ROOT),
      runCli(['regsitry', 'lint'], ROOT),
      runCli(['train', '--modle', 'x'], ROOT),
      runCli(['validate', '--model', 'nope'], ROOT),
      runCli(['train', '--model'], ROOT),
      runCli(['registry', 'lint', 'extra'], ROOT)
    ])
    expect(command.stderr).toMatch(/^Unknown command 'trian'; did you mean 'train'\?/)
    expect(twoWords.stderr).toMatch(/^Unknown command 'regsitry lint'; did you mean 'registry lint'\?/)
    expect(flag.stderr).toMatch(/^Unknown option '--modle' for tunegate train; did you mean '--model'\?/)
    expect(foreign.stderr).toMatch(/^Option --model does not apply to tunegate validate \(it is an option of .*train/)
    expect(foreign.stdout).not.toMatch(/PASS/)
    expect(noValue.stderr).toMatch(/^Option --model needs a value: --model NAME\./)
    expect(stray.stderr).toMatch(/^Unexpected argument 'extra' after tunegate registry lint/)
    for (const r of [command, twoWords, flag, foreign, noValue, stray]) {
      expect(r.code).toBe(2)
      // Node's parseArgs text and the 60-line help are not what a typo gets.
      expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|To specify an option argument|Commands:/)
      expect(r.stderr.split('\n').length).toBeLessThan(4)
    }
  })

  it('suggests the model.yaml field a typo meant, and registry lint says what it does not check', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tg-manners-'))
    const registry = path.join(dir, 'registry')
    await cp(EXAMPLE_REGISTRY, registry, { recursive: true })
    const spec = path.join(registry, 'models', 'content-classifier', 'model.yaml')
    const text = await readFile(spec, 'utf8')
    await writeFile(spec, text.replace(/^training:/m, 'trainr:').replace(/^ {2}train: /m, '  trian: '))
    const [lint, clean] = await Promise.all([
      runCli(['registry', 'lint'], dir),
      runCli(['registry', 'lint', '--registry', EXAMPLE_REGISTRY], dir)
    ])
    expect(lint.code).toBe(1)
    expect(lint.stdout).toMatch(/model\.yaml:\d+:1: error: unknown field 'trainr'; did you mean 'training'\?/)
    expect(lint.stdout).toMatch(/model\.yaml:\d+:3: error: unknown field 'data\.trian'; did you mean 'train'\?/)
    expect(clean.stdout).toMatch(/3 model specs valid \(dataset rows not read: tunegate validate checks them\)/)
  })
})

describe('tunegate validate on a cause shared by many rows', { timeout: 180_000 }, () => {
  it('reports one error per cause with its row count and first lines, and counts the rows invalid', async () => {
    const dir = await makeRepo({ withRegistry: true })
    const prompt = path.join(dir, 'registry', 'prompts', 'seo-writer.yaml')
    const text = await readFile(prompt, 'utf8')
    await writeFile(
      prompt,
      text
        .replace('template: |\n', 'template: |\n  Tone: {{ tone }}\n')
        .replace('variables:\n', 'variables:\n  - name: tone\n    description: The tone.\n')
    )
    await commitAll(dir, 'a variable no row has')
    const rows = (file: string) => readFile(path.join(dir, 'registry', 'datasets', 'seo-writer', file), 'utf8')
    const trainRows = (await rows('train.jsonl')).trim().split('\n').length
    const r = await runCli(['validate'], dir)
    expect(r.code).toBe(1)
    const lacking = r.stdout.split('\n').filter(l => l.includes("row lacks 'tone'"))
    expect(lacking).toEqual([
      expect.stringMatching(/eval\.jsonl:1:1: error: row lacks 'tone', .* — in \d+ rows \(lines 1, 2, 3, …\)$/),
      expect.stringMatching(
        new RegExp(`train\\.jsonl:1:1: error: row lacks 'tone', .* — in ${trainRows} rows \\(lines 1, 2, 3, …\\)$`)
      )
    ])
    // The table's invalid column counts those rows.
    expect(r.stdout).toMatch(
      new RegExp(`^train +registry/datasets/seo-writer/train\\.jsonl +${trainRows} +${trainRows} `, 'm')
    )
    expect(r.stdout).not.toMatch(/… \d+ more/)
  })
})

describe('closestName', () => {
  it('finds typos, and nothing for a name that is far from every known one', () => {
    expect(closestName('trainr', ['training', 'data', 'evaluation'])).toBe('training')
    expect(closestName('modle', ['model', 'registry'])).toBe('model')
    expect(closestName('colour', ['registry', 'help'])).toBeUndefined()
    expect(closestName('x', ['id', 'ab'])).toBeUndefined()
  })
})
