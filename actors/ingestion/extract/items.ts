import type { Block, LineBlock } from './blocks.js';
import { findGrades } from './grades-find.js';

const ITEM_START = /^\s*(?:[-•*–·▪►◦]\s|\d{1,2}[.)]\s|[a-z][.)]\s)/;
const OWN_SIZE = /\d\s*(?:mm|cm|g\/m|gsm|gr?\b|x\s*\d)/i;

/**
 * A list item wrapped over several lines is one line: "1. Testliner 3 …, widths …" +
 * "   – approx. 90 t in total"; "• Fluting … (reparto de" + "bobinas a convenir)".
 */
export function joinItems(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (b.kind === 'line' && last?.kind === 'line' && continues(last, b)) {
      out[out.length - 1] = { ...last, text: `${last.text.trimEnd()} ${b.text.trim()}` };
    } else out.push(b);
  }
  return out;
}

function continues(item: LineBlock, next: LineBlock): boolean {
  if (!ITEM_START.test(item.text) || next.text.trim() === '' || next.quote !== item.quote) return false;
  const deeper = indent(next.text) > indent(item.text);
  if (deeper) return !OWN_SIZE.test(next.text);
  if (ITEM_START.test(next.text)) return false;
  return /^\s*[\p{Ll}(]/u.test(next.text) && findGrades(next.text).length === 0;
}

function indent(s: string): number {
  return /^[ \t]*/.exec(s)![0].replace(/\t/g, '    ').length;
}
