import { describe, expect, it } from 'vitest';
import { findTerm, loadingCountry } from '../../actors/ingestion/extract/incoterms.js';
import { findPrices } from '../../actors/ingestion/extract/prices.js';
import { scanLine } from '../../actors/ingestion/extract/scan-line.js';

const term = (s: string) => { const t = findTerm(s); return t && { term: t.term, place: t.place }; };
const none = { commaDecimal: null };

describe('incoterms and their places', () => {
  it.each([
    ['FCA Werk', 'FCA', 'mill'], ['resa FCA cartiera', 'FCA', 'mill'], ['EXW fábrica (Tudela).', 'EXW', 'Tudela'],
    ['FCA Cittadella (PD)', 'FCA', 'Cittadella'], ['FOB Surabaya (Tanjung Perak)', 'FOB', 'Surabaya'],
    ['CNF Jebel Ali basis', 'CFR', 'Jebel Ali'], ['C&F Casablanca', 'CFR', 'Casablanca'], ['franco destino Milano, disp.', 'DAP', 'Milano'],
    ['ab Werk (EXW)', 'EXW', 'mill'], ['Lieferung ab Lager Köln (EXW)', 'EXW', 'Köln'], ['Prix départ usine (FCA)', 'FCA', 'mill'],
    ['EXW', 'EXW', null], ['CIF ALEXANDRIA', 'CIF', 'ALEXANDRIA'], ['Preise FCA Dresden: Zeitungsdruck', 'FCA', 'Dresden'],
    ['ab Werk Plattling. Verladung', 'EXW', 'Plattling'], ['EXW Tilburg (af magazijn)', 'EXW', 'Tilburg'], ['(FCA mill):', 'FCA', 'mill'],
  ])('%s → %s %s', (text, t, place) => expect(term(text)).toEqual({ term: t, place }));

  it('takes the origin from E and F terms only', () => {
    expect(loadingCountry({ term: 'FOB', place: 'Setúbal' })).toBe('PT');
    expect(loadingCountry({ term: 'FCA', place: 'Immingham' })).toBe('GB');
    expect(loadingCountry({ term: 'DAP', place: 'Poznań' })).toBeNull();
    expect(loadingCountry({ term: 'CIF', place: 'Alexandria' })).toBeNull();
  });
});

describe('prices per tonne', () => {
  const price = (s: string) => findPrices(s, none).map((p) => [p.amount, p.currency]);
  it.each([
    ['€ 410/t', 410, 'EUR'], ['EUR 410 per MT', 410, 'EUR'], ['410,- EUR/to', 410, 'EUR'], ['USD 520/MT', 520, 'USD'],
    ['USD 560 PMT', 560, 'USD'], ['£585/t', 585, 'GBP'], ['1 890 PLN/t', 1890, 'PLN'], ['1 850 zł/t', 1850, 'PLN'],
    ['SEK 9,450/t', 9450, 'SEK'], ['CHF 520.–/t', 520, 'CHF'], ['EUR 0.98/kg', 980, 'EUR'], ['92,00 EUR/100 kg', 920, 'EUR'],
    ['€ 560,-/ton', 560, 'EUR'],
  ])('%s → %d %s', (text, amount, currency) => expect(price(text)).toEqual([[amount, currency]]));

  it('leaves out surcharges and amounts that are no price per tonne', () => {
    expect(price('+ EUR 60/t')).toEqual([]);
    expect(price('avec un supplément de 18 €/t')).toEqual([]);
    expect(price('Cap. Soc. € 2.500.000 i.v.')).toEqual([]);
  });

  it('reads "on request" as no price', () => {
    for (const s of ['price on request', 'TBA', 'auf Anfrage', 'su richiesta', 'prix sur demande', 'prijs op aanvraag', 'na zapytanie', 'a consultar']) {
      expect(scanLine(`Testliner 3 125 g/m², 2.500 mm, 24 t, ${s}`, none).onRequest).toBe(true);
    }
  });
});
