import { CRYPTO_POLICY_ERAS, cryptoPolicyNames } from '../../schemas/crypto-policies/index';
import { keywordTable, LIBRESWAN_VERSIONS } from '../../schemas/keywords';
import { checkPair, loadPairEnd, type PairEnd } from '../../server/pair/index';
import type { LintSettings } from '../../server/settings/lint-settings';
import { effectiveSettingsRows } from '../../server/service/effective-settings';
import { LanguageService } from '../../server/service/language-service';
import { pathToUri } from '../../server/service/uris';
import { PageFileSystem } from './page-file-system';
import type { EffectiveConn, FileSet, PairResult, PlaygroundSettings, RequestMessage, Requests, ResponseMessage } from './protocol';

/**
 * The web worker: the same LanguageService as the CLI and the LSP server, over the files
 * open in the page. The page sends every file on each edit (a few kilobytes); the service
 * re-parses only what changed and re-validates what depends on it.
 */
const files = new Map<string, string>();
let settings: LintSettings = { libreswanVersion: 'latest', fips: false, rules: {} };
const service = new LanguageService({
  fs: new PageFileSystem(files),
  settingsFor: () => settings,
  // The page shows rule pages itself (bundled copies); the service's links are not used.
  docsBaseUrl: 'rules/',
});
let version = 0;

function toLintSettings(s: PlaygroundSettings): LintSettings {
  return { libreswanVersion: s.libreswanVersion, fips: s.fips, rules: {}, cryptoPolicy: s.cryptoPolicy, cryptoPolicyEra: s.cryptoPolicyEra };
}

function sync({ files: next, settings: nextSettings }: Requests['sync']['params']): Requests['sync']['result'] {
  version++;
  for (const path of [...files.keys()]) {
    if (next[path] !== undefined) continue;
    files.delete(path);
    service.closeDocument(pathToUri(path));
  }
  for (const [path, text] of Object.entries(next)) {
    if (files.get(path) === text) continue;
    const known = files.has(path);
    files.set(path, text);
    if (known) service.changeDocument(pathToUri(path), version, text);
    else service.openDocument(pathToUri(path), undefined, version, text);
  }
  const lint = toLintSettings(nextSettings);
  if (JSON.stringify(lint) !== JSON.stringify(settings)) {
    settings = lint;
    service.settingsChanged();
  }
  service.validate();
  const out: Record<string, Requests['sync']['result'][string]> = {};
  for (const [path, text] of files) {
    const uri = pathToUri(path);
    const lines = text.split('\n');
    const whole = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
    out[path] = { diagnostics: service.diagnostics(uri), actions: service.codeActions(uri, whole, undefined) };
  }
  return out;
}

function effective({ path }: Requests['effective']['params']): EffectiveConn[] {
  const analysis = service.workspace.analysisFor(path);
  if (!analysis) return [];
  const entryDir = analysis.entry.slice(0, analysis.entry.lastIndexOf('/')) || '/';
  return analysis.result.config.conns.map((conn) => ({
    name: conn.name,
    rows: effectiveSettingsRows(conn, entryDir),
    alsoSections: conn.alsoSections.map((p) => (p.section.kind === 'conn' ? p.section.name : 'config setup')),
    refused: conn.problems.some((p) => p.kind === 'also-missing' || (p.kind === 'conflict' && !p.sameValue)),
  }));
}

/** One host of the pair: its files mounted as `/west/etc/...`, read as `ipsec-lint pair` reads a folder. */
function pairEnd(name: string, fileSet: FileSet, v: PlaygroundSettings['libreswanVersion']): { end?: PairEnd; problem?: string } {
  const mounted = new Map(Object.entries(fileSet).map(([path, text]) => [`/${name}${path}`, text]));
  const loaded = loadPairEnd(`/${name}/etc`, true, new PageFileSystem(mounted), v);
  return loaded.ok ? { end: loaded.end } : { problem: `${name}: ${loaded.message.replace(`/${name}`, '')}` };
}

function pair({ west, east, libreswanVersion }: Requests['pair']['params']): PairResult {
  const w = pairEnd('west', west, libreswanVersion);
  const e = pairEnd('east', east, libreswanVersion);
  if (!w.end || !e.end) return { problems: [w.problem, e.problem].filter((p): p is string => p !== undefined), matched: [], westOnly: [], eastOnly: [], findings: [] };
  const report = checkPair(w.end, e.end, libreswanVersion);
  const unmount = (host: string, file: string): string => (file.startsWith(`/${host}/`) ? file.slice(host.length + 1) : file);
  return {
    problems: [],
    matched: report.matched,
    westOnly: report.unmatched.filter((u) => u.host === 'west').map((u) => u.conn),
    eastOnly: report.unmatched.filter((u) => u.host === 'east').map((u) => u.conn),
    findings: report.findings.map((f) => ({
      conn: f.conn,
      notification: f.notification,
      severity: f.severity,
      message: f.message,
      west: { file: unmount('west', f.west.file), range: f.west.range, text: f.west.text },
      east: { file: unmount('east', f.east.file), range: f.east.range, text: f.east.text },
    })),
  };
}

function answer(message: RequestMessage): unknown {
  const { params } = message;
  switch (message.method) {
    case 'meta':
      return { versions: LIBRESWAN_VERSIONS, eras: CRYPTO_POLICY_ERAS, policies: Object.fromEntries(CRYPTO_POLICY_ERAS.map((e) => [e, cryptoPolicyNames(e)])) };
    case 'sync':
      return sync(params as Requests['sync']['params']);
    case 'hover': {
      const p = params as Requests['hover']['params'];
      return service.hover(pathToUri(p.path), p.position);
    }
    case 'completion': {
      const p = params as Requests['completion']['params'];
      return service.completion(pathToUri(p.path), p.position);
    }
    case 'codeActions': {
      const p = params as Requests['codeActions']['params'];
      return service.codeActions(pathToUri(p.path), p.range, undefined);
    }
    case 'format': {
      const p = params as Requests['format']['params'];
      return service.formatting(pathToUri(p.path), { tabSize: 8, insertSpaces: false });
    }
    case 'effective':
      return effective(params as Requests['effective']['params']);
    case 'pair':
      return pair(params as Requests['pair']['params']);
  }
}

// The page's tsconfig has the DOM library, not the worker one (the two clash): name what is used.
interface WorkerScope {
  onmessage: ((event: MessageEvent<RequestMessage>) => void) | null;
  postMessage(message: ResponseMessage): void;
}
const scope = self as unknown as WorkerScope;
scope.onmessage = (event: MessageEvent<RequestMessage>) => {
  const message = event.data;
  let response: ResponseMessage;
  try {
    response = { id: message.id, ok: true, result: answer(message) };
  } catch (error) {
    // A bug in one rule must not take the page down: the page shows the message.
    response = { id: message.id, ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
  }
  scope.postMessage(response);
};
// keywordTable is warmed here so the first keystroke does not pay for building it.
keywordTable('latest');
