import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ValidationResult } from '../data/validate.js'

/** The report files of each step, the same for the CLI and the actions. */
export const REPORT_FILES = {
  validation: 'validation.md',
  validationJson: 'validation.json',
  train: (model: string) => `train-${model}.md`,
  evaluate: (model: string) => `evaluate-${model}.md`
} as const

/** Writes a markdown report into `dir` (created when missing) and returns its path. */
export async function writeReport(dir: string, file: string, markdown: string): Promise<string> {
  await mkdir(dir, { recursive: true })
  const target = path.join(dir, file)
  await writeFile(target, markdown)
  return target
}

/** Writes the validation report and the result as JSON beside it; returns the report's path. */
export async function writeValidationReports(dir: string, result: ValidationResult, markdown: string): Promise<string> {
  const report = await writeReport(dir, REPORT_FILES.validation, markdown)
  await writeFile(path.join(dir, REPORT_FILES.validationJson), JSON.stringify(result, null, 2))
  return report
}
