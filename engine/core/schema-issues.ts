import type { TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import type { Issue } from './errors.js';

/** `/hazards/0/magnitude` → `hazards[0].magnitude`, the form users see in messages. */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

export function joinPath(base: string, rest: string): string {
  if (!base) return rest;
  if (!rest) return base;
  return rest.startsWith('[') ? `${base}${rest}` : `${base}.${rest}`;
}

/** A value as an error message shows it; anything too deep or long to print is named by its type. */
const show = (v: unknown): string => {
  if (typeof v === 'string') return `'${v}'`;
  try {
    const text = JSON.stringify(v);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return Array.isArray(v) ? 'an array' : typeof v;
  }
};

function describe(error: ValueError): string {
  const s = error.schema as Record<string, unknown>;
  if (typeof s['errorMessage'] === 'string') return s['errorMessage'];
  switch (error.type) {
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum: return `must be ≤ ${String(s['maximum'])}`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum: return `must be ≥ ${String(s['minimum'])}`;
    case ValueErrorType.NumberExclusiveMaximum:
    case ValueErrorType.IntegerExclusiveMaximum: return `must be < ${String(s['exclusiveMaximum'])}`;
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.IntegerExclusiveMinimum: return `must be > ${String(s['exclusiveMinimum'])}`;
    case ValueErrorType.Number: return `must be a number, got ${show(error.value)}`;
    case ValueErrorType.Integer: return `must be an integer, got ${show(error.value)}`;
    case ValueErrorType.String: return `must be a string, got ${show(error.value)}`;
    case ValueErrorType.Boolean: return `must be true or false, got ${show(error.value)}`;
    case ValueErrorType.Array: return `must be a list, got ${show(error.value)}`;
    case ValueErrorType.Object: return `must be a mapping/object, got ${show(error.value)}`;
    case ValueErrorType.Literal: return `must be ${show(s['const'])}, got ${show(error.value)}`;
    case ValueErrorType.StringPattern: return `must match ${String(s['pattern'])}, got ${show(error.value)}`;
    case ValueErrorType.StringMinLength: return s['minLength'] === 1 ? 'must not be empty' : `must have at least ${String(s['minLength'])} characters`;
    case ValueErrorType.StringMaxLength: return `must have at most ${String(s['maxLength'])} characters`;
    case ValueErrorType.ArrayMinItems: return `must have at least ${String(s['minItems'])} item(s)`;
    case ValueErrorType.ArrayMaxItems: return `must have at most ${String(s['maxItems'])} item(s)`;
    case ValueErrorType.ArrayUniqueItems: return 'must not repeat items';
    case ValueErrorType.TupleLength: return `must have exactly ${String(s['minItems'])} items`;
    case ValueErrorType.ObjectMinProperties: return `must have at least ${String(s['minProperties'])} entr(y/ies)`;
    case ValueErrorType.ObjectRequiredProperty: return 'is required';
    case ValueErrorType.ObjectAdditionalProperties: {
      const known = Object.keys((s['properties'] as Record<string, unknown> | undefined) ?? {});
      return known.length > 0 ? `unknown field (expected one of: ${known.join(', ')})` : 'unknown field';
    }
    default: return error.message;
  }
}

/** The discriminating `type` (or `kind`) literals of a union of objects, or undefined for other unions. */
function discriminants(schema: TSchema): { key: string; variants: Map<string, TSchema> } | undefined {
  const variants = (schema as { anyOf?: TSchema[] }).anyOf;
  if (!variants) return undefined;
  for (const key of ['type', 'kind']) {
    const byValue = new Map<string, TSchema>();
    for (const variant of variants) {
      const literal = (variant as { properties?: Record<string, { const?: unknown }> }).properties?.[key]?.const;
      if (typeof literal !== 'string') break;
      byValue.set(literal, variant);
    }
    if (byValue.size === variants.length) return { key, variants: byValue };
  }
  return undefined;
}

/** The one variant of a union whose JSON type is the value's (a number, or an object), or undefined. */
function variantOfType(schema: TSchema, value: unknown): TSchema | undefined {
  const variants = (schema as { anyOf?: TSchema[] }).anyOf;
  if (!variants) return undefined;
  const jsonType = typeof value === 'number' ? 'number' : typeof value === 'object' && value !== null && !Array.isArray(value) ? 'object' : undefined;
  if (!jsonType) return undefined;
  const matching = variants.filter((v) => (v as { type?: unknown }).type === jsonType || (jsonType === 'number' && (v as { type?: unknown }).type === 'integer'));
  return matching.length === 1 ? matching[0] : undefined;
}

/**
 * Every schema violation of `value` as an Issue. Discriminated unions (objects told apart by a
 * `type` or `kind` literal) are checked against the variant the value names, so the user reads
 * "hazards[0].magnitude: must be ≤ 9.5" instead of "expected union value"; a union of one number
 * and one object form is checked against the form the value has.
 */
export function schemaIssues(schema: TSchema, value: unknown, file: string, basePath = ''): Issue[] {
  const issues: Issue[] = [];
  for (const error of Value.Errors(schema, value)) {
    // A missing field is reported once, as "is required", not again as "must be a string".
    if (error.value === undefined && error.type !== ValueErrorType.ObjectRequiredProperty) continue;
    const path = joinPath(basePath, pointerToPath(error.path));
    if (error.type === ValueErrorType.Union) {
      const union = discriminants(error.schema);
      if (union && typeof error.value === 'object' && error.value !== null && !Array.isArray(error.value)) {
        const named = (error.value as Record<string, unknown>)[union.key];
        const variant = typeof named === 'string' ? union.variants.get(named) : undefined;
        if (variant) issues.push(...schemaIssues(variant, error.value, file, path));
        else issues.push({ file, path: joinPath(path, union.key), message: `must be one of ${[...union.variants.keys()].map(show).join(', ')}, got ${show(named)}` });
        continue;
      }
      const form = union ? undefined : variantOfType(error.schema, error.value);
      if (form) {
        issues.push(...schemaIssues(form, error.value, file, path));
        continue;
      }
    }
    issues.push({ file, path, message: describe(error) });
  }
  return issues;
}
