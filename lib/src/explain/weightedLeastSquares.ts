/**
 * Weighted least squares with an intercept: minimises Σ wᵢ (yᵢ − b − xᵢ·β)² + ridge·‖β‖² by
 * solving the normal equations with Gaussian elimination (partial pivoting) in float64.
 * Returns the intercept, the coefficients and the weighted R².
 */
export function weightedLeastSquares(
  x: number[][], y: number[], weights: number[], ridge = 0,
): { intercept: number; coefficients: number[]; r2: number } {
  const n = x.length;
  if (n === 0) throw new Error("weightedLeastSquares needs at least one row; got 0");
  if (y.length !== n || weights.length !== n) {
    throw new Error(`y and weights must have ${n} entries like x; got ${y.length} and ${weights.length}`);
  }
  const d = x[0].length + 1;
  const a = Array.from({ length: d }, () => new Float64Array(d + 1));
  for (let i = 0; i < n; i++) {
    const row = [1, ...x[i]];
    for (let p = 0; p < d; p++) {
      const wp = weights[i] * row[p];
      for (let q = 0; q < d; q++) a[p][q] += wp * row[q];
      a[p][d] += wp * y[i];
    }
  }
  for (let p = 1; p < d; p++) a[p][p] += ridge;
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    // A feature that never varies has no information: pin its coefficient at 0.
    if (Math.abs(a[col][col]) < 1e-12) {
      a[col].fill(0);
      a[col][col] = 1;
      continue;
    }
    for (let r = 0; r < d; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      if (f !== 0) for (let c = col; c <= d; c++) a[r][c] -= f * a[col][c];
    }
  }
  const beta = a.map((row, i) => row[d] / row[i]);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const mean = y.reduce((s, v, i) => s + weights[i] * v, 0) / totalWeight;
  let [residual, total] = [0, 0];
  for (let i = 0; i < n; i++) {
    const fit = beta[0] + x[i].reduce((s, v, j) => s + v * beta[j + 1], 0);
    residual += weights[i] * (y[i] - fit) ** 2;
    total += weights[i] * (y[i] - mean) ** 2;
  }
  return { intercept: beta[0], coefficients: beta.slice(1), r2: total === 0 ? 1 : 1 - residual / total };
}
