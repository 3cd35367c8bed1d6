import type { ShiftGradingView } from '@qiaodu/shared';

/** What the rubric form holds for one evaluation: a level and comment per criterion, and the overall comment. */
export interface EvaluationDraft {
  points: Record<number, number | undefined>;
  comments: Record<number, string>;
  overall: string;
}

/** The draft as last saved on the server (mine), or blank when I have not saved one. */
export function savedDraftOf(view: ShiftGradingView): EvaluationDraft {
  const mine = view.evaluations[view.myRole];
  const draft: EvaluationDraft = { points: {}, comments: {}, overall: mine?.overallComment ?? '' };
  for (const criterion of view.rubric?.criteria ?? []) {
    const score = mine?.scores.find((candidate) => candidate.criterionId === criterion.id);
    draft.points[criterion.id] = score?.points;
    draft.comments[criterion.id] = score?.comment ?? '';
  }
  return draft;
}

/**
 * Whether the form differs from what was saved, over the rubric's criteria only. 发布 publishes
 * the saved draft, so unsaved edits must be saved first or they would be lost.
 */
export function draftChanged(view: ShiftGradingView, form: EvaluationDraft): boolean {
  const saved = savedDraftOf(view);
  if (saved.overall !== form.overall) return true;
  return (view.rubric?.criteria ?? []).some(
    (criterion) => saved.points[criterion.id] !== form.points[criterion.id] || saved.comments[criterion.id] !== (form.comments[criterion.id] ?? ''),
  );
}
