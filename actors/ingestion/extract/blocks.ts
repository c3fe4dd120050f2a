/** A text line of a message body; `quote` counts its ">" levels (or enclosing blockquotes). */
export interface LineBlock { kind: 'line'; text: string; quote: number }
/** A table as rows of cell texts, spans already expanded. */
export interface TableBlock { kind: 'table'; rows: string[][]; quote: number; name: string; shift?: boolean; rowNames?: string[] }
export type Block = LineBlock | TableBlock;

/** Plain text as line blocks, with ">" quoting counted and stripped; long lines are cut. */
export function textBlocks(text: string, maxLineChars: number, maxLines: number): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n', maxLines);
  return lines.map((raw) => {
    const line = raw.length > maxLineChars ? raw.slice(0, maxLineChars) : raw;
    const q = /^(?:[ \t]*>)+[ ]?/.exec(line);
    const quote = q ? (q[0].match(/>/g) ?? []).length : 0;
    return { kind: 'line', text: q ? line.slice(q[0].length) : line, quote };
  });
}
