import type { LevelsByGlob, RegularizerValue } from '@tsnets/core';
import type { BernoulliDropoutOptions } from './bernoulli-dropout';
import type { ContractiveOptions } from './contractive';
import type { GaussianNoiseOptions } from './gaussian-noise';

// The built-in keywords, added to core's keyword map by declaration merging,
// as a plugin adds its own: `train` options and `predict`'s keywords then
// type-check each one and show its meaning in an editor.
declare module '@tsnets/core' {
  interface RegularizerKeywords {
    /** Mean absolute value of the matched weight matrices (rank > 1; biases are left out) times the weight. Default pattern `*`. */
    weight_l1?: RegularizerValue;
    /** Alias of `weight_l1`. */
    weight_sparsity?: RegularizerValue;
    /** Mean square of the matched weight matrices (rank > 1; biases are left out) times the weight. Default pattern `*`. */
    weight_l2?: RegularizerValue;
    /** Alias of `weight_l2`. */
    weight_decay?: RegularizerValue;
    /** Mean absolute activation of the matched outputs (default: every hidden layer's `:out`) times the weight. */
    hidden_l1?: RegularizerValue;
    /** Alias of `hidden_l1`. */
    hidden_sparsity?: RegularizerValue;
    /** Mean squared derivative of the hidden outputs by the inputs (`wrt`) times the weight. */
    contractive?: RegularizerValue<ContractiveOptions>;
    /** Gaussian noise of this standard deviation on the input layers' outputs, in training steps. */
    input_noise?: RegularizerValue<GaussianNoiseOptions>;
    /** Gaussian noise of this standard deviation on the hidden layers' outputs, in training steps. */
    hidden_noise?: RegularizerValue<GaussianNoiseOptions>;
    /** Gaussian noise of this standard deviation on the last layer's output, in training steps. */
    output_noise?: RegularizerValue<GaussianNoiseOptions>;
    /** Gaussian noise by glob over output names: `{ 'hid?:out': 0.1 }`. */
    noise?: LevelsByGlob;
    /** Alias of `noise`. */
    gaussian_noise?: LevelsByGlob;
    /** Dropout at this rate on the input layers' outputs, in training steps. */
    input_dropout?: RegularizerValue<BernoulliDropoutOptions>;
    /** Dropout at this rate on the hidden layers' outputs, in training steps. */
    hidden_dropout?: RegularizerValue<BernoulliDropoutOptions>;
    /** Dropout at this rate on the last layer's output, in training steps. */
    output_dropout?: RegularizerValue<BernoulliDropoutOptions>;
    /** Squared change of the squared state norm between time steps of the outputs `pattern` names (required). */
    recurrent_norm?: RegularizerValue;
    /** Squared change of the state between time steps of the outputs `pattern` names (required). */
    recurrent_state?: RegularizerValue;
    /** Dropout of whole feature maps (each channel of each example) at this rate on the hidden convolution and pooling outputs, in training steps. */
    spatial_dropout?: RegularizerValue<BernoulliDropoutOptions>;
    /** Dropout by glob over output names: `{ 'hid?:out': 0.2 }`. */
    dropout?: LevelsByGlob;
    /** Alias of `dropout`. */
    bernoulli_dropout?: LevelsByGlob;
  }
}
