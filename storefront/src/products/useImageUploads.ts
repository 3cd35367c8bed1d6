import { PRODUCT_GALLERY_MAX } from '@qiaodu/shared';
import type { ConsoleImage } from '@qiaodu/shared';
import { computed, onBeforeUnmount, ref, shallowRef } from 'vue';
import type { Ref } from 'vue';
import { errorMessage, isAbortError } from '../api/http';
import { uploadProductImage } from '../api/transfer';
import type { UploadHandle } from '../api/transfer';
import { galleryRoom, imageFileProblem } from './imageFiles';

export interface PendingUpload {
  key: number;
  file: File;
  preview: string;
  progress: number;
  state: 'waiting' | 'uploading' | 'failed';
  error: string;
  handle: UploadHandle | null;
}

/**
 * The gallery's upload queue: chosen files wait, upload one at a time with progress (so the
 * pictures arrive in the order chosen and a phone's link is not split), and a failed one waits
 * for a retry or removal. A finished upload joins `images`. `ensureProduct` answers the
 * product to upload to, or null when nothing is to be uploaded (the waiting files are dropped).
 */
export function useImageUploads(options: {
  teamId: () => number;
  images: Ref<ConsoleImage[]>;
  ensureProduct: () => Promise<number | null>;
  /** Tells the user what was refused before it was sent. */
  warn: (message: string) => void;
}) {
  const { images } = options;
  const pending = shallowRef<PendingUpload[]>([]);
  const busy = ref(false);
  let keys = 0;

  const room = computed(() => galleryRoom(images.value.length + pending.value.length));

  function update(item: PendingUpload, change: Partial<PendingUpload>): void {
    Object.assign(item, change);
    pending.value = [...pending.value];
  }

  function drop(item: PendingUpload): void {
    item.handle?.abort();
    URL.revokeObjectURL(item.preview);
    pending.value = pending.value.filter((other) => other !== item);
  }

  async function upload(item: PendingUpload, productId: number): Promise<void> {
    const handle = uploadProductImage({
      teamId: options.teamId(),
      productId,
      file: item.file,
      kind: 'gallery',
      onProgress: (progress) => update(item, { progress }),
    });
    update(item, { state: 'uploading', progress: 0, error: '', handle });
    try {
      const image = await handle.done;
      images.value = [...images.value, image];
      drop(item);
    } catch (error) {
      if (isAbortError(error)) return;
      update(item, { state: 'failed', error: errorMessage(error), handle: null });
    }
  }

  async function uploadWaiting(): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    try {
      const productId = await options.ensureProduct();
      if (productId === null) {
        for (const item of pending.value.filter((candidate) => candidate.state === 'waiting')) drop(item);
        return;
      }
      let next: PendingUpload | undefined;
      while ((next = pending.value.find((item) => item.state === 'waiting'))) await upload(next, productId);
    } finally {
      busy.value = false;
    }
  }

  /** Queues the files that are pictures and fit in the gallery; says why the others were left out. */
  function add(files: readonly File[]): void {
    const problems: string[] = [];
    const fitting = files.filter((file) => {
      const problem = imageFileProblem(file);
      if (problem) problems.push(problem);
      return !problem;
    });
    if (fitting.length > room.value) problems.push(`最多 ${PRODUCT_GALLERY_MAX} 张主图，多出的 ${fitting.length - room.value} 张没有上传`);
    if (problems.length) options.warn(problems.join('\n'));
    const added = fitting.slice(0, room.value).map<PendingUpload>((file) => ({
      key: ++keys,
      file,
      preview: URL.createObjectURL(file),
      progress: 0,
      state: 'waiting',
      error: '',
      handle: null,
    }));
    if (!added.length) return;
    pending.value = [...pending.value, ...added];
    void uploadWaiting();
  }

  function retry(item: PendingUpload): void {
    update(item, { state: 'waiting', error: '' });
    void uploadWaiting();
  }

  onBeforeUnmount(() => {
    for (const item of pending.value) drop(item);
  });

  return { pending, room, add, retry, drop };
}
