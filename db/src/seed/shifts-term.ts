import { type LocalDate } from '@qiaodu/shared';

export interface SeedTerm {
  name: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
}

/**
 * The school term a local date falls in, on the usual vocational-school calendar: the first term
 * from 1 September to mid January, the second from late February to early July. A date in a
 * holiday belongs to the term before it (its end is stretched to the day before the next term
 * starts), so the demo always has a current term whatever day it is seeded.
 */
export function termOf(date: LocalDate): SeedTerm {
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  if (monthDay >= '09-01') return firstTerm(year, date);
  if (monthDay < '02-23') return firstTerm(year - 1, date);
  const startsOn = `${year}-02-23`;
  const usualEnd = `${year}-07-10`;
  return { name: `${year - 1}–${year} 学年第二学期`, startsOn, endsOn: date > usualEnd ? `${year}-08-31` : usualEnd };
}

function firstTerm(year: number, date: LocalDate): SeedTerm {
  const usualEnd = `${year + 1}-01-17`;
  return {
    name: `${year}–${year + 1} 学年第一学期`,
    startsOn: `${year}-09-01`,
    endsOn: date > usualEnd ? `${year + 1}-02-22` : usualEnd,
  };
}
