import { readStorage, removeStorage, writeStorage } from '../lib/storage';
import { createDetailsStore } from './detailsStore';

/** The device's bounded cache of guide details (catalog/detailsStore.ts) on Taro storage. */
export const detailsStore = createDetailsStore({
  get: (key) => readStorage<unknown>(key),
  set: (key, value) => writeStorage(key, value),
  remove: (key) => removeStorage(key),
});
