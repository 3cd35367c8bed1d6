import { ref } from 'vue';
import type { Ref } from 'vue';
import { errorMessage } from '../api/http';

/**
 * The send of a console sheet that shows its problem inside the sheet (售后 decision, disposition):
 * one send at a time; on success the sheet closes before `done` reports the result; a failure's
 * message stays in the sheet so the member can read it and try again.
 */
export function useSheetSend(show: Ref<boolean>) {
  const problem = ref('');
  const sending = ref(false);

  async function run<T>(action: () => Promise<T>, done: (result: T) => void): Promise<void> {
    sending.value = true;
    try {
      const result = await action();
      show.value = false;
      done(result);
    } catch (error) {
      problem.value = errorMessage(error);
    } finally {
      sending.value = false;
    }
  }

  return { problem, sending, run };
}
