/**
 * Every user-facing text of @tsnets/backend-native, as small functions.
 */

/** Why the addon is missing: it was never built, or it failed to load. */
export function addonNotLoaded(file: string, cause: string): string {
  return (
    `The native addon ${file} could not be loaded (${cause}). ` +
    'Build it with `npx node-gyp rebuild` in the @tsnets/backend-native folder (needs python3, make and a C++17 ' +
    "compiler), or use the 'cpu' or 'wasm' backend."
  );
}

/** The addon was turned off on purpose. */
export function addonDisabled(variable: string): string {
  return `The native backend is turned off by ${variable}; unset it to use the addon.`;
}

/** The pool size variable holds something other than a number of megabytes. */
export function badPoolSize(variable: string, value: string): string {
  return (
    `${variable} must be a number of megabytes >= 0 (the free memory kept to reuse for kernel outputs; 0 for none), ` +
    `got '${value}'. Unset it for the default, or set e.g. ${variable}=64.`
  );
}
