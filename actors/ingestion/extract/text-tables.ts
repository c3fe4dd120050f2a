import type { Block, LineBlock, TableBlock } from './blocks.js';
import { headerColumn, headerRow } from './headers.js';

interface Cell { text: string; start: number; end: number }

/**
 * Tables typed or pasted as text: tab-separated rows (Excel), space-aligned columns,
 * and "Key: value" blocks. Each becomes a table block; other lines stay as they are.
 */
export function findTextTables(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let n = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const found = b.kind === 'line' ? tableAt(blocks, i, ++n) ?? kvAt(blocks, i, n) : null;
    if (!found) { out.push(b); continue; }
    out.push(found.table);
    i = found.next - 1;
  }
  return out;
}

function tableAt(blocks: Block[], i: number, n: number): { table: TableBlock; next: number } | null {
  const head = blocks[i] as LineBlock;
  const tabbed = head.text.includes('\t');
  const headCells = tabbed ? tabCells(head.text) : spaceCells(head.text);
  if (headCells.length < 3 || !headerRow(headCells.map((c) => c.text))) return null;
  const rows: string[][] = [headCells.map((c) => c.text)];
  let j = i + 1;
  for (; j < blocks.length; j++) {
    const b = blocks[j]!;
    if (b.kind !== 'line' || b.text.trim() === '' || b.quote !== head.quote) break;
    const cells = tabbed ? tabCells(b.text) : spaceCells(b.text);
    if (cells.length < 2) break;
    rows.push(tabbed ? cells.map((c) => c.text) : alignCells(cells, headCells));
  }
  if (rows.length < 2) return null;
  return { table: { kind: 'table', rows, quote: head.quote, name: `text table ${n}`, shift: tabbed }, next: j };
}

function tabCells(text: string): Cell[] {
  let pos = 0;
  return text.split('\t').map((t) => {
    const cell = { text: t.trim(), start: pos, end: pos + t.length };
    pos += t.length + 1;
    return cell;
  }).filter((c, k, all) => c.text !== '' || k < all.length - 1);
}

function spaceCells(text: string): Cell[] {
  const cells: Cell[] = [];
  for (const m of text.matchAll(/\S+(?: \S+)*/g)) cells.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return cells;
}

/** Puts each cell of a space-aligned row under the header column it overlaps most. */
function alignCells(cells: Cell[], head: Cell[]): string[] {
  const row = head.map(() => '');
  for (const c of cells) {
    let best = 0;
    let bestOverlap = -Infinity;
    head.forEach((h, k) => {
      const from = h.start;
      const to = k + 1 < head.length ? head[k + 1]!.start : Infinity;
      const overlap = Math.min(c.end, to) - Math.max(c.start, from);
      if (overlap > bestOverlap) { bestOverlap = overlap; best = k; }
    });
    row[best] = row[best] ? `${row[best]} ${c.text}` : c.text;
  }
  return row;
}

const KV_RE = /^\s*[-•*]?\s*([^:\t]{2,40}?)\s*:\s*(\S.*)$/;

/** "Grade: Testliner 3 / Grammage: 125 g/m² / Width: …" lines, one record per run of keys. */
function kvAt(blocks: Block[], i: number, n: number): { table: TableBlock; next: number } | null {
  const keys: string[] = [];
  const values: string[] = [];
  let j = i;
  for (; j < blocks.length; j++) {
    const b = blocks[j]!;
    const m = b.kind === 'line' ? KV_RE.exec(b.text) : null;
    const col = m ? headerColumn(m[1]!) : null;
    if (!m || !col || col.field === 'skip' || keys.includes(m[1]!.trim())) break;
    keys.push(m[1]!.trim());
    values.push(m[2]!.trim());
  }
  if (keys.length < 3 || !headerRow(keys)) return null;
  const fields = keys.map((k) => headerColumn(k)?.field);
  if (!fields.includes('grade') || !fields.includes('gsm')) return null;
  return { table: { kind: 'table', rows: [keys, values], quote: (blocks[i] as LineBlock).quote, name: `record ${n}` }, next: j };
}
