import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Table, datasetPath, danfoLoaded, formatCell, isDataFrame, readCsvTable, showTable, toDataFrame } from "../../../lib/table";
import { JUPYTER_DISPLAY } from "../../../lib/display/bundle";

describe("Table without danfojs", () => {
  const records = [
    { model: "RNN", accuracy: 0.61234567, params: 1200 },
    { model: "LSTM", accuracy: 0.93, params: 4800 },
    { model: "<GRU>", accuracy: 0.925, params: 3600 },
  ];

  test("records become an HTML table and aligned text, without loading danfojs", () => {
    const t = new Table(records, { title: "Test accuracy", digits: 3 });
    expect(t.shape).toEqual([3, 3]);
    const b = t[JUPYTER_DISPLAY]();
    const html = b["text/html"] as string;
    expect(html).toContain('<table class="rnnlab-table"');
    expect(html).toContain("Test accuracy");
    expect(html).toContain("&lt;GRU&gt;"); // escaped
    expect(html).not.toContain("<GRU>");
    expect(html).toContain(">0.612<");
    expect(b["text/plain"]).toBe(
      [
        "Test accuracy",
        "model  accuracy  params",
        "-----  --------  ------",
        "RNN       0.612    1200",
        "LSTM       0.93    4800",
        "<GRU>     0.925    3600",
        "(3 rows × 3 columns)",
      ].join("\n"),
    );
    expect(danfoLoaded()).toBe(false);
  });

  test("columns (typed arrays too) and missing cells", () => {
    const t = new Table({ step: new Float64Array([0, 1]), loss: [0.5, null] });
    expect(t.rows).toEqual([[0, 0.5], [1, null]]);
    const r = new Table([{ a: 1 }, { b: "x" }]);
    expect(r.columns).toEqual(["a", "b"]);
    expect(r.rows).toEqual([[1, null], [null, "x"]]);
  });

  test("bad input names what is wrong", () => {
    expect(() => new Table([])).toThrow("Table: records must contain at least one row, got an empty array");
    expect(() => new Table({ a: [1, 2], b: [1] })).toThrow('Table: column "b" has 1 entries but column "a" has 2; all columns must have the same length');
    expect(() => new Table([{ a: { nested: 1 } as unknown as number }])).toThrow('Table: row 0 column "a" must be a number, string, boolean or null, got an object');
    expect(() => new Table(records, { digits: 0 })).toThrow(/digits must be an integer in \[1, 17\], got 0/);
    expect(() => new Table(42 as unknown as [])).toThrow(/data must be records/);
  });

  test("long tables show head and tail", () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ i }));
    const text = new Table(rows, { maxRows: 6 }).toString().split("\n");
    expect(text).toEqual([" i", "--", " 0", " 1", " 2", " …", "97", "98", "99", "(100 rows × 1 column)"]);
  });

  test("a Table can be re-shown with other options", () => {
    const t = new Table([{ x: Math.PI }], { digits: 3 });
    const u = new Table(t, { digits: 6, title: "again" });
    expect(u.rows).toEqual(t.rows);
    expect(u.toString().split("\n").slice(0, 4)).toEqual(["again", "      x", "-------", "3.14159"]);
  });

  test("long text cells are cut", () => {
    const t = new Table([{ s: "x".repeat(100) }], { maxCellChars: 10 });
    expect(t.toString().split("\n")[2]).toBe("xxxxxxxxx…");
    expect(t.toHtml()).toContain(">xxxxxxxxx…<");
    expect(t.rows[0][0]).toBe("x".repeat(100)); // the data itself is kept
  });

  test("formatCell", () => {
    expect(formatCell(3)).toBe("3");
    expect(formatCell(Math.PI)).toBe("3.142");
    expect(formatCell(Math.PI, 6)).toBe("3.14159");
    expect(formatCell(1.5e-7)).toBe("1.500e-7");
    expect(formatCell(NaN)).toBe("NaN");
    expect(formatCell(null)).toBe("");
    expect(formatCell(true)).toBe("true");
  });

  test("showTable prints the text outside a notebook and returns nothing", () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    expect(showTable([{ a: 1 }], { title: "T" })).toBeUndefined();
    expect(log).toHaveBeenCalledWith(new Table([{ a: 1 }], { title: "T" }).toString());
    log.mockRestore();
  });
});

