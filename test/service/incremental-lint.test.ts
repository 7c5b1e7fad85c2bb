import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../server/model/node-file-system';
import { confRules } from '../../server/rules/registry';
import type { ConfRulesMemo } from '../../server/rules/incremental';
import { lintConf } from '../../server/service/lint-conf';
import { LanguageService } from '../../server/service/language-service';
import { memoryFileSystem } from './memory-file-system';
import { defaultSettings, type LintSettings } from '../../server/settings/lint-settings';
import { corpusDir, corpusPresent, manifest } from '../support/corpus';

/*
 * The editor's incremental lint (per-conn findings reused across edits) must give exactly
 * what a full lint of the same text gives, byte for byte, whatever the edit history.
 */

/** A file that exercises what a conn's findings depend on: %default, also= chains, pools in file order, duplicate names. */
const dependencyFile = `config setup
\tlisten-tcp=no

conn %default
\tikev2=yes
\tauthby=secret

conn base
\tleft=192.0.2.1
\tleftsubnet=10.0.1.0/24
\tleftaddresspool=10.9.0.0-10.9.0.20

conn shared
\talso=base
\tright=%any
\trightaddresspool=10.9.0.10-10.9.0.40
\tauto=add

conn child
\talso=shared
\tenable-tcp=yes
\tauto=add

conn child
\tleft=192.0.2.7
\tright=192.0.2.7
\tauto=add

conn pool2
\tleft=192.0.2.2
\tright=%any
\tleftaddresspool=10.9.0.5-10.9.0.30
\tauto=start
`;

/** Lines an edit may insert: ones that change a conn's resolution, its role, or another conn's. */
const snippets = [
  '\talso=tmpl', '\talso=tmpl', '\talso=pool2', '\talso=base', '\talso=shared', '\talso=child', '\talso=nosuch', 'conn base', 'conn child', 'conn tmpl', 'conn %default', 'config setup',
  '\tauto=add', '\tauto=ignore', '\tleft=', '\tright=192.0.2.9', '\tleftsubnet=10.0.1.5/24', '\trightsubnet=10.0.1.0/25',
  '\tleftaddresspool=10.9.0.0-10.9.0.50', '\trightaddresspool=10.9.0.100-10.9.0.120', '\tauthby=rsasig', '\tleftauth=null',
  '\tikev2=no', '\tenable-tcp=yes', '\tlisten-tcp=yes', '\tnic-offload=packet', '\ttcp-remoteport=500', '\tleftmodecfgserver=yes',
  '\tleftmodecfgclient=yes', '\tpfs=no', '\tkeyingtries=%forever', '\tleft-subnet=10.0.0.0/8', '\tsubnet=10.3.0.0/16', '\tconnaddrfamily=ipv6', '\tx-note=hello', '\tauthby=rsa', '\tphase2alg=aes128', '\tleftsourceip=10.7.7.7', '\tleftid=@x', '# ipsec-lint disable=add-time-refusal', '', '\ttype=passthrough',
];

type Edit =
  | { readonly kind: 'insert'; readonly at: number; readonly line: string }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'char'; readonly at: number; readonly column: number; readonly char: string }
  | { readonly kind: 'copy'; readonly from: number; readonly at: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line: fc.constantFrom(...snippets) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('char' as const), at: fc.nat(), column: fc.nat(), char: fc.constantFrom('1', 'x', '=', ' ', '#', '/', '.', '\t', '') }),
  fc.record({ kind: fc.constant('copy' as const), from: fc.nat(), at: fc.nat() }),
);

function applyEdit(text: string, edit: Edit): string {
  const lines = text.split('\n');
  const at = edit.at % (lines.length + 1);
  switch (edit.kind) {
    case 'insert':
      lines.splice(at, 0, edit.line);
      break;
    case 'delete':
      if (lines.length > 1) lines.splice(at % lines.length, 1);
      break;
    case 'char': {
      const i = at % lines.length;
      const line = lines[i];
      const column = edit.column % (line.length + 1);
      // An empty char deletes the one at the column: edits both grow and shrink lines.
      lines[i] = edit.char === '' ? line.slice(0, column) + line.slice(column + 1) : line.slice(0, column) + edit.char + line.slice(column);
      break;
    }
    case 'copy':
      lines.splice(at, 0, lines[edit.from % lines.length]);
      break;
  }
  return lines.join('\n');
}

const settingsVariants: readonly LintSettings[] = [
  defaultSettings,
  { ...defaultSettings, libreswanVersion: '4.10' },
  { ...defaultSettings, libreswanVersion: '5.2', rules: { 'left-right-same-host': 'off', 'add-time-refusal': 'info' } },
];

/** Lints each version of the text incrementally and in full; returns how many conns were reused in all. */
function checkSequence(path: string, start: string, edits: readonly Edit[], settings: LintSettings): number {
  let text = start;
  let previous: ConfRulesMemo | undefined;
  let reused = 0;
  for (let i = -1; i < edits.length; i++) {
    if (i >= 0) text = applyEdit(text, edits[i]);
    const input = { path, text, fs: nodeFileSystem, settings };
    const incremental = lintConf({ ...input, incremental: { previous } });
    const full = lintConf(input);
    expect(JSON.stringify(incremental.diagnostics)).toBe(JSON.stringify(full.diagnostics));
    previous = incremental.rulesRun?.memo;
    reused += incremental.rulesRun?.reusedConns ?? 0;
  }
  return reused;
}

