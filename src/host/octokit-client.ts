import { Octokit } from '@octokit/rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

/** Statuses that a retry cannot fix (403 without rate-limit headers is the throttling plugin's to judge). */
export const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 451]

const TunegateOctokit = Octokit.plugin(retry, throttling)
export type GitHubClient = InstanceType<typeof TunegateOctokit>

export interface ClientOptions {
  token: string
  /** The REST API root: GITHUB_API_URL on a runner, https://api.github.com otherwise. */
  baseUrl?: string
  /** Retries of rate-limited and failed requests before giving up. */
  retries?: number
  /** Milliseconds one "retry-after: 1" stands for; tests shorten it, production keeps 1000. */
  retryAfterBaseValue?: number
  log?: (message: string) => void
  /** The fetch octokit uses (a bounded one for untrusted waits and sizes); default: the global fetch. */
  fetch?: typeof fetch
}

/** The one octokit factory: retry for 5xx, throttling for primary and secondary rate limits. */
export function createGitHubClient(options: ClientOptions): GitHubClient {
  const retries = options.retries ?? 3
  const log = options.log ?? (() => undefined)
  // The throttling plugin's handler for either limit: log the wait, retry while retries are left.
  const onLimit =
    (limit: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      log(
        `GitHub ${limit} on ${request.method} ${request.url}; retry ${retryCount + 1} of ${retries} in ${retryAfter} s`
      )
      return retryCount < retries
    }
  return new TunegateOctokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com',
    userAgent: 'tunegate',
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
    retry: { doNotRetry: DO_NOT_RETRY, retries, retryAfterBaseValue: options.retryAfterBaseValue ?? 1000 },
    throttle: {
      retryAfterBaseValue: options.retryAfterBaseValue ?? 1000,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit')
    },
    log: { debug: () => undefined, info: () => undefined, warn: log, error: log }
  })
}
