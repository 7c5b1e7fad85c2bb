import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Debian's Libreswan 4.10 tool that loads a config and prints it back as Libreswan understood it. */
export const readwriteconfPath = '/usr/libexec/ipsec/readwriteconf';
export const readwriteconfPresent = existsSync(readwriteconfPath);

if (!readwriteconfPresent) {
  console.warn(`[ipsec-lint tests] ${readwriteconfPath} is absent (apt-get install libreswan): the readwriteconf meaning checks are skipped.`);
}

export interface LibreswanReading {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * What Libreswan makes of `text` when it is the file `name`. The file is written alone into a
 * fresh folder and read from there, so two texts under the same name are read under exactly
 * the same conditions (the corpus only includes absolute paths, which resolve the same way).
 */
export function readWithLibreswan(name: string, text: string): Promise<LibreswanReading> {
  const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-rwc-'));
  const file = basename(name);
  writeFileSync(join(dir, file), text);
  return new Promise((resolve) => {
    execFile(readwriteconfPath, ['--config', file], { cwd: dir, timeout: 20_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ exitCode, stdout, stderr: withoutLineNumbers(stderr) });
    });
  });
}

/** Messages name `file: LINE:`; formatting moves lines (blank lines), so the number is left out. */
function withoutLineNumbers(stderr: string): string {
  return stderr.replace(/: ?\d+:/g, ': N:');
}

/** Runs `jobs` with at most `limit` in flight (the machine has two cores shared by everyone). */
export async function inBatches<T, R>(items: readonly T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
