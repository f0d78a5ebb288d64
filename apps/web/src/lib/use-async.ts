import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { ApiError } from '../api/http';

export interface AsyncState<T> {
  data: ShallowRef<T | null>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  run: () => Promise<void>;
}

/** Loading, error and data of one call, for the empty / loading / error states every screen shows. */
export function useAsync<T>(load: () => Promise<T>, options: { immediate?: boolean } = {}): AsyncState<T> {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;
  const run = async () => {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const value = await load();
      if (mine === generation) data.value = value;
    } catch (e) {
      if (mine === generation) error.value = errorText(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  };
  if (options.immediate !== false) void run();
  return { data, loading, error, run };
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return '加载失败，请稍后重试';
}
