import { code } from './escape.js'

/**
 * Where a report's references point on GitHub: the repository's web address, the commit that was checked, and
 * the workflow run. The CLI and the local path have none of these: references are then plain text.
 */
export interface ReportLinks {
  /** `https://github.com/<owner>/<repo>` (GITHUB_SERVER_URL + GITHUB_REPOSITORY). */
  repoUrl?: string
  /** The commit the report is about: file links point at the files as they were at it. */
  sha?: string
  /** The workflow run's page. */
  runUrl?: string
}

const SHA = /^[0-9a-f]{7,64}$/

/** Repository paths are percent-encoded per segment: a name cannot add a query, a fragment or `..` to the URL. */
const encodePath = (p: string) =>
  p
    .split('/')
    .filter(s => s && s !== '.' && s !== '..')
    .map(encodeURIComponent)
    .join('/')

/** `file:line` as a link to the file at the report's commit (`blob/<sha>/<path>#L<line>`), or as code. */
export function fileLink(links: ReportLinks, file: string, line?: number, column?: number): string {
  const text = code(`${file}${line ? `:${line}` : ''}${line && column ? `:${column}` : ''}`)
  if (!links.repoUrl || !links.sha || !SHA.test(links.sha)) return text
  return `[${text}](${links.repoUrl}/blob/${links.sha}/${encodePath(file)}${line ? `#L${line}` : ''})`
}

/** A commit's short hash, linked to the commit's page when the repository is known. */
export function commitLink(links: Pick<ReportLinks, 'repoUrl'>, sha: string): string {
  const text = code(sha.slice(0, 7))
  return links.repoUrl && SHA.test(sha) ? `[${text}](${links.repoUrl}/commit/${sha})` : text
}

/** A version's GitHub Release (`releases/tag/<model>@v1.2.3`), or the version as code. */
export function releaseLink(links: Pick<ReportLinks, 'repoUrl'>, tag: string, text: string): string {
  return links.repoUrl ? `[${code(text)}](${links.repoUrl}/releases/tag/${encodeURIComponent(tag)})` : code(text)
}
