/**
 * The linear–nonlinear–Poisson (LNP) model as a Poisson GLM, fitted by Newton's method.
 *
 *     log λ_t = b + Σ_p X[t, p] w_p        y_t ~ Poisson(λ_t)      (λ_t: expected count in bin t)
 *
 * Maximises the penalised log-likelihood  Σ_t (y_t log λ_t − λ_t) − (ridge/2) ‖w‖²  (the bias
 * is not penalised). The objective is concave, so Newton's method with the exact Hessian
 * −Xᵀ diag(λ) X − ridge·I converges in a few iterations from b = log ȳ, w = 0.
 * Also: the Poisson log-likelihood and held-out bits per spike.
 */
import { RnnlabError, badArgument, requireAllFinite, requireFinite, requireInt } from "../core/errors";
import { checkOptions, requireFiniteResult } from "../core/options";

/** A fitted Poisson GLM. */
export interface PoissonGlm {
  bias: number;
  /** Filter weights w [P]. */
  weights: Float64Array;
  /** Newton iterations used. */
  iterations: number;
  /** Penalised log-likelihood at the solution (without the Σ log y! constant). */
  objective: number;
}

/** Options of `fitPoissonGlm`. */
export interface PoissonGlmOptions {
  /** L2 penalty on w (default 0). */
  ridge?: number;
  /** Maximum Newton iterations (default 50); not converging within them is an error. */
  maxIterations?: number;
  /** Stop when the largest Newton step is below this (default 1e-8). */
  tolerance?: number;
}

function checkDesign(where: string, X: Float64Array, P: number, counts: ArrayLike<number>): number {
  requireInt(where, "P", P);
  if (!(X instanceof Float64Array) || X.length % P !== 0) badArgument(where, "X", `a Float64Array [T, P=${P}]`, X);
  const T = X.length / P;
  if (counts.length !== T) throw new RnnlabError(`${where}: counts must have one entry per row of X (${T}), got ${counts.length}`);
  requireAllFinite(where, "X", X);
  requireAllFinite(where, "counts", counts);
  for (let t = 0; t < T; t++) if (counts[t] < 0) throw new RnnlabError(`${where}: counts must be >= 0, got ${counts[t]} at row ${t}`);
  return T;
}

/** log λ_t = b + X[t,:]·w for every row: Float64Array [T]. */
export function glmLogRate(glm: PoissonGlm, X: Float64Array): Float64Array {
  const g = glm as Partial<PoissonGlm> | null;
  if (g === null || typeof g !== "object" || !(g.weights instanceof Float64Array) || g.weights.length === 0) {
    badArgument("glmLogRate", "glm", "a fitted PoissonGlm {weights, bias} (from fitPoissonGlm)", glm);
  }
  requireAllFinite("glmLogRate", "glm.weights", glm.weights);
  requireFinite("glmLogRate", "glm.bias", glm.bias);
  const P = glm.weights.length;
  if (!(X instanceof Float64Array) || X.length % P !== 0) badArgument("glmLogRate", "X", `a Float64Array [T, P=${P}]`, X);
  const T = X.length / P;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let a = glm.bias;
    for (let p = 0; p < P; p++) a += X[t * P + p] * glm.weights[p];
    out[t] = a;
  }
  requireFiniteResult("glmLogRate", "the log-rate", out, "X or the weights too large");
  return out;
}

/** Solves A z = r for symmetric positive-definite A [n, n] (Cholesky); throws if A is not. */
function solveSpd(A: Float64Array, r: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) throw new RnnlabError("fitPoissonGlm: the Hessian is not positive definite (collinear design or no spikes); add a ridge penalty");
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j];
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = r[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * z[k];
    z[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * z[k];
    z[i] = s / L[i * n + i];
  }
  return z;
}

/**
 * Fits log λ_t = b + X[t,:]·w to counts y by maximum (penalised) likelihood.
 * @param X design matrix [T, P] row-major (e.g. `laggedDesign(x, P)`)
 * @param P number of columns
 * @param counts y [T], counts ≥ 0 with at least one spike
 */
