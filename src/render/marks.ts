/**
 * Colour and marks for people: whether a stream gets colour (NO_COLOR, FORCE_COLOR, a terminal), and
 * how a bad or good value is shown — a ✗ or ✓ before it as well as red or green, so that it still
 * reads without colour (a CI log, NO_COLOR, a colour-blind reader). See docs/terminal.md.
 */

/**
 * Colour on a stream: FORCE_COLOR set to anything but 0/false forces it (also over NO_COLOR, as Node
 * itself does); NO_COLOR set and non-empty turns it off; else only on a terminal.
 */
export function colorWanted(isTTY: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !["0", "false"].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTTY;
}

const sgr = (open: number, close: number) => (text: string, color: boolean) =>
  color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
export const red = sgr(31, 39);
export const green = sgr(32, 39);
export const yellow = sgr(33, 39);

/** "✗ FAIL", red. */
export const bad = (text: string, color: boolean) => red(`✗ ${text}`, color);
/** "✓ PASS", green. */
export const good = (text: string, color: boolean) => green(`✓ ${text}`, color);

/** A missing value (N/A) stands out, in colour only: the letters say it already. */
export const missing = (text: string, color: boolean) => yellow(text, color);
