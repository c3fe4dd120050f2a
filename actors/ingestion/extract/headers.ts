import type { Currency } from '../../domain/offer-line.js';
import { fold } from './fold.js';
import { priceHeaderUnit } from './prices.js';

export type Field =
  | 'grade' | 'gsm' | 'width' | 'sheet' | 'diameter' | 'core' | 'reels' | 'quantity'
  | 'price' | 'terms' | 'origin' | 'avail' | 'status' | 'skip';

export interface Column { field: Field; unit: 'mm' | 'cm' | 'kg' | 't' | 'inch' | null; currency: Currency | null; factor: number }

/**
 * Column names in the nine languages (folded), checked in this order: a grammage
 * column can say "weight" and a price column "ton", so those come before quantity.
 */
const FIELDS: ReadonlyArray<[Field, RegExp]> = [
  ['skip', /^(?:#|pos\.?|position|item|nr\.?|no\.?|n°|lp\.?|ref\.?|line|zeile|riga|linea|ligne|regel|sira)$/],
  ['gsm', /g\/m|gsm|grammage|grammatur|grammatura|gramaje|gramatura|gramaj|flachengewicht|basis ?weight|substance|^gr\.?$|^grs?\.?\s|^g$|gramm|\bg\/qm/],
  ['price', /price|preis|prezzo|precio|prix|cena|prijs|preco|fiyat|^rate|eur\s*\/|usd\s*\/|€\s*\/|^(?:eur|usd|gbp|pln|sek|chf|€)$|tarif|valor/],
  ['diameter', /diam|durchmesser|^dia\b|^ø|srednica|^cap\b/],
  ['core', /core|hulse|^kern|mandrin|mandril|tuleja|gilza|^tubo|masura|kovan|gobek/],
  ['width', /width|breite|larghezza|ancho|laize|largeur|szerokosc|breedte|largura|^en\b|genislik|^b\s*\(?mm/],
  ['sheet', /sheet|format|bogen|formaat|arkusz|^size|dimension|ebat|fogli|hojas|feuilles|vellen/],
  ['reels', /reels|rolls|rollen|^rolle|bobine|bobinas|bobines|rolki|rolek|rulo|pieces|pcs|stk|anzahl|^n\.? ?bob|number of/],
  ['quantity', /qty|quantity|quantit|cantidad|ilosc|hoeveelheid|miktar|menge|tonnage|tonnes|tons|tonnen|weight|gewicht|peso|poids|waga|agirlik|^mt$|^t$|^kg$|netto|amount/],
  ['terms', /terms|delivery|incoterm|lieferbed|lieferung|^resa|condicion|condizion|livraison|conditions|warunki|dostawa|levering|condicoes|entrega|teslim|basis|shipment terms/],
  ['origin', /origin|^from$|herkunft|ursprung|origine|origen|pochodzenie|herkomst|origem|mense|country|^land$|paese|^pais|^pays|^kraj|ulke|ship from|mill country/],
  ['avail', /avail|ready|verfugbar|lieferzeit|lieferbar|disponib|dostepn|beschikbaar|loading|verladung|verlad|carico|carga|chargement|lading|zaladunek|carregamento|yukleme|^eta$|date|week|^kw$|termin|lead ?time|shipment|consegna|entrega/],
  ['grade', /grade|qualit|calidad|gatunek|kwaliteit|qualidade|kalite|sorte|^sort$|product|produkt|prodott|producto|produit|artikel|article|articolo|^material|materiale|paper|papier|carta|papel|^type|^typ$|tipo|descri|beschreib|opis|omschrijving|urun|cins|^kraft/],
  ['status', /status|stato|estado|statut|remark|bemerkung|note|comment|hinweis|osservaz|observac|uwagi|opmerking|aciklama/],
];

/** The field a header cell names, with the unit and currency it states ("Diameter (cm)", "Price (USD/MT)"). */
export function headerColumn(cell: string): Column | null {
  const h = fold(cell).replace(/\s+/g, ' ').trim();
  if (!h || h.length > 40 || /\d{3,}/.test(h.replace(/100\s?kg/, ''))) return null;
  const found = FIELDS.find(([, re]) => re.test(h));
  if (!found) return null;
  const { currency, factor } = found[0] === 'price' ? priceHeaderUnit(cell) : { currency: null, factor: 1 };
  return { field: found[0], unit: unitOf(h), currency, factor };
}

function unitOf(h: string): Column['unit'] {
  if (/\bmm\b/.test(h)) return 'mm';
  if (/\bcm\b/.test(h)) return 'cm';
  if (/\bkg\b/.test(h) && !/100\s?kg/.test(h)) return 'kg';
  if (/inch|zoll|"/.test(h)) return 'inch';
  if (/\(t\)|\bt\b|\bmt\b|\bto\b|ton/.test(h)) return 't';
  return null;
}

/** A header row: at least three known columns, one of them grade or gsm. */
export function headerRow(cells: readonly string[]): Array<Column | null> | null {
  const cols = cells.map(headerColumn);
  const fields = new Set(cols.filter((c): c is Column => c !== null && c.field !== 'skip').map((c) => c.field));
  if (fields.size < 3 || !(fields.has('grade') || fields.has('gsm'))) return null;
  return cols;
}
