export { Recurrent, type RecurrentOptions, type Step } from './recurrent';
export { RNN, Clockwork, BCRNN, type ClockworkOptions, type BCRNNOptions } from './rnn';
export { RRNN, type RRNNOptions, type RateForm } from './rrnn';
export { GRU, MUT1 } from './gated';
export { LSTM, type LSTMOptions } from './lstm';
export { MRNN, type MRNNOptions } from './mrnn';
export { SCRN, type SCRNOptions } from './scrn';
export { Bidirectional, type BidirectionalOptions } from './bidirectional';
