import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { Block, TableBlock } from './blocks.js';

const BLOCK_TAGS = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'hr', 'pre', 'section', 'article', 'header', 'footer', 'dt', 'dd', 'address', 'center']);
const SKIP_TAGS = new Set(['style', 'script', 'head', 'title', 'xml', 'noscript', 'template']);

export interface HtmlLimits { maxDepth: number; maxCells: number; maxLineChars: number }

/** An HTML body as lines and tables; a table holding no other table is kept as a table, rows × cells. */
export function htmlBlocks(html: string, limits: HtmlLimits): { blocks: Block[]; truncated: boolean } {
  const doc = parseDocument(html, { decodeEntities: true });
  const w = new Walker(limits);
  w.walk(doc.children, 0, 0);
  w.flush();
  return { blocks: w.blocks, truncated: w.truncated };
}

class Walker {
  blocks: Block[] = [];
  truncated = false;
  private line = '';
  private lineQuote = 0;
  private cells = 0;
  private tables = 0;
  constructor(private readonly limits: HtmlLimits) {}

  walk(nodes: ChildNode[], depth: number, quote: number): void {
    if (depth > this.limits.maxDepth) { this.truncated = true; return; }
    for (const node of nodes) this.node(node, depth, quote);
  }

  private node(node: ChildNode, depth: number, quote: number): void {
    if (node.type === 'text') return this.text(node.data, quote);
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return;
    const el = node as Element;
    const tag = el.name.toLowerCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === 'table' && !hasTable(el.children, 0)) return this.table(el, quote);
    const q = tag === 'blockquote' ? quote + 1 : quote;
    const block = BLOCK_TAGS.has(tag) || tag === 'blockquote' || tag === 'table' || tag === 'td' || tag === 'th';
    if (block) this.flush();
    if (tag === 'li') this.text('- ', q);
    this.walk(el.children, depth + 1, q);
    if (block) this.flush();
  }

  private text(data: string, quote: number): void {
    if (!this.line) this.lineQuote = quote;
    this.line += data.replace(/[ \t\r\n]+/g, ' ');
    if (this.line.length > this.limits.maxLineChars) this.flush();
  }

  flush(): void {
    const text = this.line.replace(/^ +| +$/g, '');
    if (text || (this.blocks.length && !isBlankBlock(this.blocks[this.blocks.length - 1]))) {
      this.blocks.push({ kind: 'line', text: text.slice(0, this.limits.maxLineChars), quote: this.lineQuote });
    }
    this.line = '';
  }

  private table(el: Element, quote: number): void {
    this.flush();
    const rows = expandSpans(el, this.limits.maxCells - this.cells);
    this.cells += rows.reduce((n, r) => n + r.length, 0);
    if (this.cells >= this.limits.maxCells) this.truncated = true;
    const width = Math.max(0, ...rows.map((r) => r.filter((c) => c !== '').length));
    if (rows.length >= 2 && width >= 2) {
      const block: TableBlock = { kind: 'table', rows, quote, name: `table ${++this.tables}` };
      this.blocks.push(block);
    } else {
      for (const r of rows) this.blocks.push({ kind: 'line', text: r.join(' ').trim(), quote });
    }
    this.blocks.push({ kind: 'line', text: '', quote });
  }
}

function isBlankBlock(b: Block | undefined): boolean {
  return !!b && b.kind === 'line' && b.text === '';
}

function hasTable(nodes: ChildNode[], depth: number): boolean {
  if (depth > 40) return true;
  return nodes.some((n) => n.type === 'tag' && ((n as Element).name === 'table' || hasTable((n as Element).children, depth + 1)));
}

/** Rows of a table with rowspan/colspan cells copied into every slot they cover. */
function expandSpans(table: Element, budget: number): string[][] {
  const grid: string[][] = [];
  const trs = collect(table, 'tr');
  trs.forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const td of tr.children.filter(isCell)) {
      while (grid[r]![c] !== undefined) c++;
      const text = cellText(td);
      const rs = span(td, 'rowspan');
      const cs = span(td, 'colspan');
      for (let i = 0; i < rs && r + i < trs.length; i++) {
        grid[r + i] ??= [];
        for (let j = 0; j < cs; j++) if (budget-- > 0) grid[r + i]![c + j] = text;
      }
      c += cs;
    }
  });
  return grid.map((row) => Array.from(row, (v) => v ?? ''));
}

function collect(el: Element, name: string, out: Element[] = [], depth = 0): Element[] {
  if (depth > 40) return out;
  for (const n of el.children) {
    if (n.type !== 'tag') continue;
    const e = n as Element;
    if (e.name === name) out.push(e);
    else collect(e, name, out, depth + 1);
  }
  return out;
}

function isCell(n: ChildNode): n is Element {
  return n.type === 'tag' && ((n as Element).name === 'td' || (n as Element).name === 'th');
}

function span(td: Element, attr: string): number {
  const v = Number.parseInt(td.attribs[attr] ?? '1', 10);
  return Number.isFinite(v) && v >= 1 ? Math.min(v, 50) : 1;
}

function cellText(el: ChildNode, depth = 0): string {
  if (depth > 40) return '';
  if (el.type === 'text') return el.data.replace(/[ \t\r\n]+/g, ' ');
  if (el.type !== 'tag') return '';
  const e = el as Element;
  if (SKIP_TAGS.has(e.name)) return '';
  const inner = e.children.map((c) => cellText(c, depth + 1)).join('');
  return (e.name === 'br' || e.name === 'p' || e.name === 'div' ? ` ${inner} ` : inner).replace(/ +/g, ' ').trim();
}
