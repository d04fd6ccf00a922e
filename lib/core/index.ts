export * from "./errors";
export * from "./random";
export * from "./tensor";
export * from "./parameter";
export * from "./options";
export * from "./argChecks";
export * from "./csv";
