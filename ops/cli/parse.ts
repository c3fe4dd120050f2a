import { readFile } from 'node:fs/promises';
import { toErrorShape } from '../../actors/common/errors.js';
import { extractOffers } from '../../actors/ingestion/extract/index.js';
import { readEmail } from '../../actors/ingestion/extract/read-email.js';

/** `npm run -s parse -- FILE.eml …`: one JSON line per file, {"file", "offers"}; failures go to stderr. */
async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: npm run -s parse -- FILE.eml [FILE.eml …]\n');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const email = await readEmail(await readFile(file));
      const { lines } = await extractOffers(email, { millCountry: null });
      process.stdout.write(`${JSON.stringify({ file, offers: lines.map((l) => l.offer) })}\n`);
    } catch (err) {
      failed++;
      process.stderr.write(`${JSON.stringify({ file, error: toErrorShape(err) })}\n`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
