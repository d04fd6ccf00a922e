export type { SystemDataFile } from "./systemFiles";
export { NITIME_DATA_DIR, readSystemDataFile, readSystemDataBytes } from "./systemFiles";
export type { GrasshopperRecording, GrasshopperOptions } from "./grasshopper";
export { loadGrasshopper } from "./grasshopper";
export type { Electrocardiogram, EcgOptions } from "./ecg";
export { SCIPY_ECG_FILE, loadEcg, zipMember, parseNpy1d } from "./ecg";
export type { MobyDickChapter, MobyDickOptions, MobyDickText } from "./mobyDick";
export { MOBY_DICK_CHAPTERS, MOBY_DICK_PACKAGE, loadMobyDick } from "./mobyDick";
