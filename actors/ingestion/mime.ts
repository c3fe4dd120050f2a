import { simpleParser, type AddressObject } from 'mailparser';

export interface EmailAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  /** Inline parts of a multipart/related (logos) are not documents. */
  inline: boolean;
  content: Buffer;
}

/** One e-mail as the extractor sees it: decoded, with the Date header kept as written. */
export interface ParsedEmail {
  messageId: string | null;
  from: { address: string | null; name: string | null };
  to: string[];
  subject: string;
  /** The raw Date header ("Tue, 10 Feb 2026 06:40:00 +0700"): its zone decides the local date. */
  date: string | null;
  text: string | null;
  html: string | null;
  attachments: EmailAttachment[];
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '').filter(Boolean));
}

/** Decodes a raw RFC 5322 message (MIME, charsets, transfer encodings) with mailparser. */
export async function parseMime(raw: Buffer | string): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const fromValue = mail.from?.value[0];
  const dateLine = mail.headerLines.find((h) => h.key === 'date');
  return {
    messageId: mail.messageId ?? null,
    from: { address: fromValue?.address?.toLowerCase() ?? null, name: fromValue?.name || null },
    to: addresses(mail.to),
    subject: mail.subject ?? '',
    date: dateLine ? dateLine.line.replace(/^date:\s*/i, '').trim() : null,
    text: mail.text ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
      inline: a.related === true || a.contentDisposition === 'inline',
      content: a.content,
    })),
  };
}
