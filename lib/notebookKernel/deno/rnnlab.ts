/**
 * rnnlab as Deno's kernel imports it: `node scripts/setup-deno-kernel.js` maps `rnnlab` here
 * (deno.json "imports"), so that the first import registers Deno's display writer with
 * lib/display (Deno's kernel runs nothing of ours before it); then the library, unchanged.
 */
import { denoAdapter } from "./index";

denoAdapter().registerDisplay();

export * from "../../index";
