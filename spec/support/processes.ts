import { fork, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const ENTRIES = {
  worker: 'dist/actors/worker.js',
  gateway: 'dist/gateway/server.js',
  scheduler: 'dist/scheduler/main.js',
} as const;

export interface RunningProcess {
  child: ChildProcess;
  /** Resolves when the process sends 'ready' (as it does to PM2). */
  ready: Promise<void>;
  exited: Promise<number | null>;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Runs a compiled process (npm test builds first) with the given environment. */
export function startProcess(entry: keyof typeof ENTRIES, env: Record<string, string>): RunningProcess {
  const child = fork(resolve(root, ENTRIES[entry]), [], {
    cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const ready = new Promise<void>((ok, fail) => {
    child.on('message', (m) => { if (m === 'ready') ok(); });
    void exited.then((code) => fail(new Error(`${entry} exited with ${code} before ready:\n${out.slice(-2000)}`)));
  });
  // A test that expects the process to fail at start never awaits `ready`.
  ready.catch(() => undefined);
  return {
    child, ready, exited, output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
