import type { Output } from './output.js'

/**
 * A one-line progress bar on an interactive terminal; elsewhere (CI logs, pipes) a line per 25%,
 * so logs stay readable.
 */
export class ProgressBar {
  private lastDraw = 0
  private lastQuarter = -1
  private active = false

  constructor(
    private readonly out: Output,
    private readonly stream: NodeJS.WriteStream = process.stderr
  ) {}

  update(label: string, done: number, total: number, detail = ''): void {
    const ratio = total > 0 ? Math.min(1, done / total) : 0
    if (this.out.interactive) {
      const now = Date.now()
      if (now - this.lastDraw < 80 && ratio < 1) return
      this.lastDraw = now
      const width = 24
      const filled = Math.round(ratio * width)
      const bar = '#'.repeat(filled) + '-'.repeat(width - filled)
      const percent = (ratio * 100).toFixed(0).padStart(3)
      this.stream.write(`\r\x1b[2K${label} [${bar}] ${percent}% ${detail}`)
      this.active = true
    } else {
      const quarter = Math.floor(ratio * 4)
      if (quarter !== this.lastQuarter) {
        this.lastQuarter = quarter
        this.out.error(`${label}: ${(quarter * 25).toFixed(0)}% ${detail}`.trimEnd())
      }
    }
  }

  /** Ends the current bar so the next output starts on a fresh line. */
  done(): void {
    if (this.active) this.stream.write('\n')
    this.active = false
    this.lastQuarter = -1
  }
}

/** Bytes as KB/MB/GB. */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let i = 0
  let v = n
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v.toFixed(i ? 1 : 0)} ${units[i]}`
}
