export type { SystemDataFile } from "./systemFiles";
export { NITIME_DATA_DIR, readSystemDataFile } from "./systemFiles";
export type { GrasshopperRecording, GrasshopperOptions } from "./grasshopper";
export { loadGrasshopper } from "./grasshopper";
