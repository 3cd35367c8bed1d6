/**
 * A Storage kept in memory, for unit tests that run in Node, where there is no localStorage or
 * sessionStorage: stub it in with `vi.stubGlobal('window', { localStorage: memoryStorage() })`.
 */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}
