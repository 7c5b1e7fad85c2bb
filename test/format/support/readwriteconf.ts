import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

export interface NamedText {
  /** The file's name (its folder is dropped): Libreswan's messages name it. */
  readonly name: string;
  readonly text: string;
}

/*
 * readwriteconf itself takes a few milliseconds; a child process started from Node costs
 * several times that on a busy machine. So each worker is one shell that runs readwriteconf
 * over its share of the files, writing each reading to files beside the config's folder.
 * Process creation is the cost that counts here, so the loop starts exactly one process per
 * file (no subshell, no per-file timeout; the worker as a whole has one).
 */
const worker = `
while IFS='\t' read -r dir name; do
  cd "$dir" || exit 1
  "$0" --config "$name" >"$dir.out" 2>"$dir.err"
  echo $? >"$dir.rc"
done`;

function runWorker(lines: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('sh', ['-c', worker, readwriteconfPath], { maxBuffer: 1024 * 1024, timeout: 500_000 }, (error) => (error ? reject(error) : resolve()));
    child.stdin?.end(lines.map((l) => l + '\n').join(''));
  });
}

/**
 * What Libreswan makes of each text when it is the file `name`. Every file is written alone
 * into a fresh folder and read from there, so two texts under the same name are read under
 * exactly the same conditions (the corpus only includes absolute paths, which resolve the
 * same way). `workers` readwriteconf runs are in flight at once (two cores, shared).
 */
export async function readAllWithLibreswan(files: readonly NamedText[], workers = 2): Promise<LibreswanReading[]> {
  const root = mkdtempSync(join(tmpdir(), 'ipsec-lint-rwc-'));
  try {
    const shares: string[][] = Array.from({ length: Math.max(1, Math.min(workers, files.length)) }, () => []);
    files.forEach((file, i) => {
      const name = basename(file.name);
      // The worker reads tab-separated lines; no corpus name holds either character.
      if (/[\t\n]/.test(name)) throw new Error(`cannot pass the file name ${JSON.stringify(name)} to the worker`);
      const dir = join(root, String(i));
      mkdirSync(dir);
      writeFileSync(join(dir, name), file.text);
      shares[i % shares.length].push(`${dir}\t${name}`);
    });
    await Promise.all(shares.map(runWorker));
    return files.map((_, i) => {
      const dir = join(root, String(i));
      return {
        exitCode: Number(readFileSync(`${dir}.rc`, 'utf8')),
        stdout: readFileSync(`${dir}.out`, 'utf8'),
        stderr: withoutLineNumbers(readFileSync(`${dir}.err`, 'utf8')),
      };
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** One file's reading; see readAllWithLibreswan. */
export async function readWithLibreswan(name: string, text: string): Promise<LibreswanReading> {
  const [reading] = await readAllWithLibreswan([{ name, text }], 1);
  return reading;
}

/** Messages name `file: LINE:`; formatting moves lines (blank lines), so the number is left out. */
function withoutLineNumbers(stderr: string): string {
  return stderr.replace(/: ?\d+:/g, ': N:');
}
