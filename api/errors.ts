/**
 * The API's side of the one error table (engine/core/errors.ts): every error response is
 * `{ code, message, details }` with the status of its code, whatever raised it (a handler, the
 * validator, the body parser, a limit); the schema of that body for each route's responses; and
 * the request-body check every write route starts with.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ERROR_CODES, RenxingError, type ErrorCode } from '../engine/core/errors.js';

export const ErrorSchema = Type.Object(
  {
    code: Type.String({ description: 'RX_ERR_… code' }),
    message: Type.String(),
    details: Type.Array(Type.Any(), { description: 'issues as { file, path, message }, when the input had them' }),
  },
  { description: 'every error response' },
);

/** An object schema that documents its properties and lets others through (responses grow fields). */
export const Open = (properties: Parameters<typeof Type.Object>[0], description: string) => Type.Object(properties, { additionalProperties: true, description });

/** Path parameters of a route addressed by id. */
export const IdParams = Type.Object({ id: Type.String() });

/** Response schemas for error statuses of a route. */
export const errorResponses = (...statuses: number[]): Record<number, TSchema> => Object.fromEntries(statuses.map((s) => [s, ErrorSchema]));

export const sendError = (reply: FastifyReply, code: ErrorCode, message: string, details: unknown[] = []): FastifyReply =>
  reply.code(ERROR_CODES[code].status).send({ code, message, details });

export const notFound = (what: string): RenxingError => new RenxingError('RX_ERR_NOT_FOUND', what);

/** A request body as a JSON object; anything else (text, an array, a number) is a clear 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new RenxingError('RX_ERR_INVALID_INPUT', 'the request body must be a JSON object', [{ file: 'request', path: '(root)', message: `must be a JSON object, got ${Array.isArray(body) ? 'an array' : typeof body}` }]);
  return body as Record<string, unknown>;
}

/** Installs the error and not-found handlers: coded errors as they are, Fastify's by status, anything else a logged 500 without its details. */
export function handleErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | RenxingError, _request, reply) => {
    if (error instanceof RenxingError) return sendError(reply, error.code, error.message, [...error.issues]);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 'RX_ERR_TOO_LARGE', error.message);
    if (error.statusCode !== undefined && error.statusCode < 500) return sendError(reply, 'RX_ERR_BAD_REQUEST', error.message);
    app.log.error(error);
    return sendError(reply, 'RX_ERR_INTERNAL', 'internal error');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 'RX_ERR_NOT_FOUND', `no route ${request.method} ${request.url}`));
}
