/**
 * Multi-layer, optionally bidirectional recurrent layers with exact BPTT:
 * the shared machinery behind `RNN`, `LSTM` and `GRU`.
 *
 * Layout (as PyTorch, time-major): input x [T, B, D]; output [T, B, dirs·H]
 * with the forward direction in columns [0, H) and the reverse one in [H, 2H);
 * final states hN (and cN for the LSTM) [numLayers·dirs, B, H], row l·dirs + dir.
 * Parameters are named as PyTorch's: weight_ih_l{l}[_reverse] [G·H, D_l],
 * weight_hh_l{l}[_reverse] [G·H, H], bias_ih_l{l}[_reverse], bias_hh_l{l}[_reverse] [G·H],
 * with G = 1 (RNN), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n).
 *
 * Variable lengths (packed-sequence semantics): for sequence b of length L_b,
 * outputs at t >= L_b are 0; the forward direction's final state is its state
 * at t = L_b − 1; the reverse direction starts at t = L_b − 1 from h0.
 *
 * The hot path: the input projection of all T steps is one matrix product
 * ([T·B, D] · W_ihᵀ), each step adds h_{t−1} W_hhᵀ and applies the fused gate
 * nonlinearities in place; backward runs the steps in reverse and forms the
 * weight gradients over all steps as one product each. All buffers are kept
 * between calls and reused while T and B stay the same: nothing is allocated
 * per step.
 */
import { RnnlabError, badArgument, requireFinite, requireInt, requireOneOf } from "../core/errors";
import { requireAllocation, requireOptions, requireSize } from "../core/options";
import { Parameter, StateDict, createParameter, loadStateDictInto, stateDictOf } from "../core/parameter";
import { Rng, rngOrDefault } from "../core/random";
import { getKernels } from "../kernels";
import { CellWeights } from "../cells/cellWeights";
import { SequenceBatch, checkSequenceBatch } from "./sequenceBatch";

/** Which cell a recurrent layer runs. */
export type RecurrentCellType = "rnn" | "lstm" | "gru";

/** Options shared by RNN, LSTM and GRU. */
export interface RecurrentLayerOptions {
  /** features per input step D (>= 1) */
  inputSize: number;
  /** hidden units H (>= 1) */
  hiddenSize: number;
  /** stacked layers (default 1); layer l > 0 reads layer l−1's output */
  numLayers?: number;
  /** run a reverse pass too and concatenate (default false) */
  bidirectional?: boolean;
  /** include bias_ih and bias_hh (default true) */
  bias?: boolean;
  /** prefix for parameter names, e.g. "rnn." (default "") */
  namePrefix?: string;
  /** random generator for the initialisation (default: the shared one) */
  rng?: Rng;
}

/** Initial states for `forward`. */
export interface RecurrentForwardOptions {
  /** h0 [numLayers·dirs, B, H] (zeros when left out) */
  h0?: Float64Array;
  /** c0 [numLayers·dirs, B, H] (LSTM only; zeros when left out) */
  c0?: Float64Array;
}

/** What `forward` returns. The arrays are owned by the layer and overwritten by the next forward. */
export interface RecurrentForwardResult {
  /** top layer's hidden states [T, B, dirs·H], zero at padded steps */
  output: Float64Array;
  /** final hidden states [numLayers·dirs, B, H] */
  hN: Float64Array;
  /** final cell states [numLayers·dirs, B, H] (LSTM only) */
  cN?: Float64Array;
}

/** Upstream gradients for `backward`; any may be left out (zero). */
export interface RecurrentBackwardInput {
  /** ∂L/∂output [T, B, dirs·H] */
  dOutput?: Float64Array;
  /** ∂L/∂hN [numLayers·dirs, B, H] */
  dhN?: Float64Array;
  /** ∂L/∂cN [numLayers·dirs, B, H] (LSTM only) */
  dcN?: Float64Array;
}

/** What `backward` returns (fresh arrays). */
export interface RecurrentBackwardResult {
  /** ∂L/∂x [T, B, D] */
  dX: Float64Array;
  /** ∂L/∂h0 [numLayers·dirs, B, H] */
  dh0: Float64Array;
  /** ∂L/∂c0 [numLayers·dirs, B, H] (LSTM only) */
  dc0?: Float64Array;
}

/** Gate activations of one layer and direction over the last forward pass. */
export interface GateActivations {
  /** gate names in PyTorch order: ["i","f","g","o"] (LSTM), ["r","z","n"] (GRU), ["h"] (RNN: the activation itself) */
  names: string[];
  T: number;
  B: number;
  H: number;
  /** [T, B, G·H]: values[(t*B + b)*G*H + k*H + j] is gate k, unit j */
  values: Float64Array;
  /** [T, B]: 1 where the step is valid (t < lengths[b]) */
  mask: Float64Array;
}

/** The parameters of one layer and direction. */
interface CellParameters {
  weightIh: Parameter;
  weightHh: Parameter;
  biasIh: Parameter | null;
  biasHh: Parameter | null;
}

