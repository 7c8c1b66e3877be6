export { Tokenizer, type CjkMode, type TokenizerOptions } from "./tokenizer.js";
export { padSequences, type PadSequencesOptions } from "./padSequences.js";
export { toCategorical } from "./toCategorical.js";
