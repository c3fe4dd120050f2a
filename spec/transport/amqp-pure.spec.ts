import { describe, expect, it } from 'vitest';
import { shardsToHandOver } from '../../actors/transport/amqp-balance.js';
import { withHeartbeat } from '../../actors/transport/amqp-link.js';
import { decodeNotice, encodeNotice } from '../../actors/transport/amqp-wire.js';
import { workerId } from '../../actors/system/worker-id.js';

describe('shardsToHandOver', () => {
  it.each([
    // active, shards, workers, hand over
    [8, 8, 1, 0],
    [8, 8, 2, 4],
    [8, 8, 3, 5],
    [3, 8, 3, 0],
    [4, 8, 3, 1],
    [2, 8, 8, 1],
    [1, 8, 16, 0],
    [0, 8, 3, 0],
    [8, 8, 0, 0],
  ])('active on %i of %i shards with %i workers: hands over %i', (active, shards, workers, expected) => {
    expect(shardsToHandOver(active, shards, workers)).toBe(expected);
  });
});

describe('notices on the wire', () => {
  const id = '01a242ea-bf45-747c-a349-94e38100077e';
  it.each([
    [{ id }, { id }],
    [{ id, key: 'offer-7' }, { id, key: 'offer-7' }],
  ])('round-trips %j', (notice, expected) => {
    expect(decodeNotice(encodeNotice(notice))).toEqual(expected);
  });

  it.each(['not json', '{"id": "not a uuid"}', '{"key": "k"}', `{"id": "${id}", "key": ""}`, '[]', 'null'])('refuses %s', (body) => {
    expect(decodeNotice(Buffer.from(body))).toBeUndefined();
  });
});

describe('workerId', () => {
  it.each([
    [undefined, {}, 41, /^.+:41$/],
    ['eu-1', {}, 41, /^eu-1$/],
    ['eu-1', { NODE_APP_INSTANCE: '2' }, 41, /^eu-1-2$/],
    [undefined, { NODE_APP_INSTANCE: '2' }, 41, /^.+:41$/],
  ])('WORKER_ID %s with %j (pid %i) is %s', (configured, env, pid, expected) => {
    expect(workerId(configured, env, pid)).toMatch(expected);
  });
});

describe('withHeartbeat', () => {
  it.each([
    ['amqp://guest:guest@127.0.0.1:5672', 'amqp://guest:guest@127.0.0.1:5672?heartbeat=10'],
    ['amqps://b2b:s%40cret@rabbit.internal/prod?frameMax=0', 'amqps://b2b:s%40cret@rabbit.internal/prod?frameMax=0&heartbeat=10'],
    ['amqp://rabbit.internal?heartbeat=30', 'amqp://rabbit.internal?heartbeat=30'],
  ])('%s → %s', (url, expected) => {
    expect(withHeartbeat(url)).toBe(expected);
  });
});
