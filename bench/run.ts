import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchLint } from './lint';

/**
 * `npm run bench`: every benchmark of the project, each against a baseline measured in the
 * same run, printed as times and ratios.
 */
async function main(): Promise<void> {
  const conns = Number(process.env.BENCH_CONNS ?? 10_000);
  console.log(`ipsec-lint benchmarks (${conns} conns; best of 2 runs; ratio = ipsec-lint / baseline)\n`);
  console.log('Lint, whole process, against Debian Libreswan 4.10 `addconn --checkconfig`:');
  for (const row of benchLint(conns)) {
    const base = row.addconnMs === undefined ? 'addconn not installed (apt-get install libreswan)' : `addconn ${row.addconnMs.toFixed(0)} ms, ratio ${(row.ipsecLintMs / row.addconnMs).toFixed(2)}`;
    console.log(`  ${row.name.padEnd(26)} ipsec-lint ${row.ipsecLintMs.toFixed(0)} ms; ${base}`);
  }
  for (const [file, title] of [
    ['format.ts', 'Formatter'],
    ['lsp.ts', 'Language server latency'],
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
