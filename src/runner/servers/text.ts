/**
 * The "model": no weights, just plausible tokens. Each token is a word; the first one opens a
 * reasoning block as Qwen3's answers do, so a 100-token answer is a few hundred characters long
 * (the reference success rule needs ≥ 100 characters of content).
 */

const WORDS = (
  "the a of to and is it that this user sequence digits pattern maybe look I will them me there structure " +
  "count repeating numbers like okay so let think first next then number some each wants which should see"
).split(" ");

export function token(index: number): string {
  return index === 0 ? "<think>\n" : WORDS[Math.floor(Math.random() * WORDS.length)]! + " ";
}

/** Rough prompt length in tokens: whitespace-separated words of every message. */
export function promptTokens(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  let n = 0;
  for (const m of messages) {
    const c = (m as { content?: unknown })?.content;
    if (typeof c === "string") n += c.split(/\s+/).filter(Boolean).length;
  }
  return n;
}
