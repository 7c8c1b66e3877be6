export { type Label, type LabelVector, type NumericMatrix, type NumericVector } from "./validate.js";
