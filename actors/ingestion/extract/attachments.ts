import type { EmailAttachment } from '../mime.js';
import type { TableBlock } from './blocks.js';
import { csvTable } from './csv.js';
import type { ExtractLimits } from './limits.js';
import { xlsxTables } from './xlsx.js';

export interface AttachmentRead { tables: TableBlock[]; notes: string[]; text: string }

/** CSV and XLSX attachments as tables; anything too big, broken or unknown is skipped with a note. */
export async function readAttachments(list: EmailAttachment[], limits: ExtractLimits): Promise<AttachmentRead> {
  const out: AttachmentRead = { tables: [], notes: [], text: '' };
  for (const a of list.filter((x) => !x.inline).slice(0, limits.maxAttachments)) {
    const name = a.filename ?? 'attachment';
    const kind = kindOf(a);
    if (!kind) continue;
    if (a.content.length > limits.maxAttachmentBytes) {
      out.notes.push(`${name}: ${a.content.length} bytes, over the attachment limit of ${limits.maxAttachmentBytes}`);
      continue;
    }
    const read = kind === 'csv' ? csvTable(a.content, name, csvLimits(limits)) : await xlsxTables(a.content, name, xlsxLimits(limits));
    if (typeof read === 'string') { out.notes.push(read); continue; }
    const tables = Array.isArray(read) ? read : [read];
    out.tables.push(...tables);
    out.text += tables.map((t) => t.rows.map((r) => r.join(' ')).join('\n')).join('\n');
  }
  return out;
}

function kindOf(a: EmailAttachment): 'csv' | 'xlsx' | null {
  const name = (a.filename ?? '').toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt') && a.contentType.includes('csv') || a.contentType === 'text/csv') return 'csv';
  if (name.endsWith('.xlsx') || name.endsWith('.xlsm') || a.contentType.includes('spreadsheetml')) return 'xlsx';
  return null;
}

function csvLimits(l: ExtractLimits) {
  return { maxColumns: l.maxCsvColumns, maxRows: l.maxRows, maxLineChars: l.maxLineChars };
}

function xlsxLimits(l: ExtractLimits) {
  return { maxEntries: l.maxZipEntries, maxUncompressedBytes: l.maxZipUncompressedBytes, maxRatio: l.maxZipRatio, maxRows: l.maxRows, maxColumns: l.maxCsvColumns };
}