describe('incremental conf lint', () => {
  it('marks per-conn and per-section rules, and keeps the rest whole-config', () => {
    const perConn = confRules.filter((r) => r.meta.perConn || r.meta.perSection).map((r) => r.meta.id);
    expect(perConn).toContain('add-time-refusal');
    // invalid-value also refuses, at their headers, the conns that inherit a bad line: whole-config.
    expect(perConn).not.toContain('invalid-value');
    // duplicate-key compares every config setup section with the ones before it.
    expect(perConn).not.toContain('duplicate-key');
    // Rules that report a shared line once, or aggregate conns per line, must stay whole-config.
    for (const id of ['left-right-id-syntax', 'left-right-subnet-host-bits', 'invalid-proposal', 'weak-algorithm', 'duplicate-conn-name', 'also-reference', 'left-right-virtual-subnet-ikev2']) {
      expect(perConn).not.toContain(id);
    }
  });

  it('equals a full lint after random edits of a file built to stress the dependencies', () => {
    let reused = 0;
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 12 }), fc.constantFrom(...settingsVariants), (edits, settings) => {
        reused += checkSequence('/nonexistent/ipsec.conf', dependencyFile, edits, settings);
      }),
      { numRuns: 250 },
    );
    // The test means something only if findings were in fact reused.
    expect(reused).toBeGreaterThan(100);
  });

  it('reuses every conn when nothing changed, and re-checks those an edit reaches through also=', () => {
    const path = '/nonexistent/ipsec.conf';
    const first = lintConf({ path, text: dependencyFile, fs: nodeFileSystem, settings: defaultSettings, incremental: { previous: undefined } });
    const same = lintConf({ path, text: dependencyFile, fs: nodeFileSystem, settings: defaultSettings, incremental: { previous: first.rulesRun?.memo } });
    expect(same.rulesRun?.checkedConns).toBe(0);
    // base is pulled in by shared, which child pulls in: all three change; the others do not.
    const edited = dependencyFile.replace('leftsubnet=10.0.1.0/24', 'leftsubnet=10.0.2.0/24');
    const after = lintConf({ path, text: edited, fs: nodeFileSystem, settings: defaultSettings, incremental: { previous: same.rulesRun?.memo } });
    expect(after.rulesRun?.checkedConns).toBe(3);
  });

  it('gives the editor the diagnostics of a full lint across edits of an entry and of a file it includes, and after a settings change', () => {
    const fragment = 'conn extra\n\talso=shared\n\tleftaddresspool=10.9.0.15-10.9.0.60\n\tauto=add\n';
    const entry = `${dependencyFile}\ninclude /etc/ipsec.d/*.conf\n`;
    const files = { '/etc/ipsec.conf': entry, '/etc/ipsec.d/extra.conf': fragment };
    let settings: LintSettings = defaultSettings;
    const make = (incrementalRules: boolean): LanguageService =>
      new LanguageService({ fs: memoryFileSystem(files), settingsFor: () => settings, incrementalRules });
    const editor = make(true);
    editor.openDocument('file:///etc/ipsec.conf', 'ipsec-conf', 1, entry);
    editor.openDocument('file:///etc/ipsec.d/extra.conf', 'ipsec-conf', 1, fragment);
    const texts = { '/etc/ipsec.conf': entry, '/etc/ipsec.d/extra.conf': fragment };
    const steps: [keyof typeof texts, Edit | 'settings'][] = [
      ['/etc/ipsec.conf', { kind: 'char', at: 9, column: 20, char: '1' }],
      ['/etc/ipsec.d/extra.conf', { kind: 'insert', at: 3, line: '\tright=192.0.2.99' }],
      ['/etc/ipsec.conf', 'settings'],
      ['/etc/ipsec.conf', { kind: 'insert', at: 14, line: '\tleftaddresspool=10.9.0.0-10.9.0.90' }],
      ['/etc/ipsec.d/extra.conf', { kind: 'delete', at: 1 }],
    ];
    let version = 1;
    let shown = 0;
    for (const [path, step] of steps) {
      if (step === 'settings') {
        settings = { ...defaultSettings, libreswanVersion: '5.2', rules: { 'add-time-refusal': 'warning' } };
        editor.settingsChanged();
      } else {
        texts[path] = applyEdit(texts[path], step);
        editor.changeDocument(`file://${path}`, ++version, texts[path]);
      }
      editor.validate();
      // A fresh service with every rule on the whole config sees the same texts.
      const full = make(false);
      for (const [p, t] of Object.entries(texts)) full.openDocument(`file://${p}`, 'ipsec-conf', version, t);
      for (const p of Object.keys(texts)) {
        const diagnostics = editor.diagnostics(`file://${p}`);
        shown += diagnostics.length;
        expect(JSON.stringify(diagnostics)).toBe(JSON.stringify(full.diagnostics(`file://${p}`)));
      }
    }
    expect(shown).toBeGreaterThan(10);
  });

  describe.skipIf(!corpusPresent)('on the corpus', () => {
    const files = corpusPresent
      ? manifest()
          .filter((m) => m.kind === 'conf' && m.size > 200 && m.size < 20_000)
          .map((m) => ({ path: join(corpusDir, m.path), text: readFileSync(join(corpusDir, m.path), 'utf8') }))
          .filter((f) => (f.text.match(/^conn /gm) ?? []).length >= 2)
      : [];

    it('equals a full lint after random edit sequences on corpus files', () => {
      expect(files.length).toBeGreaterThan(50);
      let reused = 0;
      fc.assert(
        fc.property(fc.nat(files.length - 1), fc.array(editArb, { minLength: 1, maxLength: 8 }), fc.constantFrom(...settingsVariants), (index, edits, settings) => {
          reused += checkSequence(files[index].path, files[index].text, edits, settings);
        }),
        { numRuns: 200 },
      );
      expect(reused).toBeGreaterThan(100);
    });
  });
});
