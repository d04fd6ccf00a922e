/**
 * Without WebAssembly SIMD (simulated: WebAssembly.validate rejects the module),
 * useFastKernels() prints one line and keeps the typed-array kernels, resident matrices fall
 * back to plain loops and the dynamics keep their own loops.
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
       
      const k = require("../../../lib/kernels") as typeof import("../../../lib/kernels");
      expect(k.wasmSimdAvailable()).toBe(false);
      expect(k.createWasmKernels()).toBeNull();
      expect(k.useFastKernels().name).toBe("typed-array");
      expect(k.getKernels().name).toBe("typed-array");
      k.useFastKernels();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/WebAssembly SIMD unavailable.*typed-array/);
      warn.mockRestore();
    });
  });

  test("resident matrices run on plain loops and say why SIMD is unavailable", () => {
    jest.isolateModules(() => {
       
      const m = require("../../../lib/kernels/wasmModule") as typeof import("../../../lib/kernels/wasmModule");
       
      const w = require("../../../lib/kernels") as typeof import("../../../lib/kernels");
      expect(w.wasmSimdAvailable()).toBe(false);
      expect(m.wasmSimdUnavailableReason()).toMatch(/SIMD/);
      expect(w.residentMatVecIfFaster(new Float64Array(100 * 100), 100, 100, 10)).toBeNull();
      const mv = w.createResidentMatVec(Float64Array.from([1, 2, 3, 4]), 2, 2);
      const y = new Float64Array(2);
      mv.multiplyAccumulate(y, Float64Array.from([1, 1]));
      expect(Array.from(y)).toEqual([3, 7]);
      const h = Float64Array.from([0.5, -0.25]);
      mv.eulerTanhSteps(h, 0.1, 3);
      const ref = Float64Array.from([0.5, -0.25]);
      for (let s = 0; s < 3; s++) {
        const r = ref.map(Math.tanh);
        const jr = [r[0] + 2 * r[1], 3 * r[0] + 4 * r[1]];
        for (let i = 0; i < 2; i++) ref[i] = 0.9 * ref[i] + 0.1 * jr[i];
      }
      for (let i = 0; i < 2; i++) expect(h[i]).toBeCloseTo(ref[i], 14);
    });
  });
});
