import { RequestType } from 'vscode-languageserver-protocol';
import type { Position, TextDocumentIdentifier } from 'vscode-languageserver-protocol';
import type { Connection } from 'vscode-languageserver';
import type { EffectiveConnection } from '../service/effective-connection';
import type { LanguageService } from '../service/language-service';

export interface EffectiveConnectionParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly position: Position;
}

/**
 * `ipsecLint/effectiveConnection`: the conn at a position, resolved, with each value's
 * origin; null when the position is in no conn. The VS Code command "Show effective
 * connection" asks it and shows the answer in a read-only editor.
 */
export const EffectiveConnectionRequest = new RequestType<EffectiveConnectionParams, EffectiveConnection | null, void>('ipsecLint/effectiveConnection');

function isPosition(p: unknown): p is Position {
  const q = p as { line?: unknown; character?: unknown } | null;
  return typeof q?.line === 'number' && typeof q.character === 'number' && q.line >= 0 && q.character >= 0;
}

export function registerEffectiveConnection(connection: Connection, service: LanguageService): void {
  connection.onRequest(EffectiveConnectionRequest, (params) => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string' || !isPosition(params.position)) return null;
    return service.effectiveConnection(uri, params.position);
  });
}
