/**
 * tslab's side of "errors a student can read" (see ../studentErrors.ts).
 *
 * tslab 1.0.22 prints a failed cell on stderr: TypeScript diagnostics as `3:7 - message`, a
 * runtime error as `console.error(error)` — the compiled line, its line number, and tslab's
 * frames. This installs, before tslab's `main()` runs, four hooks on tslab's modules:
 *
 * - `converter.createConverter`: each conversion is remembered (the cell's source, its
 *   compiled output and diagnostics);
 * - `executor.createExecutor`: the executor gets a console whose `error` collects the
 *   failure instead of printing it, and each cell's compiled code runs under its own file
 *   name (`cell[3]`) so that stack frames say which cell they are in;
 * - `JupyterHandlerImpl.handleExecuteImpl`: the failure of a request is kept for its reply;
 * - `ZmqServer.handleExecute`: a failed request gets a Jupyter `error` output
 *   (ename/evalue/traceback, shown by JupyterLab and the classic Notebook alike) and the same
 *   fields in its `execute_reply`; a compile error's message also carries `diagnostics`, the
 *   `line:col - message` lines tslab used to print (the grader reads them).
 *
 * Each hook checks that tslab's code is what it expects; if not, nothing is installed and a
 * warning says so on stderr (tslab then reports errors its own way).
 */
import * as path from "path";
import { CellDiagnostic, StudentError, StudentErrorReporter } from "../studentErrors";

interface Conversion {
  output?: string;
  diagnostics: CellDiagnostic[];
}
interface Converter {
  convert(prevDecl: string, src: string): Conversion;
}
interface Executor {
  execute(src: string): Promise<boolean>;
}
type ConsoleLike = { log: (...a: unknown[]) => void; error: (...a: unknown[]) => void };
interface ReplyMessage {
  header: { msg_type: string };
  content: unknown;
  signAndSend(key: string, sock: unknown): void;
}
interface ZmqMessage {
  content: { code: string };
  createReply(): ReplyMessage;
}
interface ZmqServerLike {
  connInfo: { key: string };
  iopub: unknown;
  handler: {
    handleExecute(req: unknown, writeStream: (name: string, text: string) => void, writeDisplayData: (data: unknown, update: boolean) => void): Promise<{ status: string }>;
  };
}

