// LIKE patterns built from user input or stored paths: the wildcards `%` and `_` and the escape
// character `\` match literally (PostgreSQL's default escape is the backslash).

/** Escapes LIKE wildcards so `s` matches literally. */
export function likeEscape(s: string): string {
  return s.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_');
}

/** Pattern for "contains `s`" (ILIKE search boxes). */
export function containsPattern(s: string): string {
  return `%${likeEscape(s)}%`;
}

/** Pattern for "starts with `s`" (a subtree of materialised organisation paths). */
export function prefixPattern(s: string): string {
  return `${likeEscape(s)}%`;
}
