import type { Db } from '@qiaodu/db';
import { ADDRESS_BOOK_MAX, type Address, type AddressInput, type AddressList } from '@qiaodu/shared';
import type { z } from 'zod';
import { AppError } from '../http/app-error';
import { createAddressRepository, type AddressFields, type AddressRow } from './address-repository';

type ParsedAddress = z.output<typeof AddressInput>;

export function toAddress(row: AddressRow): Address {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    areaCode: row.areaCode,
    province: row.province,
    city: row.city,
    county: row.county,
    detail: row.detail,
    isDefault: row.isDefault,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The parsed area code carries the region's names (see AreaCode in shared). */
function fieldsOf(input: ParsedAddress): AddressFields {
  return { ...input.areaCode, name: input.name, phone: input.phone, detail: input.detail };
}

/** A customer's address book: at most 20, and exactly one default while any exist. */
export function createAddressService(db: Db, clock: () => Date) {
  const repository = createAddressRepository(db);

  return {
    async list(userId: number): Promise<AddressList> {
      return { items: (await repository.list(userId)).map(toAddress), max: ADDRESS_BOOK_MAX };
    },

    async get(userId: number, id: number): Promise<Address> {
      const row = await repository.find(db, userId, id);
      if (!row) throw new AppError('ADDRESS_NOT_FOUND');
      return toAddress(row);
    },

    create(userId: number, input: ParsedAddress): Promise<Address> {
      const fields = fieldsOf(input);
      return db.transaction(async (tx) => {
        await repository.lockOwner(tx, userId);
        const existing = await repository.countOf(tx, userId);
        if (existing >= ADDRESS_BOOK_MAX) throw new AppError('ADDRESS_LIMIT_REACHED');
        // The first address is the default whatever the form said: checkout needs one.
        const isDefault = existing === 0 || input.isDefault === true;
        if (isDefault) await repository.clearDefault(tx, userId);
        return toAddress(await repository.insert(tx, userId, fields, isDefault, clock()));
      });
    },

    update(userId: number, id: number, input: ParsedAddress): Promise<Address> {
      const fields = fieldsOf(input);
      return db.transaction(async (tx) => {
        await repository.lockOwner(tx, userId);
        if (input.isDefault === true) await repository.clearDefault(tx, userId, id);
        const row = await repository.update(tx, userId, id, { ...fields, ...(input.isDefault === undefined ? {} : { isDefault: input.isDefault }) }, clock());
        if (!row) throw new AppError('ADDRESS_NOT_FOUND');
        if (row.isDefault) return toAddress(row);
        // Turning the default off hands it to another address; an only address stays default.
        await repository.ensureDefault(tx, userId, id);
        return toAddress((await repository.find(tx, userId, id)) ?? row);
      });
    },

    setDefault(userId: number, id: number): Promise<Address> {
      return db.transaction(async (tx) => {
        await repository.lockOwner(tx, userId);
        await repository.clearDefault(tx, userId, id);
        const row = await repository.update(tx, userId, id, { isDefault: true }, clock());
        if (!row) throw new AppError('ADDRESS_NOT_FOUND');
        return toAddress(row);
      });
    },

    remove(userId: number, id: number): Promise<void> {
      return db.transaction(async (tx) => {
        await repository.lockOwner(tx, userId);
        if (!(await repository.remove(tx, userId, id))) throw new AppError('ADDRESS_NOT_FOUND');
        await repository.ensureDefault(tx, userId);
      });
    },
  };
}

export type AddressService = ReturnType<typeof createAddressService>;
