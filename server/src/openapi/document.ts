import { ERROR_DEFINITIONS, ErrorBody, endpoints, type Endpoint } from '@qiaodu/shared';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  return rest as JsonSchema;
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const objectSchema = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(objectSchema.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (objectSchema.required ?? []).includes(name),
    schema: property,
  }));
}

/** JSON bodies from their schema; uploads as multipart with the file field and its size limit. */
function requestBodyOf(endpoint: Endpoint) {
  if (endpoint.upload) {
    const { field, maxBytes } = endpoint.upload;
    const schema = {
      type: 'object',
      required: [field],
      properties: { [field]: { type: 'string', format: 'binary', description: `最大 ${Math.round(maxBytes / 1024 / 1024)} MB` } },
    };
    return { requestBody: { required: true, content: { 'multipart/form-data': { schema } } } };
  }
  if (!endpoint.body) return {};
  return { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.body, 'input') } } } };
}

function operationOf(id: string, endpoint: Endpoint) {
  const errorCodes = ['VALIDATION_FAILED', ...endpoint.errors, 'INTERNAL_ERROR'] as const;
  const errorResponses: Record<string, unknown> = {};
  for (const code of errorCodes) {
    const { status, message } = ERROR_DEFINITIONS[code];
    const existing = errorResponses[String(status)] as { description: string } | undefined;
    errorResponses[String(status)] = {
      description: existing ? `${existing.description}; ${code}: ${message}` : `${code}: ${message}`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
  }
  return {
    operationId: id,
    summary: endpoint.summary,
    tags: [endpoint.tag],
    ...(endpoint.access === 'public'
      ? {}
      : {
          security: [{ bearer: [] }],
          description: endpoint.access === 'session' ? '需要登录。' : `需要登录，且需有权限 \`${endpoint.access}\`。`,
        }),
    parameters: [...parametersOf(endpoint.params, 'path'), ...parametersOf(endpoint.query, 'query')],
    ...requestBodyOf(endpoint),
    responses: {
      '200': {
        description: 'OK',
        content: endpoint.produces
          ? // A spreadsheet is bytes, a CSV text.
            { [endpoint.produces]: { schema: endpoint.produces === 'text/csv' ? { type: 'string' } : { type: 'string', format: 'binary' } } }
          : { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } },
      },
      ...errorResponses,
    },
  };
}

/** OpenAPI 3.1 generated from the same shared zod schemas the server validates with. */
export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
    const path = openApiPath(endpoint.path);
    paths[path] = { ...paths[path], [endpoint.method]: operationOf(id, endpoint) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '侨都职教商城 API',
      version,
      description:
        '侨都职教商城（江门一职职教集团）的接口。金额一律以“分”为单位的整数；错误统一为 {"error":{"code","message","details"}}。',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { ErrorBody: jsonSchema(ErrorBody, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '登录接口返回的 token' } },
    },
  };
}