/** Buffers of one layer and direction, kept between forward and backward. */
interface DirectionBuffers {
  /** [T, B, G·H]: pre-activations, then gate activations after forward */
  gates: Float64Array;
  /** [(T+1), B, H]: hidden states by time slot (forward: slot t+1 = h_t, slot 0 = h0; reverse: slot t = h_t, slot T = h0) */
  states: Float64Array;
  /** [(T+1), B, H]: cell states, same slots (LSTM) */
  cells: Float64Array | null;
  /** [T, B, H]: W_hn h_{t−1} + b_hn (GRU) */
  hn: Float64Array | null;
  /** backward: [T, B, G·H] ∂L/∂(input part of the gates) */
  dGates: Float64Array | null;
  /** backward (GRU): [T, B, G·H] ∂L/∂(recurrent part) */
  dGatesHh: Float64Array | null;
  /** backward: [T, B, H] ∂L/∂h_t (total, per step) */
  dHidden: Float64Array | null;
}

const GATES: Record<RecurrentCellType, number> = { rnn: 1, lstm: 4, gru: 3 };
const GATE_NAMES: Record<RecurrentCellType, string[]> = { rnn: ["h"], lstm: ["i", "f", "g", "o"], gru: ["r", "z", "n"] };

/**
 * The common implementation of `RNN`, `LSTM` and `GRU` (use those).
 */
export class RecurrentLayer {
  readonly cellType: RecurrentCellType;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bidirectional: boolean;
  readonly bias: boolean;
  /** 1 or 2 */
  readonly numDirections: number;
  /** "tanh" or "relu" (RNN only; "tanh" otherwise, unused) */
  readonly nonlinearity: "tanh" | "relu";
  /** e.g. `LSTM(inputSize=4, hiddenSize=8)`: used in every error message */
  readonly label: string;

  private readonly cells: CellParameters[][]; // [layer][dir]
  private readonly params: Parameter[];
  // state of the last forward pass
  private T = 0;
  private B = 0;
  private lengths: number[] | null = null;
  private inputs: Float64Array[] = []; // per layer: its input [T, B, D_l]
  private outputs: Float64Array[] = []; // per layer: its output [T, B, dirs·H]
  private buffers: DirectionBuffers[][] = [];
  private hN = new Float64Array(0);
  private cN: Float64Array | null = null;
  private scratch = new Float64Array(0); // GRU: W_hh h + b_hh for one step [B, 3H]
  private carryH = new Float64Array(0);
  private carryC = new Float64Array(0);
  private carryC2 = new Float64Array(0);
  private hasForward = false;
  private hasBackward = false;

  protected constructor(cellType: RecurrentCellType, options: RecurrentLayerOptions, nonlinearity: "tanh" | "relu", forgetBias?: number) {
    const kind = { rnn: "RNN", lstm: "LSTM", gru: "GRU" }[cellType];
    const o = options ?? ({} as RecurrentLayerOptions);
    this.label = `${kind}(inputSize=${o.inputSize}, hiddenSize=${o.hiddenSize})`;
    const where = this.label;
    this.cellType = cellType;
    const extra = cellType === "rnn" ? ["nonlinearity"] : cellType === "lstm" ? ["forgetBias"] : [];
    requireOptions(where, options, ["inputSize", "hiddenSize", "numLayers", "bidirectional", "bias", "namePrefix", "rng", ...extra], {
      expected: "an object { inputSize, hiddenSize, ... }",
      unsupported: {
        input_size: "write inputSize (camelCase)",
        hidden_size: "write hiddenSize (camelCase)",
        num_layers: "write numLayers (camelCase)",
        nonlinearity: "only RNN takes nonlinearity; LSTM and GRU use their fixed gates",
        forgetBias: "only LSTM takes forgetBias",
      },
    });
    this.inputSize = requireSize(where, "inputSize", o.inputSize, 1);
    this.hiddenSize = requireSize(where, "hiddenSize", o.hiddenSize, 1);
    this.numLayers = requireSize(where, "numLayers", o.numLayers ?? 1, 1);
    {
      // data + grad of every weight matrix and bias, checked before anything is allocated
      const dirs = o.bidirectional === true ? 2 : 1;
      const g = GATES[cellType] * this.hiddenSize;
      const perDir = (d: number): number => g * (d + this.hiddenSize) + 2 * g;
      const total = 2 * dirs * (perDir(this.inputSize) + (this.numLayers - 1) * perDir(dirs * this.hiddenSize));
      const biggest = this.hiddenSize >= this.inputSize ? "hiddenSize" : "inputSize";
      requireAllocation(where, this.numLayers > 64 ? "numLayers" : biggest, total);
    }
    if (o.bidirectional !== undefined && typeof o.bidirectional !== "boolean") badArgument(where, "bidirectional", "true or false", o.bidirectional);
    if (o.bias !== undefined && typeof o.bias !== "boolean") badArgument(where, "bias", "true or false", o.bias);
    this.bidirectional = o.bidirectional ?? false;
    this.bias = o.bias ?? true;
    this.numDirections = this.bidirectional ? 2 : 1;
    this.nonlinearity = requireOneOf(where, "nonlinearity", nonlinearity, ["tanh", "relu"] as const);
    const prefix = o.namePrefix ?? "";
    const rng = rngOrDefault(o.rng);
    const G = GATES[cellType] * this.hiddenSize;
    const H = this.hiddenSize;
    const k = 1 / Math.sqrt(H);
    this.cells = [];
    this.params = [];
    for (let l = 0; l < this.numLayers; l++) {
      const Dl = l === 0 ? this.inputSize : this.numDirections * H;
      const row: CellParameters[] = [];
      for (let dir = 0; dir < this.numDirections; dir++) {
        const suffix = `_l${l}${dir === 1 ? "_reverse" : ""}`;
        const cell: CellParameters = {
          weightIh: createParameter(`${prefix}weight_ih${suffix}`, [G, Dl]),
          weightHh: createParameter(`${prefix}weight_hh${suffix}`, [G, H]),
          biasIh: this.bias ? createParameter(`${prefix}bias_ih${suffix}`, [G]) : null,
          biasHh: this.bias ? createParameter(`${prefix}bias_hh${suffix}`, [G]) : null,
        };
        // PyTorch's order: weight_ih, weight_hh, bias_ih, bias_hh; init U(−1/√H, 1/√H)
        for (const p of [cell.weightIh, cell.weightHh, cell.biasIh, cell.biasHh]) {
          if (!p) continue;
          for (let i = 0; i < p.data.length; i++) p.data[i] = rng.uniform(-k, k);
          this.params.push(p);
        }
        if (forgetBias !== undefined && cell.biasIh) {
          for (let j = H; j < 2 * H; j++) cell.biasIh.data[j] += forgetBias;
        }
        row.push(cell);
      }
      this.cells.push(row);
    }
  }

