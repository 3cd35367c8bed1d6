import type { Db, Tx } from '@qiaodu/db';
import type { Post, RubricDetail, RubricList } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { toRubricDetail, toRubricSummary } from './mapper';
import * as repo from './rubric-repository';

interface RubricDeps {
  db: Db;
  clock: () => Date;
}

type ParsedCriteria = repo.CriterionInput[];

/**
 * 评分量表: templates per post whose content lives in frozen versions. Editing always writes a
 * new version, so the versions evaluations were graded with stay exactly as they were.
 */
export function createRubricService({ db, clock }: RubricDeps) {
  async function detail(executor: Db | Tx, templateId: number): Promise<RubricDetail> {
    const template = await repo.findTemplate(executor, templateId);
    if (!template) throw new AppError('RUBRIC_NOT_FOUND');
    const version = await repo.findVersion(executor, template.latestVersionId);
    if (!version) throw new Error(`rubric ${templateId} has no version`);
    return toRubricDetail(template, version, await repo.criteriaOf(executor, [version.id]));
  }

  /** Locks the template and refuses an archived one (nothing more may be done to it). */
  async function lockLive(tx: Tx, templateId: number) {
    const template = await repo.lockTemplate(tx, templateId);
    if (!template) throw new AppError('RUBRIC_NOT_FOUND');
    if (template.archivedAt) throw new AppError('RUBRIC_ARCHIVED');
    return template;
  }

  return {
    async list(filter: { post?: Post; includeArchived?: boolean }): Promise<RubricList> {
      const rows = await repo.listTemplates(db, { post: filter.post, includeArchived: filter.includeArchived ?? false });
      const criteria = await repo.criteriaOf(db, rows.map((row) => row.latestVersionId));
      const counts = new Map<number, number>();
      for (const criterion of criteria) counts.set(criterion.versionId, (counts.get(criterion.versionId) ?? 0) + 1);
      return { items: rows.map((row) => toRubricSummary(row, counts.get(row.latestVersionId) ?? 0)) };
    },

    get: (templateId: number) => detail(db, templateId),

    async create(actor: Actor, body: { post: Post; name: string; criteria: ParsedCriteria }): Promise<RubricDetail> {
      return db.transaction(async (tx) => {
        const templateId = await repo.insertTemplate(tx, { post: body.post, name: body.name, createdBy: actor.userId });
        await repo.insertVersion(tx, templateId, 1, body.criteria, actor.userId);
        return detail(tx, templateId);
      });
    },

    async update(actor: Actor, templateId: number, body: { name: string; criteria: ParsedCriteria }): Promise<RubricDetail> {
      return db.transaction(async (tx) => {
        await lockLive(tx, templateId);
        await repo.renameTemplate(tx, templateId, body.name, clock());
        await repo.insertVersion(tx, templateId, await repo.nextVersionNumber(tx, templateId), body.criteria, actor.userId);
        return detail(tx, templateId);
      });
    },

    async setDefault(templateId: number): Promise<RubricDetail> {
      return db.transaction(async (tx) => {
        const template = await lockLive(tx, templateId);
        if (!template.isDefault) {
          await repo.lockDefaultsOf(tx, template.post);
          await repo.makeDefault(tx, template.post, templateId, clock());
        }
        return detail(tx, templateId);
      });
    },

    async archive(templateId: number): Promise<RubricDetail> {
      return db.transaction(async (tx) => {
        const template = await lockLive(tx, templateId);
        // Every post keeps a default, so a new place always has a rubric to be graded with.
        if (template.isDefault) throw new AppError('RUBRIC_IS_DEFAULT');
        await repo.archive(tx, templateId, clock());
        return detail(tx, templateId);
      });
    },
  };
}

