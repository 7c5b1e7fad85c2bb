// Runs a built front (dist/ipsec-lint.cjs or the language server) in this process and, when it
// exits, writes what it cost to the file named by MEASURE_OUT: CPU time (user + system, which
// other processes on a busy machine do not inflate, unlike wall time), wall time and the
// peak resident set size. The vitest worker's own heap is shared, so memory is measured here.
const { writeFileSync } = require('node:fs');
const [front, ...args] = process.argv.slice(2);
const out = process.env.MEASURE_OUT;
const cpu = process.cpuUsage();
const wall = performance.now();
process.on('exit', (code) => {
  const used = process.cpuUsage(cpu);
  if (out) {
    writeFileSync(out, JSON.stringify({ code, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  }
});
process.argv = [process.argv[0], front, ...args];
require(front);
