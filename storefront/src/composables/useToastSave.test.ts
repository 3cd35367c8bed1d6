import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import { confirmThenRun, useToastSave } from './useToastSave';

// Vant's toast and dialog need a page; here they only have to be seen being called.
const { showToast, showConfirmDialog } = vi.hoisted(() => ({ showToast: vi.fn(), showConfirmDialog: vi.fn() }));
vi.mock('../feedback/vantToast', () => ({ showToast }));
vi.mock('../feedback/vantDialog', () => ({ showConfirmDialog }));

beforeEach(() => {
  showToast.mockReset();
  showConfirmDialog.mockReset();
});

describe('useToastSave', () => {
  it('should hold saving while the send (and its refresh) runs, and toast nothing on success', async () => {
    const { saving, save } = useToastSave();
    let finish!: () => void;
    const running = save(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(saving.value).toBe(true);
    finish();
    await running;
    expect(saving.value).toBe(false);
    expect(showToast).not.toHaveBeenCalled();
  });

  it("should toast the server's message when the send fails, and stop saving", async () => {
    const { saving, save } = useToastSave();
    await save(async () => {
      throw new ApiError('FORBIDDEN', '没有权限', 403);
    });
    expect(showToast).toHaveBeenCalledWith('没有权限');
    expect(saving.value).toBe(false);
  });

  it('should run the action only once confirmed, telling a failure in a toast', async () => {
    const action = vi.fn(async () => {
      throw new ApiError('FORBIDDEN', '没有权限', 403);
    });
    showConfirmDialog.mockRejectedValueOnce('cancel');
    await confirmThenRun({ title: '删除' }, action);
    expect(action).not.toHaveBeenCalled();

    showConfirmDialog.mockResolvedValueOnce('confirm');
    await confirmThenRun({ title: '删除' }, action);
    expect(showConfirmDialog).toHaveBeenCalledWith({ title: '删除' });
    expect(action).toHaveBeenCalledOnce();
    expect(showToast).toHaveBeenCalledWith('没有权限');
  });
});
