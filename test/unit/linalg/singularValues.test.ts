/** Singular values against known cases and the identity Σσ² = ‖A‖_F². */
import { Rng } from "../../../lib/core/random";
import { singularValues } from "../../../lib/linalg";

describe("singularValues", () => {
  test("diagonal with signs: |d| in descending order", () => {
    const s = singularValues(new Float64Array([0, 0, -3, 0, 1, 0]), 2, 3); // rows [0,0,-3],[0,1,0]
    expect(Array.from(s)).toEqual([3, 1]);
  });
  test("tall and wide random matrices: Σσ² = ‖A‖²_F, descending, A and Aᵀ agree", () => {
    const rng = new Rng(3);
    const rows = 9;
    const cols = 4;
    const a = rng.normalArray(rows * cols);
    const at = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) at[j * rows + i] = a[i * cols + j];
    const s = singularValues(a, rows, cols);
    const st = singularValues(at, cols, rows);
    expect(s.length).toBe(4);
    let fro = 0;
    for (const v of a) fro += v * v;
    expect(s.reduce((acc, v) => acc + v * v, 0)).toBeCloseTo(fro, 10);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
    s.forEach((v, i) => expect(st[i]).toBeCloseTo(v, 12));
  });
  test("bad input names the argument", () => {
    expect(() => singularValues(new Float64Array(5), 2, 3)).toThrow(/singularValues: a must be of length rows\*cols = 2\*3 = 6/);
    expect(() => singularValues(new Float64Array(6), 0, 3)).toThrow(/rows must be an integer >= 1/);
  });
});
