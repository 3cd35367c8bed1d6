/** A rubric as the editor holds it before saving (the body of create/update without the post). */
export interface RubricDraft {
  name: string;
  criteria: { name: string; description: string; weight: number; levels: { points: number; label: string; descriptor: string }[] }[];
}
