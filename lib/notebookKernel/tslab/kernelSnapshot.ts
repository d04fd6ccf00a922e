/**
 * A V8 start-up snapshot of the notebook kernel, for a kernel that answers in about a second.
 *
 * A tslab kernel spends most of its start-up in TypeScript before it runs a line of the
 * notebook: it loads the 9 MB compiler, then parses and binds every declaration file a cell
 * can see — the ES2022 library, `@types/node`, and, at the first `import … from "rnnlab"`,
 * the library's own `.d.ts` files (about 300 files, 2.5 s of CPU here; measured with
 * `process.cpuUsage`). These files are the same at every start. This module is the entry
 * script of `node --build-snapshot`: it loads TypeScript, parses and binds those files once,
 * keeps them in a cache, and lets V8 save the whole heap to a blob. A kernel started from the
 * blob finds TypeScript and the parsed files already in memory.
 *
 * How the cache stays correct:
 * - TypeScript's `createSourceFile` goes through the cache. A cached file is used only when
 *   the file name, the whole text (read from disk at every start, as before), the language
 *   version, the module format, `setParentNodes` and the script kind are all equal; anything
 *   else is parsed as usual. An edited `.d.ts` (after `npm run build`) is simply parsed again.
 * - The files are bound with the compiler options tslab uses. If tslab ever asks for other
 *   options (another Node major version, the browser libs), the cache is switched off.
 * - If `typescript.js` changed since the blob was built, the blob's TypeScript is not used
 *   at all (one line on stderr says so); the kernel loads TypeScript from disk as usual.
 *
 * Built by `scripts/build-kernel-snapshot.js` (run by `npm install`):
 *   node --snapshot-blob <blob> --build-snapshot dist/notebookKernel/tslab/kernelSnapshot.js
 * Used by the "rnnlab" kernel spec and by the grader:
 *   node --snapshot-blob <blob> dist/notebookKernel/tslab/tslabKernel.js kernel --config-path <file>
 * `… tslabKernel.js --snapshot-check` (cells as a JSON array on stdin) compiles the cells
 * with the snapshot's converter and prints what it did, as JSON (used to verify a new blob).
 *
 * While the snapshot is built only Node's built-in modules can be `require`d, so this file
 * loads `typescript.js` and `tslabKernel.js` itself (`loadCommonJs`).
 */
import * as fs from "fs";
import * as path from "path";
import * as v8 from "v8";

/** The project folder (this file is `dist/notebookKernel/tslab/kernelSnapshot.js`). */
const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");

/** The first line of TypeScript's `createSourceFile`; the cache is put in front of it. */
const CREATE_SOURCE_FILE = "function createSourceFile(fileName, sourceText, languageVersionOrOptions, setParentNodes = false, scriptKind) {";

/** The arguments of `createSourceFile` that decide what it returns (besides the text). */
interface ParseKey {
  languageVersion: number;
  impliedNodeFormat: number | undefined;
  setParentNodes: boolean;
  scriptKind: number | undefined;
}
type Parse = (fileName: string, text: string, languageVersionOrOptions: unknown, setParentNodes: boolean, scriptKind?: number) => object;

/** Parsed (and bound) declaration files, by file name. */
class ParsedFileCache {
  private readonly files = new Map<string, { text: string; key: ParseKey; file: object }>();
  recording = true;
  enabled = true;
  hits = 0;
  misses = 0;

  /** `createSourceFile`, answered from the cache when every input is the same. */
  parse(parse: Parse, fileName: string, text: string, languageVersionOrOptions: unknown, setParentNodes = false, scriptKind?: number): object {
    const options = (typeof languageVersionOrOptions === "object" ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions }) as {
      languageVersion: number;
      impliedNodeFormat?: number;
    };
    const key: ParseKey = { languageVersion: options.languageVersion, impliedNodeFormat: options.impliedNodeFormat, setParentNodes, scriptKind };
    const cached = this.enabled ? this.files.get(fileName) : undefined;
    if (cached && cached.text === text && sameKey(cached.key, key)) {
      this.hits++;
      return cached.file;
    }
    this.misses++;
    const file = parse(fileName, text, languageVersionOrOptions, setParentNodes, scriptKind);
    // Only files that are the same for every kernel: installed packages and the built library.
    if (this.recording && /[\\/](node_modules|dist)[\\/]/.test(fileName)) this.files.set(fileName, { text, key, file });
    return file;
  }

  get size(): number {
    return this.files.size;
  }
}

