/**
 * The backend class: tfjs' cpu backend, whose data storage and kernels the
 * native one reuses except for those the addon replaces, plus a pool that
 * recycles the native kernels' output arrays (see pool.ts).
 */
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendValues, DataId, DataType } from '@tensorflow/tfjs-core';
import { BufferPool, DEFAULT_POOL_MB } from './pool';

/** The name the backend is registered under. */
export const BACKEND_NAME = 'tsnets-native';

/** A `MathBackendCPU` under its own name, so its kernel table can differ from 'cpu'. */
export class NativeBackend extends MathBackendCPU {
  /** Where the native kernels take their output arrays from. */
  readonly pool: BufferPool;

  /** @param poolMegabytes the most free memory kept for reuse; 0 allocates every output anew. */
  constructor(poolMegabytes = DEFAULT_POOL_MB) {
    super();
    // The cpu backend prints advice to install tfjs-node on first use; a library must not print.
    (this as unknown as { firstUse: boolean }).firstUse = false;
    this.pool = new BufferPool(poolMegabytes * 2 ** 20);
  }

  override write(values: BackendValues, shape: number[], dtype: DataType): DataId {
    const dataId = super.write(values, shape, dtype);
    this.pool.retain(values);
    return dataId;
  }

  override move(dataId: DataId, values: BackendValues, shape: number[], dtype: DataType, refCount: number): void {
    super.move(dataId, values, shape, dtype, refCount);
    this.pool.retain(values);
  }

  override readSync(dataId: DataId): BackendValues {
    const values = super.readSync(dataId);
    // The caller keeps these values: they must never be overwritten by a later kernel.
    this.pool.expose(this.data.get(dataId).values);
    return values;
  }

  override disposeData(dataId: DataId, force = false): boolean {
    // `data.get` of an unknown id would fetch it from another backend: ask `has` first.
    const values = this.data.has(dataId) ? this.data.get(dataId).values : undefined;
    const disposed = super.disposeData(dataId, force);
    if (values !== undefined && !this.data.has(dataId)) this.pool.release(values);
    return disposed;
  }

  override dispose(): void {
    this.pool.clear();
    super.dispose();
  }
}
