// Hidden tests for notebook 09_echo_state_networks (loaded by the grader only).
module.exports = () => {
  const nrmse = (p, d) => {
    const m = d.reduce((a, b) => a + b, 0) / d.length;
    let e = 0;
    let v = 0;
    for (let i = 0; i < d.length; i++) {
      e += (p[i] - d[i]) ** 2;
      v += (d[i] - m) ** 2;
    }
    return Math.sqrt(e / v);
  };
  const ridge1d = (x, y, lambda) => {
    let xy = 0;
    let xx = 0;
    for (let i = 0; i < x.length; i++) {
      xy += x[i] * y[i];
      xx += x[i] * x[i];
    }
    return xy / (xx + lambda);
  };
  return {
    "09.nrmse": {
      symbol: "nrmseOf",
      kind: "function",
      reference: nrmse,
      cases: [
        { args: "[[3, 1, 2], [1, 2, 3]]", points: 0.5 },
        { args: "[Array.from({ length: 50 }, (_, i) => Math.sin(i / 3) + 0.1), Array.from({ length: 50 }, (_, i) => Math.sin(i / 3))]", points: 0.5, label: "a sine with an offset" },
        { args: "[[0, 0, 0, 0], [1, -1, 1, -1]]", points: 0.5, label: "predicting 0 for a zero-mean target" },
        { args: "[[10, 20], [1, 2]]", points: 0.5, label: "far off" },
      ],
    },
    "09.ridge1d": {
      symbol: "ridge1d",
      kind: "function",
      reference: ridge1d,
      cases: [
        { args: "[[1, 2, 3, 4], [1, 3, 2, 5], 0]", points: 0.5, label: "least squares (λ = 0)" },
        { args: "[[1, 2, 3, 4], [1, 3, 2, 5], 10]", points: 0.5, label: "λ = 10 shrinks w" },
        { args: "[[-2, 0.5], [4, -1], 0.1]", points: 0.5 },
        { args: "[[0.1], [5], 1e-6]", points: 0.5, label: "one sample, tiny λ" },
      ],
    },
  };
};
