/**
 * Edit distance where swapping two neighbouring letters counts as one edit (optimal string
 * alignment): `rigth` is one typo away from `right`, as a person sees it.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i][j] = best;
    }
  }
  return rows[a.length][b.length];
}

/** The closest candidates to a misspelt word, best first; none when nothing is close. */
export function closestMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const allowed = Math.max(1, Math.floor(Math.max(lower.length, name.length) / 3));
    // The distance is at least the difference in length: a long key (a pasted line, an
    // attacker's) skips the quadratic table against every short keyword.
    if (Math.abs(lower.length - name.length) > allowed) continue;
    const d = editDistance(lower, name.toLowerCase());
    if (d <= allowed) scored.push({ name, score: d });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}
