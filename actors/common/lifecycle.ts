import type { Logger } from './log.js';

/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits; a second signal, or a stop that
 * hangs past `hardLimitMs`, exits at once so PM2's kill_timeout is never the one to act.
 */
export function onShutdown(log: Logger, stop: () => Promise<void>, hardLimitMs: number): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long: exiting');
      process.exit(1);
    }, hardLimitMs).unref();
    stop().then(
      () => process.exit(0),
      (err: Error) => {
        log.error({ err: err.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** Tells PM2 (wait_ready) that this process is up; a no-op when not forked by PM2. */
export function signalReady(): void {
  process.send?.('ready');
}
