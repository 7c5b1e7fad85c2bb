// Runs the live Libreswan oracles on one conf file: addconn --checkconfig for the load
// verdict, then a throw-away pluto (../shared/oracle/libreswan-pluto-check5, or Debian's
// 4.10 libreswan-pluto-check) that adds every conn and says which it holds and why not.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FuzzVersion } from './generate';

export const oracleDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/oracle');

/** Where each version's binaries live on this machine. */
export function libexecOf(version: FuzzVersion): string {
  return version === '4.10' ? '/usr/libexec/ipsec' : `/opt/libreswan-${version}/libexec/ipsec`;
}

/** Why the oracle of `version` cannot run here, or undefined when it can. */
export function oracleMissing(version: FuzzVersion, fips = false): string | undefined {
  const libexec = libexecOf(version);
  if (!existsSync(`${libexec}/pluto`)) return `${libexec}/pluto is absent (Libreswan ${version} is not installed here)`;
  const script = version === '4.10' ? 'libreswan-pluto-check' : 'libreswan-pluto-check5';
  if (!existsSync(`${oracleDir}/${script}`)) return `${oracleDir}/${script} is absent`;
  if (process.getuid?.() !== 0) return 'the live pluto oracle needs root';
  if (fips && !existsSync('/usr/bin/modutil')) return 'modutil (NSS tools) is absent, so NSS cannot be put in FIPS mode';
  return undefined;
}

const REFUSAL_410 = /failed to add|did not load properly|cannot find conn|while loading/;

export interface PlutoConnVerdict {
  readonly held: boolean;
  /** pluto's (or addconn's) error lines about the conn. */
  readonly messages: readonly string[];
}

export interface OracleVerdict {
  /** addconn --checkconfig exit status: non-zero means the file does not load. */
  readonly loadExit: number;
  readonly loadMessages: readonly string[];
  /** Every conn addconn lists, with pluto's verdict (empty when the file does not load). */
  readonly conns: ReadonlyMap<string, PlutoConnVerdict>;
  /** The oracle itself failed (pluto did not start...): the file cannot be judged. */
  readonly error?: string;
}

