import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LanguageClientOptions } from 'vscode-languageclient/node';

/** Where build.mjs copies docs/rules/*.md inside the extension, so the .vsix carries them. */
export const BUNDLED_RULE_DOCS_FOLDER = join('docs', 'rules');

/**
 * What the extension tells the server; pure (no `vscode` import) so tests can check it.
 * Diagnostics link to the rule pages shipped inside the extension unless the person set
 * `ipsecLint.docsBaseUrl`: they work offline and describe the installed version.
 */
export function languageClientOptions(extensionPath: string): LanguageClientOptions {
  return {
    documentSelector: [
      { scheme: 'file', language: 'ipsec-conf' },
      { scheme: 'untitled', language: 'ipsec-conf' },
      { scheme: 'file', language: 'ipsec-secrets' },
      { scheme: 'file', language: 'ipsec-policy' },
    ],
    initializationOptions: { bundledRuleDocs: pathToFileURL(join(extensionPath, BUNDLED_RULE_DOCS_FOLDER, '/')).href },
  };
}
