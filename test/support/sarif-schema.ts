import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';

/**
 * The SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it on npm
 * (@microsoft/jest-sarif, the schemastore copy code scanning validates against), checked
 * with ajv's draft-04 class (the schema's own draft). Formats (uri, date-time) are checked
 * by the tests that care; ajv-draft-04 has no format vocabulary of its own. The schema's
 * language pattern is not valid as a Unicode regular expression, hence unicodeRegExp off.
 */
let validate: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (validate) return validate;
  const require = createRequire(__filename);
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  validate = ajv.compile(schema);
  return validate;
}

/** The schema's complaints about a SARIF text, as readable lines; empty when it is valid. */
export function sarifSchemaErrors(text: string): string[] {
  const v = validator();
  if (v(JSON.parse(text))) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
