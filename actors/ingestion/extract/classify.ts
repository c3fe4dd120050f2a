/**
 * E-mails that carry no offer however much they look like one: automatic replies,
 * buyers' inquiries, price-increase and closure notices. Decided on the new text only.
 */
const AUTO_SUBJECT = /^\s*(?:automatische antwort|automatic reply|auto(?:matic)?[- ]?reply|autoreply|out of (?:the )?office|abwesenheit|abwesenheitsnotiz|risposta automatica|fuori ufficio|respuesta autom[áa]tica|fuera de la oficina|r[ée]ponse automatique|absence|automatisch antwoord|afwezig|odpowied[źz] automatyczna|resposta autom[áa]tica|otomatik yan[ıi]t|ofis d[ıi][şs][ıi]nda)/iu;
const AUTO_BODY = /out of (?:the )?office|nicht im b[üu]ro|au(?:ß|ss)er haus|abwesend|fuori (?:sede|ufficio)|fuera de la oficina|absente? du bureau|afwezig|poza biurem|fora do escrit[óo]rio|ofis d[ıi][şs][ıi]nda|limited access to e-?mail|eingeschr[äa]nkt(?:em)? zugriff/iu;
const OFFER_WORDS = /(?<!\p{L})(?:we (?:can |would like to |are pleased to |are happy to )?offer|we have (?:the following|some|a few|open|available)|our (?:offer|stock|availability|positions)|please find (?:below|attached|our)|(?:following|below) (?:offer|stock|reels|positions|materials?)|for sale|this week's positions|surplus|stock ?lots?|stock list|open capacity|wir (?:k[öo]nnen|bieten)|bieten wir|anbieten|angebot|lagerposten|restposten|vi (?:offriamo|proponiamo)|possiamo offrire|offerta|les ofrecemos|podemos ofrecer|oferta|nous (?:proposons|disposons|offrons|pouvons (?:vous )?proposer)|proposition|wij (?:kunnen|bieden)|aanbieden|aanbieding|oferujemy|mo[żz]emy zaoferowa[ćc]|chcieliby[śs]my zaproponowa[ćc]|oferecemos|podemos oferecer|teklif|sunuyoruz|offer)(?!\p{L})/giu;
const REQUEST_WORDS = /(?<!\p{L})(?:looking for|we are searching|we are interested in buying|we need|we require|target prices?|your best (?:offer|price)|please (?:quote|send us your (?:best )?offer)|inquiry|enquiry|rfq|request for quotation|wir suchen|suchen wir|ben[öo]tigen|bitte um (?:ihr )?angebot|anfrage:|cerchiamo|stiamo cercando|richiesta di offerta|buscamos|necesitamos|solicitud de oferta|nous (?:recherchons|cherchons)|demande de prix|wij zoeken|zijn op zoek|szukamy|poszukujemy|zapytanie ofertowe|procuramos|estamos [àa] procura|ar[ıi]yoruz|talep)(?!\p{L})/giu;
const NOTICE_WORDS = /(?<!\p{L})(?:price increase|increase (?:our |its )?prices|will increase|price information|preiserh[öo]hung|erh[öo]hen (?:wir )?(?:unsere )?preise|aumento (?:dei |de )?prez+i|aumento de precios|hausse (?:de|des) prix|augmentation (?:de|des) prix|prijsverhoging|podwy[żz]k\p{L}* cen|aumento de pre[çc]os|fiyat art[ıi][şs][ıi]|zam(?:knięte|kniete)|chius[oa] per|chiusura estiva|pausa estiva|betriebsferien|werksferien|summer (?:closure|shutdown)|annual shutdown|will be closed|fermeture (?:estivale|annuelle)|cierre por vacaciones|zomersluiting|przerwa (?:urlopowa|technologiczna)|f[ée]rias coletivas|unsubscribe)(?!\p{L})/giu;

export type Kind = 'offer' | 'auto-reply' | 'request' | 'notice';

export function classifyEmail(subject: string, newText: string): Kind {
  if (AUTO_SUBJECT.test(subject) || (AUTO_BODY.test(newText) && !newText.match(OFFER_WORDS))) return 'auto-reply';
  const offers = (newText.match(OFFER_WORDS) ?? []).length;
  const requests = (newText.match(REQUEST_WORDS) ?? []).length + (/^\s*(?:inquiry|enquiry|rfq|anfrage|richiesta|solicitud|demande|zapytanie)\b/i.test(subject) ? 1 : 0);
  if (requests > offers) return 'request';
  const notices = (newText.match(NOTICE_WORDS) ?? []).length;
  if (notices > 0 && notices >= offers + (/\d+\s*(?:t|to|tons?|mt)\b/i.test(newText) ? 1 : 0)) return 'notice';
  return 'offer';
}
