import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NegotiationCase } from './negotiation-case';

export const negotiateScript = fileURLToPath(new URL('../../../../shared/oracle/libreswan-negotiate', import.meta.url));

/** Why the live oracle cannot run here, or undefined when it can. */
export function oracleMissing(versions: readonly string[] = ['5.4']): string | undefined {
  if (!existsSync(negotiateScript)) return `${negotiateScript} is absent`;
  for (const v of versions) if (!existsSync(`/opt/libreswan-${v}/libexec/ipsec/pluto`)) return `/opt/libreswan-${v} is absent (Libreswan ${v} not built here)`;
  if (process.getuid?.() !== 0) return 'the oracle makes network namespaces, which needs root';
  return undefined;
}

/** What the two plutos did: the script's outcome, and the notifications each side logged. */
export interface NegotiationOutcome {
  readonly outcome: string;
  readonly addFailed: readonly ('west' | 'east')[];
  readonly error?: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Successful negotiation ends in a kernel install failure here (no ESP in this kernel): that is up. */
export function isUp(outcome: string): boolean {
  return outcome === 'established' || outcome === 'negotiated:kernel_install_failed';
}

/** The notification an outcome names (`failed:TS_UNACCEPTABLE:ike_sa_up` gives TS_UNACCEPTABLE), else the outcome word. */
export function outcomeNotification(outcome: string): string {
  const m = /^failed:([A-Z_]+)/.exec(outcome);
  return m ? m[1] : outcome;
}

function runOne(c: NegotiationCase, timeoutSeconds: number): Promise<NegotiationOutcome> {
  const args = [c.westConf, c.eastConf, c.westSecrets, c.eastSecrets, c.conn, '--version', c.westVersion ?? '5.4', '--east-version', c.eastVersion ?? '5.4', '--timeout', String(timeoutSeconds)];
  if (c.eastConn) args.push('--east-conn', c.eastConn);
  return new Promise((resolve) => {
    const child = spawn(negotiateScript, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', () => {
      try {
        const raw = JSON.parse(out.trim().split('\n').pop() ?? '') as Record<string, unknown>;
        const add = (raw.addconn ?? {}) as Record<string, { rc?: number }>;
        const addFailed = (['west', 'east'] as const).filter((s) => (add[s]?.rc ?? 0) !== 0);
        resolve({ outcome: String(raw.outcome ?? 'error'), addFailed, error: typeof raw.error === 'string' ? raw.error : undefined, raw });
      } catch {
        resolve({ outcome: 'error', addFailed: [], error: `no JSON from the oracle: ${err.trim().slice(0, 300)}`, raw: {} });
      }
    });
  });
}

/** Runs every case, `parallel` at a time (each run makes its own uniquely named namespaces). */
export async function negotiateAll(cases: readonly NegotiationCase[], parallel: number, timeoutSeconds = 6): Promise<Map<string, NegotiationOutcome>> {
  const results = new Map<string, NegotiationOutcome>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const c = cases[next++];
      results.set(c.id, await runOne(c, timeoutSeconds));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
