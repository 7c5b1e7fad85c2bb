import { describe, expect, it } from 'vitest';
import { parseConf } from '../../grammar/conf/parse';
import { versionBehaviour } from '../../schemas/behaviour';
import { keywordTable, type LibreswanVersion } from '../../schemas/keywords';
import { resolveConnections } from '../../server/model/connections';
import type { ConfigFileSystem } from '../../server/model/file-system';
import { loadConfig, MAX_INCLUDE_DEPTH } from '../../server/model/include-graph';

/** An in-memory file system: the model only ever reads through this interface. */
function memoryFs(files: Record<string, string>): ConfigFileSystem {
  return {
    readText: (path) => (path in files ? { ok: true, text: files[path] } : { ok: false, reason: 'missing', message: 'no such file' }),
    glob: (pattern) => {
      const re = new RegExp('^' + pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
      return Object.keys(files).filter((p) => re.test(p)).sort();
    },
  };
}

function resolve(files: Record<string, string>, entry = '/etc/ipsec.conf', version: LibreswanVersion = 'latest', root?: string) {
  const fs = memoryFs(files);
  const loaded = loadConfig(entry, parseConf(files[entry]), { fs, cwd: '/etc', root });
  return resolveConnections(loaded, keywordTable(version), versionBehaviour[version]);
}

describe('includes', () => {
  it('splices included sections in place, maps absolute paths into the root, and reports problems', () => {
    const files = {
      '/r/etc/ipsec.conf': 'conn a\n\tleft=1.1.1.1\ninclude /etc/ipsec.d/*.conf\ninclude /etc/missing.conf\ninclude /etc/none/*.conf\nconn z\n\tleft=2.2.2.2\n',
      '/r/etc/ipsec.d/b.conf': 'conn b\n\talso=a\n',
      '/r/etc/ipsec.d/c.conf': 'conn c\n\talso=b\n',
    };
    const fs = memoryFs(files);
    const loaded = loadConfig('/r/etc/ipsec.conf', parseConf(files['/r/etc/ipsec.conf']), { fs, cwd: '/', root: '/r' });
    expect(loaded.sections.map((s) => (s.section.kind === 'conn' ? s.section.name : 'setup'))).toEqual(['a', 'b', 'c', 'z']);
    expect(loaded.includes.map((e) => e.problems.map((p) => p.kind))).toEqual([[], ['missing'], ['no-match']]);
  });

  it('follows an include loop like Libreswan, up to the depth limit, and reports it once', () => {
    const files = { '/etc/ipsec.conf': 'config setup\n\tlogfile=/tmp/x\ninclude /etc/ipsec.conf\n' };
    const config = resolve(files);
    const edge = config.loaded.includes[0];
    expect(edge.problems.filter((p) => p.kind === 'cycle')).toHaveLength(1);
    expect(config.loaded.sections.length).toBe(MAX_INCLUDE_DEPTH);
  });
});

describe('%default and also=', () => {
  it('applies every %default section, lets the conn override it, and splices also= in place', () => {
    const config = resolve({
      '/etc/ipsec.conf':
        'conn %default\n\tikelifetime=1h\n\tauthby=secret\nconn site\n\talso=base\n\tikelifetime=2h\nconn base\n\tleft=1.1.1.1\n\tright=2.2.2.2\nconn %default\n\tauthby=rsasig\n',
    });
    const site = config.conns.find((c) => c.name === 'site')!;
    expect(site.settings.get('ikelifetime')?.value).toBe('2h');
    expect(site.settings.get('authby')?.value).toBe('rsasig');
    expect(site.settings.get('authby')?.via).toBe('default');
    expect(site.settings.get('left')?.via).toBe('also');
    expect(site.settings.get('left')?.source.line.line).toBe(7);
    expect(site.problems).toEqual([]);
  });

  it('reports a clash between a conn and its also= target, a missing target and a loop', () => {
    const config = resolve({
      '/etc/ipsec.conf': 'conn a\n\tauto=start\n\talso=b\n\talso=missing\nconn b\n\tauto=ignore\n\talso=a\n',
    });
    const a = config.conns.find((c) => c.name === 'a')!;
    expect(a.problems.map((p) => p.kind).sort()).toEqual(['also-cycle', 'also-missing', 'conflict']);
  });

  it('sees yes and true as one value; 5.2 takes the repeat as harmless, 5.4 compares it as written', () => {
    const files = { '/etc/ipsec.conf': 'conn a\n\tpfs=yes\n\talso=b\nconn b\n\tpfs=true\n' };
    const judged = (version: LibreswanVersion) => {
      const conflict = resolve(files, '/etc/ipsec.conf', version).conns[0].problems.find((p) => p.kind === 'conflict');
      return conflict?.kind === 'conflict' ? [conflict.sameValue, conflict.refuses] : undefined;
    };
    expect(judged('5.2')).toEqual([true, false]);
    expect(judged('5.4')).toEqual([true, true]);
  });

  it('resolves 10,000 conns that all use also= in linear time', () => {
    const body = (n: number): string => {
      let text = 'conn base\n\tikev2=yes\n\ttype=tunnel\n';
      for (let i = 0; i < n; i++) text += `conn c${i}\n\talso=base\n\tleft=10.1.${i >> 8 & 255}.${i & 255}\n\tright=10.2.0.1\n\tauto=add\n`;
      return text;
    };
    const time = (n: number): number => {
      const start = performance.now();
      const config = resolve({ '/etc/ipsec.conf': body(n) });
      expect(config.conns.length).toBe(n + 1);
      return performance.now() - start;
    };
    time(1000);
    const small = Math.max(time(2500), 1);
    const large = time(10000);
    // Four times the conns; quadratic work would take about sixteen times as long.
    expect(large / small).toBeLessThan(9);
  });
});
