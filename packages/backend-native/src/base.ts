/**
 * The side-effect-free entry: everything of @tsnets/backend-native without
 * registering the backend (`index` registers it).
 */
import { addon, loadError, type NativeAddon } from './addon';

export { BACKEND_NAME, NativeBackend } from './backend';
export { registerNativeBackend } from './register';
export type { NativeAddon } from './addon';

/** Whether the C++ addon loaded, so the native backend can be registered. */
export function available(): boolean {
  return addon !== undefined;
}

/** Why the addon is not available (with the fix), or undefined when it is. */
export function unavailableReason(): string | undefined {
  return loadError;
}

/** The loaded addon, for benchmarks and direct GEMM calls; undefined when unavailable. */
export function nativeAddon(): NativeAddon | undefined {
  return addon;
}
