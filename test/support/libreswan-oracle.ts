import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/*
 * Real Libreswan as the judge of a config text: Debian's 4.10 (`libreswan-verdict`: addconn
 * --checkconfig, then every conn's proposals through algparse) and the 5.x builds in /opt
 * (`libreswan-verdict5` for the load, then `libreswan-pluto-check5`: a throw-away pluto in its
 * own network namespace adds every conn). The text is written into a copy of its corpus
 * folder, so relative includes resolve as they did for the recorded verdicts.
 *
 * Answers are cached by content hash under .scratch/ (gitignored), only to make a second run
 * fast: a cached answer is what the same binary said about the same bytes.
 */

export type OracleVersion = '4.10' | '5.2' | '5.4';

const oracleDir = resolve(__dirname, '../../../shared/oracle');
const libexec: Record<OracleVersion, string> = {
  '4.10': '/usr/libexec/ipsec',
  '5.2': '/opt/libreswan-5.2/libexec/ipsec',
  '5.4': '/opt/libreswan-5.4/libexec/ipsec',
};

/** Why an oracle cannot run here, or undefined when it can. */
export function oracleMissing(version: OracleVersion): string | undefined {
  if (!existsSync(join(libexec[version], 'addconn'))) return `${join(libexec[version], 'addconn')} is absent (Libreswan ${version} not installed or built)`;
  if (!existsSync(join(oracleDir, version === '4.10' ? 'libreswan-verdict' : 'libreswan-pluto-check5'))) return `${oracleDir} is absent`;
  if (version !== '4.10' && process.getuid?.() !== 0) return 'pluto-check5 needs root (network namespaces)';
  return undefined;
}

export interface ConnVerdict {
  readonly ok: boolean;
  readonly messages: readonly string[];
}

export interface OracleVerdict {
  /** The file loads (4.10: addconn and the proposal check pass; 5.x: addconn --checkconfig exits 0). */
  readonly loads: boolean;
  readonly messages: readonly string[];
  /** 5.x: what pluto said about each conn (absent when the file does not load, and for 4.10). */
  readonly conns?: Readonly<Record<string, ConnVerdict>>;
}

const cacheDir = resolve(__dirname, '../../.scratch/libreswan-oracle');

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ stdout: string; code: number }> {
  return new Promise((resolvePromise) => {
    execFile(command, [...args], { cwd, env, maxBuffer: 16 * 1024 * 1024, timeout: 300_000 }, (error, stdout) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 99) : 0;
      resolvePromise({ stdout: String(stdout), code });
    });
  });
}

