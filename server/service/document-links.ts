import { dirname } from 'node:path';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import type { SecretsFile } from '../../grammar/secrets';
import { hasGlobMagic, type ConfigFileSystem } from '../model/file-system';
import { mapIncludePath } from '../model/include-graph';
import type { ConfFeatureContext } from './context';

/** Each include that names one file that exists links to it (a glob has no single target). */
export function confDocumentLinks(context: ConfFeatureContext): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const edge of context.analysis?.result.config.loaded.includes ?? []) {
    if (edge.from.path !== context.path || hasGlobMagic(edge.resolved) || edge.targets.length !== 1) continue;
    out.push({ range: edge.line.path.range, target: context.uriOf(edge.targets[0]), tooltip: edge.targets[0] });
  }
  return out;
}

/** ipsec.secrets includes resolve against the including file's folder, unlike ipsec.conf's. */
export function secretsDocumentLinks(path: string, secrets: SecretsFile, fs: ConfigFileSystem, root: string | undefined, uriOf: (path: string) => string): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const record of secrets.records) {
    if (record.kind !== 'include') continue;
    const target = mapIncludePath(record.path.value, { root, cwd: dirname(path) });
    if (hasGlobMagic(target) || !fs.readText(target).ok) continue;
    out.push({ range: record.path.range, target: uriOf(target), tooltip: target });
  }
  return out;
}
