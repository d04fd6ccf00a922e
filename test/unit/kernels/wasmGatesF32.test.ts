/**
 * The float32 kernel set ("wasm-simd-f32", `createWasmKernels({ precision: "float32" })`):
 * pointwise kernels in f32x4 (wasm/gates/gatesF32.as.ts) and products accumulated in float32.
 *
 * Reference: the typed-array kernels' arithmetic evaluated in float32, i.e. with Math.fround
 * after every operation and on every operand (exact emulation of float32 +, −, ×, ÷), σ and
 * tanh correctly rounded (Math.fround of the float64 function of the float32 argument).
 * - Every value a float32 kernel writes must be a float32 value (Math.fround(x) === x), guard
 *   cells outside the operands untouched, inputs unchanged.
 * - Kernels without exp/tanh (GRU backward, RNN backward, ReLU, bias add, bias sums): the same
 *   bits as the emulation (Object.is: NaN and the sign of zero count).
 * - Kernels with σ/tanh: within TOL = 1e-6 relative (≈ 8 float32 ulps; measured worst 2.5e-7)
 *   plus TOL times the scale of the terms that can cancel, and σ tails (|x| > 87, where the
 *   float32 exp is clamped) within 1e-37 absolute; non-finite results identical.
 * - Products: C rounded to float32, then accumulated in float32: within 1e-5 of Σ|a||b| + |C|
 *   of the exact float64 result; the same bits whether C (and A, B) arrive rounded or not.
 * - The set runs every call in WebAssembly (no float64 typed-array path for small calls).
 */
import { Rng } from "../../../lib/core/random";
import type { Kernels } from "../../../lib/kernels/kernels";
import { typedArrayKernels } from "../../../lib/kernels/typedArrayKernels";
import { createWasmKernels } from "../../../lib/kernels/wasmKernels";

const f32 = createWasmKernels({ precision: "float32" })!; // default options: float32 ignores the size thresholds
const ref = typedArrayKernels;
const rng = new Rng(3232);
const fr = Math.fround;
const TOL = 1e-6;
const SHAPES: [number, number][] = [[1, 1], [1, 2], [1, 3], [3, 5], [2, 7], [16, 32], [4, 33], [5, 64], [3, 6]];
/** float32 specials: tiny (→ 0), subnormal, the clamp edges of the float32 exp, huge (→ ∞), ±∞, NaN. */
const SPECIALS = [0, -0, 1e-46, -1e-40, 1e-10, -1e-10, 0.3466, -0.3466, 9, -9, 20, -20, 43, -44, 87, -88, 100, -104, 1e30, -1e30, 1e39, -1e39, Infinity, -Infinity, NaN];
const P = 3; // offset of every operand (guard cells before and after must not change)

function operand(n: number, sd: number, specials: boolean, pad = P): Float64Array {
  const a = rng.normalArray(n + 2 * pad, 0, sd);
  if (specials) for (let i = 0; i < SPECIALS.length && i < n; i++) a[pad + ((i * 7919) % n)] = SPECIALS[i];
  return a;
}

function expectSameBits(label: string, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([label, i, a[i]]).toEqual([label, i, b[i]]);
}

/** Every entry in [P, P + n) is a float32 value; guard cells equal `before`'s. */
function expectFloat32(label: string, a: Float64Array, before: Float64Array, n: number): void {
  for (let i = 0; i < a.length; i++) {
    if (i >= P && i < P + n) {
      if (!Object.is(fr(a[i]), a[i])) expect([label, "not float32", i, a[i]]).toEqual([label, "not float32", i, fr(a[i])]);
    } else if (!Object.is(a[i], before[i])) expect([label, "guard", i, a[i]]).toEqual([label, "guard", i, before[i]]);
  }
}

let worstSeen = 0;
/**
 * |a − b| ≤ TOL·(|b| + scale(i)) where scale(i) ≥ 0 is the size of the terms that can cancel, or
 * (scale(i) < 0) |a − b| ≤ −scale(i) absolutely (σ tails); identical when b is not finite.
 */
function expectClose(label: string, a: Float64Array, b: Float64Array, scale: (i: number) => number): void {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isFinite(y)) {
      const err = Math.abs(x - y);
      const s = scale(i);
      const bound = s < 0 ? Math.max(-s, TOL * Math.abs(y)) : TOL * (Math.abs(y) + s);
      if (err > 0 && s >= 0 && Math.abs(y) + s > 1e-30) worstSeen = Math.max(worstSeen, err / (Math.abs(y) + s));
      if (!(Number.isFinite(x) && err <= bound)) expect([label, i, x]).toEqual([label, i, y]);
    } else if (!(Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y)))) expect([label, i, x]).toEqual([label, i, y]);
  }
}

