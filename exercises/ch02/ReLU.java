package ch02;

/// The rectified linear unit ReLU(z) = max(0, z) and its derivative.
///
/// ReLU has slope 1 for z > 0 and slope 0 for z < 0. At z = 0 it has a kink and no derivative;
/// we pick **ReLU'(0) = 0** (the convention of most libraries), so that prime is 1 exactly when
/// z > 0. It never saturates for z > 0, but a unit whose z stays negative passes no gradient at all.
public final class ReLU implements Activation {

    /// ReLU(z) = max(0, z): z for z > 0, else 0.
    @Override
    public double value(double z) {
        // TODO(ch02-relu): return z when it is positive and 0 otherwise (1 line).
        throw new UnsupportedOperationException("TODO(ch02-relu) in exercises/ch02/ReLU.java");
    }

    /// ReLU'(z) = 1 for z > 0 and 0 for z ≤ 0, so ReLU'(0) = 0 by convention.
    @Override
    public double prime(double z) {
        // TODO(ch02-relu-prime): return 1 for z > 0 and 0 for z ≤ 0 (1 line).
        throw new UnsupportedOperationException("TODO(ch02-relu-prime) in exercises/ch02/ReLU.java");
    }

    @Override
    public String name() {
        return "ReLU";
    }

    @Override
    public String toString() {
        return name();
    }
}
