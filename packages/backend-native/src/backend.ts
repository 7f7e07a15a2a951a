/**
 * The backend class: tfjs' cpu backend, whose data storage and kernels the
 * native one reuses unchanged except for the matrix products.
 */
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

/** The name the backend is registered under. */
export const BACKEND_NAME = 'tsnets-native';

/** A `MathBackendCPU` under its own name, so its kernel table can differ from 'cpu'. */
export class NativeBackend extends MathBackendCPU {}