function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(cmd, args, { env, cwd, timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 124) : 0;
      done({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

interface PlutoCheckOutput {
  readonly conn_messages?: readonly { severity: string; text: string; conn?: string }[];
  readonly conn_exit?: Readonly<Record<string, number>>;
  readonly held_conns?: readonly string[];
  readonly addconn_stderr?: readonly string[];
  readonly error?: string;
}

/** Asks the live oracle of `version` about `file` (run from the file's folder, as the corpus verdicts are). */
export async function askOracle(file: string, version: FuzzVersion, options: { fips: boolean; secrets: string; tmp?: string }): Promise<OracleVerdict> {
  const libexec = libexecOf(version);
  const cwd = dirname(file);
  const env = { ...process.env, LIBRESWAN_LIBEXEC: libexec, ...(options.tmp ? { ORACLE_TMP: options.tmp } : {}) };
  const load = await run(`${libexec}/addconn`, ['--config', file, '--checkconfig'], env, cwd, 60_000);
  const loadMessages = `${load.stdout}\n${load.stderr}`.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (load.code !== 0) return { loadExit: load.code, loadMessages, conns: new Map() };
  const script = version === '4.10' ? 'libreswan-pluto-check' : 'libreswan-pluto-check5';
  const args = ['--conf', file, '--all', '--setup-from-conf', ...(options.fips ? ['--fips'] : []), options.secrets];
  const check = await run(`${oracleDir}/${script}`, args, env, cwd, 180_000);
  let out: PlutoCheckOutput;
  try {
    out = JSON.parse(check.stdout) as PlutoCheckOutput;
  } catch {
    return { loadExit: 0, loadMessages, conns: new Map(), error: `no verdict from ${script} (exit ${check.code}): ${check.stderr.slice(0, 300)}` };
  }
  if (out.error) return { loadExit: 0, loadMessages, conns: new Map(), error: out.error };
  const listed = await run(`${libexec}/addconn`, ['--config', file, '--listall'], env, cwd, 60_000);
  const names = [...new Set(listed.stdout.split(/\s+/).filter((n) => n !== ''))];
  const errors = new Map<string, string[]>();
  const note = (conn: string, text: string): void => {
    errors.set(conn, [...(errors.get(conn) ?? []), text]);
  };
  for (const m of out.conn_messages ?? []) {
    // 4.10's script leaves `conn` out: the conn is the quoted name the line starts with.
    const conn = m.conn ?? /^"([^"]+)"(?:\[\d+\])?: /.exec(m.text)?.[1];
    if (m.severity === 'error' && conn) note(conn, m.text);
  }
  // 4.10's addconn drops a conn it cannot expand (a duplicate key through also=) on stderr.
  if (!out.held_conns) {
    for (const line of out.addconn_stderr ?? []) {
      const m = /^conn (\S+) did not load properly/.exec(line) ?? /^while loading '([^']+)': /.exec(line);
      if (m) note(m[1], line);
    }
  }
  // `cannot find conn 'X' needed by conn 'Y'`: addconn drops Y although it exits 0.
  for (const line of loadMessages) {
    const m = /cannot find conn '([^']+)' needed by conn '([^']+)'/.exec(line);
    if (m) errors.set(m[2], [...(errors.get(m[2]) ?? []), line]);
  }
  const conns = new Map<string, PlutoConnVerdict>();
  for (const name of names) {
    // 5.2's addconn refuses some conns (or a whole file) on stderr before pluto sees them.
    const stderr = (out.addconn_stderr ?? []).filter((l) => !/warning/i.test(l));
    const own = errors.get(name) ?? [];
    const messages = own.length === 1 && /not held by pluto after addconn/.test(own[0]) && stderr.length > 0 ? [...new Set(stderr)] : own;
    // 5.x: the script asks pluto which conns it holds; 4.10: an error line about the conn means it was not added.
    // 4.10's script classifies some notices as errors ("FIPS: ignored failureshunt=PASS"): only a refusal line counts.
    const held = out.held_conns ? out.held_conns.includes(name) && (out.conn_exit?.[name] ?? 0) === 0 : !messages.some((m) => REFUSAL_410.test(m));
    conns.set(name, { held, messages: !held && messages.length === 0 ? [...new Set(stderr)] : messages });
  }
  return readAnswer({ loadExit: 0, loadMessages, conns });
}

/** The oracle's answer as the fuzzer counts it (below), or its failure when it lost pluto. */
function readAnswer(raw: OracleVerdict): OracleVerdict {
  const v = countedAsTheCorpusReadmeSays(raw);
  const lost = v.error ? undefined : oracleLost(v);
  return lost ? { ...v, error: lost } : v;
}

/**
 * What the per-conn add answered, as the corpus README counts it: addconn's load messages
 * `cannot find conn 'X' needed by conn 'Y'` (the README's own rule) and `ERROR: duplicate
 * key 'K' in conn Y while processing def D` (a key given two values through `also=`) mean
 * that Y's expansion failed, and `addconn Y` (`ipsec add`) then answers "conn Y: did not
 * load properly" and adds nothing. The oracle starts pluto with the file as its config, and
 * 5.4's pluto loads the auto=add conns itself at start without that check, so it may hold
 * such a Y afterwards; the question the fuzzer asks is the add's answer.
 */
