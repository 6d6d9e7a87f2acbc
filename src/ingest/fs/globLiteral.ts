/**
 * Paths as DuckDB's file readers (`read_json`, `read_text`, …) take them: the readers expand globs,
 * so a real name must be escaped before it reaches them.
 */

/**
 * A file path as DuckDB's readers (`read_json`, `read_text`, …) must receive it: they expand globs, so
 * `[`, `*` and `?` in a real name (`test_fault_scenario[agg-…]`) are escaped as one-character classes.
 * Without this, `a[b]/f` would silently read `ab/f`. The readers report the real path as `filename`.
 * A path without glob characters is read literally; inside a glob (`inPattern`, or once a bracket was
 * escaped) DuckDB takes `\` as an escape, so a backslash in a name is matched by `?` (any one
 * character) instead: a sibling that differs only there would be read too and dropped by the readers'
 * join on their manifest.
 */
export function globLiteral(path: string, inPattern = false): string {
  const escaped = path.replace(/[[*?]/g, (c) => `[${c}]`);
  return escaped !== path || inPattern ? escaped.replace(/\\/g, "?") : path;
}

/** Every path of a list as a literal for DuckDB's readers (see globLiteral). */
export function globLiterals(paths: readonly string[]): string[] {
  return paths.map((p) => globLiteral(p));
}