  /** Gates per cell: 1 (RNN), 4 (LSTM), 3 (GRU). */
  get gateCount(): number {
    return GATES[this.cellType];
  }

  /** All parameters in PyTorch's order (layer, direction, weight_ih, weight_hh, bias_ih, bias_hh). */
  parameters(): Parameter[] {
    return this.params;
  }

  /** Parameter values as plain nested arrays keyed by PyTorch's names. */
  stateDict(): StateDict {
    return stateDictOf(this.params);
  }

  /** Loads values by name (e.g. from PyTorch's `{k: v.tolist()}`); unknown names are an error. */
  loadStateDict(state: StateDict, strict = true): void {
    loadStateDictInto(this.label, this.params, state, strict);
  }

  /** The weights of one layer and direction as a CellWeights view (shares the parameter arrays). */
  cellWeights(layer = 0, direction = 0): CellWeights {
    this.checkLayerDir("cellWeights", layer, direction);
    const c = this.cells[layer][direction];
    return {
      inputSize: layer === 0 ? this.inputSize : this.numDirections * this.hiddenSize,
      hiddenSize: this.hiddenSize,
      weightIh: c.weightIh.data,
      weightHh: c.weightHh.data,
      biasIh: c.biasIh ? c.biasIh.data : null,
      biasHh: c.biasHh ? c.biasHh.data : null,
    };
  }

  /**
   * Bytes of activations kept per time step for the backward pass, for batch size B:
   * gate activations (G·H), hidden state (H), cell state (LSTM, H) or hn (GRU, H) per
   * layer and direction, plus each layer's output (dirs·H, the next layer's input),
   * all float64. Backward scratch of the same order is allocated on the first backward.
   */
  activationBytesPerStep(batchSize: number): number {
    requireInt(this.label, "batchSize", batchSize, 1);
    const H = this.hiddenSize;
    const perDir = this.gateCount * H + H + (this.cellType === "rnn" ? 0 : H);
    const perLayer = this.numDirections * perDir + this.numDirections * H;
    return 8 * batchSize * this.numLayers * perLayer;
  }

  /**
   * Runs the stack over the batch.
   * @param batch time-major input [T, B, D], optionally with lengths
   * @param options h0 (and c0 for the LSTM) [numLayers·dirs, B, H], zeros by default
   */
  forward(batch: SequenceBatch, options: RecurrentForwardOptions = {}): RecurrentForwardResult {
    const where = this.label;
    checkSequenceBatch(where, batch, this.inputSize);
    const { T, B } = batch;
    const H = this.hiddenSize;
    const h0 = this.checkState("h0", options.h0, B);
    if (options.c0 !== undefined && this.cellType !== "lstm") badArgument(where, "c0", "left out (only an LSTM has a cell state)", options.c0);
    const c0 = this.cellType === "lstm" ? this.checkState("c0", options.c0, B) : null;
    this.hasForward = false; // until this pass completes
    this.allocate(T, B);
    this.lengths = batch.lengths ? [...batch.lengths] : null;
    this.inputs[0] = batch.x;
    for (let l = 0; l < this.numLayers; l++) {
      if (l > 0) this.inputs[l] = this.outputs[l - 1];
      for (let dir = 0; dir < this.numDirections; dir++) {
        const s = (l * this.numDirections + dir) * B * H;
        this.forwardDirection(l, dir, h0, c0, s);
      }
    }
    this.checkFiniteResult();
    this.hasForward = true;
    this.hasBackward = false;
    return { output: this.outputs[this.numLayers - 1], hN: this.hN, ...(this.cN ? { cN: this.cN } : {}) };
  }

