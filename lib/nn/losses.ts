/**
 * Losses with their gradients, numerically stable, with optional masks.
 *
 * Each returns `{ loss, grad }` where grad = ∂loss/∂prediction has the shape of
 * the prediction. Predictions are [N, K] row-major (N rows: sequences, or
 * time steps × sequences); a mask [N] of 0/1 (or weights ≥ 0) leaves rows out,
 * and the mean runs over the unmasked entries only, as PyTorch's
 * `reduction="mean"` over the selected elements.
 */
import { RnnlabError, badArgument, requireFiniteArray } from "../core/errors";

/** A loss value and its gradient with respect to the prediction. */
export interface LossResult {
  loss: number;
  /** ∂loss/∂prediction, same shape as the prediction */
  grad: Float64Array;
}

function checkPair(where: string, pred: Float64Array, target: ArrayLike<number>, mask?: ArrayLike<number>, predName = "prediction", targetName = "target"): { N: number; K: number } {
  if (!(pred instanceof Float64Array) || pred.length === 0) badArgument(where, predName, "a non-empty Float64Array", pred);
  requireFiniteArray(where, targetName, target, pred.length, `the ${predName}'s length`);
  if (mask !== undefined) {
    requireFiniteArray(where, "mask", mask);
    if (pred.length % mask.length !== 0) {
      throw new RnnlabError(`${where}: mask must have one entry per row (${predName} length ${pred.length} is not a multiple of ${mask.length})`);
    }
  }
  const N = mask ? mask.length : pred.length;
  for (let i = 0; i < pred.length; i++) {
    if (!Number.isFinite(pred[i])) {
      throw new RnnlabError(`${where}: ${predName} must be finite, got ${pred[i]} at index ${i} (did training diverge? try gradient clipping or a smaller learning rate)`);
    }
  }
  return { N, K: pred.length / N };
}

function maskTotal(where: string, mask: ArrayLike<number> | undefined, N: number, K: number): number {
  if (!mask) return N * K;
  let s = 0;
  for (let i = 0; i < N; i++) {
    if (!(mask[i] >= 0) || !Number.isFinite(mask[i])) throw new RnnlabError(`${where}: mask must be finite and >= 0, got ${mask[i]} at row ${i}`);
    s += mask[i];
  }
  if (s <= 0) throw new RnnlabError(`${where}: mask selects no entries (all zero)`);
  return s * K;
}

/**
 * An elementwise loss averaged over the unmasked entries: L = (1/n) Σ_r m_r Σ_j ℓ_j over the K
 * entries j of each row r, n = K·Σ_r m_r (from maskTotal). `term(j, m, grad)` returns m·ℓ_j and
 * sets grad[j] = m·∂ℓ_j/∂x_j; here the gradient is divided by n.
 */
function maskedMean(length: number, N: number, K: number, n: number, mask: ArrayLike<number> | undefined, term: (j: number, m: number, grad: Float64Array) => number): LossResult {
  const grad = new Float64Array(length);
  let loss = 0;
  for (let r = 0; r < N; r++) {
    const m = mask ? mask[r] : 1;
    if (m === 0) continue;
    for (let j = r * K; j < r * K + K; j++) {
      loss += term(j, m, grad);
      grad[j] /= n;
    }
  }
  return { loss: loss / n, grad };
}

/**
 * Mean squared error: L = (1/n) Σ m_r (y − ŷ)², n = K·Σ m_r; ∂L/∂y = 2 m_r (y − ŷ)/n.
 * @param prediction y [N, K]
 * @param target ŷ [N, K]
 * @param mask optional [N] row weights (0/1)
 */
export function mseLoss(prediction: Float64Array, target: ArrayLike<number>, mask?: ArrayLike<number>): LossResult {
  const where = "mseLoss";
  const { N, K } = checkPair(where, prediction, target, mask);
  const n = maskTotal(where, mask, N, K);
  return maskedMean(prediction.length, N, K, n, mask, (j, m, grad) => {
    const e = prediction[j] - target[j];
    grad[j] = 2 * m * e;
    return m * e * e;
  });
}

/**
 * Binary cross-entropy on logits (sigmoid inside), stable for any logit:
 * ℓ(x, y) = max(x, 0) − x·y + log(1 + e^{−|x|});  ∂ℓ/∂x = σ(x) − y. Mean over unmasked entries.
 * @param logits x [N, K]
 * @param target y [N, K] in [0, 1]
 */
