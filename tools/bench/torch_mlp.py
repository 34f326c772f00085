#!/usr/bin/python3
"""The benchmark protocol (protocol.py) trained by PyTorch on the CPU: the same network, the same
initial weights and batches as numpy_mlp.py, with autograd and torch.optim.

Use Debian's /usr/bin/python3 with python3-torch (and libopenblas0-pthread). With 2 threads on 2
cores PyTorch's OpenMP threads fight OpenBLAS's own: use --threads 1, or OMP_WAIT_POLICY=PASSIVE.
"""
import time

import numpy as np
import torch
import torch.nn.functional as F

import protocol

parser = protocol.arguments("Train the benchmark MLP on MNIST in PyTorch.")
parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
args = parser.parse_args()
dt, sizes = protocol.finish(args)
torch.set_num_threads(args.threads)
X, y, X_test, y_test = (torch.from_numpy(a) for a in protocol.mnist(dt))
Ws, bs = protocol.he_normal(sizes, args.seed, dt)
params = [torch.tensor(p, requires_grad=True) for pair in zip(Ws, bs) for p in pair]
if args.opt == "adam":
    optimizer = torch.optim.Adam(params, lr=args.lr)
else:
    optimizer = torch.optim.SGD(params, lr=args.lr, momentum=0.9 if args.opt == "momentum" else 0)


def forward(a):
    """The logits: z = a W + b layer after layer, ReLU between (softmax is in cross_entropy)."""
    layers = len(params) // 2
    for l in range(layers):
        a = torch.addmm(params[2 * l + 1], a, params[2 * l])
        if l < layers - 1:
            a = torch.relu(a)
    return a


print("torch %s, %d thread(s), blas %s, dtype=%s, opt=%s lr=%g, arch=%s"
      % (torch.__version__, torch.get_num_threads(), protocol.blas(), args.dtype, args.opt, args.lr, args.arch))
order = protocol.shuffles(X.shape[0], args.seed)
seconds, accuracy = [], 0.0
for epoch in range(1, args.epochs + 1):
    perm = torch.from_numpy(next(order))
    start = time.perf_counter()
    cost = 0.0
    for i in range(0, X.shape[0], args.batch):
        batch = perm[i:i + args.batch]
        loss = F.cross_entropy(forward(X[batch]), y[batch])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        cost += loss.item() * batch.numel()
    seconds.append(time.perf_counter() - start)
    with torch.no_grad():
        accuracy = (forward(X_test).argmax(1) == y_test).double().mean().item()
    print("epoch %d  train %.3f s  loss %.4f  test acc %.4f" % (epoch, seconds[-1], cost / X.shape[0], accuracy), flush=True)
protocol.summary("torch-" + torch.__version__, args, seconds, accuracy)
