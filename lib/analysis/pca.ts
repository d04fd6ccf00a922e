/**
 * Principal component analysis of population activity: rows are samples (time points,
 * trials), columns are units. With the centred data X̃ = X − 1 μᵀ, the covariance
 * C = X̃ᵀX̃ / (rows − 1) = V Λ Vᵀ; the components are the columns of V (largest variance
 * first), the projection of a state x is Vᵀ(x − μ).
 */
import { RnnlabError, badArgument, requireAllFinite, requireInt } from "../core/errors";
import { symmetricEigen } from "./symmetricEigen";
import { checkOptions } from "../core/options";

/** Options of `pca`. */
export interface PcaOptions {
  /** Number of components kept (default min(3, cols)). */
  components?: number;
}

/** What `pca` returns. */
export interface PcaResult {
  /** μ, the mean of every column (length cols). */
  mean: Float64Array;
  /** The kept components, unit vectors of length cols, largest variance first. */
  components: Float64Array[];
  /** Variance along every direction (all cols eigenvalues of C, descending). */
  variance: Float64Array;
  /** variance / total variance, per direction. */
  explainedRatio: Float64Array;
  /** Coordinates of a state (length cols) on the kept components. */
  project(x: ArrayLike<number>): Float64Array;
}

/** PCA of the row-major rows×cols data matrix. */
export function pca(data: ArrayLike<number>, rows: number, cols: number, options: PcaOptions = {}): PcaResult {
  checkOptions("pca", options, ["components"]);
  const where = "pca";
  requireInt(where, "rows", rows, 2);
  requireInt(where, "cols", cols, 1);
  if (!data || data.length !== rows * cols) badArgument(where, "data", `an array of rows·cols = ${rows * cols} numbers`, data);
  requireAllFinite(where, "data", data);
  const k = requireInt(where, "components", options.components ?? Math.min(3, cols), 1);
  if (k > cols) badArgument(where, "components", `at most cols = ${cols}`, k);
  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c] += data[r * cols + c] / rows;
  const cov = new Float64Array(cols * cols);
  const row = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) row[c] = data[r * cols + c] - mean[c];
    for (let i = 0; i < cols; i++) {
      const x = row[i];
      if (x === 0) continue;
      for (let j = i; j < cols; j++) cov[i * cols + j] += x * row[j];
    }
  }
  for (let i = 0; i < cols; i++) {
    for (let j = i; j < cols; j++) {
      cov[i * cols + j] /= rows - 1;
      cov[j * cols + i] = cov[i * cols + j];
    }
  }
  const { values, vectors } = symmetricEigen(cov, cols);
  const variance = values.map((v) => Math.max(v, 0));
  const total = variance.reduce((s, v) => s + v, 0);
  if (!(total > 0)) throw new RnnlabError(`${where}: the data have zero variance (every row is the same)`);
  const components = vectors.slice(0, k);
  // sign convention: the largest entry of each component is positive
  for (const v of components) {
    let big = 0;
    for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
    if (v[big] < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i];
  }
  return {
    mean,
    components,
    variance,
    explainedRatio: variance.map((v) => v / total),
    project(x) {
      if (!x || x.length !== cols) badArgument("pca.project", "x", `an array of length ${cols}`, x);
      return Float64Array.from(components, (v) => {
        let s = 0;
        for (let i = 0; i < cols; i++) s += v[i] * (x[i] - mean[i]);
        return s;
      });
    },
  };
}
