import type { Block, LineBlock } from './blocks.js';
import { findAnyDate } from './dates.js';
import type { LocalDate } from './types.js';

export type Role = 'new' | 'forwarded' | 'quoted';
export interface Part { role: Role; blocks: Block[]; date: LocalDate | null }

const FORWARD_RE = /^[\s>*]*(?:-{2,}\s*)?(?:forwarded message|begin forwarded message|forwarded e-?mail|weitergeleitete nachricht|urspr[üu]ngliche nachricht weitergeleitet|messaggio inoltrato|inizio messaggio inoltrato|mensaje reenviado|mensaje original reenviado|message transf[ée]r[ée]|d[ée]but du message r[ée]exp[ée]di[ée]|doorgestuurd bericht|wiadomo[śs][ćc] przekazana|przekazana wiadomo[śs][ćc]|mensagem encaminhada|in[ıi]ci?o da mensagem reencaminhada|iletilen ileti|forwarded by)\b.*$/iu;
const ORIGINAL_RE = /^[\s>*]*-{2,}\s*(?:original message|urspr[üu]ngliche nachricht|messaggio originale|mensaje original|message d'origine|oorspronkelijk bericht|wiadomo[śs][ćc] oryginalna|oryginalna wiadomo[śs][ćc]|mensagem original|orijinal (?:mesaj|ileti)|[öo]zg[üu]n ileti)\s*-{2,}/iu;
const WROTE_RE = /^[\s>]*(?:on .{4,120} wrote|am .{4,120} schrieb.{0,80}|il .{4,120} ha scritto|el .{4,120} escribi[óo]|le .{4,120} a [ée]crit|op .{4,120} schreef.{0,80}|w dniu .{4,120} napisa[łl]\p{L}*|em .{4,120} escreveu|.{4,120} tarihinde .{0,80}yazd[ıi]|.{4,120} <[^>]+@[^>]+> (?:wrote|schrieb|ha scritto|escribi[óo]|a [ée]crit|schreef|napisa[łl]\p{L}*|escreveu))\s*:?\s*$/iu;
const FROM_RE = /^[\s>*]*(?:from|von|da|de|van|od|kimden|fra|fr[åa]n)\s*:\s*\S/iu;
const SENT_RE = /^[\s>*]*(?:sent|date|gesendet|datum|inviato|data|enviado(?: el)?|enviada em|envoy[ée]|date d'envoi|verzonden|wys[łl]ano|g[öo]nderildi|tarih|skickat)\s*:/iu;
const FORWARD_SUBJECT = /^\s*(?:(?:re|aw|r|sv|odp|ynt|antw|res|rif)\s*:\s*)*(?:fwd?|fw|wg|tr|i|rv|enc|doorst|pd|ilt|vs|vb)\s*:/i;
const HEADER_KEY = /^[\s>*]*(?:from|von|da|de|van|od|kimden|sent|date|gesendet|datum|inviato|data|enviado(?: el)?|enviada em|envoy[ée]|verzonden|wys[łl]ano|g[öo]nderildi|to|an|a|para|[àa]|aan|do|kime|cc|subject|betreff|oggetto|asunto|objet|onderwerp|temat|assunto|konu)\s*:/iu;

/**
 * Splits a body into the new message, forwarded messages (offers in their own right,
 * with their own Date) and quoted earlier messages (not offers; a reply may point to
 * their terms with "same conditions as below").
 */
export function splitThread(blocks: Block[], subject: string, date: LocalDate | null): Part[] {
  const forwardSubject = FORWARD_SUBJECT.test(subject);
  const parts: Part[] = [{ role: 'new', blocks: [], date }];
  let current = parts[0]!;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const marker = b.kind === 'line' ? markerAt(blocks, i) : null;
    if (marker) {
      const outlookForward = forwardSubject && current.role === 'new' && (marker === 'original' || marker === 'outlook');
      const role: Role = marker === 'forward' || outlookForward ? 'forwarded' : 'quoted';
      const head = headerBlock(blocks, i + (marker === 'outlook' ? 0 : 1));
      current = { role: current.role === 'quoted' ? 'quoted' : role, blocks: [], date: head.date ?? date };
      parts.push(current);
      i = head.next - 1;
      continue;
    }
    const quoted = b.quote > (current.role === 'new' ? 0 : quoteBase(current));
    if (quoted && current.role !== 'quoted') {
      current = { role: 'quoted', blocks: [], date };
      parts.push(current);
    }
    current.blocks.push(b);
  }
  return parts;
}

function quoteBase(part: Part): number {
  const first = part.blocks.find((b) => b.kind === 'line' && b.text.trim() !== '');
  return first ? first.quote : 99;
}

function markerAt(blocks: Block[], i: number): 'forward' | 'original' | 'wrote' | 'outlook' | null {
  const text = (blocks[i] as LineBlock).text;
  if (text.length > 300) return null;
  if (FORWARD_RE.test(text)) return 'forward';
  if (ORIGINAL_RE.test(text)) return 'original';
  if (WROTE_RE.test(text) || wrappedWrote(text, lineText(blocks[i + 1]))) return 'wrote';
  if (FROM_RE.test(text) && [1, 2, 3].some((k) => SENT_RE.test(lineText(blocks[i + k])))) return 'outlook';
  return null;
}

/** "On Mon, 18 May 2026 at 16:40, Tomasz Wiśniewski <t@x>" + "wrote:" split over two lines. */
function wrappedWrote(text: string, next: string): boolean {
  return text.trim() !== '' && !WROTE_RE.test(next) && /:\s*$/.test(next) && next.length < 60 && WROTE_RE.test(`${text} ${next}`);
}

function lineText(b: Block | undefined): string {
  return b && b.kind === 'line' ? b.text : '';
}

/** Skips the "From: / Sent: / To: / Subject:" lines after a marker and reads their date. */
function headerBlock(blocks: Block[], from: number): { next: number; date: LocalDate | null } {
  let date: LocalDate | null = null;
  let i = from;
  while (i < blocks.length && i < from + 12) {
    const t = lineText(blocks[i]);
    if (t.trim() === '' && i === from) { i++; continue; }
    if (!HEADER_KEY.test(t)) break;
    if (SENT_RE.test(t)) date ??= findAnyDate(t);
    i++;
  }
  return { next: i, date };
}
