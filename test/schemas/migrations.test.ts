import { describe, expect, it } from 'vitest';
import { keywordTable, LIBRESWAN_VERSIONS } from '../../schemas/keywords';
import { keywordMigrations, migrationApplies, releaseRank } from '../../schemas/migrations';

/*
 * The migration facts are hand-written from Libreswan's history; the keyword tables are
 * extracted from its tags. Where both speak of the same release they must agree.
 */
describe('schemas/migrations.json against the extracted keyword tables', () => {
  it('names each keyword-wide entry only where the target no longer reads the name (unknown, or obsolete)', () => {
    const wrong: string[] = [];
    for (const entry of keywordMigrations) {
      if (entry.values) continue;
      for (const version of LIBRESWAN_VERSIONS.filter((v) => migrationApplies(entry, v))) {
        const match = keywordTable(version).lookup(entry.section, entry.keyword);
        if (match && match.info.status !== 'obsolete' && match.info.status !== 'alias') wrong.push(`${entry.section}:${entry.keyword} is a keyword in ${version}`);
        // An alias still works: only a rename that went before 4.10 may meet one (xauthname).
        if (match?.info.status === 'alias') wrong.push(`${entry.section}:${entry.keyword} is an alias in ${version}; obsolete-keyword renames it`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names value entries only for keywords the target knows', () => {
    const wrong: string[] = [];
    for (const entry of keywordMigrations.filter((e) => e.values)) {
      for (const version of LIBRESWAN_VERSIONS.filter((v) => migrationApplies(entry, v))) {
        if (!keywordTable(version).lookup(entry.section, entry.keyword)) wrong.push(`${entry.section}:${entry.keyword} unknown in ${version}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('rewrites only into keywords some target release knows', () => {
    const wrong: string[] = [];
    for (const entry of keywordMigrations) {
      if (entry.fix.kind !== 'rename' && entry.fix.kind !== 'rewrite') continue;
      const target = entry.fix.keyword;
      const somewhere = LIBRESWAN_VERSIONS.filter((v) => migrationApplies(entry, v)).some((v) => keywordTable(v).lookup(entry.section, target) !== undefined);
      if (!somewhere) wrong.push(`${entry.keyword} -> ${target}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has release numbers that order, and one entry per keyword and value', () => {
    const seen = new Set<string>();
    for (const e of keywordMigrations) {
      for (const r of [e.went, e.ignoredSince, e.came]) if (r !== undefined) expect(Number.isNaN(releaseRank(r)), r).toBe(false);
      if (e.ignoredSince && e.went) expect(releaseRank(e.ignoredSince)).toBeLessThanOrEqual(releaseRank(e.went));
      expect(e.went !== undefined || e.came !== undefined).toBe(true);
      for (const v of e.values ?? ['*']) {
        const key = `${e.section}:${e.keyword}=${v}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
      }
      expect(e.why.length).toBeGreaterThan(10);
    }
  });
});
