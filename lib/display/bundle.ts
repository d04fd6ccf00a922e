/**
 * Rich display in notebooks: one MIME bundle per output.
 *
 * A figure needs several MIME types in one output (self-contained HTML for the
 * notebook clients and the exported book, plain text for terminals and as a
 * summary), so outputs go to the kernel as whole bundles through a display sink:
 * the kernel adapter (lib/notebookKernel/<kernel>/) registers its kernel's writer
 * at start-up. Outside a kernel (tests, a terminal) there is none and `show` prints
 * the bundle's text/plain instead.
 *
 * Objects that can display themselves implement `[Symbol.for("Jupyter.display")]()`
 * returning their bundle (the convention of Deno's Jupyter kernel).
 */

/** A MIME bundle: MIME type -> content (string or JSON). */
export type MimeBundle = Record<string, unknown>;

/** The symbol Deno's kernel (and rnnlab) use for self-displaying objects. */
export const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/** An object that knows how to display itself as a MIME bundle. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** One output as the kernel sends it (Jupyter's display_data / update_display_data content). */
export interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}
/** Sends one output (an update of the output `transient.display_id` names when `update` is true). */
export type DisplayWriter = (message: DisplayMessage, update: boolean) => void;
/** The kernel's display writer now, or null when it cannot display (asked at every output). */
export type DisplaySink = () => DisplayWriter | null;

let sink: DisplaySink | null = null;

/** Registers the kernel's display sink (its adapter does, at kernel start); null removes it. */
export function registerDisplaySink(next: DisplaySink | null): void {
  sink = next;
}

/** True when a kernel adapter has registered its display sink. */
export function hasDisplaySink(): boolean {
  return sink !== null;
}

/** True when running inside a kernel that can display rich output. */
export function inNotebook(): boolean {
  return sink?.() != null;
}

/** Is `value` an object with a `[Symbol.for("Jupyter.display")]` method? */
export function isDisplayable(value: unknown): value is Displayable {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Record<symbol, unknown>)[JUPYTER_DISPLAY] === "function"
  );
}

let displayCounter = 0;

/** A handle to one output area that can be replaced in place (for live plots). */
export class DisplayHandle {
  private shown = false;
  constructor(readonly id: string) {}

  /** Shows `content` here, replacing what this handle showed before. */
  update(content: MimeBundle | Displayable): void {
    if (writeOutput(content, { display_id: this.id }, this.shown)) this.shown = true;
  }
}

/** A new output area that can be updated in place. */
export function newDisplayHandle(): DisplayHandle {
  displayCounter += 1;
  return new DisplayHandle(`rnnlab-${process.pid}-${Date.now().toString(36)}-${displayCounter}`);
}

/** What a bundle prints in a terminal: its text/plain, or a note naming its MIME types. */
function plainTextOf(bundle: MimeBundle): string {
  const text = bundle["text/plain"];
  if (typeof text === "string") return text;
  return `[rich output: ${Object.keys(bundle).join(", ") || "empty"}]`;
}

/**
 * The text of a displayable object in a terminal: its own `toString()` when it has
 * one (cheap: no HTML is built), else the text/plain of its bundle.
 */
function terminalText(content: MimeBundle | Displayable): string {
  if (isDisplayable(content)) {
    const own = (content as { toString?: unknown }).toString;
    if (typeof own === "function" && own !== Object.prototype.toString) return String(own.call(content));
    return plainTextOf(content[JUPYTER_DISPLAY]());
  }
  return plainTextOf(content);
}

/** Displays a bundle or a displayable object as one output (its text/plain outside a notebook). */
export function show(content: MimeBundle | Displayable): void {
  writeOutput(content, {}, false);
}

/**
 * Writes `content` as one output through the kernel (an update of the output `transient`
 * names when `update` is true) and returns true; outside a notebook prints its text and
 * returns false.
 */
function writeOutput(content: MimeBundle | Displayable, transient: { display_id?: string }, update: boolean): boolean {
  const writer = sink?.() ?? null;
  if (!writer) {
    const text = terminalText(content);
    if (text !== "") console.log(text);
    return false;
  }
  const bundle = isDisplayable(content) ? content[JUPYTER_DISPLAY]() : content;
  writer({ data: bundle, metadata: {}, transient }, update);
  return true;
}

/** Escapes text for inclusion in HTML (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
