/**
 * Without WebAssembly SIMD (simulated: WebAssembly.validate rejects the module),
 * useFastKernels() prints one line and keeps the typed-array kernels, and resident
 * matrices fall back to plain loops.
 */
describe("fallback when WebAssembly SIMD is unavailable", () => {
  const realValidate = WebAssembly.validate;
  beforeAll(() => {
    (WebAssembly as { validate: (b: BufferSource) => boolean }).validate = () => false;
  });
  afterAll(() => {
    (WebAssembly as { validate: (b: BufferSource) => boolean }).validate = realValidate;
  });

  test("useFastKernels installs the typed-array kernels with a one-line notice (printed once)", () => {
    jest.isolateModules(() => {
      const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
      const sel = require("../../../lib/kernels/selectKernels") as typeof import("../../../lib/kernels/selectKernels");
      const k = require("../../../lib/kernels/kernels") as typeof import("../../../lib/kernels/kernels");
      const w = require("../../../lib/kernels/wasmKernels") as typeof import("../../../lib/kernels/wasmKernels");
      expect(w.wasmSimdAvailable()).toBe(false);
      expect(w.wasmSimdUnavailableReason()).toMatch(/SIMD/);
      expect(w.createWasmKernels()).toBeNull();
      expect(sel.useFastKernels().name).toBe("typed-array");
      expect(k.getKernels().name).toBe("typed-array");
      sel.useFastKernels();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/WebAssembly SIMD unavailable.*typed-array/);
      const mv = w.createResidentMatVec(Float64Array.from([1, 2, 3, 4]), 2, 2);
      const y = new Float64Array(2);
      mv.multiplyAccumulate(y, Float64Array.from([1, 1]));
      expect(Array.from(y)).toEqual([3, 7]);
      warn.mockRestore();
    });
  });
});
