export * from "./expect";
export * from "./registry";
