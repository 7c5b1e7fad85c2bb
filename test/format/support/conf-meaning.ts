import { parseConf } from '../../../grammar/conf/parse';
import { versionBehaviour } from '../../../schemas/behaviour';
import { keywordTable } from '../../../schemas/keywords';
import { resolveConnections } from '../../../server/model/connections';
import type { ConfigFileSystem } from '../../../server/model/file-system';
import { loadConfig } from '../../../server/model/include-graph';

/** Only the entry file exists, so an include on this machine cannot make two readings differ. */
const nothingElse: ConfigFileSystem = {
  readText: () => ({ ok: false, reason: 'missing', message: 'absent in this test' }),
  glob: () => [],
};

/**
 * Our own model of a config as plain data: every section's assignments (key and value as
 * Libreswan reads it), `config setup` and every conn after `%default` and `also=`, with the
 * problems found. Line numbers are left out: formatting may move lines.
 */
export function resolvedModel(path: string, text: string): unknown {
  const conf = parseConf(text);
  const loaded = loadConfig(path, conf, { fs: nothingElse, cwd: '/nonexistent' });
  const config = resolveConnections(loaded, keywordTable('latest'), versionBehaviour.latest);
  const settings = (map: ReadonlyMap<string, { value: string; via?: string }>): [string, string, string][] =>
    [...map].map(([key, s]) => [key, s.value, s.via ?? '']);
  return {
    sections: [...config.assignments].map(([placed, list]) => [placed.section.kind, list.map((a) => [a.line.key.text, a.value])]),
    setup: settings(config.setup),
    conns: config.conns.map((c) => ({ name: c.name, settings: settings(c.settings), problems: c.problems.map((p) => p.kind) })),
  };
}
