/** Names shared by the actions, the CLI and the hosts, kept in one place so they cannot drift apart. */

/** The commit status branch protection requires (the merge gate); also the title of annotations. */
export const STATUS_CONTEXT = 'tunegate'

/** A model's own commit status, from which the merge gate is aggregated: `tunegate/<model>`. */
export function modelStatusContext(model: string): string {
  return `${STATUS_CONTEXT}/${model}`
}

/** The folder of one training run under a work dir: the model and the start of its training fingerprint. */
export function runFolderName(model: string, trainingFingerprint: string): string {
  return `${model}-${trainingFingerprint.slice(0, 16)}`
}

/** The workflow artifact that carries an evaluation record: found again by the evaluation fingerprint. */
export function evaluationArtifactName(model: string, evaluationFingerprint: string): string {
  return `tunegate-evaluation-${model}-${evaluationFingerprint.slice(0, 32)}`
}

/**
 * An artifact's name in one attempt of a workflow run: `<name>-<attempt>`. A re-run is the same run, and the
 * artifact service refuses a second artifact of one name in a run, so every upload carries its attempt.
 */
export function attemptArtifactName(name: string, attempt: number): string {
  return `${name}-${attempt}`
}

/** The run attempt of an artifact named `<name>-<attempt>`, or undefined when it is not one of `name`'s. */
export function artifactAttempt(artifactName: string, name: string): number | undefined {
  const rest = artifactName.startsWith(`${name}-`) ? artifactName.slice(name.length + 1) : ''
  return /^[1-9]\d{0,5}$/.test(rest) ? Number(rest) : undefined
}
