import { describe, expect, it } from 'vitest';
import type { ConfigFileSystem } from '../../server/model/file-system';
import { lintConf } from '../../server/service/lint-conf';

const noFiles: ConfigFileSystem = { readText: () => ({ ok: false, reason: 'missing', message: 'no such file' }), glob: () => [] };

function rulesByLine(text: string): string[] {
  const { diagnostics } = lintConf({ path: '/etc/ipsec.conf', text, fs: noFiles, settings: { libreswanVersion: 'latest', fips: false, rules: {} } });
  return diagnostics.map((d) => `${d.range.start.line}:${d.ruleId}`).sort();
}

describe('inline suppressions', () => {
  const base = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=x\n\tdpdaction=clear\n';

  it('reports both findings without a directive', () => {
    expect(rulesByLine(base)).toEqual(['3:unknown-keyword', '4:obsolete-keyword']);
  });

  it('silences a rule on its own line with a trailing directive, and only that rule', () => {
    const text = base.replace('rigth=x', 'rigth=x # ipsec-lint disable=obsolete-keyword,unknown-keyword');
    // obsolete-keyword has no finding on line 3: that half of the directive is reported as unused.
    expect(rulesByLine(text)).toEqual(['3:suppression-problem', '4:obsolete-keyword']);
  });

  it('silences the next line with an own-line directive', () => {
    const text = base.replace('\tdpdaction=clear', '\t# ipsec-lint disable=obsolete-keyword\n\tdpdaction=clear');
    expect(rulesByLine(text)).toEqual(['3:unknown-keyword']);
  });

  it('silences a whole section when the directive stands before its header', () => {
    const text = `# ipsec-lint disable=all\n${base}conn b\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\trigth=y\n`;
    expect(rulesByLine(text)).toEqual(['9:unknown-keyword']);
  });

  it('silences a rule in the whole file with disable-file', () => {
    const text = `${base}# ipsec-lint disable-file=unknown-keyword\n`;
    expect(rulesByLine(text)).toEqual(['4:obsolete-keyword']);
  });

  it('ignores a directive for another rule', () => {
    const text = base.replace('rigth=x', 'rigth=x # ipsec-lint disable=duplicate-key');
    expect(rulesByLine(text)).toEqual(['3:suppression-problem', '3:unknown-keyword', '4:obsolete-keyword']);
  });
});
