/** Neural dynamics: rate networks and Euler stability, echo state networks, short-term plasticity, Dale's law and E-I balance. */
export * from "./rateNetwork";
export * from "./eulerStability";
export * from "./sparse";
export * from "./esn";
export * from "./series";
export * from "./plasticity";
export * from "./balancedNetwork";
