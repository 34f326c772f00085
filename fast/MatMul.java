//COMPILE_OPTIONS --add-modules=jdk.incubator.vector -Xlint:-incubating
//JAVA_OPTIONS --add-modules=jdk.incubator.vector

package fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// The float32 matrix products of [FloatMlp]: C = A B and C = Aᵀ B, register-blocked on the CPU's
/// vector instructions (the `jdk.incubator.vector` API), with the bias, the ReLU or the ReLU mask
/// applied while the result is still in the cache.
///
/// **The idea.** Row i of C = A B is Σ_p A(i, p) · (row p of B): a sum of scaled rows of B. The
/// kernel keeps a 6×W tile of C in 12 vector registers (W = 2 vectors: 16 floats with AVX2) and
/// runs p from 0 to k − 1; each step loads 2 vectors of B, broadcasts 6 numbers of A and does 12
/// fused multiply-adds, so every number it loads is used 2 to 6 times and the multiply-add units,
/// not the memory, set the pace. On the hidden layer's product (k = 784) this 6×W tile runs at
/// 87-91 GFLOP/s on one core (peak 93) where a 4×W tile ran at 63-74; row counts that 6 does not
/// divide end with 4-row tiles.
///
/// **The vector width.** W and the tiles follow the CPU: with AVX-512, vectors of 16 floats make
/// W = 32, and its 32 vector registers hold 8-row tiles (16 accumulators) for A B and for Aᵀ B
/// ([#tall]). On an AVX-512 core (AMD EPYC, Zen 5) they raised the hidden layer's product from
/// 84-91% to 96-98% of the measured FMA peak, ∂C/∂W¹'s from 86-87% to 91-97% (`./jbang bench
/// --kernel`, 1 and 2 threads), and cut a single-threaded SGD epoch from 0.20-0.25 to 0.19-0.20 s
/// of CPU time. The 512-bit vectors themselves are worth it on that core too (it multiplies-adds
/// 512 bits at a time: twice the peak of 256-bit vectors; `./jbang bench --vector-bits 256`
/// measures the other choice), although the 10 classes are then padded to 32 columns, not 16.
///
/// **The layouts.** The JIT compiler removes the bounds checks of a loop only when the index
/// grows by a constant, so the operands are laid out for constant strides:
///
/// - *rows*: an m×k matrix row after row with row stride `lda` (≥ k); the rows of a tile are
///   read at a₀ + p, a₀ + lda + p, …, stride 1 in p.
/// - *panels*: a k×n matrix (n a multiple of W) cut into n/W vertical strips of W columns, each
///   stored row after row: entry (p, j) at (j / W)·k·W + p·W + j mod W. A strip row is W
///   contiguous floats, stride W in p.
/// - *quads*, for Aᵀ: a k×M matrix A (M a multiple of 4) cut into M/4 strips of 4 columns: entry
///   (p, i) at (i / 4)·k·4 + p·4 + i mod 4, so that the 4 numbers broadcast at step p sit side by
///   side, stride 4 in p.
///
/// With a variable stride instead (A read as `a[i·ai + p·ap]`) the same tile ran at 55 instead of
/// 97 GFLOP/s here, and a tile reading each row of A from its own array at 52-59 instead of 74-93,
/// which is why there are tile methods alike but for their strides and heights ([#tileRows8],
/// [#tileRows6], [#tileRows4], [#tileQuads2], [#tileQuads]; Java cannot write one method over a
/// number of registers). Each
/// stores its own registers: a vector passed to a method that the JIT does not inline becomes an
/// object. A `save(tile, c00, …, c31)` helper was compiled that way in about one run in five, when
/// the JIT compiled a tile before it had profiled it, and those runs trained 10 times slower. With
/// 16 registers Aᵀ B keeps 4-row tiles (one quad; two with 32): with strips of 6 columns (the 6 numbers of a step side by side) the tile
/// ran at 37-42 GFLOP/s, and on Aᵀ transposed into rows at 78-80, against 85-88 for quads (k is
/// the batch, 64). Packing an operand costs one pass over it (k·n numbers against m·k·n
/// multiply-adds), and [FloatMlp] keeps its weights in panels so that they are never packed.
///
/// Shapes must fill whole tiles: m and M multiples of 4, n a multiple of [#W]; callers pad with
/// zeros. Every method works on a range of rows of C, so that threads can split a product.
public final class MatMul {

