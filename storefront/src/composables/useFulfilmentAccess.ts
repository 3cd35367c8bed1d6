import { computed, toValue } from 'vue';
import type { MaybeRefOrGetter } from 'vue';
import { useSessionStore } from '../stores/useSessionStore';
import { useConsoleTeam } from './useConsoleTeam';

/**
 * Whether the caller does a team's shift work (order.fulfil: its members; admins), so pages
 * offer 自提核销 only to them. Per-order buttons follow the API's `can` flags instead.
 */
export function useFulfilmentAccess(teamId: MaybeRefOrGetter<number>) {
  const session = useSessionStore();
  const team = useConsoleTeam(() => toValue(teamId));
  const canFulfil = computed(() => team.isMember.value || session.isAdmin);
  return { team, canFulfil };
}
