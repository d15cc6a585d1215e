import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml'

/**
 * The reusable workflows' AWS OIDC variants, generated from the workflows themselves. A variant is a separate
 * file because GitHub checks a called workflow's `permissions` statically, before any `if:`: a job that asks
 * for `id-token: write` makes every caller grant it, input or not. The plain workflows ask for none.
 */
export const OIDC_VARIANTS = [
  { source: 'tunegate.yml', variant: 'tunegate-oidc.yml', jobs: ['validate', 'train', 'evaluate'] },
  { source: 'tunegate-drift.yml', variant: 'tunegate-drift-oidc.yml', jobs: ['drift'] },
  { source: 'tunegate-promote.yml', variant: 'tunegate-promote-oidc.yml', jobs: ['promote'] }
] as const

/** aws-actions/configure-aws-credentials v6.2.3, pinned by its commit (the tag's target). */
export const CONFIGURE_AWS_CREDENTIALS =
  'aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c'
const CONFIGURE_AWS_CREDENTIALS_VERSION = 'v6.2.3'

const INPUTS = `aws-role-to-assume:
  description: >-
    The ARN of the IAM role the data-reading jobs assume with GitHub's OIDC token (its trust policy names
    this repository's subject; see the README's external datasets). Read-only on the data bucket.
  type: string
  required: true
aws-region:
  description: The AWS region of STS and the bucket (a MinIO takes the region it is configured with).
  type: string
  required: true
aws-endpoint-url:
  description: >-
    An S3-compatible endpoint that s3:// URIs are read from, path-style (AWS_ENDPOINT_URL_S3): a MinIO or Ceph
    whose STS takes GitHub's OIDC token (aws-sts-endpoint). Empty for AWS S3.
  type: string
  default: ''
aws-sts-endpoint:
  description: >-
    An STS-compatible endpoint that exchanges the OIDC token (MinIO's or Ceph's); empty for AWS STS.
  type: string
  default: ''
`

const CONFIGURE_STEP = `# Credentials for the data bucket from GitHub's OIDC token, no stored secret. They last the role's session (an
# hour by default): the action below fetches its datasets into the cache before it trains or scores.
- uses: ${CONFIGURE_AWS_CREDENTIALS} # ${CONFIGURE_AWS_CREDENTIALS_VERSION}
  with:
    role-to-assume: \${{ inputs.aws-role-to-assume }}
    aws-region: \${{ inputs.aws-region }}
    sts-endpoint: \${{ inputs.aws-sts-endpoint }}
    # The action retries a refused exchange with backoff (12 attempts); this bounds the whole step.
    action-timeout-s: 300
`

const STEP_ENV = `env:
  AWS_ENDPOINT_URL_S3: \${{ inputs.aws-endpoint-url }}
`

/** One text insertion into the source: `text` goes before character `at`. */
interface Insertion {
  at: number
  text: string
}

/**
 * The OIDC variant of a reusable workflow: the same file with the inputs above, and in each of `jobs` the
 * `id-token: write` permission, a configure-aws-credentials step before the job's Tunegate action, and the
 * S3 endpoint in that action's environment. Spliced into the text, so comments and layout stay as written.
 */
export function oidcVariant(source: string, sourceName: string, jobs: readonly string[]): string {
  const doc = parseDocument(source)
  if (doc.errors.length) throw new Error(`${sourceName}: ${doc.errors[0]!.message}`)
  const at: Insertion[] = []
  const inputs = doc.getIn(['on', 'workflow_call', 'inputs']) as Node | undefined
  if (!isMap(inputs)) throw new Error(`${sourceName}: expected on.workflow_call.inputs`)
  at.push(beforeLineOf(source, firstKey(inputs, `${sourceName} inputs`), INPUTS))
  for (const id of jobs) {
    const job = doc.getIn(['jobs', id]) as Node | undefined
    if (!isMap(job)) throw new Error(`${sourceName}: expected a job '${id}'`)
    const permissions = job.get('permissions', true) as Node | undefined
    if (!isMap(permissions) || permissions.has('id-token'))
      throw new Error(`${sourceName}: job '${id}' needs a block of permissions without id-token`)
    at.push(beforeLineOf(source, firstKey(permissions, `${id}'s permissions`), 'id-token: write\n'))
    const steps = job.get('steps', true) as Node | undefined
    const step = isSeq(steps)
      ? steps.items.find(s => isMap(s) && /^\$\/actions\//.test(String(s.get('uses') ?? '')))
      : undefined
    if (!isMap(step) || step.has('env')) throw new Error(`${sourceName}: job '${id}' has no $/actions/ step to extend`)
    const first = firstKey(step, `${id}'s action step`)
    at.push(beforeStep(source, first, CONFIGURE_STEP))
    at.push(afterLineOf(source, first, STEP_ENV))
  }
  let out = source
  for (const { at: i, text } of at.sort((a, b) => b.at - a.at)) out = out.slice(0, i) + text + out.slice(i)
  const name = String(doc.get('name') ?? 'Tunegate')
  return (
    `# GENERATED from ${sourceName} by scripts/generate-workflows.ts: edit that file, not this one.\n` +
    `# ${name}, with the data-reading jobs (${jobs.join(', ')}) given AWS credentials through GitHub's OIDC\n` +
    `# token (aws-actions/configure-aws-credentials). The caller must grant \`id-token: write\`.\n` +
    out.replace(/^name: .*$/m, `name: ${name} (AWS OIDC)`)
  )
}

/** The start offset of a map's first key. */
function firstKey(map: YAMLMap, what: string): number {
  const key = map.items[0]?.key
  const start = isScalar(key) ? key.range?.[0] : undefined
  if (start === undefined) throw new Error(`oidcVariant: ${what} is empty`)
  return start
}

const lineStart = (source: string, offset: number) => source.lastIndexOf('\n', offset - 1) + 1

/** `text`, indented like the key at `offset`, inserted as whole lines before that key's line. */
function beforeLineOf(source: string, offset: number, text: string): Insertion {
  const start = lineStart(source, offset)
  return { at: start, text: indent(text, ' '.repeat(offset - start)) }
}

/** `text` inserted as whole lines after the line of `offset`, indented like the key there. */
function afterLineOf(source: string, offset: number, text: string): Insertion {
  const end = source.indexOf('\n', offset) + 1
  return { at: end, text: indent(text, ' '.repeat(offset - lineStart(source, offset))) }
}

/** A step inserted before the step whose first key is at `offset`, and before the comment lines above it. */
function beforeStep(source: string, offset: number, text: string): Insertion {
  let start = lineStart(source, offset)
  const dash = ' '.repeat(source.slice(start).search(/-/))
  while (start > 0) {
    const previous = lineStart(source, start - 1)
    if (!source.slice(previous, start).startsWith(`${dash}#`)) break
    start = previous
  }
  return { at: start, text: indent(text, dash) }
}

function indent(text: string, prefix: string): string {
  return text.replace(/^(?=.)/gm, prefix)
}
