#!/usr/bin/env python3
"""The XOR example of chapter 6 in PyTorch, to compare with ./jbang ch06 from the same weights.

The classic PyTorch XOR example, in float64: nn.Linear(2, 10), ReLU, nn.Linear(10, 1), MSELoss,
SGD with lr = 0.1, 1000 epochs of full-batch training on the four XOR points.

    /usr/bin/python3 tools/xor_torch.py --write-init w.txt --losses torch.txt   # PyTorch's own initial weights
    ./jbang ch06 --init w.txt --losses java.txt                                 # the chapter, from the same weights
    /usr/bin/python3 tools/xor_torch.py --compare torch.txt java.txt            # the largest difference

or the other way round, PyTorch from weights written by hand or by another framework:

    /usr/bin/python3 tools/xor_torch.py --init w.txt --losses torch.txt

It needs a Python with PyTorch (only --compare does without): on Debian or Ubuntu, the system's
/usr/bin/python3 after `sudo apt-get install python3-torch python3-numpy` (a python3 from pyenv or
a virtual environment first on the PATH does not see those packages); elsewhere, `pip install
torch` into the Python you run it with. Without PyTorch it says so in one sentence.

The weights file (--write-init, --init) is the plain-text format of ch06.Weights: lines starting
with # are comments; then for W1, b1, W2, b2 in this order a header "NAME ROWS COLS" (W1 10 2,
b1 1 10, W2 1 10, b2 1 1) and ROWS lines of COLS numbers. W is nn.Linear.weight as it is
(out_features x in_features), b one row. The losses file (--losses) has one line per epoch, the
loss before that epoch's update (loss.item()), in full precision (repr).
"""

import argparse
import sys

try:
    import torch
    from torch import nn
except ImportError:
    torch = nn = None

EPOCHS = 1000
LEARNING_RATE = 0.1
SHAPES = [("W1", 10, 2), ("b1", 1, 10), ("W2", 1, 10), ("b2", 1, 1)]


def network():
    """The 2-10-1 network with PyTorch's default initialisation, in float64."""
    return nn.Sequential(nn.Linear(2, 10), nn.ReLU(), nn.Linear(10, 1)).double()


def parameters(model):
    """W1, b1, W2, b2: the parameters of the two linear layers, in the order of the file."""
    first, last = model[0], model[2]
    return [first.weight, first.bias, last.weight, last.bias]


def write_weights(path, model, seed):
    with open(path, "w") as out:
        out.write("# XOR 2-10-1 initial weights from PyTorch %s (torch.manual_seed(%d), float64)\n"
                  % (torch.__version__, seed))
        out.write("# W is nOut x nIn (nn.Linear.weight), b is one row\n")
        for (name, rows, cols), p in zip(SHAPES, parameters(model)):
            matrix = p.detach().reshape(rows, cols).tolist()
            out.write("%s %d %d\n" % (name, rows, cols))
            for row in matrix:
                out.write(" ".join(repr(float(v)) for v in row) + "\n")


def fail(message):
    print("error: " + message, file=sys.stderr)
    sys.exit(1)


def read_weights(path):
    """The blocks of the file as a list of (name, rows x cols nested lists); one sentence on error."""
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except OSError as e:
        fail("cannot read the weights file %s (%s)." % (path, e.strerror))
    content = [(n + 1, line.split()) for n, line in enumerate(lines)
               if line.strip() and not line.strip().startswith("#")]
    blocks = []
    k = 0
    while k < len(content):
        number, header = content[k]
        if len(header) != 3 or not header[1].isdigit() or not header[2].isdigit():
            fail('%s:%d: expected a header "NAME ROWS COLS" such as "W1 10 2".' % (path, number))
        name, rows, cols = header[0], int(header[1]), int(header[2])
        matrix = []
        for i in range(rows):
            k += 1
            if k >= len(content):
                fail("%s: the file ends after %d of the %d rows of %s." % (path, i, rows, name))
            number, fields = content[k]
            if len(fields) != cols:
                fail("%s:%d: row %d of %s has %d numbers but %s has %d columns."
                     % (path, number, i + 1, name, len(fields), name, cols))
            try:
                matrix.append([float(v) for v in fields])
            except ValueError:
                fail("%s:%d: row %d of %s holds something that is not a number." % (path, number, i + 1, name))
        blocks.append((name, rows, cols, matrix))
        k += 1
    return blocks


