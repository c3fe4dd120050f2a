import type { Sql } from '../../db/client.js';
import { listControls, resumeCooledDown, setPaused } from '../../db/controls.js';
import { expireLeases, renewLeases } from '../../db/mailbox.js';
import type { Config } from '../common/config.js';
import type { Logger } from '../common/log.js';
import type { ActorName } from '../messages/envelope.js';
import type { Transport } from '../transport/transport.js';
import type { AnyActorDefinition } from './definition.js';
import { Intake } from './intake.js';
import { combineObservers, EventRecorder, type MailboxObserver } from './observer.js';
import { startSystem, stopSystem, type Ref } from './nact.js';
import { Settler } from './settler.js';
import { Supervisor, type ActorStatus } from './supervisor.js';

export interface RuntimeDeps {
  sql: Sql;
  /**
   * For the mailbox's own bookkeeping (claims, completions, failures, leases, events), which
   * may commit asynchronously: a claim or a completion lost in a crash of PostgreSQL means
   * the message runs once more, which every handler allows for. Sends and handlers' effects
   * use `sql`, synchronously. Defaults to `sql`.
   */
  bookkeeping?: Sql;
  transport: Transport;
  config: Config;
  log: Logger;
  owner: string;
  definitions: AnyActorDefinition[];
  /** Hears what the actors do, besides the lifecycle events every runtime records (metrics). */
  observer?: Partial<MailboxObserver>;
}

interface Kind {
  def: AnyActorDefinition;
  intake: Intake;
  supervisor: Supervisor;
}

/**
 * The worker's actor system: a supervisor and an intake per actor kind, the settler, and
 * the sweeper that renews leases, returns expired ones, applies pause and resume, and
 * claims what the wire missed.
 */
export class WorkerRuntime {
  private system: Ref<never> | undefined;
  private readonly kinds = new Map<ActorName, Kind>();
  private readonly settler: Settler;
  private readonly events: EventRecorder;
  private readonly observer: MailboxObserver;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private lastRenewal = 0;

  private readonly book: Sql;

  constructor(private readonly d: RuntimeDeps) {
    this.book = d.bookkeeping ?? d.sql;
    this.settler = new Settler(this.book, d.transport, d.owner, d.log);
    this.events = new EventRecorder(this.book, d.owner, d.log);
    this.observer = combineObservers(d.log, this.events, d.observer ?? {});
  }

  async start(): Promise<void> {
    const { config, log } = this.d;
    this.system = startSystem(`worker-${this.d.owner}`);
    for (const def of this.d.definitions) {
      let supervisor: Supervisor | undefined;
      const intake = new Intake({
        sql: this.book, actor: def.name, owner: this.d.owner, leaseMs: config.MAILBOX_LEASE_MS,
        ...sweepGrace(config, this.d.transport.kind), inflight: def.inflight, log,
        deliver: (row) => supervisor?.deliver(row),
      });
      supervisor = new Supervisor(this.system, def, intake, {
        settler: this.settler, log, observer: this.observer,
        crash: { limit: config.SUPERVISOR_CRASH_LIMIT, windowMs: config.SUPERVISOR_CRASH_WINDOW_MS, backoffMs: config.SUPERVISOR_RESTART_BACKOFF_MS, backoffMaxMs: config.SUPERVISOR_RESTART_BACKOFF_MAX_MS },
        retry: { backoffBaseMs: config.MAILBOX_BACKOFF_BASE_MS, backoffMaxMs: config.MAILBOX_BACKOFF_MAX_MS },
        requestPause: (actor, reason) => void this.pause(actor, reason, 'supervisor', this.coolDownEnd()),
      });
      this.kinds.set(def.name, { def, intake, supervisor });
    }
    await this.applyControls();
    await this.d.transport.onControl(() => {
      this.applyControls().catch((err: Error) => this.d.log.warn({ err: err.message }, 'could not apply controls; the next sweep will'));
    });
    for (const [actor, kind] of this.kinds) {
      await this.d.transport.consume(actor, (notices) => kind.intake.onNotices(notices), { inflight: kind.def.inflight });
      kind.intake.sweep();
    }
    this.timer = setInterval(() => void this.tick(), config.MAILBOX_SWEEP_MS);
  }

  status(): ActorStatus[] {
    const { transport } = this.d;
    return [...this.kinds.values()].map((k) => {
      const status = k.supervisor.status();
      return transport.activeShards ? { ...status, shards: transport.activeShards(k.def.name) } : status;
    });
  }

