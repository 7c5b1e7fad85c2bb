import type { SettingsProblem } from '../settings/settings-file';
import type { PublishedDiagnostics } from '../service/language-service';
import type { ClientSettings } from './settings';

/** What the server tells the validation worker: every change to its copy of the state, then `validate`. */
export type ToValidationWorker =
  | { readonly kind: 'settings'; readonly settings: ClientSettings; readonly docsBaseUrl: string | undefined }
  | { readonly kind: 'folders'; readonly uris: readonly string[] }
  | { readonly kind: 'open'; readonly uri: string; readonly languageId: string | undefined; readonly version: number; readonly text: string }
  | { readonly kind: 'close'; readonly uri: string }
  | { readonly kind: 'file-changed'; readonly uri: string }
  | { readonly kind: 'settings-files-changed' }
  | { readonly kind: 'validate'; readonly generation: number };

export type FromValidationWorker =
  /** Sent before each document is checked, so a check past its time budget can be named. */
  | { readonly kind: 'checking'; readonly uri: string }
  | {
      readonly kind: 'published';
      readonly generation: number;
      readonly published: readonly PublishedDiagnostics[];
      readonly settingsFileProblems: readonly (readonly [string, readonly SettingsProblem[]])[];
    }
  | { readonly kind: 'failed'; readonly message: string };
