// Hidden tests for notebook 13_plasticity_dale_and_balance (loaded by the grader only).
module.exports = () => ({
  "13.spikeUpdate": {
    symbol: "spikeUpdate",
    kind: "function",
    reference: (u, x, U) => {
      const uPlus = u + U * (1 - u);
      const released = uPlus * x;
      return [uPlus, released, x - released];
    },
    cases: [
      { args: "[0.1, 0.8, 0.5]", points: 0.5 },
      { args: "[0, 1, 0.05]", points: 0.5, label: "a resting, facilitating synapse (U = 0.05)" },
      { args: "[0.9, 0.1, 0.6]", points: 0.5, label: "a depleted synapse" },
      { args: "[1, 1, 0.3]", points: 0.5, label: "u already at 1" },
    ],
  },
  "13.daleGradient": {
    symbol: "daleGradient",
    kind: "function",
    reference: (gW, wTilde, sign) => gW * sign * Math.sign(wTilde),
    cases: [
      { args: "[1.5, 2, 1]", points: 0.5 },
      { args: "[1.5, -2, -1]", points: 0.5 },
      { args: "[-0.7, 0.01, -1]", points: 0.5 },
      { args: "[0.25, -3, 1]", points: 0.5 },
    ],
  },
  "13.balancedRates": { symbol: "balancedRates", kind: "value", reference: [0.4, 0.25], cases: [{ points: 2, rtol: 1e-6 }] },
});
