#!/usr/bin/python3
"""The benchmark protocol (protocol.py) trained by hand-written backprop in NumPy, mini-batch
matrix form, as chapter 9 writes it:

    forward   z_l = a_(l-1) W_l + b_l,  a_l = relu(z_l) (l < L),  p = softmax(z_L)
    cost      C = mean_i -log p[i, y_i]
    backward  d_L = (p - onehot(y)) / B
              dW_l = a_(l-1)^T d_l,  db_l = 1^T d_l,  d_(l-1) = (d_l W_l^T) * [z_(l-1) > 0]

Use Debian's /usr/bin/python3 with python3-numpy and libopenblas0-pthread (without OpenBLAS,
NumPy falls back to the reference BLAS, about 15 times slower).
"""
import time

import numpy as np

import protocol

args = protocol.arguments("Train the benchmark MLP on MNIST in NumPy.").parse_args()
dt, sizes = protocol.finish(args)
X, y, X_test, y_test = protocol.mnist(dt)
Ws, bs = protocol.he_normal(sizes, args.seed, dt)
L = len(Ws)


def sgd():
    def step(params, grads):
        for p, g in zip(params, grads):
            p -= dt(args.lr) * g
    return step


def momentum(mu=0.9):
    velocity = []

    def step(params, grads):
        if not velocity:
            velocity.extend(np.zeros_like(g) for g in grads)
        for p, g, v in zip(params, grads, velocity):
            v *= dt(mu)
            v += g
            p -= dt(args.lr) * v
    return step


def adam(beta1=0.9, beta2=0.999, eps=1e-8):
    m, v, t = [], [], [0]

    def step(params, grads):
        if not m:
            m.extend(np.zeros_like(g) for g in grads)
            v.extend(np.zeros_like(g) for g in grads)
        t[0] += 1
        c1, c2 = 1 - beta1 ** t[0], 1 - beta2 ** t[0]
        for p, g, mi, vi in zip(params, grads, m, v):
            mi *= dt(beta1)
            mi += dt(1 - beta1) * g
            vi *= dt(beta2)
            vi += dt(1 - beta2) * (g * g)
            p -= dt(args.lr / c1) * mi / (np.sqrt(vi / dt(c2)) + dt(eps))
    return step


update = {"sgd": sgd, "momentum": momentum, "adam": adam}[args.opt]()


def forward(a):
    """The pre-activations z_1 … z_L and the activations a_0 … a_(L-1)."""
    zs, acts = [], [a]
    for l in range(L):
        z = a @ Ws[l]
        z += bs[l]
        zs.append(z)
        a = np.maximum(z, 0)
        acts.append(a)
    return zs, acts


def train_step(Xb, yb):
    B = Xb.shape[0]
    zs, acts = forward(Xb)
    # a stable softmax: subtract each row's largest logit
    logits = zs[-1] - zs[-1].max(axis=1, keepdims=True)
    e = np.exp(logits)
    total = e.sum(axis=1, keepdims=True)
    cost = float(np.mean(np.log(total[:, 0]) - logits[np.arange(B), yb]))
    d = e / total
    d[np.arange(B), yb] -= 1
    d /= dt(B)
    dW, db = [None] * L, [None] * L
    for l in range(L - 1, -1, -1):
        dW[l] = acts[l].T @ d
        db[l] = d.sum(axis=0)
        if l > 0:
            d = (d @ Ws[l].T) * (zs[l - 1] > 0)
    update(Ws + bs, dW + db)
    return cost


print("numpy %s, blas %s, dtype=%s, opt=%s lr=%g, arch=%s" % (np.__version__, protocol.blas(), args.dtype, args.opt, args.lr, args.arch))
order = protocol.shuffles(X.shape[0], args.seed)
seconds, accuracy = [], 0.0
for epoch in range(1, args.epochs + 1):
    perm = next(order)
    start = time.perf_counter()
    cost = 0.0
    for i in range(0, X.shape[0], args.batch):
        batch = perm[i:i + args.batch]
        cost += train_step(X[batch], y[batch]) * batch.size
    seconds.append(time.perf_counter() - start)
    accuracy = float(np.mean(forward(X_test)[0][-1].argmax(axis=1) == y_test))
    print("epoch %d  train %.3f s  loss %.4f  test acc %.4f" % (epoch, seconds[-1], cost / X.shape[0], accuracy), flush=True)
protocol.summary("numpy-" + np.__version__, args, seconds, accuracy)
