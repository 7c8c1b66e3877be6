/** One trainable array with its gradient; optimizers update `value` in place from `grad`. */
export interface Parameter {
  readonly name: string;
  readonly value: Float64Array;
  readonly grad: Float64Array;
}
