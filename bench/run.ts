import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchLint } from './lint';

/**
 * `npm run bench`: every performance target of the project (issue 14), each printed beside
 * its baseline measured in the same run, with the ratio and whether it is met. Whole
 * processes are timed in turns and quoted as medians of CPU time (user + sys) unless the
 * line says otherwise: the machine may be shared, and wall time then measures the
 * neighbours. docs/performance.md says where the time goes and what each step gained.
 */
async function main(): Promise<void> {
  const conns = Number(process.env.BENCH_CONNS ?? 10_000);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  console.log(`ipsec-lint benchmarks (${conns} conns; medians of ${runs} runs after a warm-up; ratio = ipsec-lint / baseline)\n`);
  console.log('Lint, whole process, against Libreswan `addconn --checkconfig` on the same file:');
  for (const line of benchLint(conns, runs)) console.log(`  ${line}`);
  for (const [file, title] of [
    ['startup.ts', 'One small file, end to end'],
    ['format.ts', 'Formatter'],
    ['lsp.ts', 'Language server (in process, 5,000-line file)'],
    ['fleet.ts', 'Fleet (every negotiation of a 20-host mesh)'],
  ] as const) {
    const path = resolve(import.meta.dirname, file);
    if (!existsSync(path)) continue;
    const mod = (await import(path)) as { default?: () => Promise<string[]>; run?: () => Promise<string[]> };
    const run = mod.run ?? mod.default;
    if (!run) continue;
    console.log(`\n${title}:`);
    for (const line of await run()) console.log(`  ${line}`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
