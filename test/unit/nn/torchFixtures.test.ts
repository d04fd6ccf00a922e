/**
 * Exactness against PyTorch 1.13 (float64): outputs, final states and every
 * gradient equal the fixtures made by scripts/make_torch_fixtures.py to a
 * relative error <= 1e-9.
 */
import * as fs from "fs";
import * as path from "path";
import { NestedArray, fromNested } from "../../../lib/core/tensor";
import { zeroGrad } from "../../../lib/core/parameter";
import { GRU, LSTM, RNN, RecurrentLayer } from "../../../lib/nn/recurrentLayer";

interface Fixture {
  name: string;
  config: { cell: "rnn" | "lstm" | "gru"; nonlinearity: "tanh" | "relu"; inputSize: number; hiddenSize: number; numLayers: number; bidirectional: boolean };
  T: number;
  B: number;
  lengths: number[] | null;
  stateDict: Record<string, NestedArray>;
  x: NestedArray;
  h0: NestedArray;
  c0: NestedArray | null;
  U: NestedArray;
  V: NestedArray;
  W: NestedArray | null;
  loss: number;
  output: NestedArray;
  hN: NestedArray;
  cN: NestedArray | null;
  grads: Record<string, NestedArray>;
  dx: NestedArray;
  dh0: NestedArray;
  dc0: NestedArray | null;
}

const dir = path.join(__dirname, "../../fixtures/torch");
const files = fs.readdirSync(dir).filter((f) => /^(rnn|lstm|gru)_.*\.json$/.test(f)).sort();
const flat = (v: NestedArray) => fromNested(v).data;

/** max |a − b| / max(|b|_∞, tiny): relative to the size of the reference tensor. */
function relError(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let scale = 0;
  let err = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    err = Math.max(err, Math.abs(a[i] - b[i]));
  }
  return err / Math.max(scale, 1e-300);
}

function build(f: Fixture): RecurrentLayer {
  const o = { inputSize: f.config.inputSize, hiddenSize: f.config.hiddenSize, numLayers: f.config.numLayers, bidirectional: f.config.bidirectional };
  const layer = f.config.cell === "lstm" ? new LSTM(o) : f.config.cell === "gru" ? new GRU(o) : new RNN({ ...o, nonlinearity: f.config.nonlinearity });
  layer.loadStateDict(f.stateDict);
  return layer;
}

export const worstErrors: Record<string, number> = {};

describe("recurrent layers equal PyTorch 1.13 (float64)", () => {
  test("there are fixtures for every cell, 1-2 layers, uni/bidirectional, and packed sequences", () => {
    expect(files.length).toBe(20);
  });
  for (const file of files) {
    test(file.replace(".json", ""), () => {
      const f = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Fixture;
      const layer = build(f);
      const D = f.config.inputSize;
      const batch = { x: flat(f.x), T: f.T, B: f.B, D, ...(f.lengths ? { lengths: f.lengths } : {}) };
      zeroGrad(layer.parameters());
      const r = layer.forward(batch, { h0: flat(f.h0), ...(f.c0 ? { c0: flat(f.c0) } : {}) });
      const checks: [string, Float64Array, Float64Array][] = [
        ["output", r.output, flat(f.output)],
        ["hN", r.hN, flat(f.hN)],
      ];
      if (f.cN) checks.push(["cN", r.cN!, flat(f.cN)]);
      const g = layer.backward({ dOutput: flat(f.U), dhN: flat(f.V), ...(f.W ? { dcN: flat(f.W) } : {}) });
      checks.push(["dx", g.dX, flat(f.dx)], ["dh0", g.dh0, flat(f.dh0)]);
      if (f.dc0) checks.push(["dc0", g.dc0!, flat(f.dc0)]);
      for (const p of layer.parameters()) checks.push([`grad ${p.name}`, p.grad, flat(f.grads[p.name])]);
      expect(Object.keys(f.grads).sort()).toEqual(layer.parameters().map((p) => p.name).sort());
      let worst = 0;
      for (const [what, ours, theirs] of checks) {
        const e = relError(ours, theirs);
        worst = Math.max(worst, e);
        if (!(e <= 1e-9)) throw new Error(`${f.name}: ${what} differs from PyTorch by relative error ${e}`);
      }
      worstErrors[f.name] = worst;
    });
  }
  afterAll(() => {
    if (process.env.RNNLAB_SHOW_FIXTURE_ERRORS) console.log(JSON.stringify(worstErrors, null, 1));
  });
});
