// Writes the reusable workflows' AWS OIDC variants from the workflows they are made from
// (src/workflows/oidc-variant.ts says why they are separate files). `--check` fails when one is out of date.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { OIDC_VARIANTS, oidcVariant } from '../src/workflows/oidc-variant.js'

const DIR = path.resolve(import.meta.dirname, '..', '.github', 'workflows')
const check = process.argv.includes('--check')
let stale = 0
for (const { source, variant, jobs } of OIDC_VARIANTS) {
  const want = oidcVariant(await readFile(path.join(DIR, source), 'utf8'), source, jobs)
  const file = path.join(DIR, variant)
  const have = await readFile(file, 'utf8').catch(() => '')
  if (have === want) continue
  if (check) {
    console.error(
      `${path.relative(process.cwd(), file)} is out of date: run node --import tsx scripts/generate-workflows.ts`
    )
    stale++
  } else {
    await writeFile(file, want)
    console.log(`wrote ${path.relative(process.cwd(), file)}`)
  }
}
process.exitCode = stale ? 1 : 0
