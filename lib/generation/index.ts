/** Sequence generation: teacher forcing, free running, scheduled sampling; exposure bias measured. */
export * from "./schedules";
export * from "./nextStepModel";
export * from "./data";
export * from "./training";
export * from "./evaluation";
