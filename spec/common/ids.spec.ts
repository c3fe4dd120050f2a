import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../actors/common/ids.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('is a version 7, variant 1 UUID carrying its millisecond', () => {
    const id = uuidv7(Date.UTC(2026, 11, 4, 12, 0, 0));
    expect(id).toMatch(V7);
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 11, 4, 12, 0, 0));
  });

  it('sorts in creation order and never repeats, even thousands within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7(1_800_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => V7.test(id))).toBe(true);
  });

  it('stays in order when the clock steps back', () => {
    const a = uuidv7(1_800_000_001_000);
    const b = uuidv7(1_800_000_000_500);
    expect(b > a).toBe(true);
  });
});
