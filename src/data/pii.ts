/** Kinds of personal data and secrets the scanner recognises. */
export type PiiKind = 'email' | 'phone' | 'payment-card' | 'iban' | 'national-id' | 'secret'

export interface PiiFinding {
  kind: PiiKind
  /** The match with its middle masked, safe to show in a report. */
  masked: string
}

// Three families of patterns, each run only when a cheap hint says it can match: emails need an '@',
// secrets a known prefix, and the numeric identifiers (cards, IBANs, national ids, phones) a run of six
// or more digits. Checks that need arithmetic (Luhn for cards, mod 97 for IBANs) run on matches only.
const EMAIL = /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g
const SECRET_HINT = /AKIA|gh[pousr]_|github_pat_|xox[abprs]-|sk-|sk_live_|AIza|-----BEGIN/
const SECRET =
  /\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-(?:proj-)?[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35}|sk_live_[0-9a-zA-Z]{24,})\b|-----BEGIN (?:RSA |EC |OPENSSH |DSA |PGP )?PRIVATE KEY-----/g
const NUMERIC = new RegExp(
  [
    String.raw`(?<iban>\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b)`,
    String.raw`(?<card>\b(?:\d[ -]?){12,18}\d\b)`,
    String.raw`(?<ssn>\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b)`,
    String.raw`(?<nino>\b(?![DFIQUV])[A-Z](?![DFIQUVO])[A-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b)`,
    String.raw`(?<phone>(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){2,4}|\(\d{3}\) ?\d{3}-\d{4}|\b0\d{2,4}[ -]\d{3,4}[ -]\d{3,4}\b))`
  ].join('|'),
  'g'
)

const NONE: PiiFinding[] = []

// Every numeric identifier has six digits joined by at most single separators somewhere in it.
export const NUMERIC_HINT = /\d(?:[ .()-]?\d){5}/

/** Luhn checksum, as payment card numbers carry. */
export function luhnValid(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

/** ISO 13616 IBAN check: move the country and check digits to the end, letters to numbers, mod 97 = 1. */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/ /g, '')
  if (s.length < 15 || s.length > 34) return false
  const moved = s.slice(4) + s.slice(0, 4)
  let rem = 0
  for (const ch of moved) {
    const code = ch.charCodeAt(0)
    const value = code >= 65 ? code - 55 : code - 48
    rem = value >= 10 ? (rem * 100 + value) % 97 : (rem * 10 + value) % 97
  }
  return rem === 1
}

function mask(s: string): string {
  if (s.length <= 6) return '*'.repeat(s.length)
  return `${s.slice(0, 2)}${'*'.repeat(Math.min(12, s.length - 4))}${s.slice(-2)}`
}

/**
 * The matches of a global pattern, as String.prototype.matchAll gives them, without the copy of the
 * pattern that matchAll makes on every call (the numeric pattern is large, and this runs per row).
 */
function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0] === '') pattern.lastIndex++
    yield m
  }
  pattern.lastIndex = 0
}

/** Which pattern families a text can match: bits of PII_EMAIL, PII_NUMERIC and PII_SECRET. */
export const PII_EMAIL = 1
export const PII_NUMERIC = 2
/** A possible secret prefix: the SECRET_HINT test still runs. */
export const PII_SECRET = 4
export const PII_ANY = PII_EMAIL | PII_NUMERIC | PII_SECRET
/** With PII_NUMERIC: the caller's pass saw what NUMERIC_HINT matches, so its test need not run again. */
export const PII_NUMERIC_SEEN = 8

/**
 * Personal data and secrets in a text. Cards must pass Luhn and IBANs their checksum. `families`
 * (default all) skips the families a caller has already ruled out in its own pass over the text.
 */
export function findPii(text: string, families = PII_ANY): PiiFinding[] {
  const hasAt = (families & PII_EMAIL) !== 0 && text.includes('@')
  const numeric = (families & PII_NUMERIC) !== 0 && ((families & PII_NUMERIC_SEEN) !== 0 || NUMERIC_HINT.test(text))
  const secret = (families & PII_SECRET) !== 0 && SECRET_HINT.test(text)
  if (!hasAt && !numeric && !secret) return NONE
  const found: PiiFinding[] = []
  if (hasAt) for (const m of matches(EMAIL, text)) found.push({ kind: 'email', masked: mask(m[0]) })
  if (secret) for (const m of matches(SECRET, text)) found.push({ kind: 'secret', masked: mask(m[0]) })
  if (!numeric) return found
  for (const m of matches(NUMERIC, text)) {
    const g = m.groups!
    if (g.iban) {
      if (ibanValid(g.iban)) found.push({ kind: 'iban', masked: mask(g.iban) })
    } else if (g.card) {
      const digits = g.card.replace(/[ -]/g, '')
      if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits))
        found.push({ kind: 'payment-card', masked: mask(digits) })
    } else if (g.ssn || g.nino) found.push({ kind: 'national-id', masked: mask((g.ssn ?? g.nino)!) })
    else if (g.phone) {
      const digits = g.phone.replace(/\D/g, '')
      if (digits.length >= 9 && digits.length <= 15) found.push({ kind: 'phone', masked: mask(g.phone) })
    }
  }
  return found
}
