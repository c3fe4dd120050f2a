import nact from 'nact';
import type { ActorContext, Ref, SupervisionContext } from 'nact';
import { AppError } from '../common/errors.js';

/**
 * The only module that imports nact (pinned at 7.6.2; spec/actors/nact.spec.ts checks the
 * behaviour relied on here). nact's defaults are unsafe for us: a crash stops the actor,
 * a message to a stopped actor vanishes, and its query timeout is an uncoded Error.
 * So every spawn here must say what a crash does, and a dispatch to a stopped actor fails loudly.
 */
export type { Ref };
export type CrashDecision = 'resume' | 'reset';

export interface SpawnOptions<S, M> {
  initialState: () => S;
  /** Called with the message that threw; must decide, may take time (restart backoff). */
  onCrash: (msg: M | undefined, err: unknown, mailboxDepth: number) => Promise<CrashDecision> | CrashDecision;
}

export type ActorFn<S, M> = (state: S, msg: M, ctx: ActorContext<M, Ref<unknown>>) => Promise<S> | S;

const live = new WeakSet<object>();

export function startSystem(name: string): Ref<never> {
  return nact.start({ name } as never) as Ref<never>;
}

export function stopSystem(system: Ref<never>): void {
  nact.stop(system);
}

export function spawnActor<S, M>(parent: Ref<unknown>, name: string, fn: ActorFn<S, M>, options: SpawnOptions<S, M>): Ref<M> {
  const ref = nact.spawn(parent as Ref<never>, fn as never, name, {
    initialStateFunc: () => options.initialState(),
    onCrash: async (msg: M | undefined, err: unknown, ctx: SupervisionContext<M, Ref<unknown>>) => {
      const decision = await options.onCrash(msg, err, ctx.mailbox.length);
      return decision === 'reset' ? ctx.reset : ctx.resume;
    },
    afterStop: () => { live.delete(ref); },
  } as never) as Ref<M>;
  live.add(ref);
  return ref;
}

/** A parent in the tree: it holds an actor kind's pool and receives no messages itself. */
export function spawnParent(parent: Ref<unknown>, name: string): Ref<never> {
  return spawnActor<null, never>(parent, name, (state) => state, { initialState: () => null, onCrash: () => 'resume' });
}

export function isLive(ref: Ref<unknown>): boolean {
  return live.has(ref);
}

/** nact drops a message to a stopped actor without a word; here that is an error. */
export function dispatchTo<M>(ref: Ref<M>, msg: M): void {
  if (!live.has(ref)) throw new AppError('B2B_INTERNAL', 'dispatch to a stopped actor');
  nact.dispatch(ref, msg);
}

export function stopActor(ref: Ref<unknown>): void {
  nact.stop(ref);
  live.delete(ref);
}
