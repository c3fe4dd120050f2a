import type { MailboxRow } from '../../db/mailbox.js';
import { AppError, toErrorShape, type ErrorShape } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import { hashKey } from '../transport/hash-key.js';
import { messageSchema, type ActorName } from '../messages/index.js';
import { decideCrash, FRESH, recordSuccess, type CrashHistory, type CrashPolicy } from './crash-policy.js';
import type { AnyActorDefinition, HandlerContext } from './definition.js';
import type { Intake } from './intake.js';
import type { MailboxObserver } from './observer.js';
import { dispatchTo, spawnActor, spawnParent, type Ref } from './nact.js';
import type { RetryPolicy, Settler } from './settler.js';

export type ActorRunState = 'running' | 'paused' | 'restarting' | 'stopped';

export interface ActorStatus {
  actor: ActorName;
  state: ActorRunState;
  pausedReason: string | null;
  pool: number;
  restarts: number;
  /** Claimed and not yet finished: in nact mailboxes or being handled. */
  held: number;
  processing: number;
  pendingNotices: number;
  /** With TRANSPORT=amqp: the key shard queues this worker is the active consumer of. */
  shards?: number[];
  lastError: (ErrorShape & { at: string; msgId: string }) | null;
  /** The message held longest (since its claim), and whether its handler is running yet. */
  oldestInFlight: { id: string; type: string; since: string; ageMs: number; running: boolean } | null;
}

interface Delivery {
  row: MailboxRow;
  payload: unknown;
}

export interface SupervisorDeps {
  settler: Settler;
  crash: CrashPolicy;
  retry: Omit<RetryPolicy, 'maxAttempts'>;
  log: Logger;
  /** The supervisor asks for its actor to be paused (durably, for every worker). */
  requestPause: (actor: ActorName, reason: string) => void;
  /** Hears each start, finish and restart (lifecycle events, metrics). */
  observer?: MailboxObserver;
}

/**
 * One per actor kind: a nact parent with a pool of children beneath it. It validates each
 * claimed row against the message contract, routes it by key, runs the handler under a
 * time limit, settles the row, and decides what a crash does (crash-policy.ts).
 */
export class Supervisor {
  private readonly parent: Ref<never>;
  private readonly children: Ref<Delivery>[] = [];
  private history: CrashHistory = FRESH;
  private restarting = 0;
  private restarts = 0;
  private processing = 0;
  private roundRobin = 0;
  private lastError: ActorStatus['lastError'] = null;
  private stopping = false;
  private readonly aborts = new Set<AbortController>();
  /** When each running handler began, by message id. */
  private readonly runningSince = new Map<string, number>();

  constructor(
    system: Ref<never>,
    private readonly def: AnyActorDefinition,
    private readonly intake: Intake,
    private readonly deps: SupervisorDeps,
  ) {
    this.parent = spawnParent(system, def.name);
    for (let i = 0; i < def.pool; i++) {
      this.children.push(spawnActor<unknown, Delivery>(this.parent, String(i), (state, d) => this.run(state, d), {
        initialState: def.initialState,
        onCrash: (d, err) => this.onCrash(d, err),
      }));
    }
  }

  /** Called by the intake for each claimed row. */
  deliver(row: MailboxRow): void {
    const schema = messageSchema(this.def.name, row.type);
    const parsed = schema?.safeParse(row.payload);
    if (!parsed?.success) {
      const err = new AppError('B2B_MESSAGE_INVALID', `no valid ${this.def.name}.${row.type} message`, { details: parsed?.error.issues });
      void this.settleFailure(row, err);
      return;
    }
    // Straight to the child that owns the key: routing through the parent would cost a turn.
    dispatchTo(this.childFor(row), { row, payload: parsed.data });
  }

  status(): ActorStatus {
    const paused = this.intake.paused;
    const state: ActorRunState = this.stopping ? 'stopped' : paused !== null ? 'paused' : this.restarting > 0 ? 'restarting' : 'running';
    return {
      actor: this.def.name, state, pausedReason: paused, pool: this.def.pool, restarts: this.restarts,
      held: this.intake.held.size, processing: this.processing, pendingNotices: this.intake.pendingNotices, lastError: this.lastError,
      oldestInFlight: this.oldestHeld(),
    };
  }

  /** Stop taking work; abort handlers still running after the drain time. */
  stop(): void {
    this.stopping = true;
  }

  abortRunning(): void {
    for (const a of this.aborts) a.abort(new AppError('B2B_HANDLER_TIMEOUT', 'worker shutting down'));
  }

  get busy(): number {
    return this.processing;
  }

  resetCrashes(): void {
    this.history = FRESH;
  }

  private childFor(row: MailboxRow): Ref<Delivery> {
    const n = this.children.length;
    const index = row.key === null ? this.roundRobin++ % n : hashKey(row.key) % n;
    return this.children[index] as Ref<Delivery>;
  }