function sameKey(a: ParseKey, b: ParseKey): boolean {
  return a.languageVersion === b.languageVersion && a.impliedNodeFormat === b.impliedNodeFormat && a.setParentNodes === b.setParentNodes && a.scriptKind === b.scriptKind;
}

/** Runs a CommonJS file with a given `require` (while the snapshot is built, only built-ins can be required). */
function loadCommonJs(file: string, source: string, requireFn: (id: string) => unknown): unknown {
  const module = { exports: {} as unknown };
  // The sourceURL keeps the file's name in stack traces.
  const body = new Function("exports", "require", "module", "__filename", "__dirname", `${source}\n//# sourceURL=${file}`);
  body.call(module.exports, module.exports, requireFn, module, file, path.dirname(file));
  return module.exports;
}

/** The compiler tslab's kernel uses (tslab depends on its own build of TypeScript). */
function tslabTypeScriptFile(root: string): string {
  const candidates = [
    path.join(root, "node_modules", "tslab", "node_modules", "@tslab", "typescript-for-tslab"),
    path.join(root, "node_modules", "@tslab", "typescript-for-tslab"),
  ];
  for (const dir of candidates) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) return path.join(dir, (JSON.parse(fs.readFileSync(pkg, "utf8")) as { main?: string }).main ?? "index.js");
  }
  throw new Error(`kernelSnapshot: @tslab/typescript-for-tslab not found under ${root}/node_modules`);
}

/** What identifies a file's version on disk. */
function stamp(file: string): string {
  const s = fs.statSync(file);
  return `${s.size}:${s.mtimeMs}`;
}

/** The part of TypeScript this module uses. */
interface TypeScript {
  version: string;
  sys: { getDirectories(dir: string): string[]; getCurrentDirectory(): string; directoryExists(dir: string): boolean; args: string[] };
  ScriptTarget: Record<string, number>;
  ModuleKind: Record<string, number>;
  ModuleResolutionKind: Record<string, number>;
  NewLineKind: Record<string, number>;
  JsxEmit: Record<string, number>;
  getDefaultTypeRoots(dir: string, host: { directoryExists(dir: string): boolean }): string[] | undefined;
  createCompilerHost(options: Record<string, unknown>): CompilerHost;
  createProgram(args: { rootNames: string[]; options: Record<string, unknown>; host: CompilerHost }): Program;
  createWatchCompilerHost(...args: unknown[]): unknown;
}
interface CompilerHost {
  readFile(file: string): string | undefined;
  fileExists(file: string): boolean;
}
interface Program {
  getSourceFile(file: string): object | undefined;
  getSourceFiles(): readonly object[];
  getSemanticDiagnostics(file?: object): readonly { messageText: unknown }[];
}

/**
 * The compiler options of tslab's converter (tslab/dist/converter.js, `createConverter`) that
 * the parse and bind results can depend on; `rootDir` and `typeRoots` follow the kernel's
 * working directory and are left out of the comparison.
 */
function tslabCompilerOptions(ts: TypeScript, cwd: string): Record<string, unknown> {
  const node = Number(process.versions.node.split(".")[0]);
  const [target, lib] =
    node >= 18 ? [ts.ScriptTarget.ES2022, "es2022"] : node >= 16 ? [ts.ScriptTarget.ES2021, "es2021"] : [ts.ScriptTarget.ES2020, "es2020"];
  return {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target,
    lib: [`lib.${lib}.d.ts`],
    declaration: true,
    newLine: ts.NewLineKind.LineFeed,
    noImplicitUseStrict: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    typeRoots: ts.getDefaultTypeRoots(cwd, { directoryExists: ts.sys.directoryExists }) ?? [],
    allowJs: true,
    checkJs: true,
    disableTopLevelAwait: true,
    skipLibCheck: true,
    rootDir: cwd,
    outDir: "outDir",
  };
}

