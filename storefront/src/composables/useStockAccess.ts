import { computed, toValue } from 'vue';
import type { MaybeRefOrGetter } from 'vue';
import { useSessionStore } from '../stores/useSessionStore';
import { useConsoleTeam } from './useConsoleTeam';

/**
 * What the caller may do with a team's stock, as the policy module decides it (stock.move:
 * members; stock.count.manage: the lead or a supervising teacher; admins everything). Only
 * for showing buttons: the server checks every request again.
 */
export function useStockAccess(teamId: MaybeRefOrGetter<number>) {
  const session = useSessionStore();
  const team = useConsoleTeam(() => toValue(teamId));
  const canMove = computed(() => team.isMember.value || session.isAdmin);
  const canManageCounts = computed(() => team.isLead.value || team.mine.value?.relation === 'supervisor' || session.isAdmin);
  return { team, canMove, canManageCounts };
}
