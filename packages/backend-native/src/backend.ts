/**
 * The backend class: tfjs' cpu backend, whose data storage and kernels the
 * native one reuses except for those the addon replaces.
 */
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

/** The name the backend is registered under. */
export const BACKEND_NAME = 'tsnets-native';

/** A `MathBackendCPU` under its own name, so its kernel table can differ from 'cpu'. */
export class NativeBackend extends MathBackendCPU {
  constructor() {
    super();
    // The cpu backend prints advice to install tfjs-node on first use; a library must not print.
    (this as unknown as { firstUse: boolean }).firstUse = false;
  }
}
