/**
 * The engine's gradient checks and PyTorch fixtures (test/unit/nn) with the WebAssembly SIMD
 * kernels installed, counting the calls of every pointwise kernel: each SIMD gate kernel (LSTM
 * forward/backward, GRU forward/backward, RNN tanh/ReLU and their backward, bias add, bias
 * sums) must really have been exercised by those suites (wasmNn.test.ts runs the full set of
 * nn suites on the SIMD kernels; this file proves the gate kernels are part of it).
 */
import { Kernels, getKernels, setKernels } from "../../../lib/kernels/kernels";
import { typedArrayKernels } from "../../../lib/kernels/typedArrayKernels";
import { createWasmKernels } from "../../../lib/kernels/wasmKernels";

const wasm = createWasmKernels({ minMultiplyAdds: 0, minPointwiseElements: 0 }); // the test models are tiny (B·H = 9…12)
if (!wasm) throw new Error("WebAssembly SIMD unavailable: cannot run the nn tests on the fast kernels");
type Pointwise = Exclude<keyof Kernels, "name" | "matmulAccumulate">;
const POINTWISE: Pointwise[] = ["addRowVector", "sumRowsAccumulate", "rnnActivate", "rnnActivateBackward", "lstmPointwise", "lstmPointwiseBackward", "gruPointwise", "gruPointwiseBackward"];
const calls: Record<string, number> = {};
const counting: Kernels = { ...wasm };
for (const name of POINTWISE) {
  calls[name] = 0;
  const f = wasm[name] as (...a: unknown[]) => void;
  (counting as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
    const relu = name.startsWith("rnnActivate") && a[a.length - 1] === true;
    calls[relu ? `${name} relu` : name] = (calls[relu ? `${name} relu` : name] ?? 0) + 1;
    f(...a);
  };
}
const previous = setKernels(counting);

afterAll(() => {
  setKernels(previous);
});

// the engine's suites, unchanged (they register their describe/test blocks here)
require("../nn/recurrentGradCheck.test");
require("../nn/torchFixtures.test");

describe("SIMD gate kernels inside the engine's gradient checks and PyTorch fixtures", () => {
  test("every SIMD pointwise kernel (not the typed-array one) was called by the suites above", () => {
    expect(getKernels()).toBe(counting);
    for (const name of POINTWISE) {
      expect([name, wasm[name] !== typedArrayKernels[name]]).toEqual([name, true]);
      expect([name, calls[name] > 0]).toEqual([name, true]);
    }
    expect(calls["rnnActivate relu"]).toBeGreaterThan(0);
    expect(calls["rnnActivateBackward relu"]).toBeGreaterThan(0);
  });
});
