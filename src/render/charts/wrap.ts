/**
 * Long names in charts wrap onto several lines instead of being cut (`…dp-1 / front…`): a label is split
 * after `_`, `-`, `/`, `·` or a space so that no line is longer than `width` characters where the name
 * allows it; a run of characters with no break point longer than that is split anyway. Lines are joined
 * with "\n" and the specs split them back into an array (Vega draws an array of strings as lines).
 */
export const LABEL_WIDTH = 24;

export function wrapLabel(text: string, width = LABEL_WIDTH): string {
  // pieces end at a break character (kept on the line before the break)
  const pieces = text.match(/[^_\-/·\s]*[_\-/·\s]|[^_\-/·\s]+$/g) ?? [text];
  const lines: string[] = [];
  let line = "";
  for (let piece of pieces) {
    while (piece.length > width) {
      if (line) lines.push(line.trimEnd());
      lines.push(piece.slice(0, width));
      piece = piece.slice(width);
      line = "";
    }
    if (line && (line + piece).trimEnd().length > width) {
      lines.push(line.trimEnd());
      line = "";
    }
    line += piece;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.join("\n");
}

/** Vega expression turning a wrapped label back into its lines (axis and header `labelExpr`). */
export const SPLIT_LINES = "split(datum.label, '\\n')";