  private async run(state: unknown, { row, payload }: Delivery): Promise<unknown> {
    if (this.stopping || this.intake.paused !== null) {
      // A paused or stopping actor hands held messages back untouched.
      await this.deps.settler.release([row.id]).catch(() => undefined);
      this.intake.finished(row.id);
      this.intake.settled(row.id, 'released');
      return state;
    }
    this.processing++;
    this.runningSince.set(row.id, Date.now());
    this.deps.observer?.started(row);
    try {
      const result = await this.handleWithTimeout(state, row, payload);
      this.history = recordSuccess(this.history);
      this.deps.observer?.finished(row, 'succeeded', this.ranFor(row.id), null);
      this.deps.settler.done(row, result).then(() => this.intake.settled(row.id, 'settled'), (err: Error) => {
        this.deps.log.error({ msgId: row.id, actor: row.actor, err: err.message }, 'could not record completion; the lease will expire and it will run again');
        this.intake.settled(row.id, 'released');
      });
      this.intake.finished(row.id);
    } finally {
      this.processing--;
    }
    return state;
  }

  private async handleWithTimeout(state: unknown, row: MailboxRow, payload: unknown): Promise<unknown> {
    const abort = new AbortController();
    this.aborts.add(abort);
    let timer: NodeJS.Timeout | undefined;
    const parentLog = this.deps.log;
    let log: Logger | undefined;
    const ctx: HandlerContext<unknown> = {
      message: { id: row.id, type: row.type, payload, key: row.key, attempts: row.attempts, correlationId: row.correlation_id, origin: row.origin },
      state,
      // Made on first use: most messages are handled without a word.
      get log() {
        log ??= parentLog.child({ msgId: row.id, actor: row.actor, type: row.type, attempt: row.attempts });
        return log;
      },
      signal: abort.signal,
    };
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new AppError('B2B_HANDLER_TIMEOUT', `${row.actor}.${row.type} ran past ${this.def.timeoutMs} ms`);
        abort.abort(err);
        reject(err);
      }, this.def.timeoutMs);
      abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true });
    });
    try {
      return await Promise.race([this.def.handle(ctx), timeout]);
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
  }

  private async onCrash(delivery: Delivery | undefined, err: unknown): Promise<'resume' | 'reset'> {
    if (!delivery) return 'reset';
    const error = await this.settleFailure(delivery.row, err);
    const { decision, history } = decideCrash(this.deps.crash, this.history, Date.now(), error);
    this.history = history;
    if (decision.action === 'resume') {
      if (decision.delayMs > 0) {
        this.deps.log.warn({ actor: this.def.name, delayMs: decision.delayMs }, 'a dependency is unavailable; waiting before the next message');
        await new Promise((r) => setTimeout(r, decision.delayMs));
      }
      return 'resume';
    }
    this.restarts++;
    this.deps.observer?.restarted(this.def.name);
    if (decision.action === 'pause') {
      this.deps.log.error({ actor: this.def.name, reason: decision.reason }, 'actor paused after repeated crashes');
      this.deps.requestPause(this.def.name, decision.reason);
      return 'reset';
    }
    this.restarting++;
    this.deps.log.warn({ actor: this.def.name, delayMs: decision.delayMs }, 'restarting actor with fresh state');
    await new Promise((r) => setTimeout(r, decision.delayMs));
    this.restarting--;
    return 'reset';
  }

  private async settleFailure(row: MailboxRow, err: unknown): Promise<ErrorShape> {
    const log = this.deps.log.child({ msgId: row.id, actor: row.actor, type: row.type, attempt: row.attempts });
    let error = toErrorShape(err);
    const ranMs = this.ranFor(row.id);
    try {
      const settled = await this.deps.settler.fail(row, err, { ...this.deps.retry, maxAttempts: this.def.maxAttempts });
      error = settled.error;
      log[settled.outcome === 'dead' ? 'error' : 'warn']({ code: error.code, err: error.message, outcome: settled.outcome }, 'message failed');
      this.deps.observer?.finished(row, settled.outcome === 'dead' ? 'dead_lettered' : 'failed', ranMs, error);
      this.intake.settled(row.id, 'settled');
    } catch (writeErr) {
      log.error({ code: error.code, err: error.message, writeErr: (writeErr as Error).message }, 'message failed and the failure could not be recorded; the lease will expire');
      this.intake.settled(row.id, 'released');
    }
    this.lastError = { ...error, at: new Date().toISOString(), msgId: row.id };
    this.intake.finished(row.id);
    return error;
  }

  /** How long the handler of a message ran (null: it never started); forgets it. */
  private ranFor(id: string): number | null {
    const since = this.runningSince.get(id);
    this.runningSince.delete(id);
    return since === undefined ? null : Date.now() - since;
  }

  private oldestHeld(): ActorStatus['oldestInFlight'] {
    let oldest: MailboxRow | undefined;
    for (const row of this.intake.held.values()) {
      if (row.started_at && (!oldest?.started_at || row.started_at < oldest.started_at)) oldest = row;
    }
    if (!oldest?.started_at) return null;
    const since = oldest.started_at.getTime();
    return { id: oldest.id, type: oldest.type, since: oldest.started_at.toISOString(), ageMs: Math.max(0, Date.now() - since), running: this.runningSince.has(oldest.id) };
  }
}

export { hashKey };
