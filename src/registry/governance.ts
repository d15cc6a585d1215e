import type { Problem } from '../errors.js'
import type { LoadedModel } from './loader.js'

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

/** Governance lint across the registry: architecture fit, owners, and models that should be one. */
export function governanceProblems(models: LoadedModel[]): Problem[] {
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
  const groups = new Map<string, LoadedModel[]>()
  for (const m of models) {
    const key = `${m.spec.base_model.id}\u0000${m.spec.task_family}`
    groups.set(key, [...(groups.get(key) ?? []), m])
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue
    for (const m of group) {
      if (m.spec.consolidation_note) continue
      const others = group
        .filter(o => o !== m)
        .map(o => o.spec.name)
        .join(', ')
      at(
        m,
        ['task_family'],
        'warning',
        `same base model (${m.spec.base_model.id}) and task family (${m.spec.task_family}) as ${others}: consolidate them into one model with several use cases, or justify it in consolidation_note`
      )
    }
  }
  return problems
}
