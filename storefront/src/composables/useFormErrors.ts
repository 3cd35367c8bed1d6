import { ref } from 'vue';
import { fieldErrorsOf } from '../api/fieldErrors';
import type { FieldErrors } from '../api/fieldErrors';
import { errorMessage } from '../api/http';
import { showToast } from '../feedback/vantToast';

/**
 * Messages under a form's fields: the client's own checks and the server's VALIDATION_FAILED
 * details alike. Anything that is not about a field is shown as a toast.
 */
export function useFormErrors() {
  const errors = ref<FieldErrors>({});

  function clear(field?: string): void {
    if (field === undefined) errors.value = {};
    else if (errors.value[field]) errors.value = Object.fromEntries(Object.entries(errors.value).filter(([key]) => key !== field));
  }

  /** Shows what the server said: under the fields it names, else as a toast. */
  function showServerError(error: unknown): void {
    const fields = fieldErrorsOf(error);
    const { '': general, ...byField } = fields ?? {};
    errors.value = byField;
    if (!fields || Object.keys(byField).length === 0) showToast(general ?? errorMessage(error));
  }

  return { errors, clear, showServerError };
}
