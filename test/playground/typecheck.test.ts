import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

// The playground has its own tsconfig (the DOM library, which the rest of the project must not
// see), so `tsc -p .` does not check it: this does, so a change to the service's API that
// breaks the page fails `npm test` with the compiler's message.
it('playground/ type-checks', () => {
  const repo = resolve(__dirname, '../..');
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', 'playground'], { cwd: repo, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  expect(output).toBe('');
});
