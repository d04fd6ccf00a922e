#!/usr/bin/env node
// Benchmark: eigenvalues of dense random N×N matrices (issue 5, part 4).
//
// rnnlab's eigenvalues-only solver (balance + Householder Hessenberg + Francis double-shift QR,
// lib/linalg) against ml-matrix's EigenvalueDecomposition (JAMA port, also computes
// eigenvectors) and LAPACK through NumPy (np.linalg.eigvals → dgeev without vectors), on the
// same matrices (entries N(0, 1/N)), in the same run. Also reports the accuracy: the largest
// distance between matched eigenvalues, relative to ‖A‖_F, against ml-matrix and LAPACK.
// Target (issue 5): at N = 1000 within 5× of LAPACK.
//
//   node scripts/bench/eigenvalues.js [--quick]    (--quick: skips ml-matrix, fewer repetitions)
//
// Writes build/bench/eigenvalues.json. Needs the built library (npm run build).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { benchOptions, timeRepeated, printTable, writeBenchJson, loadRnnlab } = require("./_common");

/** Largest distance of a greedy nearest matching between two eigenvalue lists, over ‖A‖_F. */
function matchError(re1, im1, re2, im2, norm) {
  const n = re1.length;
  const used = new Uint8Array(n);
  const order = [...Array(n).keys()].sort((i, j) => re1[i] - re1[j] || im1[i] - im1[j]);
  let worst = 0;
  for (const i of order) {
    let best = Infinity;
    let bj = -1;
    for (let j = 0; j < n; j++) {
      if (used[j]) continue;
      const d = Math.hypot(re1[i] - re2[j], im1[i] - im2[j]);
      if (d < best) {
        best = d;
        bj = j;
      }
    }
    used[bj] = 1;
    worst = Math.max(worst, best);
  }
  return worst / norm;
}

const PY = `
import sys, json, time, numpy as np
path, n, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
a = np.fromfile(path, dtype='<f8').reshape(n, n)
np.linalg.eigvals(a)  # warm-up
wall, cpu = [], []
for _ in range(reps):
    t0, c0 = time.perf_counter(), time.process_time()
    w = np.linalg.eigvals(a)
    wall.append((time.perf_counter() - t0) * 1e3); cpu.append((time.process_time() - c0) * 1e3)
print(json.dumps({"wallMs": sorted(wall)[len(wall)//2], "cpuMs": sorted(cpu)[len(cpu)//2], "re": w.real.tolist(), "im": w.imag.tolist()}))
`;

function lapack(a, n, reps) {
  const file = path.join(os.tmpdir(), `rnnlab-eig-${process.pid}-${n}.bin`);
  fs.writeFileSync(file, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  const res = spawnSync("/usr/bin/python3", ["-c", PY, file, String(n), String(reps)], { encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" } });
  fs.rmSync(file, { force: true });
  if (res.status !== 0) return null;
  return JSON.parse(res.stdout);
}

function hasNumpy() {
  const r = spawnSync("/usr/bin/python3", ["-c", "import numpy"], { encoding: "utf8" });
  return r.status === 0;
}

function main() {
  const { quick } = benchOptions();
  const lib = loadRnnlab();
  const { Matrix, EigenvalueDecomposition } = require("ml-matrix");
  const numpy = hasNumpy();
  const sizes = [200, 500, 1000];
  const rows = [];
  for (const n of sizes) {
    const rng = new lib.Rng(n);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) a[i] = rng.normal() / Math.sqrt(n);
    let norm = 0;
    for (const v of a) norm += v * v;
    norm = Math.sqrt(norm);
    const reps = quick ? (n >= 1000 ? 1 : 2) : n >= 1000 ? 3 : 5;
    let ours = null;
    const t = timeRepeated(() => (ours = lib.eigenvalues(a, n)), reps, 1);
    const row = { N: n, rnnlabMs: t.medianMs, rnnlabCpuMs: t.cpuMedianMs };
    if (!quick && n >= 500) {
      const data = [];
      for (let i = 0; i < n; i++) data.push(Array.from(a.subarray(i * n, (i + 1) * n)));
      let ml = null;
      const tm = timeRepeated(() => (ml = new EigenvalueDecomposition(new Matrix(data))), 1, 0);
      row.mlMatrixMs = tm.medianMs;
      row.vsMlMatrix = tm.medianMs / t.medianMs;
      row.errVsMlMatrix = matchError(ours.re, ours.im, ml.realEigenvalues, ml.imaginaryEigenvalues, norm);
    }
    if (numpy) {
      const l = lapack(a, n, quick ? 2 : n >= 1000 ? 3 : 5);
      if (l) {
        row.lapackMs = l.wallMs;
        row.lapackCpuMs = l.cpuMs;
        row.ratioToLapack = t.medianMs / l.wallMs;
        row.cpuRatioToLapack = t.cpuMedianMs / l.cpuMs;
        row.errVsLapack = matchError(ours.re, ours.im, l.re, l.im, norm);
      }
    }
    rows.push(row);
    console.error(`N = ${n} done`);
  }
  console.log(`Eigenvalues of random N×N matrices (median ms; ratios > 1 mean rnnlab is slower; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
  printTable(rows, ["N", "rnnlabMs", "rnnlabCpuMs", "mlMatrixMs", "vsMlMatrix", "lapackMs", "lapackCpuMs", "ratioToLapack", "cpuRatioToLapack", "errVsMlMatrix", "errVsLapack"]);
  const big = rows.find((r) => r.N === 1000);
  if (big && big.ratioToLapack !== undefined) {
    console.log(`N = 1000: ${big.ratioToLapack.toFixed(2)}× LAPACK wall time (${big.cpuRatioToLapack.toFixed(2)}× in CPU time); target ≤ 5×`);
  }
  const file = writeBenchJson("eigenvalues", { quick, rows, notes: "errors are max matched-eigenvalue distances / ‖A‖_F; mlMatrix skipped with --quick" });
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main();
