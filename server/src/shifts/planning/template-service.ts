import type { ShiftTemplate, ShiftTemplateInput, ShiftTemplatePatch } from '@qiaodu/shared';
import type { z } from 'zod';
import { AppError } from '../../http/app-error';
import { requireTeam } from '../../inventory/team-scope';
import type { Actor } from '../../policy/actor';
import type { ShiftDeps } from '../deps';
import { toTemplate } from './mapper';
import * as repo from './repository';

/** Weekly slots of a team's posts; editing one never changes shifts already generated (they copy). */
export function createTemplateService({ db, clock }: ShiftDeps) {
  return {
    async list(teamId: number, includeRetired: boolean) {
      await requireTeam(db, teamId);
      return { items: (await repo.listTemplates(db, teamId, includeRetired)).map(toTemplate) };
    },

    async create(actor: Actor, teamId: number, input: z.output<typeof ShiftTemplateInput>): Promise<ShiftTemplate> {
      await requireTeam(db, teamId);
      return toTemplate(await repo.insertTemplate(db, teamId, input, actor.userId));
    },

    /** The merged start and end must still make a shift within one day. */
    async update(teamId: number, templateId: number, patch: z.output<typeof ShiftTemplatePatch>): Promise<ShiftTemplate> {
      return db.transaction(async (tx) => {
        const current = await repo.lockTemplate(tx, teamId, templateId);
        if (!current) {
          await requireTeam(tx, teamId);
          throw new AppError('SHIFT_TEMPLATE_NOT_FOUND');
        }
        if (!current.active) throw new AppError('INVALID_STATE', '已停用的模板不能修改');
        const start = patch.startMinute ?? current.startMinute;
        const end = patch.endMinute ?? current.endMinute;
        if (end <= start) {
          const message = '结束时间必须晚于开始时间（班次不能跨过午夜）';
          throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.endMinute', message }]);
        }
        const row = await repo.updateTemplate(tx, teamId, templateId, patch, clock());
        return toTemplate(row!);
      });
    },

    async retire(teamId: number, templateId: number): Promise<ShiftTemplate> {
      return db.transaction(async (tx) => {
        const current = await repo.lockTemplate(tx, teamId, templateId);
        if (!current) {
          await requireTeam(tx, teamId);
          throw new AppError('SHIFT_TEMPLATE_NOT_FOUND');
        }
        if (!current.active) throw new AppError('INVALID_STATE', '这个模板已经停用');
        return toTemplate((await repo.updateTemplate(tx, teamId, templateId, { active: false }, clock()))!);
      });
    },
  };
}
