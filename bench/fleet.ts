import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../server/cli/main';
import { writeMesh } from '../test/pair/fleet-mesh';

/**
 * `ipsec-lint fleet` on the generated 20-host site-to-site mesh with five planted faults (the
 * mesh test/pair/fleet.test.ts checks), against linting the same 20 hosts, measured in the
 * same run: both read and model every host; fleet then pairs and predicts 190 pairs of hosts.
 */
export async function run(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-bench-fleet-'));
  try {
    const { paths, faults } = writeMesh(dir, 20);
    const best = (args: readonly string[]): { ms: number; exitCode: number; stdout: string } => {
      let top = { ms: Infinity, exitCode: -1, stdout: '' };
      for (let i = 0; i < 2; i++) {
        const started = performance.now();
        const r = runCli(args);
        const ms = performance.now() - started;
        if (ms < top.ms) top = { ms, exitCode: r.exitCode, stdout: r.stdout };
      }
      return top;
    };
    const fleet = best(['fleet', '--format', 'json', '--libreswan-version', '5.4', ...paths]);
    const lint = best(['--libreswan-version', '5.4', '--format', 'json', ...paths]);
    const report = JSON.parse(fleet.stdout) as { links: { pairings: { state: string }[] }[] };
    const broken = report.links.flatMap((l) => l.pairings).filter((p) => p.state !== 'up').length;
    return [
      `fleet, 20-host mesh (190 pairs of hosts, ${faults.length} planted faults, ${broken} found): ${fleet.ms.toFixed(0)} ms; ` +
        `lint of the same 20 hosts ${lint.ms.toFixed(0)} ms, ratio ${(fleet.ms / lint.ms).toFixed(2)}`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
