import { computed, toValue } from 'vue';
import type { MaybeRefOrGetter } from 'vue';
import { getConsoleTeam } from '../api/console';
import { useSessionStore } from '../stores/useSessionStore';
import { useResource } from './useResource';

/**
 * The team a console page works on: its name, and the caller's other teams to switch to. Teams
 * the caller belongs to are named from `me`; an admin's other teams are looked up once.
 */
export function useConsoleTeam(teamId: MaybeRefOrGetter<number>) {
  const session = useSessionStore();
  const myTeams = computed(() => session.me?.teams ?? []);
  const mine = computed(() => myTeams.value.find((team) => team.id === toValue(teamId)) ?? null);
  const lookedUp = useResource(
    () => (mine.value ? null : toValue(teamId)),
    (id, signal) => getConsoleTeam(id, { signal }),
  );
  const name = computed(() => mine.value?.name ?? lookedUp.data.value?.name ?? '');
  const others = computed(() => myTeams.value.filter((team) => team.id !== toValue(teamId)));
  /** Whether the caller works in this team (a student member): only members change goods and stock. */
  const isMember = computed(() => mine.value?.relation === 'member');
  const isLead = computed(() => mine.value?.isLead === true);
  return { name, mine, others, isMember, isLead };
}
