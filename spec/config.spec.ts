import { describe, expect, it } from 'vitest';
import { parseConfig } from '../actors/common/config.js';
import { startProcess } from './support/processes.js';

const base = { DATABASE_URL: 'postgres://x@127.0.0.1/db', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('configuration', () => {
  it('parses defaults and freezes the result', () => {
    const config = parseConfig(base);
    expect(config.PORT).toBe(8910);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.TRANSPORT).toBe('redis');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ TRANSPORT: 'kafka' }, 'TRANSPORT'],
    [{ ACTOR_LIMITS: '{"ingestion": {"inflight": 0}}' }, 'ACTOR_LIMITS'],
    [{ BASE_PATH: 'mvp/' }, 'BASE_PATH'],
  ])('refuses %o naming the variable', (bad, name) => {
    expect(() => parseConfig({ ...base, ...bad })).toThrow(new RegExp(`^invalid configuration:\\n  ${name}:`));
  });

  it('stops a process with a bad value, naming the variable', async () => {
    const worker = startProcess('worker', { ...base, PORT: 'eighty' });
    expect(await worker.exited).toBe(78);
    expect(worker.output()).toMatch(/PORT: /);
  });
});
