import { endpoints } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from './routes';

describe('apiRoutes', () => {
  it('should match the shared endpoint definitions', () => {
    for (const [name, route] of Object.entries(apiRoutes)) {
      const endpoint = endpoints[name as keyof typeof endpoints];
      expect({ name, method: route.method, path: route.path }).toEqual({
        name,
        method: endpoint.method,
        path: endpoint.path,
      });
    }
  });
});
