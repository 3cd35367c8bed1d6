import type { ShiftGradingView } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { draftChanged, savedDraftOf } from './evaluationDraft';

// Only the fields the draft reads; the rest of the view does not matter here.
function viewWith(mine: { points: number; comment: string }[] | null, overall = ''): ShiftGradingView {
  return {
    myRole: 'teacher',
    rubric: { criteria: [{ id: 1 }, { id: 2 }] },
    evaluations: {
      teacher: mine && {
        overallComment: overall,
        scores: mine.map((score, index) => ({ criterionId: index + 1, points: score.points, comment: score.comment })),
      },
      mentor: null,
    },
  } as unknown as ShiftGradingView;
}

describe('evaluation draft', () => {
  it('should read the saved draft, blank when nothing was saved', () => {
    expect(savedDraftOf(viewWith(null))).toEqual({ points: { 1: undefined, 2: undefined }, comments: { 1: '', 2: '' }, overall: '' });
    expect(savedDraftOf(viewWith([{ points: 4, comment: '好' }, { points: 3, comment: '' }], '不错')).points).toEqual({ 1: 4, 2: 3 });
  });

  it('should see unsaved edits to a level, a comment or the overall comment', () => {
    const view = viewWith([{ points: 4, comment: '好' }, { points: 3, comment: '' }], '不错');
    const form = savedDraftOf(view);
    expect(draftChanged(view, form)).toBe(false);
    expect(draftChanged(view, { ...form, points: { ...form.points, 2: 4 } })).toBe(true);
    expect(draftChanged(view, { ...form, comments: { ...form.comments, 1: '很好' } })).toBe(true);
    expect(draftChanged(view, { ...form, overall: '不错！' })).toBe(true);
  });

  it('should count a first level picked with nothing saved as a change', () => {
    const view = viewWith(null);
    expect(draftChanged(view, { points: { 1: 2 }, comments: {}, overall: '' })).toBe(true);
    expect(draftChanged(view, { points: {}, comments: {}, overall: '' })).toBe(false);
  });
});