/** The prefixes tslab's executor puts around a cell's compiled code before `vm.runInThisContext`. */
const WRAPPER = /^\(async function\(exports, require\) \{ |^\(function\(exports, require\) \{ /;

/** What each hook expects to find in tslab's code (checked before anything is installed). */
const EXPECTED: readonly [string, string, RegExp][] = [
  ["executor.js", "createExecutor", /vm_1\.default\.runInThisContext\(wrapped/],
  ["executor.js", "createExecutor", /console\.error\(e\)/],
  ["executor.js", "createExecutor", /convs\.node\.convert\(prevDecl, src\)/],
  ["jupyter.js", "JupyterHandlerImpl.handleExecuteImpl", /this\.executor\.execute\(req\.code\)/],
  ["jupyter.js", "ZmqServer.handleExecute", /this\.handler\.handleExecute\(msg\.content, writeStream, writeDisplayData\)/],
];

/**
 * Installs the hooks on tslab's modules in `tslabDist` (tslab's `dist/` folder). Returns the
 * reporter, or null (with a warning on stderr) if tslab's code is not what the hooks expect.
 */
export function installErrorReporting(tslabDist: string, libraryRoot: string, warn: (line: string) => void = (l) => process.stderr.write(l + "\n")): StudentErrorReporter | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- tslab's own compiled files (computed path into its dist/), loaded when the kernel starts
  const converterModule = require(path.join(tslabDist, "converter.js")) as { createConverter: (...a: unknown[]) => Converter };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- tslab's own compiled files (computed path into its dist/), loaded when the kernel starts
  const executorModule = require(path.join(tslabDist, "executor.js")) as { createExecutor: (root: string, convs: unknown, c: ConsoleLike) => Executor };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- tslab's own compiled files (computed path into its dist/), loaded when the kernel starts
  const jupyterModule = require(path.join(tslabDist, "jupyter.js")) as {
    JupyterHandlerImpl: { prototype: { handleExecuteImpl(this: unknown, req: { code: string }, ...rest: unknown[]): Promise<unknown> } };
    ZmqServer: { prototype: { handleExecute(this: ZmqServerLike, sock: unknown, msg: ZmqMessage): Promise<void> } };
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- tslab's own compiled files (computed path into its dist/), loaded when the kernel starts
  const vm = require("vm") as { runInThisContext: (code: string, options?: unknown) => unknown };
  const sources: Record<string, string> = {
    createExecutor: String(executorModule.createExecutor),
    "JupyterHandlerImpl.handleExecuteImpl": String(jupyterModule.JupyterHandlerImpl?.prototype?.handleExecuteImpl),
    "ZmqServer.handleExecute": String(jupyterModule.ZmqServer?.prototype?.handleExecute),
  };
  const wrong = EXPECTED.filter(([, fn, re]) => !re.test(sources[fn] ?? ""));
  if (typeof converterModule.createConverter !== "function" || wrong.length > 0) {
    warn(
      `rnnlab: WARNING: tslab's code is not what the error reporting expects (${wrong.map(([f, fn, re]) => `${f} ${fn}: ${re.source}`).join("; ") || "converter.createConverter"}); ` +
        "errors are shown the way tslab prints them",
    );
    return null;
  }
  const reporter = new StudentErrorReporter(libraryRoot);
  let last: { src: string; result: Conversion } | null = null;
  const state: { pending: StudentError | null } = { pending: null };
  let run = 0;
  const failures = new WeakMap<object, StudentError>();

  const createConverter = converterModule.createConverter;
  converterModule.createConverter = (...args: unknown[]) => {
    const converter = createConverter(...args);
    const convert = converter.convert.bind(converter);
    converter.convert = (prevDecl: string, src: string) => {
      const result = convert(prevDecl, src);
      last = { src, result };
      return result;
    };
    return converter;
  };

  const createExecutor = executorModule.createExecutor;
  executorModule.createExecutor = (rootDir, convs, console) => {
    let file = "";
    let src = "";
    const collecting: ConsoleLike = {
      log: console.log,
      error: (...args: unknown[]) => {
        if (!file) return console.error(...args);
        if (args[0] === "%s%d:%d - %s") {
          if (last && last.src === src && last.result.diagnostics.length > 0) {
            state.pending = reporter.compileError(src, last.result.diagnostics);
            return;
          }
          return console.error(...args); // a `//@module` cell's diagnostics: as tslab prints them
        }
        if (args.length === 1) state.pending = reporter.runtimeError(args[0], file);
        else console.error(...args);
      },
    };
    const executor = createExecutor(rootDir, convs, collecting);
    const execute = executor.execute.bind(executor);
    executor.execute = (code: string) => {
      run++;
      file = `cell[${run}]`;
      src = code;
      last = null;
      const runInThisContext = vm.runInThisContext;
      vm.runInThisContext = function (compiled: string, options?: unknown) {
        if (typeof compiled === "string" && WRAPPER.test(compiled) && last && last.src === code && typeof last.result.output === "string") {
          reporter.addCell({ file, run, source: code, compiled: last.result.output });
          options = { ...(typeof options === "object" && options !== null ? options : {}), filename: file };
        }
        return runInThisContext.call(vm, compiled, options);
      };
      try {
        return execute(code); // compiles and starts the cell synchronously
      } finally {
        vm.runInThisContext = runInThisContext;
      }
    };
    return executor;
  };

  const handlerProto = jupyterModule.JupyterHandlerImpl.prototype;
  const handleExecuteImpl = handlerProto.handleExecuteImpl;
  handlerProto.handleExecuteImpl = async function (this: unknown, req: { code: string }, ...rest: unknown[]) {
    state.pending = null;
    try {
      return await handleExecuteImpl.call(this, req, ...rest);
    } finally {
      if (state.pending) failures.set(req, state.pending);
      state.pending = null;
    }
  };

  // tslab's ZmqServer.handleExecute, with the error output added.
  jupyterModule.ZmqServer.prototype.handleExecute = async function (this: ZmqServerLike, sock: unknown, msg: ZmqMessage) {
    const send = (type: string, content: unknown) => {
      const r = msg.createReply();
      r.header.msg_type = type;
      r.content = content;
      r.signAndSend(this.connInfo.key, this.iopub);
    };
    const content = await this.handler.handleExecute(
      msg.content,
      (name, text) => send("stream", { name, text }),
      (data, update) => send(update ? "update_display_data" : "display_data", data),
    );
    const failure = failures.get(msg.content);
    if (content.status === "error" && failure) {
      send("error", failure);
      Object.assign(content, { ename: failure.ename, evalue: failure.evalue, traceback: failure.traceback });
    }
    const reply = msg.createReply();
    reply.header.msg_type = "execute_reply";
    reply.content = content;
    reply.signAndSend(this.connInfo.key, sock);
  };
  return reporter;
}
