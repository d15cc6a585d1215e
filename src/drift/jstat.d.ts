// The one part of jstat Tunegate uses; the package ships no type declarations.
declare module 'jstat' {
  const jStat: {
    chisquare: { cdf(x: number, dof: number): number }
  }
  export default jStat
}
