import type { Db, Tx } from '@qiaodu/db';
import { PartnerInput, type ConsolePartner, type PartnerUpdate } from '@qiaodu/shared';
import type { z } from 'zod';
import { AppError } from '../../http/app-error';
import { issuesToDetails } from '../../http/validation';
import { onUniqueViolation } from '../unique-violation';
import { toConsolePartner } from './mapper';
import * as repository from './repository';

type PartnerInputData = z.output<typeof PartnerInput>;
type PartnerUpdateData = z.output<typeof PartnerUpdate>;

/** Throws PARTNER_NOT_FOUND unless every id names a partner; holds them for the transaction. */
export async function requirePartners(tx: Tx, ids: readonly number[]): Promise<void> {
  const wanted = [...new Set(ids)];
  const found = await repository.holdExistingPartners(tx, wanted);
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) throw new AppError('PARTNER_NOT_FOUND', undefined, { partnerIds: missing });
}

/**
 * A partner after an update must be one the create form would accept (a heritage partner keeps
 * its level and craft): the merged record goes through the same shared schema.
 */
function assertValidAfterUpdate(current: repository.PartnerRow, changes: PartnerUpdateData): void {
  const merged = { ...current, ...changes };
  const checked = PartnerInput.safeParse({
    slug: merged.slug,
    kind: merged.kind,
    name: merged.name,
    region: merged.region,
    intro: merged.intro,
    story: merged.story,
    heritageLevel: merged.heritageLevel,
    craft: merged.craft,
    contactName: merged.contactName,
    contactPhone: merged.contactPhone,
  });
  if (checked.success) return;
  const details = issuesToDetails(checked.error.issues).map((issue) => ({ ...issue, path: `body.${issue.path}` }));
  throw new AppError('VALIDATION_FAILED', details[0]?.message, details);
}

/** The partners admins manage; every write is one transaction and the catalog triggers tell the shop's caches. */
export function createPartnerService(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;

  async function consolePartner(executor: Db | Tx, id: number): Promise<ConsolePartner> {
    const [row] = await repository.findConsolePartners(executor, id);
    if (!row) throw new AppError('PARTNER_NOT_FOUND');
    return toConsolePartner(row);
  }

  return {
    async list(): Promise<{ items: ConsolePartner[] }> {
      return { items: (await repository.findConsolePartners(db)).map(toConsolePartner) };
    },

    create(input: PartnerInputData): Promise<ConsolePartner> {
      return onUniqueViolation(
        () =>
          db.transaction(async (tx) => {
            const id = await repository.insertPartner(tx, input);
            return consolePartner(tx, id);
          }),
        'partners_slug_key',
        'ALREADY_EXISTS',
        '已有使用这个英文标识的合作伙伴',
      );
    },

    update(id: number, changes: PartnerUpdateData): Promise<ConsolePartner> {
      return db.transaction(async (tx) => {
        const current = await repository.lockPartner(tx, id);
        if (!current) throw new AppError('PARTNER_NOT_FOUND');
        assertValidAfterUpdate(current, changes);
        await repository.updatePartner(tx, id, changes, clock());
        return consolePartner(tx, id);
      });
    },
  };
}

export type PartnerService = ReturnType<typeof createPartnerService>;
