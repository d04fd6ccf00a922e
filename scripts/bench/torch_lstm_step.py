"""PyTorch peer of the BPTT benchmark (scripts/bench/bptt.js runs this; not a benchmark by itself).

One training step = LSTM over the whole sequence, linear head on the last hidden
state, MSE loss, backward, SGD update -- the same step rnnlab and TF.js time.
float64 and float32, at each thread count asked for (torch.set_num_threads(n); default 1).

Usage: /usr/bin/python3 scripts/bench/torch_lstm_step.py '<json>'
  json = {"configs": [[H, B, T, D], ...], "reps": [10, ...], "warmup": 3, "dtypes": ["float64", "float32"],
          "threads": [1, 2]}
Prints one JSON object on stdout: {"torch": version, "threads": [1, 2], "results": [...]}; each result
carries its "threads". CPU time (time.process_time) counts every thread of the process.
"""
import json
import statistics
import sys
import time

import torch


def time_step(H, B, T, D, dtype, reps, warmup):
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(D, H).to(dtype)          # time-major: input [T, B, D]
    head = torch.nn.Linear(H, 1).to(dtype)
    params = list(lstm.parameters()) + list(head.parameters())
    opt = torch.optim.SGD(params, lr=0.01)
    x = torch.randn(T, B, D, dtype=dtype)
    y = torch.randn(B, 1, dtype=dtype)

    def step():
        opt.zero_grad(set_to_none=False)
        out, _ = lstm(x)
        loss = torch.nn.functional.mse_loss(head(out[-1]), y)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(warmup):
        step()
    times, cpu = [], []
    for _ in range(reps):
        c0 = time.process_time()
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000.0)
        cpu.append((time.process_time() - c0) * 1000.0)
    return {"H": H, "B": B, "T": T, "D": D, "dtype": str(dtype).replace("torch.", ""),
            "reps": reps, "medianMs": statistics.median(times), "minMs": min(times),
            "cpuMedianMs": statistics.median(cpu), "timesMs": times, "cpuMs": cpu}


def main():
    spec = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    configs = spec.get("configs", [[32, 16, 50, 4], [64, 32, 50, 8], [128, 32, 100, 8], [256, 64, 100, 16]])
    reps = spec.get("reps", [10] * len(configs))
    warmup = spec.get("warmup", 3)
    dtypes = spec.get("dtypes", ["float64", "float32"])
    thread_counts = spec.get("threads", [1])
    results = []
    for n in thread_counts:
        torch.set_num_threads(n)
        for dt in dtypes:
            for (H, B, T, D), r in zip(configs, reps):
                res = time_step(H, B, T, D, getattr(torch, dt), r, warmup)
                res["threads"] = torch.get_num_threads()
                results.append(res)
    print(json.dumps({"torch": torch.__version__, "threads": thread_counts, "results": results}))


if __name__ == "__main__":
    main()
