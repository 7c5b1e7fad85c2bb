#!/usr/bin/env node
// Regenerates schemas/keywords.json from Libreswan's own keyword tables.
//
//   node tools/extract-keywords.mjs [--repo /work/.mirror/libreswan+libreswan/repo]
//
// Reads every supported release straight out of a bare clone with `git show <tag>:<path>`
// (no work tree needed), parses the C tables just far enough to learn names, flags, storage
// fields and value lists, and merges the per-version facts into one record per keyword.
// Hand-written knowledge that the tables do not carry (what kind of text a string keyword
// holds, which value syntax each C type accepts in each era) lives in the two tables near
// the top of this file. Descriptions are kept in schemas/keyword-descriptions.json and are
// not touched here.

import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const argRepo = process.argv.indexOf('--repo');
const REPO = argRepo > 0 ? process.argv[argRepo + 1] : '/work/.mirror/libreswan+libreswan/repo';
const HEAD_COMMIT = '0c4e3eccfbb2cdfa1e21c154ee847a141a611a4f';

// layout: which files hold the tables and how they are written.
const VERSIONS = [
  { id: '4.10', tag: 'v4.10', layout: 'v4', table: 'lib/libipsecconf/keywords.c' },
  { id: '4.12', tag: 'v4.12', layout: 'v4', table: 'lib/libipsecconf/keywords.c' },
  { id: '4.15', tag: 'v4.15', layout: 'v4', table: 'lib/libipsecconf/keywords.c' },
  { id: '5.0', tag: 'v5.0', layout: 'v5', table: 'lib/libipsecconf/keywords.c' },
  { id: '5.1', tag: 'v5.1', layout: 'v5', table: 'lib/libipsecconf/keywords.c' },
  { id: '5.2', tag: 'v5.2', layout: 'v5', table: 'lib/libipsecconf/keywords.c' },
  { id: '5.3', tag: 'v5.3', layout: 'v53', conn: 'lib/libswan/ipsecconf/keywords.c', setup: 'lib/libswan/ipsecconf/config_setup.c' },
  { id: '5.4', tag: 'v5.4', layout: 'v54', conn: 'lib/libswan/ipsecconf/conn.c', setup: 'lib/libswan/ipsecconf/setup.c' },
  { id: 'latest', tag: HEAD_COMMIT, layout: 'v54', conn: 'lib/libswan/ipsecconf/conn.c', setup: 'lib/libswan/ipsecconf/setup.c' },
];

// ---------------------------------------------------------------------------
// Hand-written knowledge

// What the text of a keyword means when the table only says "string" (or a 4.x kt_ipaddr &c.).
// Keyed by "section:name". Used for the `type` of untyped keywords in every version.
const SEMANTIC = {
  'conn:': 'host', 'conn:subnet': 'subnet', 'conn:subnets': 'subnet-list', 'conn:sourceip': 'ip',
  'conn:ikeport': 'port', 'conn:interface-ip': 'cidr', 'conn:vti': 'cidr', 'conn:nexthop': 'ip',
  'conn:updown': 'path', 'conn:updown-config': 'list', 'conn:id': 'id', 'conn:rsasigkey': 'pubkey',
  'conn:ecdsakey': 'pubkey', 'conn:eddsakey': 'pubkey', 'conn:pubkey': 'pubkey', 'conn:cert': 'string',
  'conn:ckaid': 'hex', 'conn:ca': 'dn', 'conn:username': 'string', 'conn:xauthusername': 'string',
  'conn:addresspool': 'range-list', 'conn:protoport': 'protoport', 'conn:also': 'conn-name',
  'conn:alsoflip': 'conn-name', 'conn:connalias': 'list', 'conn:ike': 'proposals', 'conn:esp': 'proposals',
  'conn:ah': 'proposals', 'conn:phase2alg': 'proposals', 'conn:authby': 'list', 'conn:ppk-ids': 'list',
  'conn:redirect-to': 'string', 'conn:accept-redirect-to': 'string', 'conn:sec-label': 'string',
  'conn:policy-label': 'string', 'conn:modecfgdns': 'ip-list', 'conn:modecfgdomains': 'list',
  'conn:modecfgbanner': 'string', 'conn:mark': 'mark', 'conn:mark-in': 'mark', 'conn:mark-out': 'mark',
  'conn:vti-interface': 'string', 'conn:ipsec-interface': 'yes-no-or-number', 'conn:clones': 'yes-no-or-number',
  'conn:dpddelay': 'duration', 'conn:dpdtimeout': 'duration', 'conn:ikev1-dpdtimeout': 'duration',
  'conn:debug': 'debug-flags', 'conn:plutodebug': 'debug-flags', 'conn:groundhog': 'bool',
  'conn:hostaddrfamily': 'enum', 'conn:clientaddrfamily': 'enum', 'conn:keyexchange': 'enum', 'conn:ikev2': 'enum',
  'conn:sendcert': 'enum', 'conn:auth': 'enum', 'conn:autheap': 'enum', 'conn:sendca': 'enum',
  'conn:remote-peer-type': 'enum', 'conn:remote_peer_type': 'enum', 'conn:nm-configured': 'bool',
  'conn:cisco-unity': 'bool', 'conn:cisco-split': 'bool', 'conn:iptfs-packet-size': 'bytes',
  'conn:iptfs-max-queue-size': 'bytes', 'conn:iptfs-reorder-window': 'number', 'conn:ipsec-max-bytes': 'bytes',
  'conn:ipsec-max-packets': 'number', 'conn:retransmit-interval': 'duration', 'conn:rekeyfuzz': 'percent',
  'conn:replay-window': 'number', 'conn:mtu': 'number', 'conn:priority': 'number', 'conn:tfc': 'number',
  'conn:reqid': 'number', 'conn:nflog': 'number', 'conn:nflog-group': 'number', 'conn:tcp-remoteport': 'port',
  'conn:metric': 'number', 'conn:dns-match-id,': 'bool',
  'config:curl-iface': 'string', 'config:myvendorid': 'string', 'config:syslog': 'string',
  'config:plutodebug': 'debug-flags', 'config:debug': 'debug-flags', 'config:logfile': 'path',
  'config:plutostderrlog': 'path', 'config:dnssec-rootkey-file': 'path', 'config:dnssec-anchors': 'path',
  'config:dumpdir': 'path', 'config:ipsecdir': 'path', 'config:nssdir': 'path', 'config:secretsfile': 'path',
  'config:statsbin': 'path', 'config:rundir': 'path', 'config:exampledir': 'path', 'config:seeddev': 'path',
  'config:global-redirect': 'enum', 'config:global-redirect-to': 'string', 'config:ocsp-uri': 'url',
  'config:ocsp-trustname': 'string', 'config:virtual-private': 'subnet-list', 'config:virtual_private': 'subnet-list',
  'config:listen': 'ip', 'config:protostack': 'string', 'config:interfaces': 'string',
  'config:dns-resolver': 'string', 'config:logstderr': 'bool',
};

