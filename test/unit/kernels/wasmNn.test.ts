/**
 * The engine's gradient checks and PyTorch-fixture tests (test/unit/nn), run again
 * with the WebAssembly SIMD kernels installed. The size threshold is set to 0 so that
 * every matrix product of these small test models really goes through WebAssembly
 * (with the default threshold most of them would stay on the typed-array loops).
 */
import { Kernels, getKernels, setKernels } from "../../../lib/kernels/kernels";
import { createWasmKernels } from "../../../lib/kernels/wasmKernels";

const wasm = createWasmKernels({ minMultiplyAdds: 0 });
if (!wasm) throw new Error("WebAssembly SIMD unavailable: cannot run the nn tests on the fast kernels");
let wasmProducts = 0;
const counting: Kernels = {
  ...wasm,
  matmulAccumulate(...args: Parameters<Kernels["matmulAccumulate"]>) {
    wasmProducts++;
    wasm.matmulAccumulate(...args);
  },
};
const previous = setKernels(counting);

afterAll(() => {
  setKernels(previous);
});

describe("nn on the WebAssembly SIMD kernels", () => {
  test("the SIMD kernel set is active and the suites below call it", () => {
    expect(getKernels()).toBe(counting);
  });
});

// the engine's suites, unchanged (they register their describe/test blocks here)
require("../nn/recurrentGradCheck.test");
require("../nn/torchFixtures.test");
require("../nn/layerFeatures.test");
require("../nn/headsAndLosses.test");

describe("nn on the WebAssembly SIMD kernels (after the suites)", () => {
  test("the suites' matrix products went through WebAssembly", () => {
    expect(getKernels()).toBe(counting);
    expect(wasmProducts).toBeGreaterThan(100);
  });
});
