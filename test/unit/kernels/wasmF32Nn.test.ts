/**
 * The engine's recurrent layers on the float32 kernel set ("wasm-simd-f32": products and gate
 * kernels in float32). Finite-difference gradient checks at 1e-6 (test/unit/nn) cannot hold in
 * float32: the loss itself carries float32 rounding (~1e-7 relative), which a difference quotient
 * with ε = 1e-3 turns into ~1e-4 errors. What is checked instead:
 * 1. float32 against float64: loss within 3e-6 relative and every parameter gradient within 2e-6
 *    (relative, in norm) of the float64 reference kernels' — the float64 gradients are themselves
 *    gradient-checked in test/unit/nn; every float32 kernel is called.
 * 2. a float32 finite-difference check with a step suited to float32 (five-point stencil,
 *    ε = 3e-2, tolerance 1e-2 relative, floor 1e-2): the float32 backward is the derivative of the
 *    float32 forward. Not for ReLU (a step of 3e-2 crosses its kinks).
 * Measured worst over these cases: loss 3.1e-7, gradients 2.1e-7, finite differences 1.6e-3.
 */
import { Rng } from "../../../lib/core/random";
import { Parameter, zeroGrad } from "../../../lib/core/parameter";
import { Kernels, getKernels, setKernels } from "../../../lib/kernels/kernels";
import { typedArrayKernels } from "../../../lib/kernels/typedArrayKernels";
import { createWasmKernels } from "../../../lib/kernels/wasmKernels";
import { assertGradCheck, gradCheck } from "../../../lib/nn/gradCheck";
import { RECURRENT_CELLS as cells, layerLoss } from "../nn/layerLoss";
import { SequenceBatch } from "../../../lib/nn/sequenceBatch";

const f32 = createWasmKernels({ precision: "float32" });
if (!f32) throw new Error("WebAssembly SIMD unavailable: cannot run the float32 kernel tests");
type Name = Exclude<keyof Kernels, "name">;
const NAMES: Name[] = ["matmulAccumulate", "addRowVector", "sumRowsAccumulate", "rnnActivate", "rnnActivateBackward", "lstmPointwise", "lstmPointwiseBackward", "gruPointwise", "gruPointwiseBackward"];
const calls: Record<string, number> = {};
const counting: Kernels = { ...f32 };
for (const name of NAMES) {
  calls[name] = 0;
  const f = f32[name] as (...a: unknown[]) => void;
  (counting as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
    calls[name]++;
    f(...a);
  };
}
const previous = getKernels();
afterAll(() => {
  setKernels(previous);
});

function lossAndGrads(params: Parameter[], f: () => number, kernels: Kernels): { loss: number; grads: Float64Array[] } {
  setKernels(kernels);
  try {
    zeroGrad(params);
    const loss = f();
    return { loss, grads: params.map((p) => Float64Array.from(p.grad)) };
  } finally {
    setKernels(previous);
  }
}

const norm = (a: Float64Array): number => Math.sqrt(a.reduce((s, v) => s + v * v, 0));

describe("recurrent layers on the float32 kernel set", () => {
  for (const [name, make] of cells) {
    for (const [numLayers, bidirectional, masked] of [[1, false, false], [2, true, true], [1, true, false], [2, false, true]] as const) {
      const label = `${name}, ${numLayers} layer(s), ${bidirectional ? "bi" : "uni"}directional${masked ? ", lengths 5,2,4" : ""}`;
      test(`${label}: loss and gradients within float32 accuracy of float64`, () => {
        const rng = new Rng(41 + numLayers * 3 + (bidirectional ? 1 : 0));
        const layer = make({ inputSize: 3, hiddenSize: 6, numLayers, bidirectional, rng });
        const batch: SequenceBatch = { x: rng.normalArray(5 * 3 * 3), T: 5, B: 3, D: 3, ...(masked ? { lengths: [5, 2, 4] } : {}) };
        const f = layerLoss(layer, batch, rng);
        const params = layer.parameters();
        const r64 = lossAndGrads(params, f, typedArrayKernels);
        const r32 = lossAndGrads(params, f, counting);
        expect(Math.abs(r32.loss - r64.loss)).toBeLessThanOrEqual(3e-6 * (1 + Math.abs(r64.loss)));
        expect(r32.loss).not.toBe(r64.loss); // float32 rounding is visible
        params.forEach((p, t) => {
          const diff = r32.grads[t].map((g, i) => g - r64.grads[t][i]);
          const rel = norm(diff) / Math.max(norm(r64.grads[t]), 1e-3);
          if (!(rel <= 2e-6)) expect([p.name, rel]).toEqual([p.name, "≤ 2e-6"]);
          for (const g of r32.grads[t]) if (Math.fround(g) !== g && !Number.isNaN(g)) expect([p.name, "float32 gradient", g]).toEqual([p.name, "float32 gradient", Math.fround(g)]);
        });
      });
      if (name === "rnn relu") continue;
      test(`${label}: float32 finite-difference check (ε = 3e-2, tolerance 1e-2)`, () => {
        const rng = new Rng(71 + numLayers * 3 + (bidirectional ? 1 : 0));
        const layer = make({ inputSize: 3, hiddenSize: 4, numLayers, bidirectional, rng });
        const batch: SequenceBatch = { x: rng.normalArray(5 * 3 * 3), T: 5, B: 3, D: 3, ...(masked ? { lengths: [5, 2, 4] } : {}) };
        const f = layerLoss(layer, batch, rng);
        setKernels(counting);
        try {
          const res = gradCheck(layer.parameters(), f, { rng, order: 4, eps: 3e-2, floor: 1e-2, maxPerTensor: 12 });
          assertGradCheck(res, 1e-2);
        } finally {
          setKernels(previous);
        }
      });
    }
  }

  test("every float32 kernel was called by the tests above", () => {
    for (const name of NAMES) expect([name, calls[name] > 0]).toEqual([name, true]);
  });
});
