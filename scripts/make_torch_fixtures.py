#!/usr/bin/env python3
"""Reference fixtures for rnnlab's recurrent layers, made with PyTorch.

Run with Debian's interpreter (torch 1.13):  /usr/bin/python3 scripts/make_torch_fixtures.py

For every configuration (RNN tanh, RNN relu, LSTM, GRU) x (1, 2 layers) x
(uni-, bidirectional), and a packed (variable-length) case per cell, it
writes test/fixtures/torch/<name>.json with the weights (state dict as nested
lists), the input x [T, B, D] (time-major), h0 (and c0), the outputs, final
states, and the gradients of the scalar

    L = sum(output * U) + sum(hN * V) (+ sum(cN * W))

for fixed random U, V, W, with respect to every parameter, x, h0 (and c0).
It also writes losses.json (mse, bce-with-logits, cross-entropy with a row
mask) and model_lstm_bi_every_ce.json (a 2-layer bidirectional LSTM on packed
sequences + Linear at every step + masked cross-entropy, names as rnnlab's
SequenceModel) and model_gru_bi_last_bce.json (a 2-layer bidirectional GRU on
packed sequences + Linear on the last valid state + bce-with-logits). Everything is float64. The unit tests compare rnnlab against
these files.
"""
import json
import os

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "torch")
T, B, D, H = 5, 3, 3, 4
LENGTHS = [5, 2, 4]


def make_layer(cell, num_layers, bidirectional):
    kw = dict(input_size=D, hidden_size=H, num_layers=num_layers, bidirectional=bidirectional)
    if cell == "rnn_tanh":
        return torch.nn.RNN(nonlinearity="tanh", **kw)
    if cell == "rnn_relu":
        return torch.nn.RNN(nonlinearity="relu", **kw)
    if cell == "lstm":
        return torch.nn.LSTM(**kw)
    return torch.nn.GRU(**kw)


def tolist(t):
    return t.detach().tolist()


def fixture(cell, num_layers, bidirectional, packed, seed):
    torch.manual_seed(seed)
    layer = make_layer(cell, num_layers, bidirectional)
    dirs = 2 if bidirectional else 1
    x = torch.randn(T, B, D, requires_grad=True)
    h0 = (0.5 * torch.randn(num_layers * dirs, B, H)).requires_grad_()
    c0 = (0.5 * torch.randn(num_layers * dirs, B, H)).requires_grad_()
    U = torch.randn(T, B, dirs * H)
    V = torch.randn(num_layers * dirs, B, H)
    W = torch.randn(num_layers * dirs, B, H)
    state = (h0, c0) if cell == "lstm" else h0
    if packed:
        inp = pack_padded_sequence(x, torch.tensor(LENGTHS), enforce_sorted=False)
        out, final = layer(inp, state)
        out, _ = pad_packed_sequence(out, total_length=T)
    else:
        out, final = layer(x, state)
    hN, cN = final if cell == "lstm" else (final, None)
    loss = (out * U).sum() + (hN * V).sum()
    if cN is not None:
        loss = loss + (cN * W).sum()
    loss.backward()
    name = f"{cell}_l{num_layers}_{'bi' if bidirectional else 'uni'}{'_packed' if packed else ''}"
    data = {
        "name": name,
        "torch": torch.__version__,
        "config": {
            "cell": cell.split("_")[0],
            "nonlinearity": "relu" if cell == "rnn_relu" else "tanh",
            "inputSize": D,
            "hiddenSize": H,
            "numLayers": num_layers,
            "bidirectional": bidirectional,
        },
        "T": T,
        "B": B,
        "lengths": LENGTHS if packed else None,
        "stateDict": {k: tolist(v) for k, v in layer.state_dict().items()},
        "x": tolist(x),
        "h0": tolist(h0),
        "c0": tolist(c0) if cell == "lstm" else None,
        "U": tolist(U),
        "V": tolist(V),
        "W": tolist(W) if cell == "lstm" else None,
        "loss": loss.item(),
        "output": tolist(out),
        "hN": tolist(hN),
        "cN": tolist(cN) if cN is not None else None,
        "grads": {k: tolist(p.grad) for k, p in layer.named_parameters()},
        "dx": tolist(x.grad),
        "dh0": tolist(h0.grad),
        "dc0": tolist(c0.grad) if cell == "lstm" else None,
    }
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(data, f, separators=(",", ":"))
    return name


