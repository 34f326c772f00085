"""The benchmark protocol shared by numpy_mlp.py and torch_mlp.py, and by `./jbang bench`:

    MNIST (data/mnist, or MNIST_DIR), pixels / 255; a 784-128-10 network, ReLU hidden layer,
    softmax + cross-entropy averaged over the batch; mini-batches of 64 (937 of 64 and one of 32
    per epoch); He-normal init N(0, 2/fan_in) with zero biases; one seeded shuffle per epoch;
    5 epochs. SGD lr 0.1; momentum 0.9 with lr 0.05 (v = mu v + g, w -= lr v); Adam lr 1e-3
    (beta 0.9, 0.999, eps 1e-8, bias-corrected). Timed: the training pass of each epoch alone
    (no loading, no evaluation). Each run ends with one line that `./jbang bench --against` reads:

    SUMMARY numpy-1.24.2 float32 sgd arch=784,128,10  median 0.246 s/epoch (min 0.242 max 0.354)  final test acc 0.9689

Every random number (init, shuffles) comes from NumPy, so that both trainers start from the same
weights and see the same batches.
"""
import argparse
import gzip
import os
import struct

import numpy as np

DATA = os.environ.get("MNIST_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "mnist"))
DEFAULT_LR = {"sgd": 0.1, "momentum": 0.05, "adam": 1e-3}


def arguments(description):
    """The command line both trainers take; --lr defaults to the optimizer's rate above."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--opt", choices=["sgd", "momentum", "adam"], default="sgd")
    p.add_argument("--lr", type=float, default=None, help="default: sgd 0.1, momentum 0.05, adam 1e-3")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    p.add_argument("--arch", default="784,128,10")
    p.add_argument("--seed", type=int, default=42)
    return p


def finish(args):
    """Fills in the default learning rate and returns the NumPy dtype and the layer sizes."""
    if args.lr is None:
        args.lr = DEFAULT_LR[args.opt]
    return (np.float32 if args.dtype == "float32" else np.float64), [int(s) for s in args.arch.split(",")]


def idx(name):
    """One gzip-compressed IDX file of unsigned bytes as an array of its shape."""
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        data = f.read()
    zero, kind, dims = struct.unpack(">HBB", data[:4])
    if zero != 0 or kind != 0x08:
        raise SystemExit("%s is not an IDX file of unsigned bytes" % name)
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist(dtype):
    """(X_train, y_train, X_test, y_test): X is (n, 784) in [0, 1], y the labels as int64."""
    def images(name):
        a = idx(name)
        return a.reshape(a.shape[0], -1).astype(dtype) / dtype(255)
    return (images("train-images-idx3-ubyte.gz"), idx("train-labels-idx1-ubyte.gz").astype(np.int64),
            images("t10k-images-idx3-ubyte.gz"), idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))


def he_normal(sizes, seed, dtype):
    """W[l] ~ N(0, 2/fan_in) of shape (fan_in, fan_out), so that z = a @ W + b; b[l] = 0."""
    rng = np.random.default_rng(seed)
    Ws = [(rng.standard_normal((i, o)) * np.sqrt(2.0 / i)).astype(dtype) for i, o in zip(sizes[:-1], sizes[1:])]
    return Ws, [np.zeros(o, dtype=dtype) for o in sizes[1:]]


def shuffles(n, seed):
    """A new permutation of 0 … n−1 for every epoch, from its own seeded generator."""
    rng = np.random.default_rng(seed + 1)
    while True:
        yield rng.permutation(n)


def blas():
    """The BLAS library this process has loaded (Debian's NumPy finds it through libblas.so.3)."""
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                if "blas" in os.path.basename(path).lower():
                    return os.path.realpath(path)
    except OSError:
        pass
    return "unknown"


def summary(system, args, seconds, accuracy):
    """The closing line: the median (and min, max) training seconds per epoch, the final accuracy."""
    s = sorted(seconds)
    n = len(s)
    median = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
    print("SUMMARY %s %s %s arch=%s  median %.3f s/epoch (min %.3f max %.3f)  final test acc %.4f"
          % (system, args.dtype, args.opt, args.arch, median, s[0], s[-1], accuracy), flush=True)
