import { POST_LABELS, POSTS, MIN_HOURLY_RATE_FEN, formatFen, type ShiftSettings, type UpdateShiftSettingsBody } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { decide } from '../policy/policy';
import { loadPayRates, loadShiftRules } from '../shifts/rules';
import type { ShiftDeps } from '../shifts/deps';
import { findSettingsStamp, upsertPayRates, upsertSettings } from './settings-repository';

/**
 * The school's shift settings: limits, clock rules, the 双导师 weights and each post's pay.
 * Read through rules.ts (the same reader every shift action uses), written by admins only.
 */
export function createSettingsService({ db, clock }: ShiftDeps) {
  async function get(actor: Actor): Promise<ShiftSettings> {
    const [rules, rates, stamp] = await Promise.all([loadShiftRules(db), loadPayRates(db), findSettingsStamp(db)]);
    return {
      maxWeeklyMinutes: rules.maxWeeklyMinutes,
      maxMonthlyMinutes: rules.maxMonthlyMinutes,
      minRestMinutes: rules.minRestMinutes,
      earlyClockInMinutes: rules.earlyClockInMinutes,
      lateGraceMinutes: rules.lateGraceMinutes,
      autoCloseAfterMinutes: rules.autoCloseAfterMinutes,
      teacherWeight: rules.weights.teacher,
      mentorWeight: rules.weights.mentor,
      payRates: POSTS.map((post) => ({ post, hourlyRateFen: rates[post] })),
      updatedAt: stamp?.updatedAt.toISOString() ?? null,
      updatedByName: stamp?.updatedByName ?? null,
      can: { edit: decide(actor, 'shift.settings') === 'allow' },
    };
  }

  async function update(actor: Actor, body: UpdateShiftSettingsBody): Promise<ShiftSettings> {
    const sum = body.teacherWeight + body.mentorWeight;
    if (sum !== 100) {
      throw new AppError('SHIFT_WEIGHTS_INVALID', `校内导师与企业导师的权重之和必须等于 100%（现在是 ${sum}%）`, { teacherWeight: body.teacherWeight, mentorWeight: body.mentorWeight });
    }
    const tooLow = body.payRates.filter((rate) => rate.hourlyRateFen < MIN_HOURLY_RATE_FEN);
    if (tooLow.length > 0) {
      const posts = tooLow.map((rate) => POST_LABELS[rate.post]).join('、');
      throw new AppError('PAY_RATE_TOO_LOW', `${posts}的时薪不能低于勤工助学最低标准 ${formatFen(MIN_HOURLY_RATE_FEN)}/小时`, {
        posts: tooLow.map((rate) => rate.post),
      });
    }
    const { payRates, ...values } = body;
    const at = clock();
    await db.transaction(async (tx) => {
      await upsertSettings(tx, values, actor.userId, at);
      await upsertPayRates(tx, payRates, actor.userId, at);
    });
    return get(actor);
  }

  return { get, update };
}