// ---- the float32 emulation of the reference kernels (Math.fround after every operation) ----
const sig = (x: number): number => fr(1 / (1 + Math.exp(-x)));
const th = (x: number): number => fr(Math.tanh(x));
const add = (a: number, b: number): number => fr(a + b);
const sub = (a: number, b: number): number => fr(a - b);
const mul = (a: number, b: number): number => fr(a * b);

const emu: Omit<Kernels, "name" | "matmulAccumulate"> = {
  addRowVector(M, mOff, rows, cols, v, vOff) {
    for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) M[mOff + r * cols + j] = add(fr(M[mOff + r * cols + j]), fr(v[vOff + j]));
  },
  sumRowsAccumulate(out, outOff, M, mOff, rows, cols) {
    for (let j = 0; j < cols; j++) {
      let s = fr(out[outOff + j]);
      for (let r = 0; r < rows; r++) s = add(s, fr(M[mOff + r * cols + j]));
      out[outOff + j] = s;
    }
  },
  rnnActivate(pre, off, n, relu) {
    for (let i = off; i < off + n; i++) {
      const x = fr(pre[i]);
      pre[i] = relu ? (x > 0 ? x : 0) : th(x);
    }
  },
  rnnActivateBackward(h, hOff, dh, dhOff, dPre, dPreOff, n, relu) {
    for (let i = 0; i < n; i++) {
      const y = fr(h[hOff + i]);
      const d = fr(dh[dhOff + i]);
      dPre[dPreOff + i] = relu ? (y > 0 ? d : 0) : mul(d, sub(1, mul(y, y)));
    }
  },
  lstmPointwise(g, gOff, cPrev, cPrevOff, c, cOff, h, hOff, B, H) {
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const g0 = gOff + b * 4 * H + j;
        const s = b * H + j;
        const ig = sig(fr(g[g0]));
        const fg = sig(fr(g[g0 + H]));
        const gg = th(fr(g[g0 + 2 * H]));
        const og = sig(fr(g[g0 + 3 * H]));
        [g[g0], g[g0 + H], g[g0 + 2 * H], g[g0 + 3 * H]] = [ig, fg, gg, og];
        const ct = add(mul(fg, fr(cPrev[cPrevOff + s])), mul(ig, gg));
        c[cOff + s] = ct;
        h[hOff + s] = mul(og, th(ct));
      }
    }
  },
  lstmPointwiseBackward(g, gOff, cPrev, cPrevOff, c, cOff, dh, dhOff, dc, dcOff, dG, dgOff, dcPrev, dcPrevOff, B, H) {
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const g0 = gOff + b * 4 * H + j;
        const d0 = dgOff + b * 4 * H + j;
        const s = b * H + j;
        const [ig, fg, gg, og] = [fr(g[g0]), fr(g[g0 + H]), fr(g[g0 + 2 * H]), fr(g[g0 + 3 * H])];
        const tc = th(fr(c[cOff + s]));
        const dht = fr(dh[dhOff + s]);
        const dct = add(fr(dc[dcOff + s]), mul(mul(dht, og), sub(1, mul(tc, tc))));
        const cp = fr(cPrev[cPrevOff + s]);
        dG[d0] = mul(mul(mul(dct, gg), ig), sub(1, ig));
        dG[d0 + H] = mul(mul(mul(dct, cp), fg), sub(1, fg));
        dG[d0 + 2 * H] = mul(mul(dct, ig), sub(1, mul(gg, gg)));
        dG[d0 + 3 * H] = mul(mul(mul(dht, tc), og), sub(1, og));
        dcPrev[dcPrevOff + s] = mul(dct, fg);
      }
    }
  },
  gruPointwise(gi, giOff, gh, ghOff, hn, hnOff, hPrev, hPrevOff, h, hOff, B, H) {
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const a0 = giOff + b * 3 * H + j;
        const h0 = ghOff + b * 3 * H + j;
        const s = b * H + j;
        const r = sig(add(fr(gi[a0]), fr(gh[h0])));
        const z = sig(add(fr(gi[a0 + H]), fr(gh[h0 + H])));
        const hnj = fr(gh[h0 + 2 * H]);
        const n = th(add(fr(gi[a0 + 2 * H]), mul(r, hnj)));
        [gi[a0], gi[a0 + H], gi[a0 + 2 * H]] = [r, z, n];
        hn[hnOff + s] = hnj;
        h[hOff + s] = add(mul(sub(1, z), n), mul(z, fr(hPrev[hPrevOff + s])));
      }
    }
  },
  gruPointwiseBackward(g, gOff, hn, hnOff, hPrev, hPrevOff, dh, dhOff, dGi, dGiOff, dGh, dGhOff, dhPrev, dhPrevOff, B, H) {
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const g0 = gOff + b * 3 * H + j;
        const s = b * H + j;
        const [r, z, n] = [fr(g[g0]), fr(g[g0 + H]), fr(g[g0 + 2 * H])];
        const d = fr(dh[dhOff + s]);
        const hp = fr(hPrev[hPrevOff + s]);
        const dPreN = mul(mul(d, sub(1, z)), sub(1, mul(n, n)));
        const dPreZ = mul(mul(mul(d, sub(hp, n)), z), sub(1, z));
        const dPreR = mul(mul(mul(dPreN, fr(hn[hnOff + s])), r), sub(1, r));
        const i0 = dGiOff + b * 3 * H + j;
        const k0 = dGhOff + b * 3 * H + j;
        [dGi[i0], dGi[i0 + H], dGi[i0 + 2 * H]] = [dPreR, dPreZ, dPreN];
        [dGh[k0], dGh[k0 + H], dGh[k0 + 2 * H]] = [dPreR, dPreZ, mul(dPreN, r)];
        dhPrev[dhPrevOff + s] = mul(d, z);
      }
    }
  },
};
const emuKernels = emu as Kernels;

