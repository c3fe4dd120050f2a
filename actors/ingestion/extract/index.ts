import type { ParsedEmail } from '../mime.js';
import type { OfferLine } from '../../domain/offer-line.js';
import { assemble, type Scope } from './assemble.js';
import { readAttachments } from './attachments.js';
import type { Block } from './blocks.js';
import { chooseBody } from './body.js';
import { classifyEmail } from './classify.js';
import { headerDate } from './dates.js';
import { resolveLimits, type ExtractLimits } from './limits.js';
import { detectLocale } from './numbers.js';
import { SAME_TERMS_RE } from './same-terms.js';
import { readSection, type Globals, type Section } from './section.js';
import { splitThread, type Part } from './thread.js';
import type { Candidate } from './types.js';

export type { ExtractLimits } from './limits.js';
export { DEFAULT_LIMITS } from './limits.js';

/** What the platform knows of the sender: the mill's country (ISO alpha-2), if it is a known mill. */
export interface ExtractContext { millCountry: string | null }
/** One offer line and the text line, table row or "file.csv row 4" it was read from. */
export interface ExtractedLine { offer: OfferLine; source: string }
/** `unparsed`: lines that look like offers but whose grade or gsm cannot be read, and skipped attachments. */
export interface ExtractResult { lines: ExtractedLine[]; unparsed: string[] }


/** Reads the offer lines of one decoded e-mail. Pure: the only "today" is the e-mail's Date header. */
export async function extractOffers(email: ParsedEmail, ctx: ExtractContext, limits?: Partial<ExtractLimits>): Promise<ExtractResult> {
  const lim = resolveLimits(limits);
  const unparsed: string[] = [];
  const parts = splitThread(chooseBody(email, lim, unparsed), email.subject, headerDate(email.date));
  const offerParts = parts.filter((p) => p.role !== 'quoted');
  const newText = textOf(offerParts.flatMap((p) => p.blocks));
  if (classifyEmail(email.subject, newText) !== 'offer') return { lines: [], unparsed };
  const attachments = await readAttachments(email.attachments, lim);
  unparsed.push(...attachments.notes);
  const locale = detectLocale(`${newText}\n${attachments.text}`);
  const sections = offerParts.map((p) => ({ part: p, section: readSection(p.blocks, locale) }));
  const quoted = SAME_TERMS_RE.test(textOf(parts[0]!.blocks)) ? quotedTerms(parts, locale) : {};
  const lines: ExtractedLine[] = [];
  for (const { part, section } of sections) collect(section.candidates, scopeOf(section, part, quoted, ctx), lines, unparsed);
  const first = sections[0]!;
  for (const table of attachments.tables) {
    const read = readSection([table], locale);
    unparsed.push(...read.unparsed);
    collect(read.candidates, scopeOf(first.section, first.part, quoted, ctx), lines, unparsed);
  }
  for (const { section } of sections) unparsed.push(...section.unparsed);
  return { lines: lines.slice(0, lim.maxOfferLines), unparsed };
}

function collect(candidates: Candidate[], scope: Scope, lines: ExtractedLine[], unparsed: string[]): void {
  for (const c of candidates) {
    const r = assemble(c, scope);
    if ('line' in r) lines.push({ offer: r.line, source: c.source });
    else unparsed.push(`${c.source} (${r.error})`);
  }
}

function scopeOf(section: Section, part: Part, quoted: Globals, ctx: ExtractContext): Scope {
  const sig = section.signature;
  return {
    keyed: section.keyed, globals: section.globals, quoted, date: part.date,
    millCountry: part.role === 'forwarded' ? null : ctx.millCountry,
    signatureCountry: sig.broker ? null : sig.country,
  };
}

/** The terms, place and week of the quoted messages a reply refers to. */
function quotedTerms(parts: Part[], locale: ReturnType<typeof detectLocale>): Globals {
  const merged: Globals = {};
  for (const p of parts.filter((x) => x.role === 'quoted')) {
    const g = readSection(p.blocks, locale).globals;
    merged.term ??= g.term;
    merged.avail ??= g.avail;
  }
  return merged;
}

function textOf(blocks: Block[]): string {
  return blocks.map((b) => (b.kind === 'line' ? b.text : b.rows.map((r) => r.join(' ')).join('\n'))).join('\n');
}
