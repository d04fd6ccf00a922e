/**
 * The map of a trained `RateNetwork` (tanh) under a constant input x, for fixed-point analysis:
 *
 *     F(h) = (1 − α) h + α tanh(W h + U x + b),   α = Δt/τ,
 *
 * one Euler step of τ ḣ = −h + tanh(W h + U x + b) (W = |W̃| D under Dale's law).
 */
import { RnnlabError, badArgument, requireAllFinite } from "../core/errors";
import { RateNetwork } from "../dynamics/rateNetwork";
import { DiscreteMap, tanhRnnMap } from "./systems";

/** The Euler map of a tanh RateNetwork with the input held at `input` (length D; default 0). */
export function rateNetworkStepMap(net: RateNetwork, input?: ArrayLike<number>): DiscreteMap {
  const where = "rateNetworkStepMap";
  if (!(net instanceof RateNetwork)) badArgument(where, "net", "a RateNetwork", net);
  if (net.nonlinearity !== "tanh") throw new RnnlabError(`${where}: needs a tanh network, got nonlinearity "${net.nonlinearity}"`);
  const N = net.hiddenSize;
  const D = net.inputSize;
  if (input !== undefined && !Array.isArray(input) && !ArrayBuffer.isView(input)) badArgument(where, "input", `an array of length ${D} (the network's inputSize) or undefined`, input);
  const x = input === undefined ? new Float64Array(D) : Float64Array.from(input);
  if (x.length !== D) badArgument(where, "input", `an array of length ${D} (the network's inputSize)`, input);
  requireAllFinite(where, "input", x);
  const bias = Float64Array.from(net.bias.data);
  for (let i = 0; i < N; i++) for (let d = 0; d < D; d++) bias[i] += net.weightIH.data[i * D + d] * x[d];
  return tanhRnnMap({ weight: net.recurrentWeights(), bias, leak: net.alpha });
}
