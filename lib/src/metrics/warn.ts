/**
 * Reports a scikit-learn `UndefinedMetricWarning` on stderr, where both the kernel and a test
 * runner show it, without stopping the computation (scikit-learn warns and carries on too).
 */
export function warnUndefinedMetric(message: string): void {
  console.warn(`UndefinedMetricWarning: ${message}`);
}