    /// The vectors of every product and update: the CPU's widest (`SPECIES_PREFERRED`: 8 floats with
    /// AVX2, 16 with AVX-512), or the width in bits that the system property `fast.vectorBits` names
    /// (256 or 512), to measure one against the other.
    static final VectorSpecies<Float> S = species(System.getProperty("fast.vectorBits"));
    private static final VectorSpecies<Float> QUAD = FloatVector.SPECIES_128;

    /// Floats per vector: 8 with AVX2, 16 with AVX-512.
    public static final int L = S.length();

    /// Columns per tile and per panel: two vectors.
    public static final int W = 2 * L;

    /// Rows per tile: 4, the multiple every row count must be; [#mult] uses tiles of [#TALL] rows
    /// where they fit.
    public static final int ROWS = 4;

    /// Rows of [#mult]'s tall tiles: 12 accumulators, 15 of the 16 vector registers with B's two.
    static final int TALL = 6;

    /// Whether the tiles are made for 32 vector registers (AVX-512: 8 rows, 16 accumulators) rather
    /// than 16 (AVX2: 6 rows for A B, 4 for Aᵀ B); from the CPU, changed only by tests that check both.
    static boolean tall = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

    /// What happens to a tile of C = A B on its way out, the *epilogue* of the product.
    public enum Out {
        /// C = A B.
        PLAIN,
        /// C = A B + 1 bᵀ, with b a row of n numbers.
        BIAS,
        /// C = max(0, A B + 1 bᵀ): a dense layer and its ReLU in one pass.
        BIAS_RELU,
        /// C = (A B) ⊙ 1[M > 0], with M an m×n matrix in rows (stride n): δ through a ReLU.
        MASK
    }

    private MatMul() {}

    /// The float vectors of `bits` bits (null: the CPU's widest); a width wider than the CPU's is refused.
    static VectorSpecies<Float> species(String bits) {
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        VectorSpecies<Float> species = switch (bits.trim()) {
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException("fast.vectorBits must be 256 or 512, but was '" + bits + "'");
        };
        if (species.length() > FloatVector.SPECIES_PREFERRED.length()) {
            throw new IllegalArgumentException("this CPU's vectors have " + FloatVector.SPECIES_PREFERRED.vectorBitSize()
                    + " bits, fewer than the " + bits + " of fast.vectorBits");
        }
        return species;
    }

    /// Rows `from` … `to` − 1 of C (m×n, rows, stride n) = A B followed by `out`, with A m×k in
    /// rows (stride `lda`) and B k×n in panels; `extra` is b for the bias epilogues, M for the mask
    /// and unused for PLAIN. `from` and `to` are multiples of 4; n is a multiple of W.
    public static void mult(float[] a, int lda, int k, float[] b, int n, float[] c, Out out, float[] extra, int from,
            int to) {
        mult(a, lda, k, b, n, c, out, extra, from, to, 0, n);
    }

