import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import type { EffectScope } from 'vue';
import { ApiError } from '../api/http';
import { useFormPopup } from './useFormPopup';

// Vant's toast needs a page; here it only has to be seen being called.
const showToast = vi.hoisted(() => vi.fn());
vi.mock('../feedback/vantToast', () => ({ showToast }));

let scope: EffectScope | undefined;
afterEach(() => {
  scope?.stop();
  showToast.mockReset();
});

function popupForm(initial: () => { name: string; tags: string[] }) {
  const show = ref(false);
  scope = effectScope();
  const form = scope.run(() => useFormPopup(show, initial))!;
  return { show, ...form };
}

/** Opened the way a page opens it: the reset on opening has run before anyone types. */
async function openForm(initial: () => { name: string; tags: string[] }) {
  const form = popupForm(initial);
  form.show.value = true;
  await nextTick();
  return form;
}

describe('useFormPopup', () => {
  it('should start over from the initial values each time it opens', async () => {
    let name = '天天市集';
    const { show, values, errors } = popupForm(() => ({ name, tags: [] }));
    values.value.name = '改了一半';
    errors.value = { name: '太短' };
    name = '侨都市集';

    show.value = true;
    await nextTick();
    expect(values.value).toEqual({ name: '侨都市集', tags: [] });
    expect(errors.value).toEqual({});
  });

  it("should drop a field's message once that field is edited, and only that one", async () => {
    const { values, errors } = await openForm(() => ({ name: '', tags: [] }));
    errors.value = { name: '请填写名称', tags: '至少选一个' };

    values.value.name = '天天市集';
    await nextTick();
    expect(errors.value).toEqual({ tags: '至少选一个' });
    values.value.tags = ['a'];
    await nextTick();
    expect(errors.value).toEqual({});
  });

  it('should not send while there are problems', async () => {
    const { show, errors, submit } = await openForm(() => ({ name: '', tags: [] }));
    const send = vi.fn(async () => undefined);

    await submit({ name: '请填写名称' }, send);
    expect(send).not.toHaveBeenCalled();
    expect(errors.value).toEqual({ name: '请填写名称' });
    expect(show.value).toBe(true);
  });

  it('should close once the save succeeds', async () => {
    const { show, saving, submit } = await openForm(() => ({ name: '天天市集', tags: [] }));
    let savingWhileSending = false;

    await submit({}, async () => {
      savingWhileSending = saving.value;
    });
    expect(savingWhileSending).toBe(true);
    expect(saving.value).toBe(false);
    expect(show.value).toBe(false);
  });

  it("should stay open with the server's objections under the fields, or in a toast", async () => {
    const { show, errors, submit } = await openForm(() => ({ name: '天天市集', tags: [] }));

    await submit({}, async () => {
      throw new ApiError('VALIDATION_FAILED', '名称已被使用', 400, [{ path: 'body.name', message: '名称已被使用' }]);
    });
    expect(errors.value).toEqual({ name: '名称已被使用' });
    expect(show.value).toBe(true);

    await submit({}, async () => {
      throw new ApiError('FORBIDDEN', '没有权限', 403);
    });
    expect(showToast).toHaveBeenCalledWith('没有权限');
    expect(show.value).toBe(true);
  });
});