  /** Pauses an actor for every worker: the row in actor_controls is the truth. */
  async pause(actor: ActorName, reason: string, by: string, resumeAt: Date | null = null): Promise<void> {
    this.kinds.get(actor)?.intake.pause(reason);
    try {
      await setPaused(this.d.sql, actor, true, reason, by, resumeAt);
      this.d.transport.control({ kind: 'refresh', actor });
    } catch (err) {
      this.d.log.error({ actor, err: (err as Error).message }, 'could not record the pause; it holds in this process only');
    }
  }

  /**
   * Clean shutdown: stop claiming, let running handlers finish within the drain time,
   * hand back everything not finished, and flush completions.
   */
  async stop(drainMs = this.d.config.SHUTDOWN_DRAIN_MS): Promise<void> {
    clearInterval(this.timer);
    for (const k of this.kinds.values()) {
      k.intake.stop();
      k.supervisor.stop();
    }
    const deadline = Date.now() + drainMs;
    while (Date.now() < deadline && [...this.kinds.values()].some((k) => k.supervisor.busy > 0)) {
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const k of this.kinds.values()) k.supervisor.abortRunning();
    await this.settler.drained();
    await this.events.drained();
    const held = [...this.kinds.values()].flatMap((k) => [...k.intake.held.keys()]);
    const released = await this.settler.release(held).catch(() => []);
    for (const k of this.kinds.values()) k.intake.settleRemaining('released');
    this.d.log.info({ released: released.length }, 'worker drained');
    for (const k of this.kinds.values()) await k.def.stop?.().catch((err: Error) => this.d.log.warn({ actor: k.def.name, err: err.message }, 'actor did not close cleanly'));
    if (this.system) stopSystem(this.system);
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.renewLeases();
      await this.expireLeases();
      await this.applyControls();
      for (const k of this.kinds.values()) k.intake.sweep();
    } catch (err) {
      this.d.log.warn({ err: (err as Error).message }, 'sweep failed; trying again next tick');
    } finally {
      this.ticking = false;
    }
  }

  private async renewLeases(): Promise<void> {
    const lease = this.d.config.MAILBOX_LEASE_MS;
    if (Date.now() - this.lastRenewal < lease / 3) return;
    this.lastRenewal = Date.now();
    const ids = [...this.kinds.values()].flatMap((k) => [...k.intake.held.keys()]);
    await renewLeases(this.book, this.d.owner, ids, lease);
  }

  private async expireLeases(): Promise<void> {
    const maxAttempts = Object.fromEntries([...this.kinds.values()].map((k) => [k.def.name, k.def.maxAttempts]));
    const expired = await expireLeases(this.book, maxAttempts, this.d.config.MAILBOX_MAX_ATTEMPTS);
    if (expired.length > 0) this.observer.leasesExpired(expired);
    for (const row of expired) {
      this.d.log.warn({ msgId: row.id, actor: row.actor, state: row.state }, 'lease expired; message returned to the mailbox');
      // With its key, so a keyed message goes back to its key's shard queue (and order).
      if (row.state === 'queued') this.d.transport.notify(row.actor as ActorName, [row.key ? { id: row.id, key: row.key } : { id: row.id }]);
    }
  }

  private coolDownEnd(): Date | null {
    const ms = this.d.config.SUPERVISOR_PAUSE_COOLDOWN_MS;
    return ms === 0 ? null : new Date(Date.now() + ms);
  }

  private async applyControls(): Promise<void> {
    await resumeCooledDown(this.d.sql);
    const controls = new Map((await listControls(this.d.sql)).map((c) => [c.actor, c]));
    for (const [actor, kind] of this.kinds) {
      const control = controls.get(actor);
      if (control?.paused && kind.intake.paused === null) {
        kind.intake.pause(control.reason ?? 'paused');
        this.d.log.warn({ actor, reason: control.reason, by: control.changed_by }, 'actor paused');
      } else if (!control?.paused && kind.intake.paused !== null) {
        kind.supervisor.resetCrashes();
        kind.intake.resume();
        this.d.log.info({ actor }, 'actor resumed');
      }
    }
  }
}

/**
 * How fresh a row the sweeper leaves to the wire. Redis may have dropped a notice, so in
 * backlog mode (start, resume) everything due is claimed at once; a RabbitMQ queue keeps
 * every notice, so the sweeper only takes what is older than AMQP_SWEEP_GRACE_MS (what the
 * wire lost), and keyed messages keep the order their shard queue gives them.
 */
function sweepGrace(config: Config, kind: Transport['kind']): { graceMs: number; backlogGraceMs: number } {
  if (kind === 'redis') return { graceMs: config.MAILBOX_SWEEP_GRACE_MS, backlogGraceMs: 0 };
  const graceMs = Math.max(config.MAILBOX_SWEEP_GRACE_MS, config.AMQP_SWEEP_GRACE_MS);
  return { graceMs, backlogGraceMs: graceMs };
}
