import { describe, expect, it } from 'vitest';
import type { Hover } from 'vscode-languageserver-protocol';
import { defaultSettings } from '../../server/settings/lint-settings';
import { LanguageService } from '../../server/service/language-service';
import { memoryFileSystem } from './memory-file-system';

// Completion's FIPS order is shown in features.test.ts and test/lsp/protocol.test.ts.
const doc = 'file:///site/ipsec.conf';

function hoverAt(text: string, fips: boolean, line: number, character: number): string {
  const ls = new LanguageService({ fs: memoryFileSystem({}), settingsFor: () => ({ ...defaultSettings, fips }) });
  ls.openDocument(doc, 'ipsec-conf', 1, text);
  const h: Hover | null = ls.hover(doc, { line, character });
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

describe('proposal hover in FIPS mode', () => {
  const text = 'conn a\n\tleft=192.0.2.1\n\tright=192.0.2.2\n\tike=aes-sha2;modp1536\n';

  it('reads the same algorithm data as fips-disallowed-algorithm: accepted normally, refused in FIPS mode', () => {
    expect(hoverAt(text, false, 3, 8)).toContain('Libreswan will offer');
    const fips = hoverAt(text, true, 3, 8);
    expect(fips).toContain('IKEv2, FIPS');
    expect(fips).toContain('rejects this list');
    expect(fips).toContain('MODP1536');
  });
});
