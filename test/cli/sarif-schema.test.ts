import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { runLint } from '../../server/cli/lint-command';
import { sarifSchemaErrors } from '../support/sarif-schema';

const fixtures = resolve(__dirname, '../fixtures/rules');
const examples = resolve(__dirname, '../../examples');

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
  relatedLocations?: unknown[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  runs: { tool: { driver: { version: string } }; invocations: { arguments: string[]; executionSuccessful: boolean; workingDirectory: { uri: string } }[]; originalUriBaseIds: Record<string, { uri: string }>; results: SarifResult[] }[];
}

let dir: string;
const cwd = process.cwd();
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-sarif-'));
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in-process in `where`, returning its SARIF after checking it against the schema. */
function sarif(args: readonly string[], where: string, stdin?: string): SarifLog {
  process.chdir(where);
  try {
    const r = runLint(['--format', 'sarif', ...args], () => Buffer.from(stdin ?? ''));
    expect(sarifSchemaErrors(r.stdout)).toEqual([]);
    return JSON.parse(r.stdout) as SarifLog;
  } finally {
    process.chdir(cwd);
  }
}

describe('SARIF output against the SARIF 2.1.0 JSON schema', () => {
  it('the schema check itself catches a bad log (level "info", a region line of 0)', () => {
    const good = JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] });
    expect(sarifSchemaErrors(good)).toEqual([]);
    const bad = JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'info', locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] });
    expect(sarifSchemaErrors(bad).length).toBeGreaterThan(0);
  });

  it('is valid for every rule fixture, the examples, FIPS mode and an empty run', () => {
    const all = sarif([fixtures], fixtures);
    const ruleIds = new Set(all.runs[0].results.map((r) => r.ruleId));
    // Not vacuous: the fixtures exercise most rules, related locations included.
    expect(ruleIds.size).toBeGreaterThan(30);
    expect(all.runs[0].results.some((r) => (r.relatedLocations?.length ?? 0) > 0)).toBe(true);
    sarif(['--fips', fixtures], fixtures);
    expect(sarif([examples], examples).runs[0].results).toEqual([]);
  });

  it('names files relative to %SRCROOT% with originalUriBaseIds, and absolute URLs outside it', () => {
    mkdirSync(join(dir, 'repo/etc'), { recursive: true });
    writeFileSync(join(dir, 'repo/etc/ipsec.conf'), 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n');
    const log = sarif(['etc/ipsec.conf'], join(dir, 'repo'));
    const run = log.runs[0];
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`${pathToFileURL(join(dir, 'repo')).href}/`);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'etc/ipsec.conf', uriBaseId: 'SRCROOT' });
    mkdirSync(join(dir, 'other'), { recursive: true });
    const outside = sarif([join(dir, 'repo/etc/ipsec.conf')], join(dir, 'other'));
    expect(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(join(dir, 'repo/etc/ipsec.conf')).href });
  });

  it('carries the tool version and the invocation', () => {
    const log = sarif(['etc/ipsec.conf'], join(dir, 'repo'));
    expect(log.runs[0].tool.driver.version).toBe(packageJson.version);
    expect(log.runs[0].invocations[0]).toMatchObject({ arguments: ['--format', 'sarif', 'etc/ipsec.conf'], executionSuccessful: true });
    expect(sarif(['missing.conf'], join(dir, 'repo')).runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it('keeps partial fingerprints when lines move, and tells repeated lines apart', () => {
    const before = sarif(['etc/ipsec.conf'], join(dir, 'repo')).runs[0].results[0];
    writeFileSync(join(dir, 'repo/etc/ipsec.conf'), '# a comment\n\nconn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n');
    const after = sarif(['etc/ipsec.conf'], join(dir, 'repo')).runs[0].results[0];
    expect(after.locations[0].physicalLocation.region.startLine).toBe(before.locations[0].physicalLocation.region.startLine + 2);
    expect(after.partialFingerprints).toEqual(before.partialFingerprints);
    writeFileSync(join(dir, 'repo/etc/ipsec.conf'), 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\nconn b\n\tleft=192.0.2.1\n\tright=192.0.2.3\n\trigth=x\n');
    const twice = sarif(['etc/ipsec.conf'], join(dir, 'repo')).runs[0].results.filter((r) => r.ruleId === 'unknown-keyword');
    expect(new Set(twice.map((r) => r.partialFingerprints['ipsecLint/v1'])).size).toBe(2);
  });

  it('names standard input by --stdin-filename', () => {
    const log = sarif(['--stdin-filename', 'etc/ipsec.d/site.conf', '-'], join(dir, 'repo'), 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n');
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'etc/ipsec.d/site.conf', uriBaseId: 'SRCROOT' });
  });
});
