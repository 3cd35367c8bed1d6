import type { CategoryNode } from '@qiaodu/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { listCategories } from '../api/catalog';
import { errorMessage } from '../api/http';

/** The category tree changes rarely: load it once per visit and share it between pages. */
export const useCatalogStore = defineStore('catalog', () => {
  const categories = shallowRef<CategoryNode[] | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let pending: Promise<void> | null = null;

  const byId = computed(() => {
    const map = new Map<number, CategoryNode>();
    for (const root of categories.value ?? []) {
      map.set(root.id, root);
      for (const child of root.children) map.set(child.id, child);
    }
    return map;
  });

  function loadCategories(force = false): Promise<void> {
    if (categories.value && !force) return Promise.resolve();
    if (pending) return pending;
    loading.value = true;
    error.value = null;
    pending = listCategories()
      .then((result) => {
        categories.value = result.items;
      })
      .catch((caught: unknown) => {
        error.value = errorMessage(caught);
      })
      .finally(() => {
        loading.value = false;
        pending = null;
      });
    return pending;
  }

  function categoryName(id: number | undefined): string | undefined {
    return id === undefined ? undefined : byId.value.get(id)?.name;
  }

  return { categories, loading, error, byId, loadCategories, categoryName };
});
