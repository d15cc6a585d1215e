// The MinHash and LSH shape, shared by the AssemblyScript scanner (text-scan.as.ts) and the TypeScript around it:
// plain constants, which both compilers accept. minhash.ts explains the choice.

/** Bins of a MinHash signature (a power of two: a hash picks its bin by its low bits). */
export const MINHASH_BINS = 32
/** LSH bands of a signature. */
export const LSH_BANDS = 8
/** Bins per LSH band (LSH_BANDS * LSH_ROWS = MINHASH_BINS). */
export const LSH_ROWS = 4
