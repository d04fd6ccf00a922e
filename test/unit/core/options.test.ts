import {
  RnnlabError,
  checkOptions,
  editDistance,
  nearestKey,
  requireAllocation,
  requireFiniteResult,
  requireSameLength,
  requireSize,
  MAX_ALLOCATION_BYTES,
} from "../../../lib/core";

describe("checkOptions", () => {
  const allowed = ["lr", "beta1", "beta2", "eps", "weightDecay"];

  it("accepts known keys and undefined", () => {
    expect(checkOptions("Adam", { lr: 0.1 }, allowed)).toEqual({ lr: 0.1 });
    expect(checkOptions("Adam", undefined, allowed)).toEqual({});
  });

  it("names an unknown key and suggests the nearest valid key", () => {
    expect(() => checkOptions("Adam", { learningRate: 0.5 }, allowed)).toThrow(
      /Adam: unknown options key "learningRate" \(did you mean "lr"\?\)/,
    );
    expect(() => checkOptions("Adam", { weight_decay: 0.5 }, allowed)).toThrow(/did you mean "weightDecay"/);
    expect(() => checkOptions("Adam", { beta_1: 0.5 }, allowed)).toThrow(/did you mean "beta1"/);
    expect(() => checkOptions("Adam", { bta2: 0.5 }, allowed)).toThrow(/did you mean "beta2"/);
    expect(() => checkOptions("Adam", { zzzzzzzz: 1 }, allowed)).toThrow(/unknown options key "zzzzzzzz"; valid keys/);
  });

  it("names PyTorch spellings as unsupported with what to do instead", () => {
    expect(() => checkOptions("LSTM", { dropout: 0.5 }, ["hiddenSize"])).toThrow(/options\.dropout is not supported/);
    expect(() => checkOptions("LSTM", { batch_first: true }, ["hiddenSize"])).toThrow(/batch_first.*reorder/);
    expect(() => checkOptions("LSTM", { proj_size: 2 }, ["hiddenSize"])).toThrow(/proj_size.*Linear layer/);
    expect(() => checkOptions("LSTM", { foo: 2 }, ["hiddenSize"], { unsupported: { foo: "use bar" } })).toThrow(
      /foo is not supported by rnnlab: use bar/,
    );
  });

  it("rejects non-objects", () => {
    expect(() => checkOptions("f", 3 as unknown as object, [])).toThrow(RnnlabError);
    expect(() => checkOptions("f", [] as unknown as object, [])).toThrow(/options must be an object/);
    expect(() => checkOptions("f", null as unknown as object, [])).toThrow(/got null/);
  });
});

describe("size and finiteness guards", () => {
  it("editDistance and nearestKey", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(nearestKey("maxnorm", ["maxNorm"])).toBe("maxNorm");
    expect(nearestKey("qqqq", ["maxNorm"])).toBeUndefined();
  });

  it("requireAllocation names the argument and the bytes", () => {
    expect(requireAllocation("Linear", "outputSize", 1000)).toBe(1000);
    expect(() => requireAllocation("Linear", "outputSize", 3e9)).toThrow(/Linear: outputSize is too large: .*24\.0 GB/);
    expect(() => requireAllocation("f", "n", MAX_ALLOCATION_BYTES / 8 + 1)).toThrow(/too large/);
    expect(() => requireAllocation("f", "n", NaN)).toThrow(/f: n must be/);
  });

  it("requireSize, requireFiniteResult, requireSameLength", () => {
    expect(() => requireSize("f", "n", 1e9)).toThrow(/f: n must be an integer <= 16777216 \(a larger size cannot be allocated\), got 1000000000/);
    expect(() => requireSize("f", "n", 0)).toThrow(/got 0/);
    expect(() => requireFiniteResult("sim", "the rate", [1, Infinity], "dt too large")).toThrow(
      /sim: the rate became non-finite \(Infinity\) at index 1; likely cause: dt too large/,
    );
    expect(() => requireSameLength("f", "x", 2, "y", 3)).toThrow(/x has length 2 but y has length 3/);
  });
});
