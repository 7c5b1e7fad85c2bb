import type { ConfRule } from '../rule';

/** Two `conn` sections with one name: the later one replaces the earlier when pluto adds it. */
export const duplicateConnName: ConfRule = {
  meta: { id: 'duplicate-conn-name', description: 'Two conn sections with the same name.', defaultSeverity: 'warning', scope: 'conf' },
  check({ config }, report) {
    for (const [name, sections] of config.sectionsByName) {
      if (name === '%default' || sections.length < 2) continue;
      const [first, ...rest] = sections;
      if (first.section.kind !== 'conn') continue;
      const firstName = first.section.header.name;
      for (const placed of rest) {
        // An include loop places the very same section again: include-problem reports that.
        if (placed.section.kind !== 'conn' || placed.section === first.section) continue;
        report({
          file: placed.file.path,
          range: placed.section.header.name.range,
          message: `conn '${name}' is defined again: pluto replaces the first definition with this one, and also=${name} only sees the first`,
          rejectedByLibreswan: false,
          related: [{ file: first.file.path, range: firstName.range, message: 'first defined here' }],
        });
      }
    }
  },
};