/** The options as a comparable string, without the ones that follow the working directory. */
export function bindingOptionsKey(options: Record<string, unknown>): string {
  const { rootDir, typeRoots, ...rest } = options;
  void rootDir;
  void typeRoots;
  return JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k]]));
}

/** The source every kernel's first import compiles against: the library, Node's globals. */
const WARM_UP_CELL = 'export {};\nimport * as rnnlab from "rnnlab";\nconsole.log(rnnlab, process.argv, require("fs"), setTimeout);\n';

/** Parses and binds the declaration files of a kernel working in `notebooks/`; returns the options used. */
function warmUp(ts: TypeScript, tslabKernel: TslabKernelModule): Record<string, unknown> {
  const cwd = path.join(PROJECT_ROOT, "notebooks");
  const undo = tslabKernel.hideTypePackages(ts.sys, tslabKernel.devOnlyTypePackages(PROJECT_ROOT));
  try {
    const options = tslabCompilerOptions(ts, cwd);
    const root = path.join(cwd, "__rnnlab_snapshot__.ts");
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (f) => (f === root ? WARM_UP_CELL : readFile(f));
    host.fileExists = (f) => f === root || fileExists(f);
    const program = ts.createProgram({ rootNames: [root], options, host });
    // Type-checking the cell binds every file it can see (the checker binds all files).
    const errors = program.getSemanticDiagnostics(program.getSourceFile(root));
    if (errors.length > 0) throw new Error(`kernelSnapshot: the warm-up cell does not compile: ${JSON.stringify(errors[0].messageText)}`);
    return options;
  } finally {
    undo();
  }
}

interface TslabKernelModule {
  devOnlyTypePackages(root?: string): string[];
  hideTypePackages(sys: { getDirectories(dir: string): string[] }, dirs: string[]): () => void;
  runTslab(): void;
}

/** Everything the snapshot keeps for the kernel's start. */
interface SnapshotState {
  ts: TypeScript;
  tsFile: string;
  tsStamp: string;
  cache: ParsedFileCache;
  optionsKey: string;
}

/** Builds the snapshot's heap: TypeScript with the cache in front of its parser, and the warm cache. */
function buildState(): SnapshotState {
  const tsFile = tslabTypeScriptFile(PROJECT_ROOT);
  const source = fs.readFileSync(tsFile, "utf8");
  if (source.split(CREATE_SOURCE_FILE).length !== 2) {
    throw new Error(`kernelSnapshot: ${tsFile} has no single "${CREATE_SOURCE_FILE}"; this TypeScript version is not supported`);
  }
  const cache = new ParsedFileCache();
  const hook = "__rnnlabParsedFileCache";
  (globalThis as Record<string, unknown>)[hook] = cache;
  const patched = source.replace(
    CREATE_SOURCE_FILE,
    `${CREATE_SOURCE_FILE} return globalThis.${hook}.parse(createSourceFileUncached, fileName, sourceText, languageVersionOrOptions, setParentNodes, scriptKind); }\n` +
      "  function createSourceFileUncached(fileName, sourceText, languageVersionOrOptions, setParentNodes = false, scriptKind) {",
  );
  const ts = loadCommonJs(tsFile, patched, require) as TypeScript;
  const kernelFile = path.join(__dirname, "tslabKernel.js");
  const tslabKernel = loadCommonJs(kernelFile, fs.readFileSync(kernelFile, "utf8"), require) as TslabKernelModule;
  const options = warmUp(ts, tslabKernel);
  cache.recording = false;
  return { ts, tsFile, tsStamp: stamp(tsFile), cache, optionsKey: bindingOptionsKey(options) };
}

