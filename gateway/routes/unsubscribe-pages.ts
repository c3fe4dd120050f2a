import { escapeHtml as e } from '../../actors/newsletter/escape.js';

/**
 * The pages a reader sees after clicking the unsubscribe link: small, self-contained
 * HTML, no scripts, no external resources.
 */

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${e(title)}</title>
<style>body{font-family:Arial,Helvetica,sans-serif;background:#f2f1ec;color:#222;margin:0;padding:40px 16px}
main{max-width:480px;margin:0 auto;background:#fff;padding:24px 28px;border-radius:6px}
h1{font-size:20px;margin:0 0 12px}button{font-size:16px;padding:10px 18px;border:0;border-radius:4px;background:#1f4e79;color:#fff;cursor:pointer}</style>
</head><body><main>${body}</main></body></html>
`;
}

/** GET: asks, and changes nothing; the button POSTs the same URL (RFC 8058's one-click body). */
export function confirmPage(action: string, email: string, buyerName: string, already: boolean): string {
  if (already) {
    return page('Unsubscribed', `<h1>You are unsubscribed</h1><p>${e(email)} (${e(buyerName)}) no longer receives the weekly b2bpaper newsletter.</p>`);
  }
  return page('Unsubscribe from the b2bpaper newsletter', `<h1>Unsubscribe from the weekly newsletter?</h1>
<p>${e(email)} (${e(buyerName)}) will no longer receive the weekly b2bpaper newsletter. Other e-mails about your requests and offers are not affected.</p>
<form method="post" action="${e(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`);
}

export function donePage(email: string): string {
  return page('Unsubscribed', `<h1>You are unsubscribed</h1><p>${e(email)} will no longer receive the weekly b2bpaper newsletter.</p>`);
}

export function unknownPage(): string {
  return page('Link not valid', '<h1>This link is not valid</h1><p>Nothing was changed. If you keep receiving the newsletter, tell your b2bpaper contact and we will take you off the list.</p>');
}