  /**
   * Backpropagation through time for the last `forward`: adds ∂L/∂θ into every
   * parameter's `grad` and returns ∂L/∂x, ∂L/∂h0 (and ∂L/∂c0).
   */
  backward(upstream: RecurrentBackwardInput = {}): RecurrentBackwardResult {
    const where = this.label;
    if (!this.hasForward) throw new RnnlabError(`${where}.backward: call forward first`);
    const { T, B } = this;
    const H = this.hiddenSize;
    const LD = this.numLayers * this.numDirections;
    const outW = this.numDirections * H;
    const checkLen = (name: string, a: Float64Array | undefined, n: number, shape: string): Float64Array | null => {
      if (a === undefined) return null;
      if (!(a instanceof Float64Array) || a.length !== n) badArgument(`${where}.backward`, name, `a Float64Array ${shape} (${n} entries)`, a);
      return a;
    };
    let dOut = checkLen("dOutput", upstream.dOutput, T * B * outW, `[T=${T}, B=${B}, ${outW}]`);
    const dhN = checkLen("dhN", upstream.dhN, LD * B * H, `[${LD}, B=${B}, H=${H}]`);
    if (upstream.dcN !== undefined && this.cellType !== "lstm") badArgument(`${where}.backward`, "dcN", "left out (only an LSTM has a cell state)", upstream.dcN);
    const dcN = checkLen("dcN", upstream.dcN, LD * B * H, `[${LD}, B=${B}, H=${H}]`);
    const dh0 = new Float64Array(LD * B * H);
    const dc0 = this.cellType === "lstm" ? new Float64Array(LD * B * H) : null;
    let dX = new Float64Array(0);
    for (let l = this.numLayers - 1; l >= 0; l--) {
      const Dl = l === 0 ? this.inputSize : outW;
      dX = new Float64Array(T * B * Dl);
      for (let dir = 0; dir < this.numDirections; dir++) {
        const s = (l * this.numDirections + dir) * B * H;
        this.backwardDirection(l, dir, dOut, dhN, dcN, s, dX, dh0, dc0);
      }
      dOut = dX;
    }
    this.hasBackward = true;
    return { dX, dh0, ...(dc0 ? { dc0 } : {}) };
  }

  /** Hidden states h_t of one layer and direction from the last forward, [T, B, H] (carried past the end of short sequences). */
  hiddenStates(layer = this.numLayers - 1, direction = 0): Float64Array {
    this.requireForward("hiddenStates", layer, direction);
    const { T, B } = this;
    const H = this.hiddenSize;
    const st = this.buffers[layer][direction].states;
    const off = direction === 0 ? B * H : 0;
    return st.slice(off, off + T * B * H);
  }

  /** Cell states c_t of one layer and direction (LSTM), [T, B, H]. */
  cellStates(layer = this.numLayers - 1, direction = 0): Float64Array {
    this.requireForward("cellStates", layer, direction);
    const c = this.buffers[layer][direction].cells;
    if (!c) throw new RnnlabError(`${this.label}.cellStates: only an LSTM has cell states`);
    const { T, B } = this;
    const H = this.hiddenSize;
    const off = direction === 0 ? B * H : 0;
    return c.slice(off, off + T * B * H);
  }

  /**
   * ∂L/∂h_t for every step of one layer and direction from the last backward,
   * [T, B, H]: the total gradient reaching h_t (from the output at t and from
   * later steps) — the gradient-flow curve is its norm over t.
   */
  hiddenStateGrads(layer = this.numLayers - 1, direction = 0): Float64Array {
    this.requireForward("hiddenStateGrads", layer, direction);
    if (!this.hasBackward) throw new RnnlabError(`${this.label}.hiddenStateGrads: call backward after forward first`);
    return this.buffers[layer][direction].dHidden!.slice(0, this.T * this.B * this.hiddenSize);
  }

