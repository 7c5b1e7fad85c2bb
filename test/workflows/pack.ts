import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(__dirname, '../..');

/** npm's environment for tests: no registry, no cache or config of the person running them. */
export function offlineNpmEnv(scratch: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: join(scratch, 'home'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_cache: join(scratch, 'npm-cache'),
    npm_config_userconfig: join(scratch, 'npmrc'),
  };
}

/** `npm pack` of the project as it is (dist/ must be built: `npm test` builds first). Returns the tarball's path. */
export function packProject(scratch: string): string {
  if (!existsSync(join(projectRoot, 'dist/ipsec-lint.cjs'))) throw new Error('dist/ is not built: run npm run build');
  mkdirSync(join(scratch, 'home'), { recursive: true });
  // --ignore-scripts: the bundles are built already; prepare would only build them again.
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: projectRoot, env: offlineNpmEnv(scratch), encoding: 'utf8' });
  const [info] = JSON.parse(out) as { filename: string }[];
  return join(scratch, info.filename);
}

/** The project's package.json, read fresh. */
export function projectPackageJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}
