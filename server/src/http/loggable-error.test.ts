import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { loggableError } from './loggable-error';

describe('loggableError', () => {
  it('should keep the query and the database code but never the parameters or the detail', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "addresses_pkey"'), {
      code: '23505',
      constraint_name: 'addresses_pkey',
      table_name: 'addresses',
      detail: 'Key (phone)=(13800005678) already exists.',
    });
    const error = new DrizzleQueryError('insert into "addresses" ("name", "phone") values ($1, $2)', ['陈晓琳', '13800005678'], cause);
    const logged = loggableError(error);
    const text = JSON.stringify(logged);
    expect(text).not.toContain('13800005678');
    expect(text).not.toContain('陈晓琳');
    expect(logged.message).toContain('insert into "addresses"');
    expect(logged.cause).toMatchObject({ code: '23505', constraint: 'addresses_pkey', table: 'addresses' });
    expect(logged.stack).toContain('loggable-error.test.ts');
  });

  it('should describe values that are not errors without printing them', () => {
    expect(loggableError({ phone: '13800005678' })).toEqual({ type: 'object', message: '[not an Error]' });
  });
});