// Free text: nothing (parser or pluto) rejects a value, so there is nothing to check.
const FREE_TEXT = new Set(['conn:modecfgbanner', 'conn:username', 'conn:xauthusername', 'conn:cert',
  'conn:vti-interface', 'conn:sec-label', 'conn:policy-label', 'config:myvendorid', 'config:syslog',
  'config:curl-iface', 'config:ocsp-trustname', 'config:interfaces', 'config:dns-resolver',
  'conn:connalias', 'conn:redirect-to', 'conn:accept-redirect-to']);

// Value lists of enum_names tables (matched with their prefix stripped), which this script does
// not parse: checked by hand against lib/libswan/*_names.c at the snapshot.
const ENUM_NAMES_54 = {
  auth_names: ['never', 'psk', 'secret', 'rsasig', 'ecdsa', 'null', 'eaponly'],
  encap_proto_names: ['esp', 'ah'],
  send_ca_policy_names: ['none', 'issuer', 'all'],
  updown_config_names: ['async', 'exec'],
};

// Value syntaxes: one id per era, referenced by `syntax` in the output and described in
// `valueSyntaxes`. Patterns are JavaScript regular expressions (flags given separately).
const SYNTAXES = {
  'debug-flags': { description: 'Debug flag names separated by commas, plus signs or blanks; each may be prefixed with no- to turn it off; none clears everything.', pattern: '^(no-)?[a-z-]+([+, \\t]+(no-)?[a-z-]+)*$', flags: 'i' },
  'bool-v4': { description: 'Libreswan 4.x lexer: exactly y, yes, true, on, n, no, false or off, lower case; anything else (including an empty value or 1/0) is a syntax error that stops the whole file from loading.', pattern: '^(y|yes|true|on|n|no|false|off)$', flags: '' },
  'bool-v5': { description: 'yes/no/true/false/on/off/y/n and 1/0, any case.', pattern: '^(yes|no|true|false|on|off|y|n|1|0)$', flags: 'i' },
  'duration-v4': { description: 'Whole number with an optional unit ms, s, m, h, d or w (any case; default seconds, or milliseconds for retransmit-interval), or %forever meaning 0. A malformed value is dropped without a message.', pattern: '^(%forever|[0-9]+(ms|s|m|h|d|w)?)$', flags: 'i' },
  'duration-v50': { description: 'Whole number with an optional unit ms, s, m, h, d or w (any case; default seconds, or milliseconds for retransmit-interval).', pattern: '^[0-9]+(ms|s|m|h|d|w)?$', flags: 'i' },
  'duration-v52': { description: 'Whole number with an optional unit us, ms, s, m, h, d or w (any case; default seconds, or milliseconds for retransmit-interval).', pattern: '^[0-9]+(us|ms|s|m|h|d|w)?$', flags: 'i' },
  'duration-v53': { description: 'Decimal number (a fraction is allowed) with an optional unit us, ms, s, m, h, d or w (any case; default seconds, or milliseconds for retransmit-interval).', pattern: '^([0-9]+(\\.[0-9]*)?|\\.[0-9]+) *(us|ms|s|m|h|d|w)?$', flags: 'i' },
  'duration-v54': { description: 'Decimal number (a fraction is allowed) with an optional unit us, ms, s/second(s), m/minute(s), h/hour(s), d/day(s), w/week(s) (any case; default seconds, or milliseconds for retransmit-interval).', pattern: '^([0-9]+(\\.[0-9]*)?|\\.[0-9]+) *(us|ms|s|seconds?|m|minutes?|h|hours?|d|days?|w|weeks?)?$', flags: 'i' },
  'number-v4': { description: 'Unsigned decimal integer. A value that is not all digits is stored as 0 without a message (4.x).', pattern: '^[0-9]+$', flags: '' },
  'number-v5': { description: 'Unsigned decimal integer.', pattern: '^[0-9]+$', flags: '' },
  'number-v53': { description: 'Unsigned decimal integer; -1 means the largest possible value.', pattern: '^([0-9]+|-1)$', flags: '' },
  'bare-number': { description: 'Digits only, which the 4.x lexer reads as a number token.', pattern: '^[0-9]+$', flags: '' },
  'percent': { description: 'Whole number immediately followed by %, e.g. 100%. In 4.x a bare number is a syntax error that stops the file from loading; other malformed values are dropped.', pattern: '^[0-9]+%$', flags: '' },
  // 5.4's shunk_to_uintmax() reads a leading -1 as the largest number; extract_percent() then finds it too large and keeps the default (checked with 5.4 pluto: rekeyfuzz=-1% loads, -2% is refused).
  'percent-v54': { description: 'Whole number immediately followed by %, e.g. 100%; -1% is taken too, as the default.', pattern: '^([0-9]+|-1)%$', flags: '' },
  'binary-v4': { description: 'Whole number with an optional binary multiplier Ki, Mi, Gi, Ti, Pi or Ei (any case).', pattern: '^[0-9]+(ki|mi|gi|ti|pi|ei)?$', flags: 'i' },
  'bytes-v4': { description: 'Whole number of bytes with an optional multiplier KiB, MiB, GiB, TiB or PiB (any case; EiB is not recognised because of a table bug).', pattern: '^[0-9]+(kib|mib|gib|tib|pib)?$', flags: 'i' },
  'bytes-v54': { description: 'Number of bytes with an optional multiplier KiB, MiB, GiB, TiB, PiB or the words byte(s), kilobyte(s), megabyte(s), gigabyte(s), terabyte(s), petabyte(s) (any case).', pattern: '^[0-9]+(\\.[0-9]*)? *(b|bytes?|kib|kilobytes?|mib|megabytes?|gib|gigabytes?|tib|terabytes?|terrabytes?|pib|petabytes?|exabytes?)?$', flags: 'i' },
  'binary-v54': { description: 'Number with an optional binary multiplier Ki, Mi, Gi, Ti, Pi or Ei (any case).', pattern: '^[0-9]+(\\.[0-9]*)? *(ki|mi|gi|ti|pi|ei)?$', flags: 'i' },
};

