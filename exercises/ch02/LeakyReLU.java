package ch02;

/// The leaky ReLU with slope α on the negative side: z for z > 0, αz for z ≤ 0.
///
/// Like [ReLU] on the positive side, but a negative z still lets a small gradient α through, so
/// a unit cannot "die". Its derivative is 1 for z > 0 and α for z ≤ 0: at the kink z = 0 we pick
/// the negative side's slope, **LeakyReLU'(0) = α** (for α = 0 this is ReLU and ReLU'(0) = 0).
public final class LeakyReLU implements Activation {

    /// The slope for z ≤ 0 when none is given.
    public static final double DEFAULT_ALPHA = 0.01;

    private final double alpha;

    /// A leaky ReLU with the slope α = 0.01 on the negative side.
    public LeakyReLU() {
        this(DEFAULT_ALPHA);
    }

    /// A leaky ReLU with the slope `alpha` on the negative side, 0 ≤ α < 1.
    public LeakyReLU(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("the leaky ReLU's slope α must be in [0, 1), got " + alpha);
        }
        this.alpha = alpha;
    }

    /// The slope α on the negative side.
    public double alpha() {
        return alpha;
    }

    /// z for z > 0, α·z for z ≤ 0 (with this object's α, not always 0.01).
    @Override
    public double value(double z) {
        // TODO(ch02-leaky-relu): z for z > 0, alpha·z for z ≤ 0 (1 line).
        throw new UnsupportedOperationException("TODO(ch02-leaky-relu) in exercises/ch02/LeakyReLU.java");
    }

    /// 1 for z > 0 and α for z ≤ 0, so LeakyReLU'(0) = α by convention.
    @Override
    public double prime(double z) {
        // TODO(ch02-leaky-relu-prime): 1 for z > 0, alpha for z ≤ 0 (1 line).
        throw new UnsupportedOperationException("TODO(ch02-leaky-relu-prime) in exercises/ch02/LeakyReLU.java");
    }

    @Override
    public String name() {
        return "leaky ReLU (α = " + alpha + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
