/**
 * Runs `work` with a signal that aborts on SIGINT or SIGTERM — what the runner sends when a job is cancelled,
 * and Ctrl-C in a terminal — so a trainer is stopped gracefully rather than orphaned; the handlers are removed
 * afterwards.
 */
export async function cancelOnSignals<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController()
  const onSignal = () => abort.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return await work(abort.signal)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
