/**
 * The glob patterns of rule scopes (`group=agg-*`): `*` any run of characters, `?` one character,
 * `[abc]` / `[0-9]` / `[!0-9]` one character of (or not of) a set. Everything else is literal, and a
 * pattern matches the whole name. Test-group names hold no path separators, so there is no `**`.
 */

export class GlobSyntaxError extends Error {}

export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") source += ".*";
    else if (c === "?") source += ".";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) throw new GlobSyntaxError(`unclosed "[" in pattern "${pattern}"`);
      let set = pattern.slice(i + 1, end);
      const negate = set.startsWith("!");
      if (negate) set = set.slice(1);
      // Inside a class only "\", "]" and "^" need escaping; "-" keeps its range meaning.
      source += `[${negate ? "^" : ""}${set.replace(/[\\\]^]/g, "\\$&")}]`;
      i = end;
    } else source += c.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  try {
    return new RegExp(`^${source}$`, "u");
  } catch {
    throw new GlobSyntaxError(`invalid character set in pattern "${pattern}"`);
  }
}