  /** Gate activations of one layer and direction from the last forward (e.g. the forget gate over time). */
  gateActivations(layer = this.numLayers - 1, direction = 0): GateActivations {
    this.requireForward("gateActivations", layer, direction);
    const { T, B } = this;
    const mask = new Float64Array(T * B);
    for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) mask[t * B + b] = t < this.lengthOf(b) ? 1 : 0;
    return {
      names: [...GATE_NAMES[this.cellType]],
      T,
      B,
      H: this.hiddenSize,
      values: this.buffers[layer][direction].gates.slice(0, T * B * this.gateCount * this.hiddenSize),
      mask,
    };
  }

  // ---------------------------------------------------------------- internals

  private lengthOf(b: number): number {
    return this.lengths ? this.lengths[b] : this.T;
  }

  /** A non-finite state means the weights are non-finite or the activity overflowed (ReLU): say so. */
  private checkFiniteResult(): void {
    const { T, B } = this;
    const H = this.hiddenSize;
    for (let l = 0; l < this.numLayers; l++) {
      for (let dir = 0; dir < this.numDirections; dir++) {
        const st = this.buffers[l][dir].states;
        for (let i = 0; i < T * B * H; i++) {
          const slot = dir === 0 ? B * H + i : i;
          if (Number.isFinite(st[slot])) continue;
          const t = Math.floor(i / (B * H));
          const b = Math.floor(i / H) % B;
          const bad = this.params.find((p) => p.data.some((v) => !Number.isFinite(v)));
          const why = bad
            ? `parameter ${bad.name} contains non-finite values (a diverged training step? try clipGradNorm or a smaller learning rate)`
            : "the activity overflowed (try smaller weights, clipping, or tanh instead of ReLU)";
          throw new RnnlabError(
            `${this.label}: hidden state became ${st[slot]} at layer ${l}${dir === 1 ? " (reverse)" : ""}, time step t=${t}, batch index b=${b}: ${why}`,
          );
        }
      }
    }
  }

  private checkLayerDir(what: string, layer: number, direction: number): void {
    requireInt(`${this.label}.${what}`, "layer", layer, 0);
    if (layer >= this.numLayers) badArgument(`${this.label}.${what}`, "layer", `an integer in [0, ${this.numLayers - 1}]`, layer);
    requireInt(`${this.label}.${what}`, "direction", direction, 0);
    if (direction >= this.numDirections) badArgument(`${this.label}.${what}`, "direction", `an integer in [0, ${this.numDirections - 1}]`, direction);
  }

  private requireForward(what: string, layer: number, direction: number): void {
    this.checkLayerDir(what, layer, direction);
    if (!this.hasForward) throw new RnnlabError(`${this.label}.${what}: call forward first`);
  }

  private checkState(name: string, s: Float64Array | undefined, B: number): Float64Array | null {
    if (s === undefined) return null;
    const LD = this.numLayers * this.numDirections;
    const n = LD * B * this.hiddenSize;
    if (!(s instanceof Float64Array) || s.length !== n) {
      badArgument(this.label, name, `a Float64Array [numLayers*dirs=${LD}, B=${B}, H=${this.hiddenSize}] (${n} entries)`, s);
    }
    for (let i = 0; i < n; i++) requireFinite(this.label, `${name}[${i}]`, s[i]);
    // hN/cN of the previous forward passed back in (truncated BPTT): copy, they are overwritten
    return s.buffer === this.hN.buffer || (this.cN !== null && s.buffer === this.cN.buffer) ? Float64Array.from(s) : s;
  }

  /** (Re)allocates forward buffers when T or B changed. */
  private allocate(T: number, B: number): void {
    if (T === this.T && B === this.B && this.buffers.length) return;
    const H = this.hiddenSize;
    const G = this.gateCount * H;
    this.T = T;
    this.B = B;
    this.buffers = [];
    this.outputs = [];
    for (let l = 0; l < this.numLayers; l++) {
      const row: DirectionBuffers[] = [];
      for (let dir = 0; dir < this.numDirections; dir++) {
        row.push({
          gates: new Float64Array(T * B * G),
          states: new Float64Array((T + 1) * B * H),
          cells: this.cellType === "lstm" ? new Float64Array((T + 1) * B * H) : null,
          hn: this.cellType === "gru" ? new Float64Array(T * B * H) : null,
          dGates: null,
          dGatesHh: null,
          dHidden: null,
        });
      }
      this.buffers.push(row);
      this.outputs.push(new Float64Array(T * B * this.numDirections * H));
    }
    const LD = this.numLayers * this.numDirections;
    this.hN = new Float64Array(LD * B * H);
    this.cN = this.cellType === "lstm" ? new Float64Array(LD * B * H) : null;
    this.scratch = new Float64Array(B * G);
    this.carryH = new Float64Array(B * H);
    this.carryC = new Float64Array(B * H);
    this.carryC2 = new Float64Array(B * H);
  }

  /** One direction of one layer over all steps (see the class comment for the slot layout). */
  private forwardDirection(l: number, dir: number, h0: Float64Array | null, c0: Float64Array | null, stateOff: number): void {
    const k = getKernels();
    const { T, B } = this;
    const H = this.hiddenSize;
    const G = this.gateCount * H;
    const BH = B * H;
    const reverse = dir === 1;
    const cell = this.cells[l][dir];
    const buf = this.buffers[l][dir];
    const X = this.inputs[l];
    const Dl = l === 0 ? this.inputSize : this.numDirections * H;
    const { gates, states, cells, hn } = buf;
    const relu = this.nonlinearity === "relu";

    // 1. input projection of all steps at once: gates[T·B, G] = X W_ihᵀ + b_ih (+ b_hh unless GRU)
    gates.fill(0);
    k.matmulAccumulate(gates, 0, X, 0, cell.weightIh.data, 0, T * B, Dl, G, false, true);
    if (cell.biasIh) k.addRowVector(gates, 0, T * B, G, cell.biasIh.data, 0);
    if (cell.biasHh && this.cellType !== "gru") k.addRowVector(gates, 0, T * B, G, cell.biasHh.data, 0);

    // 2. initial state in its slot
    const startSlot = reverse ? T : 0;
    if (h0) states.set(h0.subarray(stateOff, stateOff + BH), startSlot * BH);
    else states.fill(0, startSlot * BH, startSlot * BH + BH);
    if (cells) {
      if (c0) cells.set(c0.subarray(stateOff, stateOff + BH), startSlot * BH);
      else cells.fill(0, startSlot * BH, startSlot * BH + BH);
    }

    // 3. the recurrence
    const Whh = cell.weightHh.data;
    for (let s = 0; s < T; s++) {
      const t = reverse ? T - 1 - s : s;
      const prev = (reverse ? t + 1 : t) * BH;
      const cur = (reverse ? t : t + 1) * BH;
      const gOff = t * B * G;
      if (this.cellType === "rnn") {
        k.matmulAccumulate(gates, gOff, states, prev, Whh, 0, B, H, G, false, true);
        k.rnnActivate(gates, gOff, BH, relu);
        states.set(gates.subarray(gOff, gOff + BH), cur); // h_t is the activation itself
      } else if (this.cellType === "lstm") {
        k.matmulAccumulate(gates, gOff, states, prev, Whh, 0, B, H, G, false, true);
        k.lstmPointwise(gates, gOff, cells!, prev, cells!, cur, states, cur, B, H);
      } else {
        const gh = this.scratch;
        gh.fill(0);
        k.matmulAccumulate(gh, 0, states, prev, Whh, 0, B, H, G, false, true);
        if (cell.biasHh) k.addRowVector(gh, 0, B, G, cell.biasHh.data, 0);
        k.gruPointwise(gates, gOff, gh, 0, hn!, t * BH, states, prev, states, cur, B, H);
      }
      // padded steps carry the state unchanged
      if (this.lengths) {
        for (let b = 0; b < B; b++) {
          if (t < this.lengths[b]) continue;
          states.copyWithin(cur + b * H, prev + b * H, prev + b * H + H);
          if (cells) cells.copyWithin(cur + b * H, prev + b * H, prev + b * H + H);
        }
      }
    }

    // 4. outputs (zero at padded steps) and final states
    const out = this.outputs[l];
    const W = this.numDirections * H;
    for (let t = 0; t < T; t++) {
      const slot = (reverse ? t : t + 1) * BH;
      for (let b = 0; b < B; b++) {
        const o = (t * B + b) * W + dir * H;
        if (t < this.lengthOf(b)) for (let j = 0; j < H; j++) out[o + j] = states[slot + b * H + j];
        else for (let j = 0; j < H; j++) out[o + j] = 0;
      }
    }
    const endSlot = (reverse ? 0 : T) * BH;
    this.hN.set(states.subarray(endSlot, endSlot + BH), stateOff);
    if (cells) this.cN!.set(cells.subarray(endSlot, endSlot + BH), stateOff);
  }

  /** Backward of one direction of one layer; adds into dX, writes dh0/dc0 rows. */
  private backwardDirection(
    l: number,
    dir: number,
    dOut: Float64Array | null,
    dhN: Float64Array | null,
    dcN: Float64Array | null,
    stateOff: number,
    dX: Float64Array,
    dh0: Float64Array,
    dc0: Float64Array | null,
  ): void {
    const k = getKernels();
    const { T, B } = this;
    const H = this.hiddenSize;
    const G = this.gateCount * H;
    const BH = B * H;
    const W = this.numDirections * H;
    const reverse = dir === 1;
    const cell = this.cells[l][dir];
    const buf = this.buffers[l][dir];
    const X = this.inputs[l];
    const Dl = l === 0 ? this.inputSize : W;
    const relu = this.nonlinearity === "relu";
    if (!buf.dGates || buf.dGates.length !== T * B * G) {
      buf.dGates = new Float64Array(T * B * G);
      buf.dGatesHh = this.cellType === "gru" ? new Float64Array(T * B * G) : null;
      buf.dHidden = new Float64Array(T * BH);
    }
    const dG = buf.dGates;
    const dGh = buf.dGatesHh ?? dG; // RNN/LSTM: the same pre-activation feeds both weights
    const dH = buf.dHidden!;
    const { gates, states, cells, hn } = buf;
    const Whh = cell.weightHh.data;

    // carries: ∂L/∂h and ∂L/∂c flowing from step t+1 into step t, starting at the final state
    const carry = this.carryH;
    if (dhN) carry.set(dhN.subarray(stateOff, stateOff + BH));
    else carry.fill(0);
    let dc = this.carryC;
    let dcNext = this.carryC2;
    if (cells) {
      if (dcN) dc.set(dcN.subarray(stateOff, stateOff + BH));
      else dc.fill(0);
    }

    for (let s = 0; s < T; s++) {
      const t = reverse ? s : T - 1 - s;
      const prev = (reverse ? t + 1 : t) * BH;
      const cur = (reverse ? t : t + 1) * BH;
      const gOff = t * B * G;
      const hOff = t * BH;
      // ∂L/∂h_t = carry + ∂L/∂output_t (valid steps only)
      for (let b = 0; b < B; b++) {
        const valid = t < this.lengthOf(b);
        const o = (t * B + b) * W + dir * H;
        for (let j = 0; j < H; j++) dH[hOff + b * H + j] = carry[b * H + j] + (valid && dOut ? dOut[o + j] : 0);
      }
      // pointwise backward through the gates
      if (this.cellType === "rnn") {
        k.rnnActivateBackward(states, cur, dH, hOff, dG, gOff, BH, relu);
      } else if (this.cellType === "lstm") {
        k.lstmPointwiseBackward(gates, gOff, cells!, prev, cells!, cur, dH, hOff, dc, 0, dG, gOff, dcNext, 0, B, H);
      } else {
        k.gruPointwiseBackward(gates, gOff, hn!, hOff, states, prev, dH, hOff, dG, gOff, dGh, gOff, carry, 0, B, H);
      }
      // padded steps: no gate gradient; ∂L/∂h and ∂L/∂c pass straight through
      if (this.lengths) {
        for (let b = 0; b < B; b++) {
          if (t < this.lengths[b]) continue;
          dG.fill(0, gOff + b * G, gOff + b * G + G);
          if (dGh !== dG) dGh.fill(0, gOff + b * G, gOff + b * G + G);
          if (cells) for (let j = 0; j < H; j++) dcNext[b * H + j] = dc[b * H + j];
        }
      }
      // ∂L/∂h_{t−1} = (direct path, GRU) + δ_hh W_hh
      if (this.cellType !== "gru") carry.fill(0);
      k.matmulAccumulate(carry, 0, dGh, gOff, Whh, 0, B, G, H, false, false);
      if (this.lengths) {
        for (let b = 0; b < B; b++) {
          if (t < this.lengths[b]) continue;
          for (let j = 0; j < H; j++) carry[b * H + j] = dH[hOff + b * H + j];
        }
      }
      if (cells) {
        const tmp = dc;
        dc = dcNext;
        dcNext = tmp;
      }
    }
    dh0.set(carry, stateOff);
    if (cells && dc0) dc0.set(dc, stateOff);

    // weight gradients over all steps at once, and ∂L/∂x
    const prevBase = reverse ? BH : 0; // slot of h_{t−1} for t = 0 is 0 (forward) or 1 (reverse), then contiguous
    k.matmulAccumulate(cell.weightIh.grad, 0, dG, 0, X, 0, G, T * B, Dl, true, false);
    k.matmulAccumulate(cell.weightHh.grad, 0, dGh, 0, states, prevBase, G, T * B, H, true, false);
    if (cell.biasIh) k.sumRowsAccumulate(cell.biasIh.grad, 0, dG, 0, T * B, G);
    if (cell.biasHh) k.sumRowsAccumulate(cell.biasHh.grad, 0, dGh, 0, T * B, G);
    k.matmulAccumulate(dX, 0, dG, 0, cell.weightIh.data, 0, T * B, G, Dl, false, false);
  }
}

