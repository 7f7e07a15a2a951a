import type { tf } from '../tf';

/** Every output tensor of a graph, by full name (`hid1:out`), in the order layers produced them. */
export type Outputs = Map<string, tf.Tensor>;
