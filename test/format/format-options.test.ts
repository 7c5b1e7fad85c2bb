import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFormatOptions, readFormatSection, resolveFormatOptions } from '../../server/format';
import { formatDocument } from '../../server/service/format';
import { readSettingsFile } from '../../server/settings/settings-file';

describe('format options', () => {
  it('default to a tab, the corpus majority, and unquoting', () => {
    expect(defaultFormatOptions).toEqual({ indent: 'tab', unquoteValues: true });
    expect(resolveFormatOptions()).toEqual(defaultFormatOptions);
  });

  it("follow the editor's FormattingOptions unless .ipsec-lint.json says otherwise", () => {
    expect(resolveFormatOptions(undefined, { tabSize: 4, insertSpaces: true }).indent).toBe(4);
    expect(resolveFormatOptions(undefined, { tabSize: 4, insertSpaces: false }).indent).toBe('tab');
    expect(resolveFormatOptions({ indent: 'tab' }, { tabSize: 2, insertSpaces: true }).indent).toBe('tab');
    expect(resolveFormatOptions({ unquoteValues: false }, { tabSize: 2, insertSpaces: true })).toEqual({ indent: 2, unquoteValues: false });
    // An editor tab size out of range falls back to a tab rather than a silly indent.
    expect(resolveFormatOptions(undefined, { tabSize: 0, insertSpaces: true }).indent).toBe('tab');
  });

  it('check the format section and name each problem', () => {
    expect(readFormatSection({ indent: 3, unquoteValues: false })).toEqual({ options: { indent: 3, unquoteValues: false }, problems: [] });
    expect(readFormatSection({ indent: 0 }).problems.map((p) => p.key)).toEqual(['indent']);
    expect(readFormatSection({ indent: '\t' }).problems.map((p) => p.key)).toEqual(['indent']);
    expect(readFormatSection({ unquoteValues: 'yes' }).problems.map((p) => p.key)).toEqual(['unquoteValues']);
    expect(readFormatSection({ tabs: true }).problems[0].message).toContain('unknown option');
    expect(readFormatSection([]).problems.map((p) => p.key)).toEqual(['format']);
  });

  it('are read from .ipsec-lint.json with the other settings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-lint-format-settings-'));
    try {
      const path = join(dir, '.ipsec-lint.json');
      writeFileSync(path, JSON.stringify({ rules: {}, format: { indent: 2 } }));
      expect(readSettingsFile(path).settings?.format).toEqual({ indent: 2, unquoteValues: undefined });
      writeFileSync(path, JSON.stringify({ format: { indent: 'two' } }));
      const read = readSettingsFile(path);
      expect(read.problems.map((p) => p.message)).toEqual([expect.stringContaining('format.indent')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('indent secrets continuation lines and conf bodies alike', () => {
    const options = resolveFormatOptions({ indent: 2 });
    expect(formatDocument('conn a\n\tleft=192.0.2.1\n', 'conf', options)).toEqual({ ok: true, text: 'conn a\n  left=192.0.2.1\n' });
    expect(formatDocument('@a\n\t@b : PSK "x"\n', 'secrets', options)).toEqual({ ok: true, text: '@a\n  @b : PSK "x"\n' });
  });
});
