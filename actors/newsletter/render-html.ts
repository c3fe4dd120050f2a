import { GRADE_LABELS } from '../matching/grade-labels.js';
import { escapeHtml as e, oneLine } from './escape.js';
import { offerCells, type OfferCells } from './offer-cells.js';
import type { IssueText, NewsletterInput, NewsletterSection } from './types.js';

/**
 * The HTML part: nested tables 600 px wide, inline styles only, no classes, no scripts,
 * no web fonts; what Outlook, Gmail and Apple Mail all render the same. Every string
 * that did not come from this file goes through escapeHtml.
 */

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const PAGE_BG = '#f2f1ec';
const TABLE = 'role="presentation" cellpadding="0" cellspacing="0" border="0"';
/** Blank space after the preheader, so clients do not pull body text into the inbox preview. */
const PREVIEW_STOP = '&#847;&zwnj;&nbsp;'.repeat(30);

/** The 600 px card less 24 px padding each side; the column widths add up to it. */
const CONTENT_WIDTH = 552;
const COLUMNS: [keyof OfferCells, string, number][] = [
  ['gsm', 'gsm', 60], ['size', 'Size', 110], ['quantity', 'Quantity', 80], ['price', 'Price', 78],
  ['terms', 'Terms', 94], ['origin', 'Origin', 66], ['available', 'Available', 64],
];

function cell(text: string, width: number, header = false): string {
  const style = `${FONT}font-size:12px;line-height:16px;padding:6px 4px;border-bottom:1px solid #e4e2da;`
    + (header ? 'font-weight:bold;color:#55524a;' : 'color:#222222;');
  return `<td width="${width}" valign="top" style="${style}">${e(text)}</td>`;
}

function offerTable(section: NewsletterSection): string {
  const head = `<tr>${COLUMNS.map(([, label, w]) => cell(label, w, true)).join('')}</tr>`;
  const rows = section.offers.map((o) => {
    const c = offerCells(o);
    return `<tr>${COLUMNS.map(([key, , w]) => cell(c[key], w)).join('')}</tr>`;
  });
  return `<table ${TABLE} width="${CONTENT_WIDTH}" style="width:${CONTENT_WIDTH}px;border-collapse:collapse;">${head}${rows.join('')}</table>`;
}

function sectionRows(section: NewsletterSection): string {
  const count = section.offers.length === 1 ? '1 offer' : `${section.offers.length} offers`;
  const title = `<h2 style="${FONT}font-size:17px;line-height:22px;margin:0;color:#1d3b2a;">${e(GRADE_LABELS[section.grade])} <span style="font-weight:normal;color:#6b675c;font-size:13px;">${count}</span></h2>`;
  return `<tr><td style="padding:20px 0 6px 0;">${title}</td></tr><tr><td>${offerTable(section)}</td></tr>`;
}

function paragraph(text: string, style = 'font-size:14px;line-height:20px;color:#222222;'): string {
  return `<tr><td style="padding:6px 0;${FONT}${style}">${text}</td></tr>`;
}

function header(input: NewsletterInput): string {
  const brand = input.logoUrl
    ? `<img src="${e(input.logoUrl)}" alt="b2bpaper" width="140" height="32" style="display:block;border:0;outline:none;text-decoration:none;">`
    : `<span style="${FONT}font-size:20px;font-weight:bold;color:#1d3b2a;">b2bpaper</span>`;
  return `<tr><td style="padding:0 0 12px 0;border-bottom:2px solid #1d3b2a;">${brand}</td></tr>`;
}

function body(input: NewsletterInput, t: IssueText): string {
  const greeting = paragraph(`Dear ${e(oneLine(input.buyer.contact_name))},`);
  const intro = paragraph(e(t.intro));
  const sections = input.sections.map(sectionRows).join('');
  const note = input.preferencesNote ? paragraph(e(oneLine(input.preferencesNote)), 'font-size:13px;line-height:18px;color:#55524a;') : '';
  return `${greeting}${intro}${sections}${note}`;
}

function footer(input: NewsletterInput, t: IssueText): string {
  const link = `<a href="${e(t.unsubscribeUrl)}" style="color:#1d3b2a;text-decoration:underline;">Unsubscribe</a>`;
  const text = `Sent to ${e(oneLine(input.buyer.contact_name))} at ${e(oneLine(input.buyer.name))}, for the grades you follow on b2bpaper. ${link} · ${e(t.generated)}`;
  return `<tr><td style="padding:20px 0 0 0;border-top:1px solid #e4e2da;${FONT}font-size:11px;line-height:16px;color:#6b675c;">${text}</td></tr>`;
}

export function renderHtml(input: NewsletterInput, t: IssueText): string {
  const preheader = `<div style="display:none;max-height:0;max-width:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:${PAGE_BG};opacity:0;">${e(t.preheader)}${PREVIEW_STOP}</div>`;
  const heading = `<tr><td style="padding:16px 0 4px 0;"><h1 style="${FONT}font-size:22px;line-height:28px;margin:0;color:#1d3b2a;">${e(t.heading)}</h1></td></tr>`;
  const inner = `<table ${TABLE} width="600" style="width:600px;max-width:600px;background-color:#ffffff;">`
    + `<tr><td style="padding:24px;"><table ${TABLE} width="${CONTENT_WIDTH}">${header(input)}${heading}${body(input, t)}${footer(input, t)}</table></td></tr></table>`;
  return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="x-apple-disable-message-reformatting">'
    + `<title>${e(t.subject)}</title></head><body style="margin:0;padding:0;background-color:${PAGE_BG};">${preheader}`
    + `<table ${TABLE} width="100%" style="background-color:${PAGE_BG};"><tr><td align="center" style="padding:24px 0;">${inner}</td></tr></table>`
    + '</body></html>';
}
