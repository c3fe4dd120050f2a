import { describe, expect, it } from 'vitest';
import { describeIssues, mergeRequest, parseBuyerRequest, type BuyerRequest } from '../../actors/matching/request.js';
import { VALID_INPUT } from './fixtures.js';

function issuesFor(input: unknown) {
  const r = parseBuyerRequest(input);
  if (r.ok) throw new Error('expected the input to be refused');
  return r.issues;
}

function parsed(input: unknown): BuyerRequest {
  const r = parseBuyerRequest(input);
  if (!r.ok) throw new Error(describeIssues(r.issues));
  return r.value;
}

describe('parseBuyerRequest', () => {
  it('accepts a minimal request and fills the optional fields with null', () => {
    expect(parsed(VALID_INPUT)).toEqual({ ...VALID_INPUT, diameter_mm: null, core_mm: null, max_price: null });
  });

  it('accepts every optional field', () => {
    const full = { ...VALID_INPUT, diameter_mm: { min: 1000, max: 1250 }, core_mm: 150, max_price: { amount: 480, currency: 'USD' } };
    expect(parsed(full)).toEqual(full);
    expect(parsed({ ...VALID_INPUT, diameter_mm: { max: 1250 } }).diameter_mm).toEqual({ max: 1250 });
  });

  it('accepts a zero minimum quantity and a single-value range', () => {
    expect(parsed({ ...VALID_INPUT, quantity_t: { min: 0, max: 0 } }).quantity_t).toEqual({ min: 0, max: 0 });
    expect(parsed({ ...VALID_INPUT, gsm: { min: 125, max: 125 } }).gsm).toEqual({ min: 125, max: 125 });
  });

  const refused: [string, Record<string, unknown>, { path: string; message: string }][] = [
    ['width upside down', { width_mm: { min: 1300, max: 1250 } }, { path: 'width_mm.min', message: 'width_mm.min must not exceed width_mm.max' }],
    ['gsm upside down', { gsm: { min: 140, max: 120 } }, { path: 'gsm.min', message: 'gsm.min must not exceed gsm.max' }],
    ['quantity upside down', { quantity_t: { min: 30, max: 20 } }, { path: 'quantity_t.min', message: 'quantity_t.min must not exceed quantity_t.max' }],
    ['diameter upside down', { diameter_mm: { min: 1300, max: 1200 } }, { path: 'diameter_mm.min', message: 'diameter_mm.min must not exceed diameter_mm.max' }],
    ['negative quantity', { quantity_t: { min: -5, max: 20 } }, { path: 'quantity_t.min', message: 'quantity_t.min must not be negative' }],
    ['unknown grade', { grades: ['testliner-3', 'lwc'] }, { path: 'grades.1', message: 'grades: unknown grade "lwc"' }],
    ['no grade', { grades: [] }, { path: 'grades', message: 'grades must name at least one grade' }],
    ['fractional width', { width_mm: { min: 1000.5, max: 1250 } }, { path: 'width_mm.min', message: 'width_mm.min must be a whole number' }],
    ['zero gsm', { gsm: { min: 0, max: 120 } }, { path: 'gsm.min', message: 'gsm.min must be positive' }],
    ['gsm as text', { gsm: { min: '120', max: 130 } }, { path: 'gsm.min', message: 'gsm.min must be a number' }],
    ['odd core', { core_mm: 80 }, { path: 'core_mm', message: 'core_mm must be one of 76, 100, 150' }],
    ['negative price', { max_price: { amount: -1, currency: 'EUR' } }, { path: 'max_price.amount', message: 'max_price.amount must be positive' }],
    ['lower-case country', { destination: { country: 'de', place: 'Hannover' } }, { path: 'destination.country', message: 'expected an ISO 3166-1 alpha-2 code' }],
    ['blank place', { destination: { country: 'DE', place: '  ' } }, { path: 'destination.place', message: 'destination.place must not be empty' }],
    ['impossible date', { stale_after: '2026-02-30' }, { path: 'stale_after', message: 'stale_after must be a date, YYYY-MM-DD' }],
  ];

  it.each(refused)('refuses %s, naming the field', (_name, change, issue) => {
    expect(issuesFor({ ...VALID_INPUT, ...change })).toEqual([issue]);
  });

  it('refuses a field it does not know, so a typo never passes silently', () => {
    const issues = issuesFor({ ...VALID_INPUT, widht_mm: { min: 1, max: 2 } });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('widht_mm');
  });

  it('refuses a missing required field', () => {
    const { stale_after: _omitted, ...input } = VALID_INPUT;
    expect(issuesFor(input).map((i) => i.path)).toEqual(['stale_after']);
  });

  it('describes issues in one line, naming each field once', () => {
    const issues = issuesFor({ ...VALID_INPUT, width_mm: { min: 1300, max: 1250 }, destination: { country: 'de', place: 'x' } });
    expect(describeIssues(issues)).toBe(
      'width_mm.min must not exceed width_mm.max; destination.country: expected an ISO 3166-1 alpha-2 code',
    );
  });
});

describe('mergeRequest', () => {
  const existing = parsed({ ...VALID_INPUT, max_price: { amount: 470, currency: 'EUR' }, core_mm: 76 });

  it('changes one bound of a range and keeps the other', () => {
    const r = mergeRequest(existing, { width_mm: { max: 2500 } });
    expect(r).toEqual({ ok: true, value: { ...existing, width_mm: { min: 1000, max: 2500 } } });
  });

  it('refuses a patch that turns a range upside down after the merge', () => {
    expect(mergeRequest(existing, { width_mm: { max: 900 } })).toEqual({
      ok: false,
      issues: [{ path: 'width_mm.min', message: 'width_mm.min must not exceed width_mm.max' }],
    });
  });

  it('clears an optional field with null', () => {
    const r = mergeRequest(existing, { max_price: null, core_mm: null });
    expect(r.ok && r.value.max_price).toBeNull();
    expect(r.ok && r.value.core_mm).toBeNull();
  });

  it('changes one part of the destination', () => {
    const r = mergeRequest(existing, { destination: { place: 'Kassel' } });
    expect(r.ok && r.value.destination).toEqual({ country: 'DE', place: 'Kassel' });
  });

  it('validates the patch itself: unknown grade, negative quantity, unknown field', () => {
    const r = mergeRequest(existing, { grades: ['kraft'], quantity_t: { min: -1 }, colour: 'brown' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.path).sort()).toEqual(['', 'grades.0', 'quantity_t.min']);
  });

  it('leaves the stored request untouched', () => {
    const before = structuredClone(existing);
    mergeRequest(existing, { gsm: { min: 100 }, destination: { place: 'Kassel' } });
    expect(existing).toEqual(before);
  });

  it('an empty patch returns the request unchanged', () => {
    expect(mergeRequest(existing, {})).toEqual({ ok: true, value: existing });
  });
});
