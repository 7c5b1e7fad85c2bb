import { pathToFileURL } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { confRules, policyRules, secretsRules } from '../rules/registry';
import { DEFAULT_RULE_DOCS_BASE_URL } from '../service/rule-docs';
import type { FileReport } from './file-report';

/**
 * SARIF 2.1.0, the format code-scanning services read (GitHub, GitLab, Azure DevOps).
 * `rejectedByLibreswan` travels as a result property, as in the JSON format.
 */
export function formatSarif(reports: readonly FileReport[]): string {
  const rules = [...confRules, ...secretsRules, ...policyRules].map((r) => r.meta);
  const index = new Map(rules.map((m, i) => [m.id, i]));
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      ruleIndex: index.get(d.ruleId),
      level: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note',
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathToFileURL(report.path).href },
            region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
          },
        },
      ],
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
            informationUri: packageJson.homepage,
            rules: rules.map((m) => ({
              id: m.id,
              shortDescription: { text: m.description },
              helpUri: DEFAULT_RULE_DOCS_BASE_URL ? `${DEFAULT_RULE_DOCS_BASE_URL}${m.id}.md` : undefined,
              defaultConfiguration: { level: m.defaultSeverity === 'error' ? 'error' : m.defaultSeverity === 'warning' ? 'warning' : 'note' },
            })),
          },
        },
        results,
      },
    ],
  });
}
