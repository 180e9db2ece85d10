// Writes schemas/*.json from the TypeBox sources: `npm run schemas` after changing a schema.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJsonSchemas } from '../core/json-schemas.js';
import { PACKAGE_ROOT } from '../core/paths.js';

const dir = join(PACKAGE_ROOT, 'schemas');
mkdirSync(dir, { recursive: true });
for (const [file, text] of Object.entries(renderJsonSchemas())) writeFileSync(join(dir, file), text);
console.log(`wrote ${Object.keys(renderJsonSchemas()).length} schemas to ${dir}`);
