import { readFileSync } from 'node:fs'
import { isNode, parseDocument } from 'yaml'
import type { Problem } from '../errors.js'
import type { LoadedModel, LoadedRegistry } from './loader.js'
import { LineIndex } from './source-text.js'

/** Which base architectures can serve a task family (seed 000's model-selection rules). */
export function architectureProblem(model: LoadedModel): string | null {
  const { task_family: family, base_model: base } = model.spec
  switch (family) {
    case 'classification':
      if (base.architecture === 'encoder' || (base.architecture === 'decoder' && base.classification_head)) return null
      return `task family 'classification' needs an encoder, or a decoder with classification_head: true; base model ${base.id} is ${base.architecture}`
    case 'text-generation':
      return base.architecture === 'decoder'
        ? null
        : `task family 'text-generation' needs a decoder; base model ${base.id} is ${base.architecture}`
    case 'transformation':
      return base.architecture === 'encoder'
        ? `task family 'transformation' needs an encoder-decoder or a decoder; base model ${base.id} is an encoder`
        : null
  }
}

/**
 * Governance lint across the registry: architecture fit, owners, models that should be one, names that
 * collide on a case-insensitive file system, and risk tiers whose approvals contradict them.
 */
export function governanceProblems(
  models: LoadedModel[],
  registry?: Pick<LoadedRegistry, 'config' | 'configFile'>
): Problem[] {
  const problems: Problem[] = []
  const at = (m: LoadedModel, keyPath: PropertyKey[], severity: Problem['severity'], message: string) => {
    const { line, column } = m.locate(keyPath)
    problems.push({ file: m.file.display, line, column, severity, message })
  }
  for (const m of models) {
    const arch = architectureProblem(m)
    if (arch) at(m, ['base_model', 'architecture'], 'error', arch)
    if (m.spec.owners.length === 0)
      at(
        m,
        ['owners'],
        'error',
        "the model has no owners; expected at least one person or team (e.g. owners: ['@org/team']) accountable for it"
      )
  }
  // macOS and Windows checkouts, and artifact names, do not tell Content-Classifier from content-classifier.
  const byFolded = new Map<string, LoadedModel[]>()
  for (const m of models)
    byFolded.set(m.spec.name.toLowerCase(), [...(byFolded.get(m.spec.name.toLowerCase()) ?? []), m])
  for (const same of byFolded.values())
    if (same.length > 1)
      for (const m of same)
        at(
          m,
          ['name'],
          'error',
          `model name '${m.spec.name}' differs only in case from ${same
            .filter(o => o !== m)
            .map(o => `'${o.spec.name}'`)
            .join(
              ', '
            )}; expected names that differ in more than case (they collide on case-insensitive file systems and in artifact names)`
        )
  if (registry) problems.push(...tierProblems(registry))
  consolidationWarnings(models, at)
  return problems
}

/** Names a consolidation warning quotes; the rest are counted, so one warning stays short in any registry. */
const NAMES_QUOTED = 20

/**
 * One warning per group of models on the same base model and task family where any member lacks a
 * consolidation_note, at the first such member: a warning per member, each naming every other, grew as the
 * square of the group.
 */
function consolidationWarnings(
  models: LoadedModel[],
  at: (m: LoadedModel, keyPath: PropertyKey[], severity: Problem['severity'], message: string) => void
): void {
  const groups = new Map<string, LoadedModel[]>()
  for (const m of models) {
    const key = `${m.spec.base_model.id}\u0000${m.spec.task_family}`
    const group = groups.get(key)
    if (group) group.push(m)
    else groups.set(key, [m])
  }
  for (const group of groups.values()) {
    const unjustified = group.filter(m => !m.spec.consolidation_note)
    const first = unjustified[0]
    if (group.length < 2 || !first) continue
    const quote = (names: string[]) =>
      names.length > NAMES_QUOTED
        ? `${names.slice(0, NAMES_QUOTED).join(', ')} and ${names.length - NAMES_QUOTED} more`
        : names.join(', ')
    const others = group.filter(o => o !== first).map(o => o.spec.name)
    const without =
      unjustified.length > 1 ? `; ${unjustified.length} of the ${group.length} have no consolidation_note` : ''
    at(
      first,
      ['task_family'],
      'warning',
      `same base model (${first.spec.base_model.id}) and task family (${first.spec.task_family}) as ${quote(others)}${without}: consolidate them into one model with several use cases, or justify each in consolidation_note`
    )
  }
}

/** Tiers with no approvals that name an environment, or that are the highest (last listed) tier: warnings. */
function tierProblems(registry: Pick<LoadedRegistry, 'config' | 'configFile'>): Problem[] {
  const tiers = Object.entries(registry.config?.risk_tiers ?? {})
  const out: Problem[] = []
  let text: string | undefined
  const lineOf = (tier: string): { line: number; column: number } => {
    try {
      text ??= readFileSync(registry.configFile.absolute, 'utf8')
      const node = parseDocument(text).getIn(['risk_tiers', tier, 'approvals'], true)
      if (isNode(node) && node.range) return new LineIndex(text).position(node.range[0])
    } catch {
      // the loader reported the file already
    }
    return { line: 1, column: 1 }
  }
  tiers.forEach(([name, tier], i) => {
    if (tier.approvals !== 0) return
    const reasons = [
      ...(tier.environment ? [`names the environment '${tier.environment}'`] : []),
      ...(i === tiers.length - 1 && tiers.length > 1 ? ['is the highest (last listed) tier'] : [])
    ]
    if (reasons.length)
      out.push({
        file: registry.configFile.display,
        ...lineOf(name),
        severity: 'warning',
        message: `risk tier '${name}' needs 0 approvals but ${reasons.join(' and ')}; expected at least 1 approval, or a tier that does not claim to guard production`
      })
  })
  return out
}