    /// The block of rows `from` … `to` − 1 and columns `left` … `right` − 1 of C = A B followed by
    /// `out`, as [#mult(float\[\], int, int, float\[\], int, float\[\], Out, float\[\], int, int)];
    /// `left` and `right` are multiples of W.
    public static void mult(float[] a, int lda, int k, float[] b, int n, float[] c, Out out, float[] extra, int from,
            int to, int left, int right) {
        float[] tile = new float[2 * ROWS * W];
        for (int j = left; j < right; j += W) {
            for (int i = from; i < to; ) {
                // with 32 registers an 8-row tile while 8 rows are left; with 16, a 6-row tile
                // while 12 or more rows are left, or exactly 6; else a 4-row one (8 rows are 4 + 4
                // and 10 are 4 + 6)
                int rows = tall ? (to - i >= 2 * ROWS ? 2 * ROWS : ROWS) : to - i >= 12 || to - i == TALL ? TALL : ROWS;
                if (rows == 2 * ROWS) {
                    tileRows8(a, i * lda, lda, b, j * k, k, tile);
                } else if (rows == TALL) {
                    tileRows6(a, i * lda, lda, b, j * k, k, tile);
                } else {
                    tileRows4(a, i * lda, lda, b, j * k, k, tile);
                }
                store(tile, rows, c, i, j, n, out, extra);
                i += rows;
            }
        }
    }

    /// Rows `from` … `to` − 1 of C (M×n, panels) = Aᵀ B, with A k×M in quads and B k×n in panels.
    /// `from` and `to` are multiples of 4; M and n those of the layouts.
    public static void multTransA(float[] a, int M, int k, float[] b, int n, float[] c, int from, int to) {
        multTransA(a, M, k, b, n, c, from, to, 0, n);
    }

    /// The block of rows `from` … `to` − 1 and columns `left` … `right` − 1 (multiples of W) of
    /// C = Aᵀ B, as [#multTransA(float\[\], int, int, float\[\], int, float\[\], int, int)].
    public static void multTransA(float[] a, int M, int k, float[] b, int n, float[] c, int from, int to, int left,
            int right) {
        for (int j = left; j < right; j += W) {
            for (int i = from; i < to; ) {
                // rows i … i+3 of C's panel j are 4·W consecutive floats
                if (tall && to - i >= 2 * ROWS) {
                    tileQuads2(a, i * k, b, j * k, k, c, j * M + i * W);
                    i += 2 * ROWS;
                } else {
                    tileQuads(a, i * k, b, j * k, k, c, j * M + i * W);
                    i += ROWS;
                }
            }
        }
    }

