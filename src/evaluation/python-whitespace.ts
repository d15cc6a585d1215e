// Python's whitespace (str.isspace: what str.split() and str.strip() remove), for metrics that follow a
// Python tool. JavaScript's \s differs: it has U+FEFF, and lacks U+001C–U+001F and U+0085.

const RUN = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

/** Whether a UTF-16 code unit is whitespace to Python (every such character is in the BMP). */
export function isPyWhitespace(code: number): boolean {
  if (code <= 0x20) return (code >= 0x09 && code <= 0x0d) || code >= 0x1c
  if (code < 0x85) return false
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  )
}

/** Python's `s.split()`: the words between runs of whitespace, none empty. */
export function pySplit(s: string): string[] {
  const words = s.split(RUN)
  if (words[0] === '') words.shift()
  if (words.length && words.at(-1) === '') words.pop()
  return words
}

/** Python's `s.rstrip()`. A loop, not /\s+$/, which is quadratic on long inner runs of whitespace. */
export function pyRstrip(s: string): string {
  let end = s.length
  while (end > 0 && isPyWhitespace(s.charCodeAt(end - 1))) end--
  return s.slice(0, end)
}

/** Python's `s.strip()`. */
export function pyStrip(s: string): string {
  let start = 0
  const end = pyRstrip(s).length
  while (start < end && isPyWhitespace(s.charCodeAt(start))) start++
  return s.slice(start, end)
}
