/** Reading rendered GFM tables back, as GitHub does, for the Markdown tests. */

/** Table rows (not the header or its separator). */
export function rows(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'));
}

/** Splits a GFM table row into cells the way GitHub does: on pipes not preceded by a backslash. */
export function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.trim());
}
