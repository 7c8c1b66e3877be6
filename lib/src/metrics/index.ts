export {
  accuracy,
  confusionMatrix,
  f1Score,
  precisionScore,
  recallScore,
  type Average,
  type PerLabelScores,
  type ConfusionMatrixOptions,
  type PrfOptions,
  type PrfResult,
  type ZeroDivision,
} from "./classification.js";
export {
  classificationReport,
  type ClassificationReport,
  type ClassificationReportOptions,
  type ClassificationReportRow,
} from "./classificationReport.js";
export { logLoss, type LogLossOptions } from "./logLoss.js";
export { type ThresholdOption } from "./predictions.js";
export { meanAbsoluteError, meanSquaredError, r2Score } from "./regression.js";
export { rocAucScore, rocCurve, type RocAucOptions, type RocCurve, type RocCurveOptions } from "./roc.js";
