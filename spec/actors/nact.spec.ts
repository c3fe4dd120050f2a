import { createRequire } from 'node:module';
import nact from 'nact';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchTo, isLive, spawnActor, startSystem, stopActor, stopSystem, type Ref } from '../../actors/system/nact.js';

/**
 * nact is unmaintained and pinned; these tests pin the behaviour the worker relies on,
 * so that an upgrade that changes any of it fails here first.
 */
let system: Ref<never> | undefined;
afterEach(() => { if (system) stopSystem(system); system = undefined; });

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('nact as the worker uses it', () => {
  it('is the pinned version', () => {
    const pkg = createRequire(import.meta.url)('nact/package.json') as { version: string };
    expect(pkg.version).toBe('7.6.2');
  });

  it('runs one message at a time per actor, awaiting async handlers, in order', async () => {
    system = startSystem('order');
    const log: string[] = [];
    const ref = spawnActor<null, number>(system, 'a', async (s, n) => {
      log.push(`start ${n}`);
      await tick(5);
      log.push(`end ${n}`);
      return s;
    }, { initialState: () => null, onCrash: () => 'resume' });
    [1, 2, 3].forEach((n) => dispatchTo(ref, n));
    await tick(100);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('calls the crash handler with the message, the error and the mailbox behind it; reset gives fresh state', async () => {
    system = startSystem('crash');
    const crashes: { msg: string | undefined; err: string; depth: number }[] = [];
    const states: number[] = [];
    const ref = spawnActor<{ n: number }, string>(system, 'a', async (s, msg) => {
      await tick(1);
      states.push(s.n + 1);
      if (msg === 'bad') throw new Error('broken');
      return { n: s.n + 1 };
    }, {
      initialState: () => ({ n: 0 }),
      onCrash: (msg, err, depth) => { crashes.push({ msg, err: (err as Error).message, depth }); return 'reset'; },
    });
    ['a', 'b', 'bad', 'c', 'd'].forEach((m) => dispatchTo(ref, m));
    await tick(100);
    expect(crashes).toEqual([{ msg: 'bad', err: 'broken', depth: 2 }]);
    expect(states).toEqual([1, 2, 3, 1, 2]);
  });

  it('keeps state on resume', async () => {
    system = startSystem('resume');
    const states: number[] = [];
    const ref = spawnActor<{ n: number }, string>(system, 'a', (s, msg) => {
      states.push(s.n + 1);
      if (msg === 'bad') throw new Error('broken');
      return { n: s.n + 1 };
    }, { initialState: () => ({ n: 0 }), onCrash: () => 'resume' });
    ['a', 'bad', 'b'].forEach((m) => dispatchTo(ref, m));
    await tick(50);
    expect(states).toEqual([1, 2, 2]);
  });

  it('waits for an asynchronous crash decision before the next message (restart backoff)', async () => {
    system = startSystem('backoff');
    const times: number[] = [];
    const ref = spawnActor<null, string>(system, 'a', (s, msg) => {
      times.push(Date.now());
      if (msg === 'bad') throw new Error('broken');
      return s;
    }, { initialState: () => null, onCrash: async () => { await tick(60); return 'reset' as const; } });
    ['bad', 'next'].forEach((m) => dispatchTo(ref, m));
    await tick(150);
    expect(times).toHaveLength(2);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(55);
  });

  it('silently drops a message to a stopped actor, which is why our dispatch refuses it', async () => {
    system = startSystem('stopped');
    let handled = 0;
    const ref = spawnActor<null, string>(system, 'a', (s) => { handled++; return s; }, { initialState: () => null, onCrash: () => 'resume' });
    stopActor(ref);
    await tick(10);
    expect(() => nact.dispatch(ref as never, 'lost' as never)).not.toThrow();
    await tick(10);
    expect(handled).toBe(0);
    expect(isLive(ref)).toBe(false);
    expect(() => dispatchTo(ref, 'x')).toThrow(/stopped actor/);
  });

  it("stops a crashing actor by default, which is why every spawn of ours decides", async () => {
    system = startSystem('default');
    let handled = 0;
    const ref = nact.spawn(system as never, (s: unknown, msg: string) => { handled++; if (msg === 'bad') throw new Error('x'); return s; }, 'a');
    const quiet = console.log;
    console.log = () => undefined;
    try {
      nact.dispatch(ref, 'bad');
      await tick(20);
      nact.dispatch(ref, 'good');
      await tick(20);
    } finally {
      console.log = quiet;
    }
    expect(handled).toBe(1);
  });
});
