export * from "./selfAttention";
export * from "./compare";