function lastJsonLine(stdout: string): Record<string, unknown> | undefined {
  const line = stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export interface Diagnostic410 {
  readonly severity: string;
  readonly text: string;
  readonly kind?: string;
  readonly conn?: string;
}

/**
 * 4.10's verdict in the 5.x shape: errors about one conn (addconn names it) under `conns`,
 * the others as the file's messages; `loads` when the parse succeeded and no file-level error.
 */
export function verdict410(parsed: boolean, diagnostics: readonly Diagnostic410[]): OracleVerdict {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const conns: Record<string, ConnVerdict> = {};
  for (const d of errors) {
    if (d.kind !== 'conn' || d.conn === undefined) continue;
    for (const conn of d.conn.split(',')) conns[conn] = { ok: false, messages: [...(conns[conn]?.messages ?? []), d.text] };
  }
  const fileLevel = errors.filter((d) => d.kind !== 'conn' || d.conn === undefined).map((d) => d.text);
  return { loads: parsed && fileLevel.length === 0, messages: parsed ? fileLevel : errors.map((d) => d.text), conns: parsed ? conns : undefined };
}

async function judge(version: OracleVersion, dir: string, name: string): Promise<OracleVerdict> {
  const env = { ...process.env, LIBRESWAN_LIBEXEC: libexec[version] };
  if (version === '4.10') {
    const { stdout } = await run(join(oracleDir, 'libreswan-verdict'), ['--cwd', dir, name], dir, env);
    const v = lastJsonLine(stdout);
    if (!v) throw new Error(`libreswan-verdict gave no verdict for ${name}: ${stdout.slice(0, 300)}`);
    return verdict410(v.exit === 0, (v.diagnostics as Diagnostic410[] | undefined) ?? []);
  }
  const load = lastJsonLine((await run(join(oracleDir, 'libreswan-verdict5'), ['--no-alg', '--cwd', dir, name], dir, env)).stdout);
  if (!load) throw new Error(`libreswan-verdict5 gave no verdict for ${name}`);
  const messages = (load.messages as string[] | undefined) ?? [];
  if (load.exit !== 0) return { loads: false, messages };
  const secrets = join(dir, '.empty.secrets');
  writeFileSync(secrets, '');
  // A throw-away pluto on a shared, busy machine can miss its start-up window: one more try.
  let check: Record<string, unknown> | undefined;
  let said5 = '';
  for (let attempt = 0; attempt < 2 && (check === undefined || check.error !== undefined); attempt++) {
    const out = await run(join(oracleDir, 'libreswan-pluto-check5'), ['--conf', name, '--all', '--setup-from-conf', secrets], dir, env);
    said5 = out.stdout;
    check = lastJsonLine(out.stdout);
  }
  if (!check || check.error !== undefined) throw new Error(`libreswan-pluto-check5 failed on ${dir}/${name}: ${(JSON.stringify(check) ?? said5).slice(0, 600)}`);
  const exits = (check.conn_exit as Record<string, number> | undefined) ?? {};
  const said = (check.conn_messages as { conn?: string; text: string; severity: string }[] | undefined) ?? [];
  const conns: Record<string, ConnVerdict> = {};
  for (const [conn, exit] of Object.entries(exits)) {
    conns[conn] = { ok: exit === 0, messages: said.filter((m) => m.conn === conn).map((m) => m.text) };
  }
  return { loads: true, messages, conns };
}

/**
 * Libreswan's verdict on `text` standing in for the corpus file `corpusFile`. `siblings`
 * is the folder the file lives in: it is copied, so the file's relative includes still resolve.
 */
export async function libreswanVerdict(version: OracleVersion, corpusFile: string, text: string): Promise<OracleVerdict> {
  const key = createHash('sha256').update(`${version}\0${corpusFile}\0${text}`).digest('hex');
  const cached = join(cacheDir, `${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as OracleVerdict;
  const work = mkdtempSync(join(tmpdir(), 'ipsec-lint-oracle-'));
  try {
    const dir = join(work, basename(dirname(corpusFile)));
    cpSync(dirname(corpusFile), dir, { recursive: true });
    writeFileSync(join(dir, basename(corpusFile)), text);
    const verdict = await judge(version, dir, basename(corpusFile));
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, JSON.stringify(verdict));
    return verdict;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs `task` over `items`, `width` at a time, keeping their order. */
export async function inParallel<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i]);
      }
    }),
  );
  return out;
}

/** Whether this version's readwriteconf is installed. */
export function readwriteconfMissing(version: OracleVersion): string | undefined {
  const tool = join(libexec[version], 'readwriteconf');
  return existsSync(tool) ? undefined : `${tool} is absent`;
}

/**
 * What `readwriteconf` of the version prints for `text` standing in for the corpus file: the
 * config as that Libreswan read it (standard output only; warnings go to standard error).
 */
export async function readwriteconf(version: OracleVersion, corpusFile: string, text: string): Promise<{ code: number; stdout: string }> {
  const key = createHash('sha256').update(`rwc\0${version}\0${corpusFile}\0${text}`).digest('hex');
  const cached = join(cacheDir, `${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as { code: number; stdout: string };
  const work = mkdtempSync(join(tmpdir(), 'ipsec-lint-rwc-'));
  try {
    const dir = join(work, basename(dirname(corpusFile)));
    cpSync(dirname(corpusFile), dir, { recursive: true });
    writeFileSync(join(dir, basename(corpusFile)), text);
    const result = await run(join(libexec[version], 'readwriteconf'), ['--config', basename(corpusFile)], dir, process.env);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, JSON.stringify(result));
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