export function bceWithLogitsLoss(logits: Float64Array, target: ArrayLike<number>, mask?: ArrayLike<number>): LossResult {
  const where = "bceWithLogitsLoss";
  const { N, K } = checkPair(where, logits, target, mask, "logits", "target");
  for (let i = 0; i < target.length; i++) {
    if (target[i] < 0 || target[i] > 1) throw new RnnlabError(`${where}: target must be in [0, 1], got ${target[i]} at index ${i}`);
  }
  const n = maskTotal(where, mask, N, K);
  return maskedMean(logits.length, N, K, n, mask, (j, m, grad) => {
    const x = logits[j];
    const y = target[j];
    const s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    grad[j] = m * (s - y);
    return m * (Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x))));
  });
}

/**
 * Softmax cross-entropy with integer class targets, stable (log-sum-exp with the
 * row maximum subtracted): ℓ = logsumexp(x_r) − x_r[y_r]; ∂ℓ/∂x_r = softmax(x_r) − onehot(y_r).
 * Mean over unmasked rows (as PyTorch's `cross_entropy` with ignored rows).
 * @param logits x [N, K]
 * @param targets y [N], integers in [0, K)
 * @param mask optional [N] row weights (0/1)
 */
export function crossEntropyLoss(logits: Float64Array, targets: ArrayLike<number>, mask?: ArrayLike<number>): LossResult {
  const where = "crossEntropyLoss";
  if (!(logits instanceof Float64Array) || logits.length === 0) badArgument(where, "logits", "a non-empty Float64Array [N, K]", logits);
  for (let i = 0; i < logits.length; i++) {
    if (!Number.isFinite(logits[i])) {
      throw new RnnlabError(`${where}: logits must be finite, got ${logits[i]} at index ${i} (did training diverge? try gradient clipping or a smaller learning rate)`);
    }
  }
  requireFiniteArray(where, "targets", targets);
  const N = targets.length;
  if (logits.length % N !== 0) {
    throw new RnnlabError(`${where}: logits must have shape [N=${N}, K] (length a multiple of the ${N} targets), got length ${logits.length}`);
  }
  const K = logits.length / N;
  if (mask !== undefined) requireFiniteArray(where, "mask", mask, N, "one entry per target");
  for (let r = 0; r < N; r++) {
    const m = mask ? mask[r] : 1;
    if (m !== 0 && (!Number.isInteger(targets[r]) || targets[r] < 0 || targets[r] >= K)) {
      throw new RnnlabError(`${where}: targets[${r}] must be an integer class in [0, ${K - 1}], got ${targets[r]}`);
    }
  }
  const n = maskTotal(where, mask, N, 1);
  const grad = new Float64Array(logits.length);
  let loss = 0;
  for (let r = 0; r < N; r++) {
    const m = mask ? mask[r] : 1;
    if (m === 0) continue;
    const o = r * K;
    let max = -Infinity;
    for (let j = 0; j < K; j++) max = Math.max(max, logits[o + j]);
    let sum = 0;
    for (let j = 0; j < K; j++) sum += Math.exp(logits[o + j] - max);
    const lse = max + Math.log(sum);
    loss += m * (lse - logits[o + targets[r]]);
    for (let j = 0; j < K; j++) grad[o + j] = (m * Math.exp(logits[o + j] - lse)) / n;
    grad[o + targets[r]] -= m / n;
  }
  return { loss: loss / n, grad };
}

/**
 * Poisson negative log-likelihood with a log-rate input (PyTorch's `poisson_nll_loss`
 * with `log_input=True`, `full=False`): for a predicted log expected count x and an
 * observed count y ≥ 0, ℓ(x, y) = eˣ − y·x (the log y! term does not depend on x);
 * ∂ℓ/∂x = eˣ − y. Mean over unmasked entries.
 * @param logRate x [N, K], the log of the expected count per entry
 * @param counts y [N, K], counts ≥ 0
 * @param mask optional [N] row weights (0/1)
 */
export function poissonNllLoss(logRate: Float64Array, counts: ArrayLike<number>, mask?: ArrayLike<number>): LossResult {
  const where = "poissonNllLoss";
  const { N, K } = checkPair(where, logRate, counts, mask, "logRate", "counts");
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] < 0) throw new RnnlabError(`${where}: counts must be >= 0, got ${counts[i]} at index ${i}`);
  }
  const n = maskTotal(where, mask, N, K);
  return maskedMean(logRate.length, N, K, n, mask, (j, m, grad) => {
    const e = Math.exp(logRate[j]);
    if (!Number.isFinite(e)) throw new RnnlabError(`${where}: exp(logRate) overflows at index ${j} (logRate ${logRate[j]}); did training diverge?`);
    grad[j] = m * (e - counts[j]);
    return m * (e - counts[j] * logRate[j]);
  });
}
