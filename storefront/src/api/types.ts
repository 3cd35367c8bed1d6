import type { Endpoint } from '@qiaodu/shared';
import type { z } from 'zod';

/**
 * What a caller sends to an endpoint: the input side of its shared schemas (defaults optional).
 * Types only: the storefront never loads zod at runtime, so `zod` is a dev dependency here.
 */
export type EndpointBody<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
/** A query as the server parses it, every field optional: query strings carry no `unknown`. */
export type EndpointQuery<E> = E extends Endpoint<z.ZodType, infer Q, z.ZodType, z.ZodType> ? Partial<z.output<Q>> : never;
