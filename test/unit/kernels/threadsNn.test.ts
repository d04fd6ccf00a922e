/**
 * The engine's gradient checks and PyTorch-fixture tests (test/unit/nn), run again with the
 * threaded SIMD kernels installed: 2 threads, both thresholds at 0, so every matrix product with
 * at least 8 output rows of these small test models is split between the main thread and a
 * worker (the rest run on the single-thread SIMD kernels).
 */
import { Kernels, getKernels, setKernels } from "../../../lib/kernels/kernels";
import { createWasmKernels } from "../../../lib/kernels/wasmKernels";
import { createThreadedKernels } from "../../../lib/kernels/threads/threadedKernels";
import { disposeKernelThreads, kernelThreadHandoffs } from "../../../lib/kernels/threads/threadPool";

const wasm = createWasmKernels({ minMultiplyAdds: 0 });
if (!wasm) throw new Error("WebAssembly SIMD unavailable: cannot run the nn tests on the threaded kernels");
const threaded = createThreadedKernels(wasm, { threads: 2, minThreadedMultiplyAdds: 0 });
const handoffsBefore = kernelThreadHandoffs();
const previous = setKernels(threaded as Kernels);

afterAll(async () => {
  setKernels(previous);
  threaded.dispose();
  await disposeKernelThreads();
});

describe("nn on the threaded SIMD kernels (2 threads)", () => {
  test("the threaded kernel set is active", () => {
    expect(getKernels()).toBe(threaded);
    expect(getKernels().name).toBe("wasm-simd-2t");
  });
});

// the engine's suites, unchanged (they register their describe/test blocks here)
require("../nn/recurrentGradCheck.test");
require("../nn/torchFixtures.test");
require("../nn/layerFeatures.test");
require("../nn/headsAndLosses.test");

describe("nn on the threaded SIMD kernels (after the suites)", () => {
  test("the suites' products were split over the worker thread", () => {
    expect(getKernels()).toBe(threaded);
    expect(kernelThreadHandoffs() - handoffsBefore).toBeGreaterThan(50);
  });
});
