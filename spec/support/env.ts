import { randomBytes } from 'node:crypto';
import { parseConfig, type Config } from '../../actors/common/config.js';
import { REDIS_URL } from './services.js';

/** An environment for one test: its own database and its own Redis/AMQP prefix. */
export function testEnv(databaseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    KEY_PREFIX: `t${randomBytes(4).toString('hex')}`,
    MAILBOX_SWEEP_MS: '100',
    MAILBOX_SWEEP_GRACE_MS: '300',
    MAILBOX_LEASE_MS: '3000',
    MAILBOX_BACKOFF_BASE_MS: '50',
    MAILBOX_BACKOFF_MAX_MS: '400',
    SHUTDOWN_DRAIN_MS: '2000',
    // No fixed metrics ports in tests: parallel files would share them. A test that scrapes picks a free one.
    METRICS_PORT_WORKER: '0',
    METRICS_PORT_SCHEDULER: '0',
    ...overrides,
  };
}

export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): Config {
  return parseConfig(testEnv(databaseUrl, overrides));
}
