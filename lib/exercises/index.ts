export * from "./expect";
export * from "./registry";
export * from "./functionQuestion";
