import type { Sql } from '../db/client.js';
import type { Config } from '../actors/common/config.js';
import type { Outbox } from '../actors/mailbox/outbox.js';
import type { Transport } from '../actors/transport/transport.js';
import type { ReplyWaiter } from './replies.js';

/** What the gateway is built from; tests build it with their own. */
export interface GatewayDeps {
  config: Config;
  sql: Sql;
  transport: Transport;
  outbox: Outbox;
  waiter: ReplyWaiter;
  /** The clock, injectable so webhook replays of old captures can be tested. */
  now?: () => number;
}
