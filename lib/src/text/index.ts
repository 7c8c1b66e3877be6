export { CJK_FILTERS, KERAS_FILTERS, Tokenizer, type CjkMode, type TokenizerOptions } from "./tokenizer.js";
export { padSequences, type PadSequencesOptions } from "./padSequences.js";
export { toCategorical } from "./toCategorical.js";