// ---------------------------------------------------------------------------
// git access

const cache = new Map();
function gitShow(tag, path) {
  const key = `${tag}:${path}`;
  if (!cache.has(key)) {
    cache.set(key, execFileSync('git', ['-C', REPO, 'show', key], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  }
  return cache.get(key);
}
function gitGrep(tag, regex) {
  try {
    return execFileSync('git', ['-C', REPO, 'grep', '-n', '-E', regex, tag, '--', 'lib', 'programs', 'include'],
      { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Removes C comments, keeping string literals and line structure. */
function stripComments(src) {
  let out = '';
  for (let i = 0; i < src.length;) {
    const c = src[i];
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && src[i + 1] === '*') {
      const j = src.indexOf('*/', i + 2);
      out += src.slice(i, j).replace(/[^\n]/g, '');
      i = j + 2;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Joins backslash-continued lines (macro bodies). */
function joinContinuations(src) {
  return src.replace(/\\\n/g, ' ');
}

/**
 * Walks lines tracking #if/#ifdef nesting. Yields [line, condition] where condition is the
 * build option the line depends on ('' when unconditional); lines under `#if 0` are dropped.
 */
function* preprocess(lines) {
  const stack = [];
  for (const raw of lines) {
    const line = raw.trim();
    let m;
    if ((m = /^#\s*ifdef\s+(\w+)/.exec(line))) { stack.push({ cond: m[1], dead: false }); continue; }
    if ((m = /^#\s*ifndef\s+(\w+)/.exec(line))) { stack.push({ cond: `!${m[1]}`, dead: false }); continue; }
    if ((m = /^#\s*if\s+0\b/.exec(line))) { stack.push({ cond: '0', dead: true }); continue; }
    if ((m = /^#\s*if\s+(.*)$/.exec(line))) {
      const names = [...m[1].matchAll(/defined\s*\(?\s*(\w+)/g)].map((x) => x[1]);
      stack.push({ cond: names.join('||') || m[1], dead: false });
      continue;
    }
    if (/^#\s*else/.test(line)) {
      const top = stack[stack.length - 1];
      top.dead = top.cond === '0' ? false : top.dead;
      top.cond = top.cond === '0' ? '' : top.cond.startsWith('!') ? top.cond.slice(1) : `!${top.cond}`;
      continue;
    }
    if (/^#\s*endif/.test(line)) { stack.pop(); continue; }
    if (stack.some((s) => s.dead)) continue;
    const cond = stack.map((s) => s.cond).filter(Boolean).join('&&');
    yield [raw, cond];
  }
}

/** Splits a C argument list at top-level commas. */
function splitArgs(text) {
  const args = [];
  let depth = 0;
  let cur = '';
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      cur += c;
      if (c === '\\') { cur += text[++i]; continue; }
      if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') { inStr = true; cur += c; continue; }
    if (c === '(' || c === '{') depth++;
    if (c === ')' || c === '}') depth--;
    if (c === ',' && depth === 0) { args.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim()) args.push(cur.trim());
  return args;
}

// ---------------------------------------------------------------------------
// sparse_name lists

const sparseCache = new Map();
/** Value spellings of a sparse_name list, plus the spellings flagged as deprecated. */
function resolveSparse(tag, name) {
  const key = `${tag}:${name}`;
  if (sparseCache.has(key)) return sparseCache.get(key);
  const hits = gitGrep(tag, `sparse_names?\\s+\\*?${name}(\\[\\])?\\s*=`);
  if (hits.length === 0) throw new Error(`sparse list ${name} not found in ${tag}`);
  const file = hits[0].split(':')[1];
  const src = joinContinuations(stripComments(gitShow(tag, file)));
  const macros = new Map();
  for (const m of src.matchAll(/#\s*define\s+(\w+)\(([^)]*)\)(.*)/g)) macros.set(m[1], m[3]);
  const start = src.search(new RegExp(`sparse_names?\\s+\\*?${name}(\\[\\])?\\s*=`));
  const end = src.indexOf('};', start);
  let body = src.slice(start, end);
  for (const [macro, expansion] of macros) {
    body = body.replace(new RegExp(`\\b${macro}\\s*\\([^)]*\\)`, 'g'), expansion);
  }
  const values = [];
  const deprecated = {};
  for (const m of body.matchAll(/(?:SPARSE\(|\{)\s*"([^"]*)"\s*,\s*([^,)}]*)/g)) {
    const spelling = m[1];
    if (!values.includes(spelling)) values.push(spelling);
    if (/NAME_IMPLEMENTED_AS/.test(m[2])) deprecated[spelling] = 'implemented-as';
    if (/NAME_RENAMED_TO/.test(m[2])) deprecated[spelling] = 'renamed-to';
  }
  const result = { values, deprecated, file };
  sparseCache.set(key, result);
  return result;
}

/** plutodebug=/debug= item names: the debug-* flags (prefix dropped), their aliases, and none. */
function debugNames(tag) {
  const src = stripComments(gitShow(tag, 'lib/libswan/debug.c'));
  const names = [...src.matchAll(/\bD\(\s*\w+\s*,\s*"debug-([^"]+)"/g)].map((m) => m[1]);
  const aliases = [...src.matchAll(/\{\s*"([a-z-]+)"\s*,\s*DBG_\w+/g)].map((m) => m[1]);
  return [...new Set([...names, ...aliases, 'none'])];
}

/** authby= words: the literal comparisons next to the "rsa-sha2_256" branch. */
function authbyWords(tag, layout) {
  const file = layout === 'v4' || layout === 'v5' ? 'lib/libipsecconf/confread.c'
    : layout === 'v53' ? 'programs/pluto/connections.c' : 'programs/pluto/extract.c';
  const src = stripComments(gitShow(tag, file));
  const at = src.indexOf('"rsa-sha2_256"');
  const from = src.lastIndexOf('\n', Math.max(0, at - 3000));
  const window = src.slice(from, at + 3000);
  const words = [];
  for (const m of window.matchAll(/hunk_streq\(\s*\w+\s*,\s*"([^"]+)"\s*\)/g)) {
    // A branch that only reports an error (e.g. ecdsa-sha1) names a rejected spelling.
    const body = window.slice(m.index, window.indexOf('}', m.index));
    if (/error|diag\(|return/.test(body)) continue;
    if (!words.includes(m[1])) words.push(m[1]);
  }
  return words;
}

// ---------------------------------------------------------------------------
// table parsing

/** 4.x and 5.0-5.2: one array of `{ "name", validity, type, field, list, info }` rows. */
function parseOldTable(tag, path) {
  const src = stripComments(gitShow(tag, path));
  const start = src.indexOf('ipsec_conf_keywords[] = {');
  const end = src.indexOf('{ NULL', start);
  const rows = [];
  for (const [line, cond] of preprocess(src.slice(start, end).split('\n'))) {
    const m = /^\s*\{\s*"([^"]*)"\s*,(.*)\}\s*,?\s*$/.exec(line);
    if (!m) continue;
    const [validity, type, field, list] = splitArgs(m[2]);
    const flags = validity.split('|').map((s) => s.trim());
    const sections = [];
    if (flags.includes('kv_config')) sections.push('config');
    if (flags.includes('kv_conn')) sections.push('conn');
    rows.push({
      name: m[1], sections, type, field,
      list: list && list !== 'NULL' ? list.replace(/^&/, '') : undefined,
      leftright: flags.includes('kv_leftright'),
      alias: flags.includes('kv_alias'),
      obsolete: type === 'kt_obsolete',
      milliseconds: flags.includes('kv_milliseconds'),
      build: cond || undefined,
    });
  }
  return rows;
}

/** 5.3+: designated-initialiser arrays written with K()/KWS()/A()/O() macros. */
function parseMacroTable(tag, path, arrayName, section) {
  const src = stripComments(gitShow(tag, path));
  const start = src.indexOf(`${arrayName}[] = {`);
  const end = src.indexOf('\n};', start);
  const text = src.slice(start, end);
  const params = new Map();
  for (const m of text.matchAll(/#\s*define\s+(K|KWS|A|O)\(([^)]*)\)\s*(.*)/g)) {
    params.set(m[1], { names: m[2].split(',').map((s) => s.trim()), body: m[3] });
  }
  const rows = [];
  let nosup = '';
  for (const [line, cond] of preprocess(text.split('\n'))) {
    const d = /^\s*#\s*define\s+NOSUP\s+(\w+)/.exec(line);
    if (d) {
      // `#ifdef USE_X / NOSUP LEMPTY / #else / NOSUP kv_nosup`: the row needs USE_X.
      nosup = cond.replace(/^!/, '');
      continue;
    }
    const m = /^\s*(?:\[\w+\]\s*=\s*)?(K|KWS|A|O)\((.*)\)\s*,?\s*$/.exec(line);
    if (!m) continue;
    const macro = params.get(m[1]);
    const args = splitArgs(m[2]);
    const named = {};
    const positional = [];
    for (const a of args) {
      const n = /^\.(\w+)\s*=\s*(.*)$/.exec(a);
      if (n) named[n[1]] = n[2];
      else positional.push(a);
    }
    const get = (p) => {
      const i = macro.names.indexOf(p);
      return i >= 0 ? positional[i] : undefined;
    };
    const extra = positional.slice(macro.names.filter((n) => n !== '...').length);
    const validity = `${get('VALIDITY') ?? ''}|${named.validity ?? ''}`;
    const flags = validity.split('|').map((s) => s.trim());
    const bodyType = /\.type\s*=\s*(kt_\w+)/.exec(macro.body)?.[1] ?? /\b(kt_\w+)\b/.exec(macro.body)?.[1];
    const type = get('TYPE') ?? (m[1] === 'O' ? 'kt_obsolete' : bodyType);
    const list = (named.sparse_names ?? extra.find((e) => e.startsWith('&')))?.replace(/^&/, '');
    rows.push({
      name: JSON.parse(get('KEYNAME')), sections: [section], type, field: get('FIELD'),
      list,
      leftright: flags.includes('kv_leftright'),
      alias: m[1] === 'A',
      obsolete: type === 'kt_obsolete',
      ignore: flags.includes('kv_ignore'),
      optargOnly: flags.includes('kv_optarg_only'),
      build: (flags.includes('NOSUP') ? nosup : cond) || undefined,
    });
  }
  return rows;
}

/**
 * 5.4+: pluto receives every conn value as a string and checks it in extract.c; learn from
 * the extract_*() call which kind of value each KWS_ field takes.
 */
function plutoExtractors(tag) {
  const src = stripComments(gitShow(tag, 'programs/pluto/extract.c'));
  const byField = new Map();
  for (const m of src.matchAll(/kv\(\s*\w+\s*,\s*[!\w]+\s*,\s*(KWS_\w+)\s*\)/g)) {
    const before = src.slice(Math.max(0, m.index - 200), m.index);
    const fns = [...before.matchAll(/(extract_\w+|lookup_sparse_name)\s*\(/g)];
    if (fns.length === 0) continue;
    const fn = fns[fns.length - 1][1];
    const after = src.slice(m.index, src.indexOf(';', m.index));
    const names = /&(\w+_(?:names|scales))/.exec(after)?.[1];
    if (!byField.has(m[1])) byField.set(m[1], { fn, names });
  }
  return byField;
}

// ---------------------------------------------------------------------------
// per-version facts

function bareName(tableName) {
  return tableName;
}

function buildVersion(v) {
  let rows;
  if (v.layout === 'v4' || v.layout === 'v5') {
    rows = parseOldTable(v.tag, v.table);
  } else {
    rows = [
      ...parseMacroTable(v.tag, v.setup, 'config_setup_keyword', 'config'),
      ...parseMacroTable(v.tag, v.conn, 'config_conn_keyword', 'conn'),
    ];
  }
  const extractors = v.layout === 'v54' ? plutoExtractors(v.tag) : undefined;
  const yn = v.layout === 'v4' ? undefined : resolveSparse(v.tag, 'yn_option_names').values;

  // Lookup walks the table in order and stops at the first name match, so a later row with
  // the same name is dead (5.3 lists `ah`/`phase2alg` both as keywords and as aliases).
  const out = new Map();
  const fieldOwner = new Map();
  for (const row of rows) {
    for (const section of row.sections) {
      const key = `${section}:${bareName(row.name)}`;
      if (out.has(key)) continue;
      const ownerKey = `${section}:${row.field}`;
      let status = 'keyword';
      let aliasOf;
      if (row.obsolete) status = 'obsolete';
      else if (row.ignore || row.optargOnly) status = 'command-line-only';
      else if (fieldOwner.has(ownerKey) && row.field !== 'KNCF_OBSOLETE' && row.field !== 'KNCF_WARNIGNORE') {
        // Old tables mark only some aliases with kv_alias; two names storing into the same
        // field are the same setting, and the earlier row is the one lookup reports.
        status = 'alias';
        aliasOf = fieldOwner.get(ownerKey);
      } else if (row.alias) {
        throw new Error(`${v.id}: alias ${row.name} has no target`);
      }
      if (status === 'keyword' && !fieldOwner.has(ownerKey)) fieldOwner.set(ownerKey, row.name);
      out.set(key, { section, row, status, aliasOf });
    }
  }
  // Canonical names: where an old table lists the "obsolete variant" first, the owner of the
  // field is the name that later releases keep as the keyword.
  const CANONICAL = { 'policy-label': 'sec-label' };
  for (const [key, e] of out) {
    const preferred = CANONICAL[e.row.name];
    const other = preferred && out.get(`${e.section}:${preferred}`);
    if (other && other.status === 'alias' && other.aliasOf === e.row.name) {
      e.status = 'alias'; e.aliasOf = preferred;
      other.status = 'keyword'; other.aliasOf = undefined;
      for (const o of out.values()) if (o.aliasOf === e.row.name) o.aliasOf = preferred;
    }
    void key;
  }

  const result = new Map();
  for (const [key, e] of out) {
    result.set(key, describeValue(v, e, extractors, yn, out));
  }
  return result;
}

function describeValue(v, e, extractors, yn, all) {
  const { row, section, status, aliasOf } = e;
  const key = `${section}:${row.name}`;
  const info = { status };
  if (aliasOf) info.aliasOf = aliasOf;
  if (row.build) info.buildOption = row.build;
  info.tableType = row.type;
  const semantic = SEMANTIC[key];
  const era = v.layout;
  const setValues = (listName) => {
    info.valueList = listName;
    const s = resolveSparse(v.tag, listName);
    info.values = s.values.filter((x) => x !== '');
    if (Object.keys(s.deprecated).length) info.deprecatedValues = s.deprecated;
  };

  if (status === 'obsolete') {
    info.type = semantic ?? 'string';
    info.valueCheckedAt = 'none';
    return info;
  }

  const t = row.type;
  if (era === 'v4') {
    // 4.x checks every typed value in the lexer/parser; which failures are fatal differs.
    switch (t) {
      case 'kt_bool': case 'kt_invertbool':
        info.type = 'bool'; info.values = ['y', 'yes', 'true', 'on', 'n', 'no', 'false', 'off'];
        info.caseSensitiveValues = true; info.syntax = 'bool-v4';
        info.valueCheckedAt = 'parser'; info.onInvalidValue = 'fatal'; break;
      case 'kt_enum': case 'kt_list':
        info.type = 'enum'; setValues(row.list);
        // The 4.x lexer turns digits into an INTEGER token, which the grammar stores without
        // looking at the keyword's list: `ikev2=1` loads.
        info.alsoAccepts = 'bare-number';
        info.valueCheckedAt = 'parser'; info.onInvalidValue = 'fatal'; break;
      case 'kt_lset':
        info.type = 'debug-flags'; info.valueCheckedAt = 'parser'; info.onInvalidValue = 'fatal'; break;
      case 'kt_loose_enum': case 'kt_pubkey':
        info.type = semantic ?? 'loose-enum'; setValues(row.list);
        info.valueCheckedAt = 'conn-add'; info.onInvalidValue = 'conn-fails'; break;
      case 'kt_time':
        info.type = 'duration'; info.syntax = 'duration-v4'; info.values = ['%forever'];
        info.valueCheckedAt = 'parser'; info.onInvalidValue = 'silently-ignored';
        if (row.milliseconds) info.defaultUnit = 'ms';
        break;
      case 'kt_number':
        info.type = semantic === 'port' ? 'port' : 'number'; info.syntax = 'number-v4';
        info.valueCheckedAt = 'parser'; info.onInvalidValue = 'silently-ignored'; break;
      case 'kt_percent':
        // A bare number is an INTEGER token the grammar has no rule for (a syntax error);
        // any other malformed string is logged by the parser and dropped.
        info.type = 'percent'; info.syntax = 'percent'; info.fatalSyntax = 'bare-number';
        info.valueCheckedAt = 'parser'; info.onInvalidValue = 'silently-ignored'; break;
      case 'kt_byte':
        info.type = 'bytes'; info.syntax = 'bytes-v4';
        info.valueCheckedAt = 'parser'; info.onInvalidValue = 'silently-ignored'; break;
      case 'kt_binary':
        info.type = 'number'; info.syntax = 'binary-v4';
        info.valueCheckedAt = 'parser'; info.onInvalidValue = 'silently-ignored'; break;
      default:
        stringInfo(info, key, section);
    }
    finishCommon(v, info, key);
    return info;
  }

  if (era === 'v5') {
    // 5.0-5.2 still type values in the parser, but a bad one only warns and is dropped.
    const warn = () => { info.valueCheckedAt = 'parser'; info.onInvalidValue = 'warn-ignore'; };
    switch (t) {
      case 'kt_bool':
        info.type = 'bool'; info.values = yn; info.syntax = 'bool-v5'; warn(); break;
      case 'kt_sparse_name':
        info.type = semantic === 'bool' || row.list === 'yn_option_names' ? 'bool' : 'enum';
        setValues(row.list); if (info.type === 'bool') info.syntax = 'bool-v5'; warn(); break;
      case 'kt_lset':
        info.type = 'debug-flags'; warn(); break;
      case 'kt_host': case 'kt_pubkey':
        info.type = semantic ?? 'loose-enum'; setValues(row.list);
        info.valueCheckedAt = 'conn-add'; info.onInvalidValue = 'conn-fails'; break;
      case 'kt_time': case 'kt_seconds': case 'kt_milliseconds':
        info.type = 'duration'; info.syntax = v.id === '5.2' ? 'duration-v52' : 'duration-v50';
        if (row.milliseconds || t === 'kt_milliseconds') info.defaultUnit = 'ms';
        warn(); break;
      case 'kt_unsigned':
        info.type = semantic === 'port' ? 'port' : 'number'; info.syntax = 'number-v5'; warn(); break;
      case 'kt_percent':
        info.type = 'percent'; info.syntax = 'percent'; warn(); break;
      case 'kt_byte':
        info.type = 'bytes'; info.syntax = 'bytes-v4'; warn(); break;
      case 'kt_binary':
        info.type = 'number'; info.syntax = 'binary-v4'; warn(); break;
      default:
        stringInfo(info, key, section);
    }
    finishCommon(v, info, key);
    return info;
  }

  // 5.3 and later
  const typedInParser = section === 'config' || era === 'v53';
  const parserCheck = () => {
    info.valueCheckedAt = 'parser';
    // 5.3+: a bad `config setup` value stops the load; 5.3 drops a bad conn value with a warning.
    info.onInvalidValue = section === 'config' ? 'fatal' : 'warn-ignore';
  };
  if (t === 'kt_sparse_name' && typedInParser) {
    setValues(row.list);
    info.type = row.list === 'yn_option_names' ? 'bool' : 'enum';
    if (info.type === 'bool') info.syntax = 'bool-v5';
    parserCheck();
  } else if ((t === 'kt_seconds') && typedInParser) {
    info.type = 'duration'; info.syntax = era === 'v53' ? 'duration-v53' : 'duration-v54'; parserCheck();
  } else if (t === 'kt_unsigned' && typedInParser) {
    info.type = semantic === 'port' ? 'port' : 'number'; info.syntax = 'number-v53'; parserCheck();
  } else if (key === 'config:plutodebug') {
    // Parsed after loading; a bad value is reported and ignored rather than fatal.
    info.type = 'debug-flags'; info.valueCheckedAt = 'parser'; info.onInvalidValue = 'warn-ignore';
  } else {
    stringInfo(info, key, section);
    const field = row.field;
    const x = extractors?.get(field);
    if (section === 'conn' && x) applyExtractor(v, info, x, yn);
    else if (section === 'conn' && era === 'v53') fromLaterRelease(info, key, v.tag);
  }
  if (key === 'conn:retransmit-interval') info.defaultUnit = 'ms';
  // 5.4's pluto logs "debug=… invalid, ignored" and adds the conn (checked with libreswan-pluto-check5).
  if (key === 'conn:debug' && info.onInvalidValue === 'conn-fails') info.onInvalidValue = 'warn-ignore';
  finishCommon(v, info, key);
  void all;
  return info;
}

/** Facts that every era shares: authby's case-sensitive word list and the debug flag names. */
function finishCommon(v, info, key) {
  if (key === 'conn:authby') {
    // Compared with a case-sensitive string match, item by item (comma or blank separated).
    info.values = authbyWords(v.tag, v.layout);
    info.caseSensitiveValues = true;
  }
  if (info.type === 'debug-flags') {
    info.values = debugNames(v.tag);
    info.syntax = 'debug-flags';
  }
}

/** Keywords the tables leave as strings: what they hold, and who rejects a bad one. */
function stringInfo(info, key, section) {
  info.type = SEMANTIC[key] ?? 'string';
  if (FREE_TEXT.has(key) || info.type === 'path' || info.type === 'string') {
    info.valueCheckedAt = 'none';
  } else if (section === 'conn') {
    info.valueCheckedAt = 'conn-add'; info.onInvalidValue = 'conn-fails';
  } else {
    // Setup strings are interpreted by pluto when it starts, not by the file parser.
    info.valueCheckedAt = 'none';
  }
}

function applyExtractor(v, info, x, yn) {
  info.valueCheckedAt = 'conn-add';
  info.onInvalidValue = 'conn-fails';
  switch (x.fn) {
    case 'extract_bool':
      info.type = 'bool'; info.values = yn; info.syntax = 'bool-v5'; break;
    case 'extract_yna':
      info.valueList = 'yna_option_names';
      info.type = 'enum'; info.values = resolveSparse(v.tag, 'yna_option_names').values; break;
    case 'extract_sparse_name': case 'lookup_sparse_name': case 'extract_shunt_policy': {
      info.valueList = x.names;
      const s = resolveSparse(v.tag, x.names);
      info.type = 'enum'; info.values = s.values.filter((y) => y !== '');
      if (Object.keys(s.deprecated).length) info.deprecatedValues = s.deprecated;
      break;
    }
    case 'extract_enum_name':
      info.type = 'enum'; info.values = ENUM_NAMES_54[x.names]; break;
    case 'extract_uintmax':
      if (info.type !== 'port') info.type = 'number';
      info.syntax = 'number-v5'; break;
    case 'extract_port':
      info.type = 'port'; break;
    case 'extract_deltatime': case 'extract_lifetime': case 'extract_deltatimescale':
      info.type = 'duration'; info.syntax = 'duration-v54'; break;
    case 'extract_percent':
      info.type = 'percent'; info.syntax = 'percent-v54'; break;
    case 'extract_scaled_uintmax':
      if (x.names === 'binary_byte_scales') { info.type = info.type === 'number' ? 'number' : 'bytes'; info.syntax = 'bytes-v54'; }
      else { info.syntax = 'binary-v54'; }
      break;
    case 'extract_yn_uintmax':
      info.type = 'yes-no-or-number'; break;
    case 'extract_flags':
      info.type = 'list'; info.values = ENUM_NAMES_54[x.names]; break;
    default:
      break;
  }
}

// 5.3 sends conn strings to pluto through whack fields; its checks match 5.4's for every
// keyword both releases share, so the 5.4 result is reused (see README).
const laterConn = new Map();
function fromLaterRelease(info, key, tag) {
  const later = laterConn.get(key);
  if (!later) return;
  for (const k of ['type', 'values', 'syntax', 'valueCheckedAt', 'onInvalidValue', 'valueList']) {
    if (later[k] !== undefined) info[k] = later[k];
  }
  if (info.valueList && !(info.valueList in ENUM_NAMES_54)) {
    // Same list name, but read at 5.3's own tag so that its spellings are 5.3's.
    const s = resolveSparse(tag, info.valueList);
    info.values = s.values.filter((y) => y !== '');
    if (Object.keys(s.deprecated).length) info.deprecatedValues = s.deprecated;
  }
  if (info.syntax === 'duration-v54') info.syntax = 'duration-v53';
  if (info.syntax === 'bytes-v54') info.syntax = 'bytes-v4';
  if (info.syntax === 'binary-v54') info.syntax = 'binary-v4';
  if (info.syntax === 'percent-v54') info.syntax = 'percent';
}

// ---------------------------------------------------------------------------
// merge

function main() {
  const perVersion = new Map();
  // 5.4 first so that 5.3 can borrow its pluto-side knowledge.
  const order = ['5.4', ...VERSIONS.map((v) => v.id).filter((id) => id !== '5.4')];
  for (const id of order) {
    const v = VERSIONS.find((x) => x.id === id);
    const table = buildVersion(v);
    perVersion.set(id, table);
    if (id === '5.4') for (const [k, info] of table) laterConn.set(k, info);
  }

  const reference = new Map();
  const refPath = '/work/shared/reference/libreswan/keywords.json';
  if (existsSync(refPath)) {
    for (const r of JSON.parse(readFileSync(refPath, 'utf8'))) reference.set(`${r.section}:${r.name}`, r);
  }

  const keys = new Set();
  for (const v of VERSIONS) for (const k of perVersion.get(v.id).keys()) keys.add(k);
  const keywords = [];
  for (const key of [...keys].sort()) {
    const [section, ...rest] = key.split(':');
    const name = rest.join(':');
    const versions = {};
    let leftright = false;
    for (const v of VERSIONS) {
      const info = perVersion.get(v.id).get(key);
      if (!info) continue;
      versions[v.id] = info;
    }
    for (const v of VERSIONS) {
      const e = perVersion.get(v.id).get(key);
      if (e) leftright ||= rowLeftright(v, key);
    }
    const ref = reference.get(key);
    // Defaults come from the extracted reference (HEAD); they are attached to the
    // releases whose value type matches HEAD's, i.e. 5.4 and the snapshot.
    // Only plain values: a default with commentary ("ikev2 (ike = unspecified)") is cut to its value.
    if (ref?.default !== undefined) ref.default = String(ref.default).split(' (')[0];
    if (ref?.default !== undefined) {
      for (const id of ['5.4', 'latest']) if (versions[id] && versions[id].status === 'keyword') versions[id].default = ref.default;
    }
    const entry = {
      name, section, leftright,
      documentedInMan: ref?.documented_in_man ?? false,
      ...(name === 'also' ? { mayRepeat: true } : {}),
      ...(name === 'subnets' || name === 'connalias' ? { accumulates: true } : {}),
      versions,
    };
    keywords.push(entry);
  }
  addRenames(keywords);

  const out = {
    $comment: 'Generated by tools/extract-keywords.mjs from Libreswan release tags; do not edit by hand. See schemas/README.md.',
    source: {
      repository: 'https://github.com/libreswan/libreswan',
      snapshot: HEAD_COMMIT,
      versions: Object.fromEntries(VERSIONS.map((v) => [v.id, {
        ref: v.tag === HEAD_COMMIT ? HEAD_COMMIT : v.tag,
        files: v.table ? [v.table] : [v.setup, v.conn],
      }])),
    },
    valueSyntaxes: SYNTAXES,
    keywords,
  };
  writeFileSync(join(ROOT, 'schemas/keywords.json'), `${JSON.stringify(out, null, 1)}\n`);
  for (const v of VERSIONS) {
    const counts = {};
    for (const [k, info] of perVersion.get(v.id)) {
      const c = `${k.split(':')[0]}:${info.status}`;
      counts[c] = (counts[c] ?? 0) + 1;
    }
    console.log(v.id, JSON.stringify(counts));
  }
}

const leftrightCache = new Map();
function rowLeftright(v, key) {
  const ck = `${v.id}`;
  if (!leftrightCache.has(ck)) {
    const rows = v.table ? parseOldTable(v.tag, v.table)
      : [...parseMacroTable(v.tag, v.setup, 'config_setup_keyword', 'config'), ...parseMacroTable(v.tag, v.conn, 'config_conn_keyword', 'conn')];
    const m = new Map();
    for (const r of rows) for (const s of r.sections) if (!m.has(`${s}:${r.name}`)) m.set(`${s}:${r.name}`, r.leftright);
    leftrightCache.set(ck, m);
  }
  return leftrightCache.get(ck).get(key) ?? false;
}

/** Obsolete and alias names get a `renamedTo` hint where a successor exists. */
function addRenames(keywords) {
  const byKey = new Map(keywords.map((k) => [`${k.section}:${k.name}`, k]));
  const successor = {
    'config:plutostderrlog': 'logfile', 'config:virtual_private': 'virtual-private',
    'config:curl-timeout': 'crl-timeout', 'config:xfrmlifetime': 'expire-lifetime',
    'conn:nflog': 'nflog-group', 'conn:send-no-esp-tfc': 'send-esp-tfc-padding-not-supported',
    'conn:keylife': 'ipsec-lifetime', 'conn:lifetime': 'ipsec-lifetime', 'conn:salifetime': 'ipsec-lifetime',
    'conn:aggrmode': 'aggressive', 'conn:xauthusername': 'username', 'conn:policy-label': 'sec-label',
    'conn:remote_peer_type': 'remote-peer-type', 'conn:forceencaps': 'encapsulation',
    'config:secctx-attr-type': 'ikev1-secctx-attr-type', 'conn:phase2alg': 'esp',
  };
  for (const [key, to] of Object.entries(successor)) {
    const k = byKey.get(key);
    if (!k) continue;
    for (const [id, info] of Object.entries(k.versions)) {
      const target = byKey.get(`${k.section}:${to}`)?.versions[id];
      if ((info.status === 'alias' || info.status === 'obsolete') && target && target.status === 'keyword') {
        info.renamedTo = to;
      }
    }
  }
  for (const k of keywords) {
    for (const info of Object.values(k.versions)) {
      if (info.status === 'alias' && info.aliasOf && !info.renamedTo) info.renamedTo = info.aliasOf;
    }
  }
}

main();
