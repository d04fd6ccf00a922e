/**
 * A conformance check for kernel implementations: runs a candidate kernel set
 * and a reference (the typed-array kernels by default) on the same random
 * inputs — every matmul transpose case, odd sizes, non-zero offsets, and every
 * pointwise kernel — and reports the largest difference per kernel. A faster
 * implementation (e.g. WebAssembly SIMD) should show differences at rounding
 * level (~1e-13 relative) before it is passed to `setKernels`.
 */
import { Rng, rngOrDefault } from "../core/random";
import type { Kernels } from "./kernels";
import { typedArrayKernels } from "./typedArrayKernels";

/** Largest |candidate − reference| / (1 + |reference|) per kernel. */
export type KernelDifferences = Record<keyof Omit<Kernels, "name">, number>;

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i]));
    m = Math.max(m, Number.isNaN(d) ? Infinity : d);
  }
  return m;
}

/** Compares `candidate` with `reference` on random inputs; see the file comment. */
export function compareKernels(candidate: Kernels, reference: Kernels = typedArrayKernels, rng?: Rng): KernelDifferences {
  const r = rngOrDefault(rng);
  const out: KernelDifferences = {
    matmulAccumulate: 0,
    addRowVector: 0,
    sumRowsAccumulate: 0,
    rnnActivate: 0,
    rnnActivateBackward: 0,
    lstmPointwise: 0,
    lstmPointwiseBackward: 0,
    gruPointwise: 0,
    gruPointwiseBackward: 0,
  };
  // Runs f on copies of the arrays with each kernel set and compares all arrays afterwards.
  const run = (name: keyof KernelDifferences, arrays: Float64Array[], f: (k: Kernels, a: Float64Array[]) => void): void => {
    const a = arrays.map((x) => Float64Array.from(x));
    const b = arrays.map((x) => Float64Array.from(x));
    f(candidate, a);
    f(reference, b);
    for (let i = 0; i < a.length; i++) out[name] = Math.max(out[name], maxDiff(a[i], b[i]));
  };
  for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [16, 33, 64], [5, 130, 2], [64, 8, 129]]) {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        run("matmulAccumulate", [r.normalArray(m * n + 1), r.normalArray(m * k + 2), r.normalArray(k * n + 3)], (kk, [C, A, B]) =>
          kk.matmulAccumulate(C, 1, A, 2, B, 3, m, k, n, tA, tB),
        );
      }
    }
  }
  const B = 3;
  const H = 5;
  run("addRowVector", [r.normalArray(B * H + 1), r.normalArray(H + 2)], (kk, [M, v]) => kk.addRowVector(M, 1, B, H, v, 2));
  run("sumRowsAccumulate", [r.normalArray(H + 1), r.normalArray(B * H + 2)], (kk, [o, M]) => kk.sumRowsAccumulate(o, 1, M, 2, B, H));
  for (const relu of [false, true]) {
    run("rnnActivate", [r.normalArray(B * H + 1)], (kk, [p]) => kk.rnnActivate(p, 1, B * H, relu));
    run("rnnActivateBackward", [r.normalArray(B * H + 1), r.normalArray(B * H), r.normalArray(B * H + 2)], (kk, [h, dh, d]) =>
      kk.rnnActivateBackward(h, 1, dh, 0, d, 2, B * H, relu),
    );
  }
  const g4 = () => r.normalArray(B * 4 * H + 1, 0, 3);
  const g3 = () => r.normalArray(B * 3 * H + 1, 0, 3);
  const s = () => r.normalArray(B * H + 1);
  run("lstmPointwise", [g4(), s(), s(), s()], (kk, [g, cp, c, h]) => kk.lstmPointwise(g, 1, cp, 1, c, 1, h, 1, B, H));
  const gates = g4();
  typedArrayKernels.lstmPointwise(gates, 1, s(), 1, s(), 1, s(), 1, B, H); // valid activations
  run("lstmPointwiseBackward", [gates, s(), s(), s(), s(), g4(), s()], (kk, [g, cp, c, dh, dc, dg, dcp]) =>
    kk.lstmPointwiseBackward(g, 1, cp, 1, c, 1, dh, 1, dc, 1, dg, 1, dcp, 1, B, H),
  );
  run("gruPointwise", [g3(), g3(), s(), s(), s()], (kk, [gi, gh, hn, hp, h]) => kk.gruPointwise(gi, 1, gh, 1, hn, 1, hp, 1, h, 1, B, H));
  const ggates = g3();
  typedArrayKernels.gruPointwise(ggates, 1, g3(), 1, s(), 1, s(), 1, s(), 1, B, H);
  run("gruPointwiseBackward", [ggates, s(), s(), s(), g3(), g3(), s()], (kk, [g, hn, hp, dh, dgi, dgh, dhp]) =>
    kk.gruPointwiseBackward(g, 1, hn, 1, hp, 1, dh, 1, dgi, 1, dgh, 1, dhp, 1, B, H),
  );
  return out;
}
