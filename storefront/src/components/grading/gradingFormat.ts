import { formatBasisPoints, formatFen, type EvidenceFigure, type ShiftFinalGrade } from '@qiaodu/shared';

/** An evidence figure as the grading page shows it: minutes, a percent, yuan, 是/否 or a count. */
export function figureText(figure: EvidenceFigure): string {
  if (figure.value === null) return '—';
  switch (figure.unit) {
    case 'minutes':
      return `${figure.value} 分钟`;
    case 'permille':
      return `${(figure.value / 10).toFixed(1)}%`;
    case 'fen':
      return formatFen(figure.value);
    case 'flag':
      return figure.value ? '是' : '否';
    default:
      return String(figure.value);
  }
}

/** "87.50 分" (basis points are hundredths of a percent of full marks). */
export function scoreText(basisPoints: number | null): string {
  return basisPoints === null ? '—' : `${formatBasisPoints(basisPoints)} 分`;
}

export function finalGradeText(grade: ShiftFinalGrade): string {
  if (grade.basisPoints === null) return '待评';
  return grade.partial ? `${scoreText(grade.basisPoints)}（部分）` : scoreText(grade.basisPoints);
}
