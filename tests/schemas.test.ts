import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from '../engine/core/json-schemas.js';
import { PACKAGE_ROOT } from '../engine/core/paths.js';

describe('published JSON Schemas', () => {
  it.each(Object.entries(renderJsonSchemas()))('%s matches the TypeBox source (run `npm run schemas` after a change)', (file, text) => {
    expect(readFileSync(join(PACKAGE_ROOT, 'schemas', file), 'utf8')).toBe(text);
  });
});
