import { basename } from 'node:path';
import { POLICY_FILE_NAMES } from '../../schemas/policy-files';

export type DocumentKind = 'conf' | 'secrets' | 'policy';

/** The language ids the VS Code extension declares; other clients may send them too. */
const kindOfLanguageId: Readonly<Record<string, DocumentKind>> = {
  'ipsec-conf': 'conf',
  'ipsec-secrets': 'secrets',
  'ipsec-policy': 'policy',
};


/** Picks the grammar from the file name alone; anything unrecognised is ipsec.conf. */
export function kindOfFileName(path: string): DocumentKind {
  const name = basename(path);
  if (name === 'ipsec.secrets' || name.endsWith('.secrets') || name.startsWith('ipsec.secrets')) return 'secrets';
  if (/(^|[/\\])policies[/\\][^/\\]+$/.test(path) && POLICY_FILE_NAMES.has(name)) return 'policy';
  return 'conf';
}

/**
 * The grammar of an open document: a language id we declared wins (the user chose it),
 * then the file name. Generic ids such as `plaintext` or `conf` say nothing, so the name decides.
 */
export function kindOfDocument(path: string, languageId: string | undefined): DocumentKind {
  const declared = languageId !== undefined ? kindOfLanguageId[languageId] : undefined;
  return declared ?? kindOfFileName(path);
}
