import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { isAlias, isMap, isNode, isPair, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { RenxingError, type Issue } from '../core/errors.js';
import { SCENARIO_DATA_LIMITS, type DataLimits } from '../core/limits.js';

/**
 * Reads a YAML or JSON (GeoJSON) file into plain data. Errors name the file and, for parse
 * errors, the line and column, and never leak a stack trace to the user. Every file is bounded
 * (`limits`, by default a scenario file's; region packs pass theirs): its size before it is read,
 * then its keys, nesting and YAML aliases before any value is built, in time linear in its size.
 * Duplicate keys are refused in JSON as in YAML. `label` is how the file is named in messages
 * (defaults to its base name).
 */
export async function readDataFile(path: string, label = basename(path), limits: DataLimits = SCENARIO_DATA_LIMITS): Promise<unknown> {
  const fail = (cause: unknown): RenxingError => {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : `cannot be read (${code ?? 'unknown'})`;
    return new RenxingError('RX_ERR_FILE_NOT_FOUND', `${label}: ${why}`, [{ file: label, path: '', message: why }], { cause });
  };
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw fail(cause);
  }
  let text: string;
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw fail(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }));
    if (!stat.isFile()) throw new RenxingError('RX_ERR_INVALID_INPUT', `${label}: not a regular file`, [{ file: label, path: '', message: 'is not a regular file' }]);
    if (stat.size > limits.bytes) throw tooLarge(label, '', `is ${stat.size.toLocaleString('en-US')} bytes, over the limit of ${limits.bytes.toLocaleString('en-US')} bytes`);
    text = await handle.readFile('utf8');
  } catch (cause) {
    if (cause instanceof RenxingError) throw cause;
    throw fail(cause);
  } finally {
    await handle.close();
  }
  return parseDataText(text.replace(/^\uFEFF/, ''), label, extname(path).toLowerCase(), limits);
}

const tooLarge = (file: string, path: string, message: string): RenxingError => new RenxingError('RX_ERR_TOO_LARGE', `${file}: ${message}`, [{ file, path, message }]);
const parseError = (file: string, message: string): RenxingError => new RenxingError('RX_ERR_FILE_PARSE', `${file}: ${message}`, [{ file, path: '', message }]);

export function parseDataText(text: string, label: string, extension: string, limits: DataLimits = SCENARIO_DATA_LIMITS): unknown {
  if (text.length > limits.bytes) throw tooLarge(label, '', `is ${text.length.toLocaleString('en-US')} characters, over the limit of ${limits.bytes.toLocaleString('en-US')} bytes`);
  if (extension === '.json' || extension === '.geojson') {
    // Limits first, so a file past them is refused before any value is built.
    checkJsonText(text, label, limits);
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      const message = `invalid JSON: ${(cause as Error).message}`;
      throw new RenxingError('RX_ERR_FILE_PARSE', `${label}: ${message}`, [{ file: label, path: '', message }], { cause });
    }
  }
  return parseYaml(text, label, limits);
}

/** Line and column (1-based) of `offset` in `text`. */
function lineColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Checks JSON text: nesting depth, the number of keys, and keys repeated in one object (which
 * JSON.parse would let the last one win silently). One pass, no recursion, so a 100,000-deep
 * array costs no stack. Throws RX_ERR_TOO_LARGE (keys) or RX_ERR_FILE_PARSE (nesting, a key
 * twice: input no reader should take). Text that is not JSON passes through, for the parser to
 * name its error.
 */