/** Options of a vanilla RNN layer. */
export interface RNNOptions extends RecurrentLayerOptions {
  /** "tanh" (default) or "relu" */
  nonlinearity?: "tanh" | "relu";
}

/**
 * A multi-layer Elman RNN, as PyTorch's `nn.RNN`:
 *
 *     h_t = φ(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh),   φ = tanh or ReLU.
 *
 * Inputs: batch x [T, B, D] (time-major), h0 [numLayers·dirs, B, H].
 * Outputs: output [T, B, dirs·H], hN [numLayers·dirs, B, H].
 * Parameters: weight_ih_l{k} [H, D or dirs·H], weight_hh_l{k} [H, H], bias_ih_l{k}, bias_hh_l{k} [H].
 *
 * @example
 * ```ts
 * import { RNN, Rng, sequenceBatchFromArrays } from "rnnlab";
 * const rnn = new RNN({ inputSize: 3, hiddenSize: 4, rng: new Rng(1) });
 * const x = sequenceBatchFromArrays([[[1, 0, 0], [0, 1, 0]]]);  // B = 1 sequence of T = 2 steps, D = 3
 * const { output, hN } = rnn.forward(x);                        // output [2, 1, 4], hN [1, 1, 4]
 * rnn.parameters().map((p) => p.name);                           // weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0
 * ```
 */
