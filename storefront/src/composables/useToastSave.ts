import type { DialogOptions } from 'vant';
import { ref } from 'vue';
import { errorMessage } from '../api/http';
import { showConfirmDialog } from '../feedback/vantDialog';
import { showToast } from '../feedback/vantToast';

/** Runs `action`; whatever it throws is told in a toast (not under the fields). */
async function runWithToast(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    showToast(errorMessage(error));
  }
}

/**
 * A save whose failure is told in a toast: `saving` is on while `send` runs (its follow-up
 * refresh included), and whatever `send` throws is shown as the toast.
 */
export function useToastSave() {
  const saving = ref(false);
  async function save(send: () => Promise<void>): Promise<void> {
    saving.value = true;
    try {
      await runWithToast(send);
    } finally {
      saving.value = false;
    }
  }
  return { saving, save };
}

/** Asks first (`dialog`); once confirmed runs `action`, a failure told in a toast. Cancelling does nothing. */
export async function confirmThenRun(dialog: DialogOptions, action: () => Promise<void>): Promise<void> {
  const confirmed = await showConfirmDialog(dialog)
    .then(() => true)
    .catch(() => false);
  if (!confirmed) return;
  await runWithToast(action);
}
