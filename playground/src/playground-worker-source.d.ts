/** The worker's bundled source, inlined by playground/build.ts (a file:// page cannot load a worker file). */
declare module 'playground:worker-source' {
  const source: string;
  export default source;
}