def load_weights(path, model):
    blocks = read_weights(path)
    expected = ", ".join("%s %dx%d" % s for s in SHAPES)
    if [(b[0], b[1], b[2]) for b in blocks] != SHAPES:
        fail("%s holds %s but the network needs %s, in that order."
             % (path, ", ".join("%s %dx%d" % b[:3] for b in blocks) or "no blocks", expected))
    with torch.no_grad():
        for (name, rows, cols, matrix), p in zip(blocks, parameters(model)):
            p.copy_(torch.tensor(matrix, dtype=torch.float64).reshape(p.shape))


def train(model):
    """The classic loop; returns the loss of every epoch, before its update."""
    X = torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=torch.float64)
    y = torch.tensor([[0], [1], [1], [0]], dtype=torch.float64)
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    losses = []
    for epoch in range(EPOCHS):
        optimizer.zero_grad()
        outputs = model(X)
        loss = loss_fn(outputs, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    with torch.no_grad():
        predictions = model(X)
    return losses, predictions


def read_losses(path):
    try:
        with open(path) as f:
            return [float(line) for line in f.read().split()]
    except (OSError, ValueError) as e:
        fail("cannot read the losses file %s (%s)." % (path, e))


def compare(first, second):
    a, b = read_losses(first), read_losses(second)
    if len(a) != len(b):
        fail("%s has %d losses but %s has %d." % (first, len(a), second, len(b)))
    differences = [abs(x - y) for x, y in zip(a, b)]
    relative = [d / max(abs(x), abs(y), 1e-300) for d, x, y in zip(differences, a, b)]
    worst = max(range(len(differences)), key=differences.__getitem__)
    print("%d epochs; the largest |difference| is %.3e at epoch %d (%r against %r)"
          % (len(a), differences[worst], worst + 1, a[worst], b[worst]))
    worst = max(range(len(relative)), key=relative.__getitem__)
    print("the largest relative difference is %.3e at epoch %d (%r against %r)"
          % (relative[worst], worst + 1, a[worst], b[worst]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="torch.manual_seed for the initial weights (default 0)")
    parser.add_argument("--init", metavar="FILE", help="start from the weights in FILE")
    parser.add_argument("--write-init", metavar="FILE", help="write the initial weights to FILE")
    parser.add_argument("--losses", metavar="FILE", help="write the loss of every epoch to FILE, one per line")
    parser.add_argument("--compare", nargs=2, metavar=("FILE1", "FILE2"),
                        help="only compare two losses files and print the largest difference")
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    if torch is None:
        fail("this Python (%s) has no PyTorch; on Debian or Ubuntu run the system's /usr/bin/python3 after "
             "sudo apt-get install python3-torch python3-numpy, elsewhere pip install torch into this Python "
             "(only --compare works without it)." % sys.executable)
    torch.manual_seed(args.seed)
    model = network()
    if args.init:
        load_weights(args.init, model)
    if args.write_init:
        write_weights(args.write_init, model, args.seed)
    losses, predictions = train(model)
    if args.losses:
        with open(args.losses, "w") as out:
            out.write("".join(repr(loss) + "\n" for loss in losses))
    print("loss after epoch 1: %.6e, after epoch %d: %.6e" % (losses[0], EPOCHS, losses[-1]))
    print("predictions (targets 0 1 1 0): " + " ".join("%.6f" % v for v in predictions.flatten().tolist()))


if __name__ == "__main__":
    main()
