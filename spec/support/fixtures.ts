import { readFileSync } from 'node:fs';

/** The development corpus (NNN.eml + NNN.json) and the captured webhook deliveries, copied into the repository. */
export const CORPUS_DIR = new URL('../fixtures/corpus/', import.meta.url);
export const WEBHOOKS_DIR = new URL('../fixtures/webhooks/', import.meta.url);

export function corpusMail(id: string): Buffer {
  return readFileSync(new URL(`${id}.eml`, CORPUS_DIR));
}
