import type { Section } from '../../../schemas/keywords';
import type { PlacedSection } from '../../model/include-graph';

export function sectionOf(placed: PlacedSection): Section {
  return placed.section.kind === 'setup' ? 'config' : 'conn';
}

export function sectionLabel(placed: PlacedSection): string {
  return placed.section.kind === 'setup' ? "'config setup'" : `conn '${placed.section.name}'`;
}
