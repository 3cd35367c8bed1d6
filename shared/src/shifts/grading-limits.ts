/**
 * Zod-free limits of the grading forms, shared by the schemas (grading.ts) and the storefront's
 * rubric form, which must not pull zod into its chunk.
 */

export const GRADING_COMMENT_MAX = 500;
export const GRADING_OVERALL_COMMENT_MAX = 1000;
export const GRADE_CHANGE_REASON_MAX = 200;
