import type { ConsolePartner } from '@qiaodu/shared';
import type { ConsolePartnerRow } from './repository';

/** Staff's view of a partner: unlike the shop's, it carries the contact details. */
export function toConsolePartner(row: ConsolePartnerRow): ConsolePartner {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    region: row.region,
    intro: row.intro,
    story: row.story,
    heritageLevel: row.heritageLevel,
    craft: row.craft,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    productCount: row.productCount,
    mentorCount: row.mentorCount,
  };
}
