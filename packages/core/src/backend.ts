import '@tensorflow/tfjs-backend-wasm';
import { tf } from './tf';

/** Backends tsnets can run on, fastest first. */
export const BACKENDS = ['tensorflow', 'tsnets-native', 'wasm', 'cpu'] as const;

/** The packages that register a backend on import, for the backends tfjs does not know by itself. */
const PROVIDERS: Readonly<Record<string, string>> = {
  tensorflow: '@tensorflow/tfjs-node',
  'tsnets-native': '@tsnets/backend-native',
};

let chosen: Promise<string> | undefined;

/**
 * The backend tsnets set only to stand in until `ready()` chooses; any other
 * active backend was the app's choice. On `globalThis`, so every copy of
 * core in the process knows it.
 */
const STAND_IN = Symbol.for('tsnets.backend.standIn.v1');
const shared = globalThis as { [STAND_IN]?: string };

function tryRequire(name: string): boolean {
  try {
    require(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Selects the backend once: `name` when given (or `TSNETS_BACKEND`); else
 * the backend the app has already set with `tf.setBackend` (tsnets never
 * replaces an app's choice); else tfjs-node when the app has it installed,
 * else tsnets' native backend when `@tsnets/backend-native` is installed and
 * its addon built, else wasm, else cpu. Resolves to the backend's name.
 */
export function useBackend(name?: string): Promise<string> {
  const wanted = name ?? process.env.TSNETS_BACKEND;
  const current = tf.engine().backendName;
  if (!wanted && current != null && current !== shared[STAND_IN]) return Promise.resolve(current);
  if (!wanted && chosen) return chosen;
  chosen = (async () => {
    const order = wanted ? [wanted] : [...BACKENDS];
    for (const backend of order) {
      const provider = PROVIDERS[backend];
      if (provider && !tf.findBackend(backend) && !(tryRequire(provider) && tf.findBackend(backend))) continue;
      if (tf.getBackend() === backend) {
        delete shared[STAND_IN];
        return backend;
      }
      try {
        if (await tf.setBackend(backend)) {
          await tf.ready();
          quietCpu();
          delete shared[STAND_IN];
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
  if (tf.engine().backendName == null) {
    void tf.setBackend('cpu');
    shared[STAND_IN] = 'cpu';
  }
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
