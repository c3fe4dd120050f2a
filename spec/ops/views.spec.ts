import { describe, expect, it } from 'vitest';
import { WorkerSnapshot, type LiveActor } from '../../actors/system/status-publisher.js';
import { instancePort } from '../../actors/system/metrics-server.js';
import type { ActorControl } from '../../db/controls.js';
import { actorView, combinedState, type OverviewFacts } from '../../db/ops-overview.js';
import { minuteSeries } from '../../db/ops-stats.js';
import { redact } from '../../db/ops-views.js';

describe('redaction', () => {
  it.each([
    ['a secret by its name', { smtpPassword: 'x', token: 'y', apiKey: 'z', authorization: 'Bearer q' }, { smtpPassword: '[redacted]', token: '[redacted]', apiKey: '[redacted]', authorization: '[redacted]' }, 4],
    ['an e-mail body, with its size', { raw: 'abc', html: '<p>12</p>', text: '' }, { raw: '[redacted: 3 chars]', html: '[redacted: 9 chars]', text: '[redacted: 0 chars]' }, 3],
    ['attachments whatever their shape', { attachments: [{ filename: 'a.xlsx' }] }, { attachments: '[redacted]' }, 1],
    ['an API key wherever it appears', { note: 'b2b_0123456789abcdefghij', list: ['b2b_0123456789abcdefghij'] }, { note: '[redacted]', list: ['[redacted]'] }, 2],
    ['the password in a connection URL', { relay: 'amqp://guest:guest@mq:5672/' }, { relay: 'amqp://guest:***@mq:5672/' }, 1],
    ['nothing in ordinary facts', { emailId: 'e1', offerIds: ['a', 'b'], key: 'offer:1', gsm: 140, note: null }, { emailId: 'e1', offerIds: ['a', 'b'], key: 'offer:1', gsm: 140, note: null }, 0],
    ['deep down', { a: { b: { c: { secret: 's' } } } }, { a: { b: { c: { secret: '[redacted]' } } } }, 1],
  ])('hides %s', (_what, input, output, hidden) => {
    expect(redact(input)).toEqual({ value: output, hidden });
  });

  it('leaves an empty secret field visibly empty', () => {
    expect(redact({ password: null })).toEqual({ value: { password: null }, hidden: 0 });
  });
});

const live = (state: LiveActor['state'], extra: Partial<LiveActor> = {}): LiveActor => ({
  actor: 'matching', state, pausedReason: null, pool: 4, restarts: 0, held: 0, processing: 0, pendingNotices: 0, lastError: null, oldestInFlight: null, ...extra,
});
const control = (paused: boolean): ActorControl => ({ actor: 'matching', paused, reason: paused ? 'maintenance' : null, resume_at: null, changed_by: 'key:1', changed_at: new Date() });

describe('an actor\'s state across workers', () => {
  it.each([
    ['no worker runs it', undefined, [], 'stopped'],
    ['no worker runs it and it is paused', control(true), [], 'paused'],
    ['one runs it', undefined, [live('running')], 'running'],
    ['the pause is the truth even before a worker applied it', control(true), [live('running')], 'paused'],
    ['one of two is restarting', control(false), [live('running'), live('restarting')], 'restarting'],
    ['a worker still shows a pause that was lifted', control(false), [live('paused')], 'paused'],
    ['one stops while the other runs', undefined, [live('stopped'), live('running')], 'running'],
  ] as const)('%s', (_what, c, l, state) => {
    expect(combinedState(c, [...l])).toBe(state);
  });
});