describe("danfojs DataFrames", () => {
  jest.setTimeout(60_000);

  test("toDataFrame from records and columns; Table shows the index", () => {
    const df = toDataFrame([{ a: 1, b: "x" }, { a: 2.5, b: "y" }]);
    expect(danfoLoaded()).toBe(true);
    expect(isDataFrame(df)).toBe(true);
    expect(df.shape).toEqual([2, 2]);
    expect(df.columns).toEqual(["a", "b"]);
    const dc = toDataFrame({ t: new Float64Array([0, 1, 2]), v: [3, 4, 5] });
    expect(dc.shape).toEqual([3, 2]);
    expect(dc.values).toEqual([[0, 3], [1, 4], [2, 5]]);
    const t = new Table(df);
    expect(t.index).toEqual([0, 1]);
    expect(t.toString().split("\n")[0]).toBe("     a  b");
    expect(() => toDataFrame({ a: [1], b: [1, 2] })).toThrow(/toDataFrame: column "b" has 2 entries/);
  });

  test("datasetPath finds course data from anywhere and rejects bad names", async () => {
    const file = datasetPath("adding_T30.csv");
    expect(path.isAbsolute(file)).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
    expect(() => datasetPath("nope.csv")).toThrow(/datasetPath: no file "nope.csv" in .*datasets; available: .*adding_T30.csv/);
    expect(() => datasetPath("../package.json")).toThrow(/must be a file name inside datasets/);
    const df = await readCsvTable(file);
    expect(df.columns).toEqual(["id", "length", "values", "markers", "target"]);
    expect(new Table(df).rows[0].slice(0, 2)).toEqual([0, 30]);
  });

  test("readCsvTable reads a local CSV file", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rnnlab-")), "x.csv");
    fs.writeFileSync(file, "id,name,score\n0,alpha,1.5\n1,beta,-2\n2,gamma,3.25\n");
    const df = await readCsvTable(file);
    expect(df.shape).toEqual([3, 3]);
    expect(df.columns).toEqual(["id", "name", "score"]);
    expect(df.values).toEqual([[0, "alpha", 1.5], [1, "beta", -2], [2, "gamma", 3.25]]);
    await expect(readCsvTable(file + ".missing")).rejects.toThrow(/readCsvTable: no file at/);
    // Excel files never reach danfojs's Excel parser (xlsx 0.18.5, with advisories for crafted files)
    const sheet = path.join(os.tmpdir(), `rnnlab-sheet-${process.pid}.xlsx`);
    fs.writeFileSync(sheet, "PK\u0003\u0004 crafted");
    try {
      await expect(readCsvTable(sheet)).rejects.toThrow(/readCsvTable: .*Excel files are not supported: .*xlsx 0\.18\.5.*Save the sheet as CSV/);
      await expect(readCsvTable("grades.XLS")).rejects.toThrow(/Excel files are not supported/);
    } finally {
      fs.rmSync(sheet, { force: true });
    }
    // a column called "values" hides DataFrame.values in danfojs; Table still reads the rows
    const clash = file.replace("x.csv", "clash.csv");
    fs.writeFileSync(clash, "id,values,index\n0,1 2 3,a\n1,4 5 6,b\n");
    const dc = await readCsvTable(clash);
    expect(isDataFrame(dc)).toBe(true);
    const t = new Table(dc);
    expect(t.columns).toEqual(["id", "values", "index"]);
    expect(t.rows).toEqual([[0, "1 2 3", "a"], [1, "4 5 6", "b"]]);
    expect(t.index).toEqual([0, 1]);
  });
});
