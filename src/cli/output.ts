/** Where the CLI writes: a terminal by default, a buffer in tests. */
export interface Output {
  line(text: string): void
  error(text: string): void
  /** True when progress bars may redraw a line. */
  interactive: boolean
}

/** Output to the process's stdout and stderr. */
export const processOutput: Output = {
  line: text => process.stdout.write(text + '\n'),
  error: text => process.stderr.write(text + '\n'),
  interactive: Boolean(process.stderr.isTTY)
}
