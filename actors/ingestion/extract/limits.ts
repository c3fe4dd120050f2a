import { AppError } from '../../common/errors.js';

/** Bounds that keep one e-mail's extraction small in memory and time, whatever it holds. */
export interface ExtractLimits {
  /** A decoded body (text or HTML) longer than this cannot be read: the e-mail is refused. */
  maxBodyChars: number;
  /** Lines are cut to this length before any pattern runs on them. */
  maxLineChars: number;
  maxLines: number;
  /** HTML elements nested deeper than this are not walked. */
  maxHtmlDepth: number;
  maxTableCells: number;
  maxAttachments: number;
  maxAttachmentBytes: number;
  maxCsvColumns: number;
  maxRows: number;
  maxZipEntries: number;
  maxZipUncompressedBytes: number;
  /** Uncompressed size over compressed size, per entry and overall; bombs are far above it. */
  maxZipRatio: number;
  maxOfferLines: number;
}

export const DEFAULT_LIMITS: ExtractLimits = {
  maxBodyChars: 2_000_000,
  maxLineChars: 2_000,
  maxLines: 20_000,
  maxHtmlDepth: 80,
  maxTableCells: 100_000,
  maxAttachments: 20,
  maxAttachmentBytes: 5 * 1024 * 1024,
  maxCsvColumns: 200,
  maxRows: 20_000,
  maxZipEntries: 500,
  maxZipUncompressedBytes: 40 * 1024 * 1024,
  maxZipRatio: 150,
  maxOfferLines: 5_000,
};

export function resolveLimits(limits?: Partial<ExtractLimits>): ExtractLimits {
  return { ...DEFAULT_LIMITS, ...(limits ?? {}) };
}

export function unreadable(reason: string, cause?: unknown): AppError {
  return new AppError('B2B_EMAIL_UNREADABLE', reason, { cause });
}