    /// tile (6×W) = A(i … i+5, 0 … k−1) · B(0 … k−1, j … j+W−1), with A in rows from `a0` (row
    /// stride `lda`) and B's panel starting at `b0`.
    private static void tileRows6(float[] a, int a0, int lda, float[] b, int b0, int k, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
                c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0; p < k; p++) {
            FloatVector b0v = FloatVector.fromArray(S, b, b0 + p * W);
            FloatVector b1v = FloatVector.fromArray(S, b, b0 + p * W + L);
            // row r of the tile += A(i+r, p) · (row p of the panel)
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0v, c50);
            c51 = x.fma(b1v, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, W);
        c11.intoArray(tile, W + L);
        c20.intoArray(tile, 2 * W);
        c21.intoArray(tile, 2 * W + L);
        c30.intoArray(tile, 3 * W);
        c31.intoArray(tile, 3 * W + L);
        c40.intoArray(tile, 4 * W);
        c41.intoArray(tile, 4 * W + L);
        c50.intoArray(tile, 5 * W);
        c51.intoArray(tile, 5 * W + L);
    }

    /// [#tileRows6] for 8 rows (16 accumulators): with AVX-512's 32 registers.
    private static void tileRows8(float[] a, int a0, int lda, float[] b, int b0, int k, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
                c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
        for (int p = 0; p < k; p++) {
            FloatVector b0v = FloatVector.fromArray(S, b, b0 + p * W);
            FloatVector b1v = FloatVector.fromArray(S, b, b0 + p * W + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0v, c50);
            c51 = x.fma(b1v, c51);
            x = FloatVector.broadcast(S, a[a6 + p]);
            c60 = x.fma(b0v, c60);
            c61 = x.fma(b1v, c61);
            x = FloatVector.broadcast(S, a[a7 + p]);
            c70 = x.fma(b0v, c70);
            c71 = x.fma(b1v, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, W);
        c11.intoArray(tile, W + L);
        c20.intoArray(tile, 2 * W);
        c21.intoArray(tile, 2 * W + L);
        c30.intoArray(tile, 3 * W);
        c31.intoArray(tile, 3 * W + L);
        c40.intoArray(tile, 4 * W);
        c41.intoArray(tile, 4 * W + L);
        c50.intoArray(tile, 5 * W);
        c51.intoArray(tile, 5 * W + L);
        c60.intoArray(tile, 6 * W);
        c61.intoArray(tile, 6 * W + L);
        c70.intoArray(tile, 7 * W);
        c71.intoArray(tile, 7 * W + L);
    }

    /// [#tileRows6] for 4 rows, where 6 do not fit.
    private static void tileRows4(float[] a, int a0, int lda, float[] b, int b0, int k, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        int a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (int p = 0; p < k; p++) {
            FloatVector b0v = FloatVector.fromArray(S, b, b0 + p * W);
            FloatVector b1v = FloatVector.fromArray(S, b, b0 + p * W + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, W);
        c11.intoArray(tile, W + L);
        c20.intoArray(tile, 2 * W);
        c21.intoArray(tile, 2 * W + L);
        c30.intoArray(tile, 3 * W);
        c31.intoArray(tile, 3 * W + L);
    }

    /// tile (4×W, the W·4 floats of `tile` from `t0`) = Aᵀ(i … i+3, ·) · B(·, j … j+W−1), with A's
    /// quad starting at `a0` and B's panel at `b0`: [#tileRows] with the 4 numbers of step p side by side.
    private static void tileQuads(float[] a, int a0, float[] b, int b0, int k, float[] tile, int t0) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < k; p++) {
            FloatVector b0v = FloatVector.fromArray(S, b, b0 + p * W);
            FloatVector b1v = FloatVector.fromArray(S, b, b0 + p * W + L);
            int q = a0 + ROWS * p;
            FloatVector x = FloatVector.broadcast(S, a[q]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(S, a[q + 1]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(S, a[q + 2]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(S, a[q + 3]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
        }
        c00.intoArray(tile, t0);
        c01.intoArray(tile, t0 + L);
        c10.intoArray(tile, t0 + W);
        c11.intoArray(tile, t0 + W + L);
        c20.intoArray(tile, t0 + 2 * W);
        c21.intoArray(tile, t0 + 2 * W + L);
        c30.intoArray(tile, t0 + 3 * W);
        c31.intoArray(tile, t0 + 3 * W + L);
    }

    /// [#tileQuads] for two quads at once (8×W, 16 accumulators): with AVX-512's 32 registers.
    private static void tileQuads2(float[] a, int a0, float[] b, int b0, int k, float[] tile, int t0) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
                c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int a1 = a0 + ROWS * k;
        for (int p = 0; p < k; p++) {
            FloatVector b0v = FloatVector.fromArray(S, b, b0 + p * W);
            FloatVector b1v = FloatVector.fromArray(S, b, b0 + p * W + L);
            int q = a0 + ROWS * p, r = a1 + ROWS * p;
            FloatVector x = FloatVector.broadcast(S, a[q]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(S, a[q + 1]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(S, a[q + 2]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(S, a[q + 3]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            x = FloatVector.broadcast(S, a[r]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
            x = FloatVector.broadcast(S, a[r + 1]);
            c50 = x.fma(b0v, c50);
            c51 = x.fma(b1v, c51);
            x = FloatVector.broadcast(S, a[r + 2]);
            c60 = x.fma(b0v, c60);
            c61 = x.fma(b1v, c61);
            x = FloatVector.broadcast(S, a[r + 3]);
            c70 = x.fma(b0v, c70);
            c71 = x.fma(b1v, c71);
        }
        c00.intoArray(tile, t0);
        c01.intoArray(tile, t0 + L);
        c10.intoArray(tile, t0 + W);
        c11.intoArray(tile, t0 + W + L);
        c20.intoArray(tile, t0 + 2 * W);
        c21.intoArray(tile, t0 + 2 * W + L);
        c30.intoArray(tile, t0 + 3 * W);
        c31.intoArray(tile, t0 + 3 * W + L);
        c40.intoArray(tile, t0 + 4 * W);
        c41.intoArray(tile, t0 + 4 * W + L);
        c50.intoArray(tile, t0 + 5 * W);
        c51.intoArray(tile, t0 + 5 * W + L);
        c60.intoArray(tile, t0 + 6 * W);
        c61.intoArray(tile, t0 + 6 * W + L);
        c70.intoArray(tile, t0 + 7 * W);
        c71.intoArray(tile, t0 + 7 * W + L);
    }

    /// C(i … i+rows−1, j … j+W−1) ← the tile's first `rows` rows, through the epilogue `out`.
    private static void store(float[] tile, int rows, float[] c, int i, int j, int n, Out out, float[] extra) {
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < W; v += L) {
                int at = (i + r) * n + j + v;
                FloatVector z = FloatVector.fromArray(S, tile, r * W + v);
                z = switch (out) {
                    case PLAIN -> z;
                    case BIAS -> z.add(FloatVector.fromArray(S, extra, j + v));
                    // a = max(0, z + b)
                    case BIAS_RELU -> z.add(FloatVector.fromArray(S, extra, j + v)).max(0f);
                    // δ ⊙ 1[a > 0]
                    case MASK -> {
                        VectorMask<Float> dead = FloatVector.fromArray(S, extra, at).compare(VectorOperators.LE, 0f);
                        yield z.blend(0f, dead);
                    }
                };
                z.intoArray(c, at);
            }
        }
    }

    /// Rows `from` … `to` − 1 of the k×n matrix `a` (rows, stride `lda`) into `bp`, its panels; n is
    /// a multiple of W.
    public static void panels(float[] a, int lda, int k, int n, float[] bp, int from, int to) {
        for (int p = from; p < to; p++) {
            for (int j = 0; j < n; j += L) {
                // entry (p, j) goes to (j / W)·k·W + p·W + j mod W
                FloatVector.fromArray(S, a, p * lda + j).intoArray(bp, (j / W) * k * W + p * W + j % W);
            }
        }
    }

    /// Rows `from` … `to` − 1 of the k×M matrix `a` (rows, stride `lda`) into `aq`, its quads; M is
    /// a multiple of 4.
    public static void quads(float[] a, int lda, int k, int M, float[] aq, int from, int to) {
        // quad after quad, so that aq is written in order
        for (int i = 0; i < M; i += ROWS) {
            for (int p = from; p < to; p++) {
                // entries (p, i … i+3) go to (i / 4)·k·4 + p·4
                FloatVector.fromArray(QUAD, a, p * lda + i).intoArray(aq, i * k + p * ROWS);
            }
        }
    }

    /// s ← 1ᵀ A: the sums of the columns of the first m rows of A (rows of `width` floats, a
    /// multiple of L).
    public static void columnSums(float[] a, int m, int width, float[] s) {
        columnSums(a, m, width, s, 0, width);
    }

    /// s[left … right − 1] ← the sums of those columns of the first m rows of A (multiples of L).
    public static void columnSums(float[] a, int m, int width, float[] s, int left, int right) {
        for (int j = left; j < right; j += L) {
            FloatVector sum = FloatVector.zero(S);
            for (int i = 0; i < m; i++) {
                sum = sum.add(FloatVector.fromArray(S, a, i * width + j));
            }
            sum.intoArray(s, j);
        }
    }

    /// Entry (p, j) of a k×n matrix in panels.
    public static int panelIndex(int p, int j, int k) {
        return (j / W) * k * W + p * W + j % W;
    }

    /// `n` rounded up to a multiple of W: a padded width.
    public static int padded(int n) {
        return (n + W - 1) / W * W;
    }
}
