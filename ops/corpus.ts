import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, from source (ops/) or compiled (dist/ops/). */
export function repoRoot(): string {
  const up = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return up.endsWith('dist') ? dirname(up) : up;
}

/**
 * The development corpus's e-mails: ../shared/corpus/emails beside the repository where it
 * is, else the copy the tests use (spec/fixtures/corpus).
 */
export function corpusEmailsDir(): string {
  const shared = join(repoRoot(), '..', 'shared', 'corpus', 'emails');
  return existsSync(shared) ? shared : join(repoRoot(), 'spec', 'fixtures', 'corpus');
}