/** Runs `f` on copies of `arrays` with the float32 set and with the emulation. */
function both(arrays: Float64Array[], f: (k: Kernels, a: Float64Array[]) => void): [Float64Array[], Float64Array[]] {
  const a = arrays.map((x) => Float64Array.from(x));
  const b = arrays.map((x) => Float64Array.from(x));
  f(f32, a);
  f(emuKernels, b);
  return [a, b];
}

describe("float32 kernel set: pointwise kernels in f32x4", () => {
  test("the set is float32 throughout: its own product and pointwise kernels, none of the typed-array ones", () => {
    expect(f32.name).toBe("wasm-simd-f32");
    const f64 = createWasmKernels()!;
    for (const name of ["matmulAccumulate", "addRowVector", "sumRowsAccumulate", "rnnActivate", "rnnActivateBackward", "lstmPointwise", "lstmPointwiseBackward", "gruPointwise", "gruPointwiseBackward"] as const) {
      expect([name, f32[name] !== ref[name] && f32[name] !== f64[name]]).toEqual([name, true]);
    }
  });

  test("lstmPointwise: within TOL of float32 arithmetic, outputs float32 values; specials", () => {
    for (const specials of [false, true]) {
      for (const [B, H] of SHAPES) {
        const n = B * H;
        const g = operand(4 * n, 3, specials);
        const cPrev = operand(n, 2, false);
        const outs = [g, cPrev, operand(n, 1, false), operand(n, 1, false)];
        const [a, b] = both(outs, (k, [gg, cp, c, h]) => k.lstmPointwise(gg, P, cp, P, c, P, h, P, B, H));
        const preAt = (i: number): number => Math.abs(fr(g[i]));
        // gates: σ tails (clamped float32 exp) absolute 1e-37; c = f·cPrev + i·g and h = o·tanh(c) can cancel
        expectClose(`gates B=${B} H=${H}`, a[0], b[0], (i) => (i < P || i >= P + 4 * n ? 0 : preAt(i) > 80 ? -1e-37 : 0));
        const terms = (s: number): number => Math.abs(cPrev[s]) + 1;
        expectClose(`c B=${B} H=${H}`, a[2], b[2], (s) => (s < P || s >= P + n ? 0 : terms(s)));
        expectClose(`h B=${B} H=${H}`, a[3], b[3], (s) => (s < P || s >= P + n ? 0 : terms(s)));
        expectFloat32("gates", a[0], g, 4 * n);
        expectFloat32("c", a[2], outs[2], n);
        expectFloat32("h", a[3], outs[3], n);
        expectSameBits("cPrev unchanged", a[1], cPrev);
      }
    }
    // specials in cPrev (finite gates)
    const [B, H] = [3, 9];
    const n = B * H;
    const cPrev = operand(n, 2, true);
    const [a, b] = both([operand(4 * n, 2, false), cPrev, operand(n, 1, false), operand(n, 1, false)], (k, [gg, cp, c, h]) => k.lstmPointwise(gg, P, cp, P, c, P, h, P, B, H));
    expectClose("c (cPrev specials)", a[2], b[2], (s) => Math.abs(fr(cPrev[s])) + 1);
    expectClose("h (cPrev specials)", a[3], b[3], (s) => Math.abs(fr(cPrev[s])) + 1);
  });

  test("lstmPointwiseBackward: within TOL of float32 arithmetic, float32 outputs, dcPrev aliasing dc", () => {
    for (const specials of [false, true]) {
      for (const [B, H] of SHAPES) {
        const n = B * H;
        const g = operand(4 * n, 3, false);
        const c = operand(n, 1, false);
        f32.lstmPointwise(g, P, operand(n, 2, false), P, c, P, new Float64Array(n + 2 * P), P, B, H);
        const cPrev = operand(n, 2, specials);
        const dh = operand(n, 1, specials);
        const dc = operand(n, 1, false);
        const ins = [g, cPrev, c, dh, dc, operand(4 * n, 1, false), operand(n, 1, false)];
        const [a, b] = both(ins, (k, [gg, cp, cc, dhh, dcc, dg, dcp]) => k.lstmPointwiseBackward(gg, P, cp, P, cc, P, dhh, P, dcc, P, dg, P, dcp, P, B, H));
        const scale = (s: number): number => (Math.abs(fr(dc[s])) + Math.abs(fr(dh[s]))) * (1 + Math.abs(fr(cPrev[s])));
        const stateOf = (gi: number): number => P + Math.floor((gi - P) / (4 * H)) * H + ((gi - P) % H);
        expectClose(`dGates B=${B} H=${H}`, a[5], b[5], (i) => (i < P || i >= P + 4 * n ? 0 : scale(stateOf(i))));
        expectClose(`dcPrev B=${B} H=${H}`, a[6], b[6], (i) => (i < P || i >= P + n ? 0 : scale(i)));
        expectFloat32("dGates", a[5], ins[5], 4 * n);
        expectFloat32("dcPrev", a[6], ins[6], n);
        for (let t = 0; t < 5; t++) expectSameBits(`input ${t} unchanged`, a[t], ins[t]);
      }
    }
    const [B, H] = [3, 5];
    const n = B * H;
    const g = operand(4 * n, 3, false);
    f32.lstmPointwise(g, P, operand(n, 1, false), P, new Float64Array(n + 2 * P), P, new Float64Array(n + 2 * P), P, B, H);
    const [a, b] = both([g, operand(n, 1, false), operand(n, 1, false), operand(n, 1, false), operand(n, 1, false), new Float64Array(4 * n + 2 * P)], (k, [gg, cp, c, dh, dc, dg]) =>
      k.lstmPointwiseBackward(gg, P, cp, P, c, P, dh, P, dc, P, dg, P, dc, P, B, H),
    );
    expectClose("aliased dc", a[4], b[4], () => 1);
    expectClose("aliased dGates", a[5], b[5], () => 1);
  });

  test("gruPointwise: within TOL of float32 arithmetic, float32 outputs; specials", () => {
    for (const specials of [false, true]) {
      for (const [B, H] of SHAPES) {
        const n = B * H;
        const gi = operand(3 * n, 3, specials);
        const gh = operand(3 * n, 3, false);
        const hPrev = operand(n, 1, false);
        const ins = [gi, gh, operand(n, 1, false), hPrev, operand(n, 1, false)];
        const [a, b] = both(ins, (k, [gia, gha, hn, hp, h]) => k.gruPointwise(gia, P, gha, P, hn, P, hp, P, h, P, B, H));
        const col = (i: number): number => (i - P) % (3 * H);
        const preAt = (i: number): number => Math.abs(fr(gi[i])) - Math.abs(gh[i]);
        const hnAt = (s: number): number => Math.abs(gh[P + Math.floor((s - P) / H) * 3 * H + 2 * H + ((s - P) % H)]);
        expectClose(`gates B=${B} H=${H}`, a[0], b[0], (i) => (i < P || i >= P + 3 * n ? 0 : col(i) < 2 * H ? (preAt(i) > 80 ? -1e-37 : 0) : 1 + Math.abs(gh[i])));
        expectSameBits(`hn B=${B} H=${H}`, a[2], b[2]);
        expectClose(`h B=${B} H=${H}`, a[4], b[4], (s) => (s < P || s >= P + n ? 0 : 1 + hnAt(s) + Math.abs(hPrev[s])));
        expectFloat32("gates", a[0], gi, 3 * n);
        expectFloat32("hn", a[2], ins[2], n);
        expectFloat32("h", a[4], ins[4], n);
        expectSameBits("gh unchanged", a[1], gh);
        expectSameBits("hPrev unchanged", a[3], hPrev);
      }
    }
  });

  test("gruPointwiseBackward: the same bits as float32 arithmetic, specials included", () => {
    for (const specials of [false, true]) {
      for (const [B, H] of SHAPES) {
        const n = B * H;
        const gates = operand(3 * n, 3, false);
        f32.gruPointwise(gates, P, operand(3 * n, 3, false), P, new Float64Array(n + 2 * P), P, operand(n, 1, false), P, new Float64Array(n + 2 * P), P, B, H);
        if (specials) for (let i = 0; i < 3 * n; i += 5) gates[P + i] = SPECIALS[(i / 5) % SPECIALS.length];
        const ins = [gates, operand(n, 1, specials), operand(n, 1, specials), operand(n, 1, specials), operand(3 * n, 1, false), operand(3 * n, 1, false), operand(n, 1, false)];
        const [a, b] = both(ins, (k, [g, hn, hp, dh, dgi, dgh, dhp]) => k.gruPointwiseBackward(g, P, hn, P, hp, P, dh, P, dgi, P, dgh, P, dhp, P, B, H));
        for (let t = 0; t < a.length; t++) expectSameBits(`B=${B} H=${H} array ${t}`, a[t], b[t]);
        expectFloat32("dGi", a[4], ins[4], 3 * n);
        expectFloat32("dGh", a[5], ins[5], 3 * n);
        expectFloat32("dhPrev", a[6], ins[6], n);
      }
    }
  });

  test("rnnActivate: tanh within TOL, ReLU the same bits (NaN and −0 → +0); rnnActivateBackward the same bits", () => {
    for (const specials of [false, true]) {
      for (const n of [1, 2, 3, 4, 5, 15, 64, 1025]) {
        const x = operand(n, 3, specials);
        const [a, b] = both([x], (k, [p]) => k.rnnActivate(p, P, n, false));
        expectClose(`tanh n=${n}`, a[0], b[0], () => 0);
        expectFloat32("tanh", a[0], x, n);
        const [c, d] = both([x], (k, [p]) => k.rnnActivate(p, P, n, true));
        expectSameBits(`relu n=${n}`, c[0], d[0]);
        for (const relu of [false, true]) {
          const h = operand(n, 1, specials);
          if (!relu && !specials) f32.rnnActivate(h, P, n, false);
          const ins = [h, operand(n, 1, specials), operand(n, 1, false)];
          const [e, g] = both(ins, (k, [hh, dh, dp]) => k.rnnActivateBackward(hh, P, dh, P, dp, P, n, relu));
          for (let t = 0; t < 3; t++) expectSameBits(`backward n=${n} relu=${relu} array ${t}`, e[t], g[t]);
          expectFloat32("dPre", e[2], ins[2], n);
        }
      }
    }
  });

  test("addRowVector and sumRowsAccumulate: the same bits as float32 arithmetic (rows summed in order)", () => {
    for (const specials of [false, true]) {
      for (const [rows, cols] of [[1, 1], [1, 2], [3, 5], [7, 8], [16, 9], [50, 128], [800, 17], [33, 20], [5, 35]]) {
        const M = operand(rows * cols, 2, specials);
        const v = operand(cols, 1, specials);
        const [a, b] = both([M, v], (k, [m, vv]) => k.addRowVector(m, P, rows, cols, vv, P));
        for (let t = 0; t < 2; t++) expectSameBits(`add ${rows}×${cols} array ${t}`, a[t], b[t]);
        expectFloat32("add", a[0], M, rows * cols);
        const [c, d] = both([v, M], (k, [out, m]) => k.sumRowsAccumulate(out, P, m, P, rows, cols));
        for (let t = 0; t < 2; t++) expectSameBits(`sum ${rows}×${cols} array ${t}`, c[t], d[t]);
        expectFloat32("sum", c[0], v, cols);
      }
    }
  });

  test("the float32 set really rounds (it is not a float64 path) and its worst σ/tanh error is a few float32 ulps", () => {
    const x = rng.normalArray(1000, 0, 2);
    const y = Float64Array.from(x);
    f32.rnnActivate(y, 0, 1000, false);
    let differs64 = 0;
    for (let i = 0; i < 1000; i++) if (y[i] !== Math.tanh(x[i])) differs64++;
    expect(differs64).toBeGreaterThan(900);
    expect(worstSeen).toBeLessThan(TOL);
  });

  test("empty operands change nothing", () => {
    const a = rng.normalArray(8);
    const before = Float64Array.from(a);
    f32.lstmPointwise(a, 0, a, 0, a, 0, a, 0, 0, 4);
    f32.lstmPointwiseBackward(a, 0, a, 0, a, 0, a, 0, a, 0, a, 0, a, 0, 0, 4);
    f32.gruPointwise(a, 0, a, 0, a, 0, a, 0, a, 0, 0, 4);
    f32.gruPointwiseBackward(a, 0, a, 0, a, 0, a, 0, a, 0, a, 0, a, 0, 0, 4);
    f32.rnnActivate(a, 0, 0, false);
    f32.rnnActivateBackward(a, 0, a, 0, a, 0, 0, true);
    f32.addRowVector(a, 0, 0, 4, a, 0);
    f32.sumRowsAccumulate(a, 0, a, 0, 0, 4);
    f32.matmulAccumulate(a, 0, a, 0, a, 0, 2, 0, 2, false, false);
    expectSameBits("unchanged", a, before);
  });
});

