// The few WebAssembly globals Tunegate uses: the ES library declares none, and the DOM library, which
// does, would declare browser globals that do not exist in Node.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array)
  }
  class Instance {
    constructor(module: Module, imports: object)
    readonly exports: Record<string, unknown>
  }
  class Memory {
    readonly buffer: ArrayBuffer
    grow(pages: number): number
  }
}