export class RNN extends RecurrentLayer {
  constructor(options: RNNOptions) {
    super("rnn", options, options?.nonlinearity ?? "tanh");
  }
}

/** Options of an LSTM layer. */
export interface LSTMOptions extends RecurrentLayerOptions {
  /** added to the forget-gate slice of bias_ih at initialisation (e.g. 1), default 0 */
  forgetBias?: number;
}

/**
 * A multi-layer LSTM, as PyTorch's `nn.LSTM` (gate order i, f, g, o):
 *
 *     i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi),  f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf),
 *     g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg), o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho),
 *     c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t,   h_t = o_t ⊙ tanh(c_t).
 *
 * Inputs: batch x [T, B, D], h0, c0 [numLayers·dirs, B, H].
 * Outputs: output [T, B, dirs·H], hN, cN [numLayers·dirs, B, H].
 * Parameters: weight_ih_l{k} [4H, D or dirs·H], weight_hh_l{k} [4H, H], bias_ih_l{k}, bias_hh_l{k} [4H].
 *
 * @example
 * ```ts
 * import { LSTM, Rng, sequenceBatchFromArrays } from "rnnlab";
 * const lstm = new LSTM({ inputSize: 2, hiddenSize: 8, numLayers: 2, forgetBias: 1, rng: new Rng(1) });
 * const x = sequenceBatchFromArrays([[[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]]);  // T = 3, B = 1, D = 2
 * const { output, hN, cN } = lstm.forward(x);  // output [3, 1, 8]; hN, cN [2, 1, 8]
 * ```
 */