describe("float32 kernel set: products accumulate in float32", () => {
  function naive(C: Float64Array, cOff: number, A: Float64Array, aOff: number, B: Float64Array, bOff: number, m: number, k: number, n: number, tA: boolean, tB: boolean): void {
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A[aOff + (tA ? p * m + i : i * k + p)] * B[bOff + (tB ? j * k + p : p * n + j)];
        C[cOff + i * n + j] += s;
      }
  }

  test("every transpose, edge and small size (no float64 fallback): float32 values, within 1e-5 of Σ|a||b| + |C|, rounding as Math.fround", () => {
    let worst = 0;
    for (const [m, kk, n] of [[1, 1, 1], [2, 2, 2], [3, 5, 7], [5, 9, 1], [5, 17, 3], [16, 32, 128], [33, 64, 17], [7, 130, 9], [9, 131, 130], [200, 201, 3], [3, 201, 200]]) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const A = rng.normalArray(m * kk + 3);
          const B = rng.normalArray(kk * n + 5);
          A[3] = 1e-50; // below float32's range: rounds to 0
          B[5] = 1 + 2 ** -24; // a tie: rounds to even (1)
          const C0 = rng.normalArray(m * n + 2, 0, 3);
          const C = Float64Array.from(C0);
          f32.matmulAccumulate(C, 1, A, 3, B, 5, m, kk, n, tA, tB);
          // the same bits when C, A and B arrive already rounded to float32
          const Cr = C0.map((v, i) => (i >= 1 && i <= m * n ? fr(v) : v));
          f32.matmulAccumulate(Cr, 1, A.map(fr), 3, B.map(fr), 5, m, kk, n, tA, tB);
          expectSameBits(`pre-rounded ${m}×${kk}×${n} ${tA} ${tB}`, C, Cr);
          const exact = Float64Array.from(C0);
          naive(exact, 1, A, 3, B, 5, m, kk, n, tA, tB);
          const scale = new Float64Array(m * n + 2);
          naive(scale, 1, A.map(Math.abs), 3, B.map(Math.abs), 5, m, kk, n, tA, tB);
          for (let i = 1; i <= m * n; i++) {
            expect(Object.is(fr(C[i]), C[i])).toBe(true);
            const rel = Math.abs(C[i] - exact[i]) / (scale[i] + Math.abs(C0[i]));
            worst = Math.max(worst, rel);
            expect(rel).toBeLessThan(1e-5);
          }
          expect(C[0]).toBe(C0[0]);
          expect(C[m * n + 1]).toBe(C0[m * n + 1]);
        }
      }
    }
    expect(worst).toBeGreaterThan(1e-10); // float32 rounding is visible
  });
});
