import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { EXAMPLE_REGISTRY } from './git-repo.js'

/** A copy of the example registry whose schema-markup prompt has `template` as its template. */
export async function withTemplate(template: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tg-tpl-'))
  await cp(EXAMPLE_REGISTRY, path.join(dir, 'registry'), { recursive: true })
  const file = path.join(dir, 'registry/prompts/schema-markup.yaml')
  const text = await readFile(file, 'utf8')
  const start = text.indexOf('template: |')
  const end = text.indexOf('variables:')
  await writeFile(file, `${text.slice(0, start)}template: ${JSON.stringify(template)}\n${text.slice(end)}`)
  return dir
}
