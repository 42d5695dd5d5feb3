/**
 * Ask the browser to keep our origin's storage under pressure (otherwise IndexedDB is
 * "best-effort" and may be evicted when the disk fills). Electron grants it; plain Chromium
 * decides by engagement. https://developer.mozilla.org/en-US/docs/Web/API/StorageManager/persist
 */
export async function requestPersistentStorage(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage,
): Promise<boolean | 'unsupported'> {
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    // Some embedders throw instead of answering false; the app works either way.
    return false;
  }
}
