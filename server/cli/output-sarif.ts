import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { confRules, policyRules, secretsRules } from '../rules/registry';
import type { LintDiagnostic } from '../rules/rule';
import { DEFAULT_RULE_DOCS_BASE_URL } from '../service/rule-docs';
import { kindOfFileName } from '../service/document-kind';
import type { FileReport } from './file-report';

/** How the run went, for SARIF's `invocations` (code scanning shows failed runs). */
export interface SarifInvocation {
  readonly arguments: readonly string[];
  readonly workingDirectory: string;
  readonly executionSuccessful: boolean;
}

const levelOf = (s: LintDiagnostic['severity']): string => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');

/** A folder as a file URL ending in `/`, as SARIF requires of a base URI. */
const folderUrl = (dir: string): string => {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
};

/**
 * A file's location: relative to %SRCROOT% (the working folder, the checkout in CI) when it
 * lies inside, so results match the repository's paths wherever it was checked out;
 * an absolute file URL otherwise.
 */
function artifactLocation(path: string, srcRoot: string): { uri: string; uriBaseId?: string } {
  const rel = relative(srcRoot, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(path).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

/**
 * A fingerprint that survives lines moving: the rule, the file's path inside the checkout,
 * the finding's own line text (spaces trimmed), and which occurrence of that line it is.
 * Secrets files are fingerprinted by the message instead of their lines.
 */
function fingerprinter(srcRoot: string, sourceOf: (path: string) => string | undefined): (path: string, d: LintDiagnostic) => string {
  const lines = new Map<string, readonly string[] | undefined>();
  const seen = new Map<string, number>();
  return (path, d) => {
    // A secrets file's lines hold keys: even hashed, they stay out of the output.
    if (!lines.has(path)) lines.set(path, kindOfFileName(path) === 'secrets' ? undefined : sourceOf(path)?.split(/\r?\n/));
    const lineText = lines.get(path)?.[d.range.start.line]?.trim() ?? d.message;
    const base = `${d.ruleId}\u0000${artifactLocation(path, srcRoot).uri}\u0000${lineText}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${createHash('sha256').update(`${base}\u0000${n}`).digest('hex').slice(0, 32)}:${n}`;
  };
}

/**
 * SARIF 2.1.0, the format code-scanning services read (GitHub, GitLab, Azure DevOps).
 * `rejectedByLibreswan` travels as a result property, as in the JSON format.
 */
export function formatSarif(
  reports: readonly FileReport[],
  sourceOf: (path: string) => string | undefined = () => undefined,
  invocation: SarifInvocation = { arguments: [], workingDirectory: process.cwd(), executionSuccessful: true },
): string {
  const srcRoot = invocation.workingDirectory;
  const rules = [...confRules, ...secretsRules, ...policyRules].map((r) => r.meta);
  const index = new Map(rules.map((m, i) => [m.id, i]));
  const fingerprint = fingerprinter(srcRoot, sourceOf);
  const region = (d: { range: LintDiagnostic['range'] }): Record<string, number> => ({
    startLine: d.range.start.line + 1,
    startColumn: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  });
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId) } : {}),
      level: levelOf(d.severity),
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(report.path, srcRoot),
            region: region(d),
          },
        },
      ],
      ...(d.related && d.related.length > 0
        ? { relatedLocations: d.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation: artifactLocation(r.file, srcRoot), region: region(r) } })) }
        : {}),
      partialFingerprints: { 'ipsecLint/v1': fingerprint(report.path, d) },
      properties: { rejectedByLibreswan: d.rejectedByLibreswan, ...(d.conn !== undefined ? { conn: d.conn } : {}) },
    })),
  );
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ipsec-lint',
            version: packageJson.version,
            semanticVersion: packageJson.version,
            informationUri: packageJson.homepage,
            rules: rules.map((m) => ({
              id: m.id,
              shortDescription: { text: m.description },
              ...(DEFAULT_RULE_DOCS_BASE_URL ? { helpUri: `${DEFAULT_RULE_DOCS_BASE_URL}${m.id}.md` } : {}),
              defaultConfiguration: { level: levelOf(m.defaultSeverity) },
            })),
          },
        },
        invocations: [
          {
            arguments: [...invocation.arguments],
            executionSuccessful: invocation.executionSuccessful,
            workingDirectory: { uri: folderUrl(srcRoot) },
          },
        ],
        originalUriBaseIds: { SRCROOT: { uri: folderUrl(srcRoot) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  });
}