export class LSTM extends RecurrentLayer {
  constructor(options: LSTMOptions) {
    const fb = options?.forgetBias;
    if (fb !== undefined) requireFinite(`LSTM(inputSize=${options.inputSize}, hiddenSize=${options.hiddenSize})`, "forgetBias", fb);
    super("lstm", options, "tanh", fb);
  }
}

/** Options of a GRU layer. */
export type GRUOptions = RecurrentLayerOptions;

/**
 * A multi-layer GRU, as PyTorch's `nn.GRU` (gate order r, z, n):
 *
 *     r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr),  z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz),
 *     n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn)),
 *     h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}.
 *
 * Inputs: batch x [T, B, D], h0 [numLayers·dirs, B, H].
 * Outputs: output [T, B, dirs·H], hN [numLayers·dirs, B, H].
 * Parameters: weight_ih_l{k} [3H, D or dirs·H], weight_hh_l{k} [3H, H], bias_ih_l{k}, bias_hh_l{k} [3H].
 *
 * @example
 * ```ts
 * import { GRU, Rng, sequenceBatchFromArrays } from "rnnlab";
 * const gru = new GRU({ inputSize: 1, hiddenSize: 4, bidirectional: true, rng: new Rng(1) });
 * const x = sequenceBatchFromArrays([[[1], [0], [0]], [[0], [1], [0]]]);  // B = 2, T = 3, D = 1
 * const { output, hN } = gru.forward(x);  // output [3, 2, 2·4] (forward ‖ backward), hN [2, 2, 4]
 * ```
 */
export class GRU extends RecurrentLayer {
  constructor(options: GRUOptions) {
    super("gru", options, "tanh");
  }
}

/** Builds an RNN, LSTM or GRU by name. */
export function createRecurrentLayer(cell: RecurrentCellType, options: RNNOptions & LSTMOptions): RecurrentLayer {
  requireOptions("createRecurrentLayer", options, ["nonlinearity", "inputSize", "hiddenSize", "numLayers", "bidirectional", "bias", "namePrefix", "rng", "forgetBias"]);
  requireOneOf("createRecurrentLayer", "cell", cell, ["rnn", "lstm", "gru"] as const);
  if (cell === "rnn") {
    if (options.forgetBias !== undefined) badArgument("createRecurrentLayer", "forgetBias", `left out for cell "rnn" (LSTM only)`, options.forgetBias);
    return new RNN(options);
  }
  const { nonlinearity, ...rest } = options;
  if (nonlinearity !== undefined && nonlinearity !== "tanh") badArgument("createRecurrentLayer", "nonlinearity", `left out for cell "${cell}" (only "rnn" takes one)`, nonlinearity);
  if (cell === "lstm") return new LSTM(rest);
  const { forgetBias, ...gru } = rest;
  if (forgetBias !== undefined) badArgument("createRecurrentLayer", "forgetBias", `left out for cell "gru" (LSTM only)`, forgetBias);
  return new GRU(gru);
}
