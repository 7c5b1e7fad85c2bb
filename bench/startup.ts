import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { compare, targetLine } from './measure';

const cli = resolve(import.meta.dirname, '../dist/ipsec-lint.cjs');
const example = resolve(import.meta.dirname, '../examples/host-to-host');

/**
 * One small file end to end (`ipsec-lint examples/host-to-host`, the bundle) against the
 * floor under any Node program, `node -e 0`, in the same run: at most 2× in wall time
 * (what a person waits for; CPU printed beside).
 */
export async function run(): Promise<string[]> {
  if (!existsSync(cli)) return [`${cli} missing (npm run build)`];
  const [ours, node] = compare(
    [
      { command: process.execPath, args: [cli, example] },
      { command: process.execPath, args: ['-e', '0'] },
    ],
    Number(process.env.BENCH_RUNS ?? 3) * 3,
  );
  return [
    targetLine('ipsec-lint examples/host-to-host, wall', `${ours.wallMs.toFixed(0)} ms`, `node -e 0 ${node.wallMs.toFixed(0)} ms`, ours.wallMs / node.wallMs, 2.0) +
      `; CPU ${ours.cpuMs.toFixed(0)} ms vs ${node.cpuMs.toFixed(0)} ms, ratio ${(ours.cpuMs / node.cpuMs).toFixed(2)}`,
  ];
}
