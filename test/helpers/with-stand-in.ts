// The GitHub stand-in for each test of a file or describe block, set up and checked one way everywhere.
import { afterEach, beforeEach, expect } from 'vitest'
import { ResultsServiceStandIn } from '../github/results-service.js'
import { GitHubStandIn } from '../github/stand-in.js'

/** The stand-ins of one test: the GitHub API, and the Actions results service where asked for. */
export interface StandIns {
  gh: GitHubStandIn
  /** Present when withStandIn was given `resultsRunId`. */
  results: ResultsServiceStandIn | undefined
}

/**
 * Registers, in the calling file or describe block, a GitHub stand-in started before each test (with the Actions
 * results service for run `resultsRunId`, where given) and handed to `started` (to keep it and seed it), then
 * stopped after the test with a check that no request broke GitHub's rules and the results service saw no problem.
 */
export function withStandIn(
  started: (s: StandIns) => unknown,
  { resultsRunId }: { resultsRunId?: number } = {}
): {
  /** Stops this test's stand-in (checked as after a test) and starts another with `options`; the checks after the test apply to it. */
  replace(options: ConstructorParameters<typeof GitHubStandIn>[0]): Promise<GitHubStandIn>
} {
  let gh: GitHubStandIn | undefined
  let results: ResultsServiceStandIn | undefined
  beforeEach(async () => {
    gh = await new GitHubStandIn().start()
    results = resultsRunId === undefined ? undefined : await new ResultsServiceStandIn(gh, resultsRunId).start()
    await started({ gh, results })
  })
  afterEach(async () => {
    await results?.stop()
    await gh?.stop()
    expect(gh?.violations).toEqual([])
    if (results) expect(results.problems).toEqual([])
  })
  return {
    async replace(options) {
      await gh?.stop()
      expect(gh?.violations).toEqual([])
      gh = await new GitHubStandIn(options).start()
      return gh
    }
  }
}