/** Makes `require` of tslab's TypeScript return the snapshot's copy, and fits it to this process. */
function installTypeScript(state: SnapshotState): boolean {
  if (stamp(state.tsFile) !== state.tsStamp) {
    console.error(`rnnlab: the kernel snapshot is older than ${state.tsFile}; not used (rebuild it: node scripts/setup-kernel.js)`);
    return false;
  }
  const { ts, cache } = state;
  // Values TypeScript computed once while the snapshot was built, in another directory and process.
  const cwd = process.cwd();
  ts.sys.getCurrentDirectory = () => cwd;
  ts.sys.args = process.argv.slice(2);
  // Bound files are only valid for the options they were bound with.
  const createWatchCompilerHost = ts.createWatchCompilerHost;
  ts.createWatchCompilerHost = function (this: unknown, ...args: unknown[]) {
    if (bindingOptionsKey(args[1] as Record<string, unknown>) !== state.optionsKey) cache.enabled = false;
    return createWatchCompilerHost.apply(this, args);
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the snapshot entry is one self-contained file loading built-in modules only, where used
  const Module = require("module") as {
    new (id: string, parent: null): { filename: string; loaded: boolean; exports: unknown; paths: string[] };
    _cache: Record<string, unknown>;
    _nodeModulePaths(dir: string): string[];
  };
  const m = new Module(state.tsFile, null);
  m.filename = state.tsFile;
  m.loaded = true;
  m.exports = ts;
  m.paths = Module._nodeModulePaths(path.dirname(state.tsFile));
  Module._cache[state.tsFile] = m;
  return true;
}

/** `--snapshot-check`: compiles the cells given on stdin with tslab's converter, prints JSON. */
function selfCheck(state: SnapshotState, kernel: TslabKernelModule, usable: boolean, projectRequire: NodeRequire): void {
  const input = fs.readFileSync(0, "utf8").trim();
  const cells = input ? (JSON.parse(input) as string[]) : [];
  const undo = kernel.hideTypePackages(state.ts.sys, kernel.devOnlyTypePackages(PROJECT_ROOT));
  const hitsBefore = state.cache.hits;
  const t0 = process.cpuUsage();
  const { createConverter } = projectRequire("tslab/dist/converter.js") as {
    createConverter(): { convert(decls: string, src: string): { output?: string; declOutput?: string; diagnostics: unknown[] }; close(): void };
  };
  const converter = createConverter();
  let decls = "";
  const results = cells.map((cell) => {
    const r = converter.convert(decls, cell);
    if (r.declOutput !== undefined && r.diagnostics.length === 0) decls = r.declOutput;
    return { output: r.output ?? null, diagnostics: r.diagnostics };
  });
  const cpu = process.cpuUsage(t0);
  converter.close();
  undo();
  const report = {
    typescript: state.ts.version,
    usable,
    cachedFiles: state.cache.size,
    cacheEnabled: state.cache.enabled,
    hits: state.cache.hits - hitsBefore,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    results,
  };
  process.stdout.write(JSON.stringify(report) + "\n");
}

/** Runs in the kernel process, after V8 restored the heap. */
function startKernel(state: SnapshotState): void {
  if (typeof Error.stackTraceLimit !== "number") Error.stackTraceLimit = 10; // not kept in the snapshot
  const usable = installTypeScript(state);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the snapshot entry is one self-contained file loading built-in modules only, where used
  const { createRequire } = require("module") as { createRequire(file: string): NodeRequire };
  const projectRequire = createRequire(path.join(PROJECT_ROOT, "package.json"));
  const kernel = projectRequire(path.join(__dirname, "tslabKernel.js")) as TslabKernelModule;
  if (process.argv.includes("--snapshot-check")) return selfCheck(state, kernel, usable, projectRequire);
  kernel.runTslab();
}

if (v8.startupSnapshot?.isBuildingSnapshot()) {
  const state = buildState();
  v8.startupSnapshot.setDeserializeMainFunction(() => startKernel(state));
}
