import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../actors/common/config.js';
import { ERRORS } from '../actors/common/errors.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every configuration variable', () => {
    const missing = Object.keys(ConfigSchema.shape).filter((k) => !readme.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });

  it('documents every error code with its status', () => {
    const missing = Object.entries(ERRORS)
      .filter(([code, e]) => !new RegExp(`\\| \`${code}\` \\| (${e.status}|–) \\|`).test(readme))
      .map(([code]) => code);
    expect(missing).toEqual([]);
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
