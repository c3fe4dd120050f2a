import type { ParsedEmail } from '../mime.js';
import { textBlocks, type Block } from './blocks.js';
import { headerRow } from './headers.js';
import { htmlBlocks } from './html-doc.js';
import { unreadable, type ExtractLimits } from './limits.js';

/**
 * The body to read: the HTML when it holds a real table (its structure is lost in the
 * plain alternative), else the plain text, else the HTML as text.
 */
export function chooseBody(email: ParsedEmail, limits: ExtractLimits, notes: string[]): Block[] {
  const text = email.text ?? '';
  const html = email.html ?? '';
  if (text.length > limits.maxBodyChars || html.length > limits.maxBodyChars) {
    throw unreadable(`body of ${Math.max(text.length, html.length)} characters is over the limit of ${limits.maxBodyChars}`);
  }
  if (html.trim()) {
    const h = htmlBlocks(html, { maxDepth: limits.maxHtmlDepth, maxCells: limits.maxTableCells, maxLineChars: limits.maxLineChars });
    if (h.truncated) notes.push('HTML body nested or sized beyond the limits: only part of it was read');
    const hasTable = h.blocks.some((b) => b.kind === 'table' && b.rows.slice(0, 6).some((r) => headerRow(r) !== null));
    if (hasTable || !text.trim()) return h.blocks.slice(0, limits.maxLines);
  }
  return textBlocks(text, limits.maxLineChars, limits.maxLines);
}
