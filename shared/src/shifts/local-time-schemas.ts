/** Request fields in the school's calendar: dates and instants bounded to the years it works in. */
import { z } from 'zod';
import { Timestamp } from '../primitives';
import { isLocalDate, isWithinLocalYears } from './local-time';

const YEARS = '2000–2099 年';

/** YYYY-MM-DD, a real day between 2000 and 2099 (outside them date arithmetic would fail: 400, not 500). */
export const LocalDateText = z.string().refine(isLocalDate, { error: `日期格式应为 YYYY-MM-DD，且在 ${YEARS}之间` });

/** An ISO instant with offset, in 2000–2099 school time: PostgreSQL refuses year 0000, and nobody works in 0001. */
export const ShiftTimestamp = Timestamp.refine((value) => isWithinLocalYears(new Date(value)), { error: `时间应在 ${YEARS}之间` });