export function checkJsonText(text: string, label: string, limits: Pick<DataLimits, 'keys' | 'depth'>): void {
  // One entry per open container: the keys seen so far in an object, null for an array.
  const stack: (Set<string> | null)[] = [];
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      const seen = stack[stack.length - 1];
      if (!seen) continue;
      let j = i + 1;
      while (isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 0x3a) continue; // a value, not a key
      if (++keys > limits.keys) throw tooLarge(label, '', `has more than ${limits.keys.toLocaleString('en-US')} keys`);
      const raw = text.slice(start, i + 1);
      const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      if (seen.has(key)) {
        const { line, col } = lineColumn(text, start);
        throw parseError(label, `invalid JSON at line ${line}, column ${col}: duplicate key '${key}' (keys must be unique)`);
      }
      seen.add(key);
    } else if (c === 0x7b || c === 0x5b) {
      stack.push(c === 0x7b ? new Set() : null);
      if (stack.length > limits.depth) {
        const { line, col } = lineColumn(text, i);
        throw parseError(label, `nests deeper than ${limits.depth} levels at line ${line}, column ${col}`);
      }
    } else if (c === 0x7d || c === 0x5d) stack.pop();
  }
}

/**
 * YAML 1.2 (a superset of JSON, so .yaml, .yml and unknown extensions come here). Keys are checked
 * for uniqueness here, in linear time (the library's own check is quadratic in the keys of a
 * mapping), with the nesting, key and alias limits, before any value is built; aliases then
 * expand under the same alias limit.
 */
function parseYaml(text: string, label: string, limits: DataLimits): unknown {
  const lineCounter = new LineCounter();
  const at = (offset: number | undefined): string => {
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    return `at line ${pos?.line ?? '?'}, column ${pos?.col ?? '?'}`;
  };
  let doc;
  try {
    doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter });
  } catch (cause) {
    throw new RenxingError('RX_ERR_FILE_PARSE', `${label}: invalid YAML`, [{ file: label, path: '', message: `invalid YAML: ${(cause as Error).message.split('\n')[0] ?? ''}` }], { cause });
  }
  if (doc.errors.length > 0) {
    const issues: Issue[] = doc.errors.slice(0, 20).map((e) => {
      const what = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return { file: label, path: '', message: `invalid YAML at line ${e.linePos?.[0].line ?? '?'}, column ${e.linePos?.[0].col ?? '?'}: ${what}` };
    });
    throw new RenxingError('RX_ERR_FILE_PARSE', `${label}: invalid YAML`, issues);
  }
  // Pre-order walk with an explicit stack (document order, so an alias's anchor is met first).
  const anchors = new Set<string>();
  let keys = 0;
  let aliases = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (!isNode(node)) continue;
    const offset = (node as YamlNode).range?.[0];
    if (node.anchor) anchors.add(node.anchor);
    if (isAlias(node)) {
      if (++aliases > limits.aliases) throw tooLarge(label, '', `has more than ${limits.aliases} aliases ${at(offset)}`);
      if (!anchors.has(node.source)) throw parseError(label, `invalid YAML ${at(offset)}: alias *${node.source} has no anchor &${node.source} before it`);
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth + 1 > limits.depth) throw parseError(label, `nests deeper than ${limits.depth} levels ${at(offset)}`);
    const children: unknown[] = [];
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (++keys > limits.keys) throw tooLarge(label, '', `has more than ${limits.keys.toLocaleString('en-US')} keys`);
        const key = pair.key;
        const name = isNode(key) && 'value' in key && !isMap(key) && !isSeq(key) ? String((key as { value: unknown }).value) : String(key);
        if (seen.has(name)) throw parseError(label, `invalid YAML ${at(isNode(key) ? (key as YamlNode).range?.[0] : offset)}: Map keys must be unique (duplicate key '${name}')`);
        seen.add(name);
        children.push(key, pair.value);
      }
    } else children.push(...node.items);
    for (let k = children.length - 1; k >= 0; k--) stack.push({ node: children[k], depth: depth + 1 });
  }
  try {
    return doc.toJS({ maxAliasCount: limits.aliases }) as unknown;
  } catch (cause) {
    const expansion = /Excessive alias count/.test((cause as Error).message);
    const message = expansion
      ? `its aliases expand to more than ${limits.aliases} nodes: nested aliases such as a "billion laughs" are refused`
      : `invalid YAML: ${(cause as Error).message.split('\n')[0] ?? ''}`;
    throw new RenxingError(expansion ? 'RX_ERR_TOO_LARGE' : 'RX_ERR_FILE_PARSE', `${label}: ${message}`, [{ file: label, path: '', message }], { cause });
  }
}
