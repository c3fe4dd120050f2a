import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'amqplib';
import { freePort } from '../support/ports.js';

/**
 * A RabbitMQ node of the test's own (its own ports, node name, data and logs in a temp
 * directory, no plugins), so a test can stop and start it without touching the broker
 * everyone else uses.
 */
export interface PrivateBroker {
  url: string;
  start(): Promise<void>;
  /** Graceful, as an operator's restart: queues and persistent messages survive. */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

const SERVER = ['/usr/lib/rabbitmq/bin/rabbitmq-server', '/usr/local/sbin/rabbitmq-server', '/opt/homebrew/sbin/rabbitmq-server'].find(existsSync);

export async function startPrivateBroker(): Promise<PrivateBroker> {
  if (!SERVER) throw new Error('rabbitmq-server not found (apt-get install rabbitmq-server): the broker restart test needs a node of its own');
  const [port, distPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'b2b-rabbit-'));
  writeFileSync(join(dir, 'rabbitmq.conf'), `listeners.tcp.default = 127.0.0.1:${port}\n`);
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n');
  writeFileSync(join(dir, 'rabbitmq-env.conf'), '');
  const env = {
    PATH: process.env.PATH ?? '', HOME: dir, ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_NODENAME: `b2btest-${randomBytes(4).toString('hex')}@localhost`, RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port), RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'), RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'), RABBITMQ_LOG_BASE: join(dir, 'log'),
  };
  const url = `amqp://guest:guest@127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const killAll = () => { if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL'); };
  process.once('exit', killAll);

  const start = async () => {
    child = spawn(SERVER, [], { env, stdio: 'ignore', detached: true });
    await waitForBroker(url, child);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    const hard = setTimeout(killAll, 30_000);
    await exited;
    clearTimeout(hard);
  };
  await start();
  return {
    url, start, stop,
    destroy: async () => {
      await stop();
      process.removeListener('exit', killAll);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForBroker(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the private broker exited with ${child.exitCode}`);
    const up = await connect(url).then(async (c) => { await c.close(); return true; }, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the private broker did not start within 90 s');
}
