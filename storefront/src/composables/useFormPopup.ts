import { ref, watch } from 'vue';
import type { Ref } from 'vue';
import type { FieldErrors } from '../api/fieldErrors';
import { useFormErrors } from './useFormErrors';

/**
 * A form in a popup that is opened again and again (create or edit): it starts over from
 * `initial()` each time it opens, a field's message goes as soon as that field is edited, and a
 * save closes the popup once it succeeds.
 */
export function useFormPopup<Values>(show: Ref<boolean>, initial: () => Values) {
  // `ref` would type the values as UnwrapRef<Values>, which TypeScript cannot relate back to a
  // generic Values; form values hold no refs, so the two are the same.
  const values = ref(initial()) as Ref<Values>;
  const { errors, clear, showServerError } = useFormErrors();

  watch(show, (open) => {
    if (!open) return;
    values.value = initial();
    clear();
  });

  // Whatever control edits a field (text, chips, checkboxes, a tapped cell), its message goes.
  watch(
    (): [string, unknown][] => Object.entries(values.value ?? {}),
    (now, before) => {
      const earlier = new Map(before);
      for (const [field, value] of now) if (earlier.get(field) !== value) clear(field);
    },
  );

  const saving = ref(false);
  /**
   * Shows `problems` under the fields, or else runs `send` and closes the popup; what the
   * server objects to lands under the fields too, and the popup stays open.
   */
  async function submit(problems: FieldErrors, send: () => Promise<void>): Promise<void> {
    errors.value = problems;
    if (Object.keys(problems).length) return;
    saving.value = true;
    try {
      await send();
      show.value = false;
    } catch (error) {
      showServerError(error);
    } finally {
      saving.value = false;
    }
  }

  return { values, errors, saving, submit };
}