describe('the actor view', () => {
  const snapshot = (worker: string, actors: LiveActor[]): WorkerSnapshot => ({
    worker, host: 'h', pid: 1, transport: 'redis', startedAt: '', publishedAt: '', uptimeS: 1, rssBytes: 1, actors,
  });
  const facts = (over: Partial<OverviewFacts> = {}): OverviewFacts => ({ depths: [], controls: [], inFlight: [], stats: [], errors: [], workers: [], ...over });

  it('sums what the workers hold and takes the newest last error, stored or live', () => {
    const workers = [
      snapshot('a', [live('running', { held: 3, processing: 2, restarts: 1, lastError: { code: 'B2B_INTERNAL', message: 'live', at: '2026-12-04T10:00:05.000Z', msgId: 'm2' } })]),
      snapshot('b', [live('running', { held: 4, processing: 1, pendingNotices: 7 })]),
    ];
    const errors = [{ actor: 'matching', message_id: 'm1', code: 'B2B_OFFER_UNAVAILABLE', message: 'stored', at: new Date('2026-12-04T10:00:00Z') }];
    const v = actorView('matching', facts({ workers, errors }));
    expect(v).toMatchObject({ state: 'running', workers: 2, live: { held: 7, processing: 3, restarts: 1, pendingNotices: 7 } });
    expect(v.lastError).toEqual({ code: 'B2B_INTERNAL', message: 'live', at: '2026-12-04T10:00:05.000Z', messageId: 'm2' });
    const older = actorView('matching', facts({ errors: [{ ...errors[0]!, at: new Date('2026-12-04T11:00:00Z') }], workers }));
    expect(older.lastError).toMatchObject({ code: 'B2B_OFFER_UNAVAILABLE', messageId: 'm1' });
  });

  it('computes the failure rate over every attempt of the last hour, and none without attempts', () => {
    const stats = [{ actor: 'matching', received_1m: 0, received_1h: 10, succeeded_1m: 1, succeeded_1h: 9, failed_1m: 0, failed_1h: 3, dead_1h: 1, mean_ms: 12, p95_ms: 40 }];
    expect(actorView('matching', facts({ stats })).failures).toEqual({ lastMinute: 0, lastHour: 3, deadLastHour: 1, rate: 0.25 });
    expect(actorView('matching', facts()).failures.rate).toBeNull();
    expect(actorView('matching', facts({ workers: null })).workers).toBe(0);
  });
});

describe('the live snapshot', () => {
  it('carries what a transport adds to an actor (AMQP key shards) through to the operator', () => {
    const actor = { ...live('running'), shards: [0, 3] };
    const parsed = WorkerSnapshot.parse({ worker: 'w', host: 'h', pid: 1, transport: 'amqp', startedAt: '', publishedAt: '', uptimeS: 1, rssBytes: 1, actors: [actor] });
    expect(parsed.actors[0]).toMatchObject({ actor: 'matching', shards: [0, 3] });
  });
});

describe('minute series for the charts', () => {
  it('puts each count in its minute, oldest first, zeros between', () => {
    const now = new Date('2026-12-04T10:04:30Z');
    const rows = [
      { actor: 'matching', minute: new Date('2026-12-04T10:00:00Z'), succeeded: 5, failed: 1 },
      { actor: 'matching', minute: new Date('2026-12-04T10:04:00Z'), succeeded: 2, failed: 0 },
      { actor: 'matching', minute: new Date('2026-12-04T09:00:00Z'), succeeded: 99, failed: 0 },
    ];
    const series = minuteSeries(rows, ['matching', 'container'], 5, now);
    expect(series.from.toISOString()).toBe('2026-12-04T10:00:00.000Z');
    expect(series.actors).toEqual([
      { actor: 'matching', succeeded: [5, 0, 0, 0, 2], failed: [1, 0, 0, 0, 0] },
      { actor: 'container', succeeded: [0, 0, 0, 0, 0], failed: [0, 0, 0, 0, 0] },
    ]);
  });
});

describe('metrics ports', () => {
  it.each([
    [9471, undefined, 9471], [9471, '0', 9471], [9471, '2', 9473], [0, '3', 0], [9471, 'x', 9471],
  ])('base %i with PM2 instance %s: %i', (base, instance, port) => {
    expect(instancePort(base, instance === undefined ? {} : { NODE_APP_INSTANCE: instance })).toBe(port);
  });
});
