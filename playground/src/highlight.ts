import { HighlightStyle } from '@codemirror/language';
import { tags } from '@lezer/highlight';

/**
 * Colours for the TextMate scopes (see styleOf in textmate-stream.ts), with stable class
 * names (`tok-key`…) so the stylesheet and the browser test can name a token kind.
 */
export const playgroundHighlightStyle = HighlightStyle.define([
  { tag: tags.comment, class: 'tok-comment' },
  { tag: tags.keyword, class: 'tok-keyword' },
  { tag: tags.definition(tags.variableName), class: 'tok-name' },
  { tag: tags.propertyName, class: 'tok-key' },
  { tag: tags.modifier, class: 'tok-side' },
  { tag: tags.operator, class: 'tok-operator' },
  { tag: tags.number, class: 'tok-number' },
  { tag: tags.atom, class: 'tok-constant' },
  { tag: tags.special(tags.string), class: 'tok-secret' },
  { tag: tags.string, class: 'tok-string' },
  { tag: tags.invalid, class: 'tok-invalid' },
  { tag: tags.typeName, class: 'tok-type' },
  { tag: tags.meta, class: 'tok-meta' },
]);