export function countedAsTheCorpusReadmeSays(v: OracleVerdict): OracleVerdict {
  const notAdded = new Map<string, string[]>();
  for (const line of v.loadMessages) {
    const m = /cannot find conn '[^']+' needed by conn '([^']+)'/.exec(line) ?? /ERROR: duplicate key '[^']+' in conn (\S+) while processing def /.exec(line);
    if (m) notAdded.set(m[1], [...(notAdded.get(m[1]) ?? []), line]);
  }
  if (![...notAdded.keys()].some((n) => v.conns.get(n)?.held)) return v;
  const conns = new Map<string, PlutoConnVerdict>();
  for (const [name, c] of v.conns) {
    const why = notAdded.get(name);
    conns.set(name, why !== undefined && c.held ? { held: false, messages: [...why, `conn ${name}: did not load properly`] } : c);
  }
  return { ...v, conns };
}

/**
 * On a loaded machine addconn sometimes cannot reach the throw-away pluto (its control socket
 * is not up yet, or pluto died): the conns it names are then not refused by the file, and the
 * verdict is the oracle's failure, asked again rather than counted.
 */
export function oracleLost(v: OracleVerdict): string | undefined {
  for (const [name, c] of v.conns) {
    const m = c.messages.find((text) => /connect\(pluto_ctl\) failed|pluto is not running|whack: Pluto is not running/i.test(text));
    if (m) return `the oracle lost pluto while adding '${name}': ${m}`;
  }
  return undefined;
}

/**
 * On a loaded machine the oracle now and then reports a conn as not held that a rerun holds
 * (its replies are read from a pty and a status listing). `ask` is asked again while
 * `suspicious` says the verdict disagrees with ipsec-lint, and each conn takes the majority
 * of up to three answers; `flaky` names the conns whose answers differed.
 */
export async function askSteadily(ask: () => Promise<OracleVerdict>, suspicious: (v: OracleVerdict) => boolean): Promise<{ verdict: OracleVerdict; flaky: string[] }> {
  let first = await ask();
  // A lost pluto is the machine's failure, not an answer: ask again (twice at most).
  for (let tries = 0; first.error && tries < 2; tries++) first = await ask();
  if (first.error || !suspicious(first)) return { verdict: first, flaky: [] };
  const second = await ask();
  if (second.error) return { verdict: first, flaky: [] };
  const differs = (a: OracleVerdict, b: OracleVerdict): string[] => [...a.conns].filter(([n, c]) => b.conns.get(n)?.held !== c.held).map(([n]) => n);
  const flaky = differs(first, second);
  if (flaky.length === 0 && first.loadExit === second.loadExit) return { verdict: first, flaky };
  const third = await ask();
  if (third.error) return { verdict: first, flaky };
  const conns = new Map<string, PlutoConnVerdict>();
  for (const [name, c] of first.conns) {
    const answers = [c, second.conns.get(name), third.conns.get(name)].filter((x) => x !== undefined);
    const heldVotes = answers.filter((a) => a.held).length;
    const winner = answers.find((a) => a.held === heldVotes * 2 > answers.length) ?? c;
    conns.set(name, winner);
  }
  const loadExit = [first, second, third].filter((v) => v.loadExit !== 0).length >= 2 ? (first.loadExit || second.loadExit || third.loadExit) : 0;
  return { verdict: { ...first, loadExit, conns: loadExit !== 0 ? new Map() : conns }, flaky };
}

/** A verdict as one JSON value, for the caches the fuzzer and the corpus run keep. */
export interface StoredVerdict {
  readonly loadExit: number;
  readonly loadMessages: readonly string[];
  readonly conns: Readonly<Record<string, PlutoConnVerdict>>;
  readonly error?: string;
}

export const storeVerdict = (v: OracleVerdict): StoredVerdict => ({ loadExit: v.loadExit, loadMessages: v.loadMessages, conns: Object.fromEntries(v.conns), error: v.error });
export function loadVerdict(c: StoredVerdict): OracleVerdict {
  // Read as a fresh answer is: verdicts stored before these readings existed are counted alike.
  return readAnswer({ loadExit: c.loadExit, loadMessages: c.loadMessages, conns: new Map(Object.entries(c.conns)), error: c.error });
}
