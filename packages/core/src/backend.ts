import '@tensorflow/tfjs-backend-wasm';
import { tf } from './tf';

/** Backends tsnets can run on, fastest first. */
export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;

let chosen: Promise<string> | undefined;

function tryRequire(name: string): boolean {
  try {
    require(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Selects the backend once: `name` when given (or `TSNETS_BACKEND`), else
 * tfjs-node when the app has it installed, else wasm, else cpu. Resolves to
 * the backend's name.
 */
export function useBackend(name?: string): Promise<string> {
  const wanted = name ?? process.env.TSNETS_BACKEND;
  if (!wanted && chosen) return chosen;
  chosen = (async () => {
    const order = wanted ? [wanted] : [...BACKENDS];
    for (const backend of order) {
      if (backend === 'tensorflow' && !tf.findBackend('tensorflow') && !tryRequire('@tensorflow/tfjs-node')) continue;
      if (tf.getBackend() === backend) return backend;
      try {
        if (await tf.setBackend(backend)) {
          await tf.ready();
          quietCpu();
          return backend;
        }
      } catch {
        // try the next one
      }
    }
    throw new Error(`No usable TensorFlow.js backend among ${order.join(', ')}.`);
  })();
  return chosen;
}

/** The name of the active backend. */
export function backendName(): string {
  return tf.getBackend();
}

/**
 * Makes sure some backend is active so synchronous calls work before
 * `ready()`: when the app has not chosen one, the cpu backend (whose set-up
 * is synchronous) stands in until `ready()` picks the fastest.
 */
export function ensureSyncBackend(): void {
  if (tf.engine().backendName == null) void tf.setBackend('cpu');
  quietCpu();
}

/** The cpu backend prints a suggestion to the console on first use; a library must not print. */
function quietCpu(): void {
  const cpu = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null;
  if (cpu) cpu.firstUse = false;
}

/** Picks and initializes the fastest available backend (see `useBackend`); call once at start-up. */
export async function ready(): Promise<string> {
  return useBackend();
}