def loss_fixture(seed):
    """mse / bce-with-logits / cross-entropy (integer targets) with a row mask."""
    torch.manual_seed(seed)
    N, K = 6, 4
    mask = torch.tensor([1.0, 0.0, 1.0, 1.0, 0.0, 1.0])
    keep = mask.bool()
    pred = (3 * torch.randn(N, K)).requires_grad_()
    target = torch.randn(N, K)
    mse = torch.nn.functional.mse_loss(pred[keep], target[keep])
    mse_grad, = torch.autograd.grad(mse, pred)
    logits = (20 * torch.randn(N, K)).requires_grad_()  # large logits: tests stability
    bits = (torch.rand(N, K) > 0.5).double()
    bce = torch.nn.functional.binary_cross_entropy_with_logits(logits[keep], bits[keep])
    bce_grad, = torch.autograd.grad(bce, logits)
    classes = torch.randint(0, K, (N,))
    ce = torch.nn.functional.cross_entropy(logits, classes, ignore_index=-100, reduction="none")
    ce = (ce * mask).sum() / mask.sum()
    ce_grad, = torch.autograd.grad(ce, logits)
    data = {
        "name": "losses", "N": N, "K": K, "mask": tolist(mask),
        "pred": tolist(pred), "target": tolist(target), "mse": mse.item(), "mseGrad": tolist(mse_grad),
        "logits": tolist(logits), "bits": tolist(bits), "bce": bce.item(), "bceGrad": tolist(bce_grad),
        "classes": classes.tolist(), "ce": ce.item(), "ceGrad": tolist(ce_grad),
    }
    with open(os.path.join(OUT, "losses.json"), "w") as f:
        json.dump(data, f, separators=(",", ":"))


def model_fixture(seed):
    """LSTM (2 layers, bidirectional, packed) + Linear at every step + masked cross-entropy,
    parameters named as rnnlab's SequenceModel (rnn.*, head.*)."""
    torch.manual_seed(seed)
    K = 3
    rnn = torch.nn.LSTM(input_size=D, hidden_size=H, num_layers=2, bidirectional=True)
    head = torch.nn.Linear(2 * H, K)
    x = torch.randn(T, B, D)
    classes = torch.randint(0, K, (T, B))
    mask = torch.tensor([[1.0 if t < L else 0.0 for L in LENGTHS] for t in range(T)])
    out, _ = rnn(pack_padded_sequence(x, torch.tensor(LENGTHS), enforce_sorted=False))
    out, _ = pad_packed_sequence(out, total_length=T)
    logits = head(out)
    ce = torch.nn.functional.cross_entropy(logits.reshape(T * B, K), classes.reshape(-1), reduction="none")
    loss = (ce * mask.reshape(-1)).sum() / mask.sum()
    loss.backward()
    params = {**{"rnn." + k: v for k, v in rnn.named_parameters()}, **{"head." + k: v for k, v in head.named_parameters()}}
    data = {
        "name": "model_lstm_bi_every_ce", "T": T, "B": B, "D": D, "H": H, "K": K, "lengths": LENGTHS,
        "stateDict": {k: tolist(v) for k, v in params.items()},
        "x": tolist(x), "classes": classes.tolist(), "loss": loss.item(), "logits": tolist(logits),
        "grads": {k: tolist(v.grad) for k, v in params.items()},
    }
    with open(os.path.join(OUT, "model_lstm_bi_every_ce.json"), "w") as f:
        json.dump(data, f, separators=(",", ":"))


def model_last_fixture(seed):
    """GRU (2 layers, bidirectional, packed) + Linear on the last valid state (cat of the top
    layer's forward and reverse final states) + bce-with-logits."""
    torch.manual_seed(seed)
    O = 2
    rnn = torch.nn.GRU(input_size=D, hidden_size=H, num_layers=2, bidirectional=True)
    head = torch.nn.Linear(2 * H, O)
    x = torch.randn(T, B, D)
    bits = (torch.rand(B, O) > 0.5).double()
    _, hN = rnn(pack_padded_sequence(x, torch.tensor(LENGTHS), enforce_sorted=False))
    logits = head(torch.cat([hN[-2], hN[-1]], dim=1))
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, bits)
    loss.backward()
    params = {**{"rnn." + k: v for k, v in rnn.named_parameters()}, **{"head." + k: v for k, v in head.named_parameters()}}
    data = {
        "name": "model_gru_bi_last_bce", "T": T, "B": B, "D": D, "H": H, "O": O, "lengths": LENGTHS,
        "stateDict": {k: tolist(v) for k, v in params.items()},
        "x": tolist(x), "bits": tolist(bits), "loss": loss.item(), "logits": tolist(logits),
        "grads": {k: tolist(v.grad) for k, v in params.items()},
    }
    with open(os.path.join(OUT, "model_gru_bi_last_bce.json"), "w") as f:
        json.dump(data, f, separators=(",", ":"))


def main():
    os.makedirs(OUT, exist_ok=True)
    seed = 0
    names = []
    for cell in ["rnn_tanh", "rnn_relu", "lstm", "gru"]:
        for num_layers in [1, 2]:
            for bidirectional in [False, True]:
                seed += 1
                names.append(fixture(cell, num_layers, bidirectional, False, seed))
        seed += 1
        names.append(fixture(cell, 2, True, True, seed))
    loss_fixture(100)
    model_fixture(101)
    model_last_fixture(102)
    print("wrote", len(names) + 3, "fixtures to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
