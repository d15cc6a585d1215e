// "Did you mean": the nearest of a few known names by edit distance. Written by hand: the names are short
// and few (commands, flags, schema keys), and a 15-line Levenshtein beats a dependency for that.

/** Levenshtein distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]!
}

/**
 * The known name closest to `typed`, when it is close enough to be a typo: at most a third of the longer
 * name's length away (rounded up; at least 1, at most 3 edits), or `typed` is a prefix of exactly one name.
 */
export function closestName(typed: string, known: Iterable<string>): string | undefined {
  const names = [...new Set(known)]
  let best: { name: string; distance: number } | undefined
  for (const name of names) {
    const limit = Math.min(3, Math.max(1, Math.ceil(Math.max(typed.length, name.length) / 3)))
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase())
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance }
  }
  if (best) return best.name
  const prefixed = names.filter(n => typed.length >= 2 && n.startsWith(typed))
  return prefixed.length === 1 ? prefixed[0] : undefined
}

/** "; did you mean 'x'?" for a message, or '' when no known name is close. */
export function didYouMean(typed: string, known: Iterable<string>, quote = "'"): string {
  const name = closestName(typed, known)
  return name === undefined ? '' : `; did you mean ${quote}${name}${quote}?`
}
