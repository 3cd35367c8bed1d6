import type { z } from 'zod';
import type { Access } from './access';
import type { ErrorCode } from './errors';
import type { Route } from './routes';

/**
 * One API endpoint, described once: the server validates with it, the OpenAPI document is
 * generated from it, and the storefront's typed client calls through it.
 */
export interface Endpoint<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
  A extends Access = Access,
> extends Route {
  summary: string;
  tag: string;
  /** Who may call it; the server's policy module enforces this before the handler runs. */
  access: A;
  params?: Params;
  query?: Query;
  body?: Body;
  response: Response;
  /** Codes this endpoint may answer with besides VALIDATION_FAILED and INTERNAL_ERROR. */
  errors: readonly ErrorCode[];
  /** The body is multipart/form-data with a file in this field (the handler streams it). */
  upload?: { field: string; maxBytes: number };
  /** The answer is not JSON but this type (a CSV or XLSX export); `response` then describes nothing. */
  produces?: 'text/csv' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}

export function defineEndpoint<
  Params extends z.ZodType = z.ZodNever,
  Query extends z.ZodType = z.ZodNever,
  Body extends z.ZodType = z.ZodNever,
  Response extends z.ZodType = z.ZodType,
  A extends Access = Access,
>(endpoint: Endpoint<Params, Query, Body, Response, A>): Endpoint<Params, Query, Body, Response, A> {
  return endpoint;
}

export type EndpointResponse<E> = E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.infer<R> : never;

/** What a caller sends to an endpoint: the input side of its body schema (defaults optional). */
export type EndpointBody<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
/** A query as the server parses it, every field optional: query strings carry no `unknown`. */
export type EndpointQuery<E> = E extends Endpoint<z.ZodType, infer Q, z.ZodType, z.ZodType> ? Partial<z.output<Q>> : never;