export function fitPoissonGlm(X: Float64Array, P: number, counts: ArrayLike<number>, options: PoissonGlmOptions = {}): PoissonGlm {
  const where = "fitPoissonGlm";
  checkOptions(where, options, ["ridge", "maxIterations", "tolerance"]);
  requireAllFinite(where, "counts", counts);
  const T = checkDesign(where, X, P, counts);
  const ridge = requireFinite(where, "ridge", options.ridge ?? 0, 0);
  const maxIterations = requireInt(where, "maxIterations", options.maxIterations ?? 50);
  const tolerance = requireFinite(where, "tolerance", options.tolerance ?? 1e-8, 0);
  let total = 0;
  for (let t = 0; t < T; t++) total += counts[t];
  if (total === 0) throw new RnnlabError(`${where}: counts has no spikes; the log-rate is unbounded below`);
  const n = P + 1; // θ = [b, w]
  const theta = new Float64Array(n);
  theta[0] = Math.log(total / T);
  const row = (t: number, i: number) => (i === 0 ? 1 : X[t * P + i - 1]);
  for (let it = 1; it <= maxIterations; it++) {
    // gradient g = Σ (y − λ) z_t − ridge·w, negative Hessian H = Σ λ z zᵀ + ridge·I_w
    const g = new Float64Array(n);
    const H = new Float64Array(n * n);
    for (let t = 0; t < T; t++) {
      let a = theta[0];
      for (let p = 0; p < P; p++) a += X[t * P + p] * theta[p + 1];
      const lam = Math.exp(a);
      if (!Number.isFinite(lam)) throw new RnnlabError(`${where}: the rate overflowed at iteration ${it} (log-rate ${a}); standardize X or add a ridge penalty`);
      const e = counts[t] - lam;
      for (let i = 0; i < n; i++) {
        const zi = row(t, i);
        g[i] += e * zi;
        for (let j = 0; j <= i; j++) H[i * n + j] += lam * zi * row(t, j);
      }
    }
    for (let i = 1; i < n; i++) {
      g[i] -= ridge * theta[i];
      H[i * n + i] += ridge;
    }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) H[i * n + j] = H[j * n + i];
    const step = solveSpd(H, g, n);
    let biggest = 0;
    for (let i = 0; i < n; i++) {
      theta[i] += step[i];
      biggest = Math.max(biggest, Math.abs(step[i]));
    }
    if (biggest < tolerance) {
      const glm: PoissonGlm = { bias: theta[0], weights: theta.slice(1), iterations: it, objective: 0 };
      let wn = 0;
      for (let p = 0; p < P; p++) wn += glm.weights[p] ** 2;
      glm.objective = poissonLogLikelihood(glmLogRate(glm, X), counts) - 0.5 * ridge * wn;
      return glm;
    }
  }
  throw new RnnlabError(`${where}: Newton's method did not converge in ${maxIterations} iterations (tolerance ${tolerance}); raise maxIterations or add a ridge penalty`);
}

/** Poisson log-likelihood Σ_t (y_t x_t − e^{x_t}) of counts y under log-rates x (the Σ log y_t! constant left out). */
export function poissonLogLikelihood(logRate: ArrayLike<number>, counts: ArrayLike<number>): number {
  const where = "poissonLogLikelihood";
  requireAllFinite(where, "logRate", logRate);
  requireAllFinite(where, "counts", counts);
  if (logRate.length !== counts.length) throw new RnnlabError(`${where}: logRate (${logRate.length}) and counts (${counts.length}) must have the same length`);
  let ll = 0;
  for (let t = 0; t < counts.length; t++) ll += counts[t] * logRate[t] - Math.exp(logRate[t]);
  if (!Number.isFinite(ll)) throw new RnnlabError(`${where}: the log-likelihood is not finite (a log-rate overflows)`);
  return ll;
}

/**
 * Bits per spike: how much better the model predicts the counts than a constant rate,
 *     [ LL(model) − LL(constant r₀) ] / (ln 2 · Σ_t y_t),
 * with r₀ = `baselineRate`, the constant expected count per bin (usually the training mean).
 * 0 means no better than the mean rate; negative means worse.
 */
export function bitsPerSpike(logRate: ArrayLike<number>, counts: ArrayLike<number>, baselineRate: number): number {
  const where = "bitsPerSpike";
  requireAllFinite(where, "logRate", logRate);
  requireAllFinite(where, "counts", counts);
  if (!(baselineRate > 0) || !Number.isFinite(baselineRate)) badArgument(where, "baselineRate", "an expected count per bin > 0", baselineRate);
  let spikes = 0;
  for (let t = 0; t < counts.length; t++) spikes += counts[t];
  if (!(spikes > 0)) throw new RnnlabError(`${where}: the counts hold no spikes; bits per spike is undefined`);
  const model = poissonLogLikelihood(logRate, counts);
  const baseline = spikes * Math.log(baselineRate) - baselineRate * counts.length;
  return (model - baseline) / (Math.LN2 * spikes);
}
