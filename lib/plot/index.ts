export * from "./types";
export * from "./figure";
export * from "./charts";
export * from "./subplots";
export * from "./slider";
export * from "./live";
export * from "./lossCurve";
export { buildPlotlyMinCache } from "./plotlyLibrary";
export { PLOTLY_STATIC_URL_PATH } from "./plotlyLoader";
