/**
 * The glob patterns of rule scopes (`group=agg-*`): `*` any run of characters, `?` one character,
 * `[abc]` / `[0-9]` / `[!0-9]` one character of (or not of) a set. Everything else is literal, and a
 * pattern matches the whole name. Test-group names hold no path separators, so there is no `**`.
 *
 * Patterns come from the command line and rules files, names from directory names: both are untrusted.
 * A glob turned into a RegExp backtracks (`****…Z` against a long name takes minutes), so patterns are
 * matched here by the two-pointer wildcard walk instead: on a mismatch it only ever returns to the last
 * `*` seen, so a match costs at most (name length × pattern length) steps, whatever the stars.
 */

export class GlobSyntaxError extends Error {}

/** One character position of a pattern (a `*` is kept apart: it spans any number of them). */
type Atom =
  | { kind: "star" }
  | { kind: "any" }
  | { kind: "char"; c: string }
  | { kind: "set"; negate: boolean; ranges: [string, string][] };

export interface Glob {
  readonly pattern: string;
  /** Does the whole name match the pattern? */
  test(name: string): boolean;
}

export function compileGlob(pattern: string): Glob {
  const atoms = parse(pattern);
  return { pattern, test: (name) => matchAtoms(atoms, Array.from(name)) };
}

function parse(pattern: string): Atom[] {
  const chars = Array.from(pattern);
  const atoms: Atom[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "*") {
      // a run of stars means what one star means
      if (atoms.at(-1)?.kind !== "star") atoms.push({ kind: "star" });
    } else if (c === "?") atoms.push({ kind: "any" });
    else if (c === "[") {
      // a "]" right after "[" or "[!" is a member, not the end
      const first = chars[i + 1] === "!" ? i + 2 : i + 1;
      const end = chars.indexOf("]", first + 1);
      if (end < 0) throw new GlobSyntaxError(`unclosed "[" in pattern "${pattern}"`);
      atoms.push(parseSet(chars.slice(i + 1, end), pattern));
      i = end;
    } else atoms.push({ kind: "char", c });
  }
  return atoms;
}

function parseSet(body: string[], pattern: string): Atom {
  const negate = body[0] === "!";
  const members = negate ? body.slice(1) : body;
  const ranges: [string, string][] = [];
  for (let j = 0; j < members.length; j++) {
    const lo = members[j]!;
    if (members[j + 1] === "-" && j + 2 < members.length) {
      const hi = members[j + 2]!;
      if (lo.codePointAt(0)! > hi.codePointAt(0)!) {
        throw new GlobSyntaxError(`invalid character set in pattern "${pattern}" (range ${lo}-${hi})`);
      }
      ranges.push([lo, hi]);
      j += 2;
    } else ranges.push([lo, lo]);
  }
  return { kind: "set", negate, ranges };
}

function matchOne(atom: Atom, c: string): boolean {
  switch (atom.kind) {
    case "any":
      return true;
    case "char":
      return atom.c === c;
    case "set": {
      const cp = c.codePointAt(0)!;
      const inSet = atom.ranges.some(([lo, hi]) => cp >= lo.codePointAt(0)! && cp <= hi.codePointAt(0)!);
      return inSet !== atom.negate;
    }
    case "star":
      return false;
  }
}

function matchAtoms(atoms: readonly Atom[], name: readonly string[]): boolean {
  let p = 0;
  let n = 0;
  // where the last star was, and the name position it is currently taken to stop at
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    const atom = atoms[p];
    if (atom?.kind === "star") {
      starP = p++;
      starN = n;
    } else if (atom !== undefined && matchOne(atom, name[n]!)) {
      p++;
      n++;
    } else if (starP >= 0) {
      // let the last star swallow one more character and retry what follows it
      p = starP + 1;
      n = ++starN;
    } else return false;
  }
  while (atoms[p]?.kind === "star") p++;
  return p === atoms.length;
}
