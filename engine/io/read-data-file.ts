import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseDocument } from 'yaml';
import { RenxingError } from '../core/errors.js';

/**
 * Reads a YAML or JSON (GeoJSON) file into plain data. Errors name the file and, for parse
 * errors, the line and column, and never leak a stack trace to the user.
 * `label` is how the file is named in messages (defaults to its base name).
 */
export async function readDataFile(path: string, label = basename(path)): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : `cannot be read (${code ?? 'unknown'})`;
    throw new RenxingError('RX_ERR_FILE_NOT_FOUND', `${label}: ${why}`, [{ file: label, path: '', message: why }], { cause });
  }
  return parseDataText(text.replace(/^\uFEFF/, ''), label, extname(path).toLowerCase());
}

export function parseDataText(text: string, label: string, extension: string): unknown {
  if (extension === '.json' || extension === '.geojson') {
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      const message = `invalid JSON: ${(cause as Error).message}`;
      throw new RenxingError('RX_ERR_FILE_PARSE', `${label}: ${message}`, [{ file: label, path: '', message }], { cause });
    }
  }
  // YAML 1.2 core schema is a superset of JSON, so .yaml, .yml and unknown extensions go here.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      const what = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return { file: label, path: '', message: `invalid YAML at line ${e.linePos?.[0].line ?? '?'}, column ${e.linePos?.[0].col ?? '?'}: ${what}` };
    });
    throw new RenxingError('RX_ERR_FILE_PARSE', `${label}: invalid YAML`, issues);
  }
  return doc.toJS() as unknown;
}
