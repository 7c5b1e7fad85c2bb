const units: Readonly<Record<string, number>> = { us: 0.000001, ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Reads `30`, `30s`, `1.5h` into seconds (a bare number is in `defaultUnit`), for comparing values. */
export function durationSeconds(text: string, defaultUnit: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text.trim());
  if (!m) return undefined;
  const scale = units[m[2].toLowerCase() || defaultUnit];
  return scale === undefined ? undefined : Number(m[1]) * scale;
}
