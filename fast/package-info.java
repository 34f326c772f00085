/// Chapter 9's multilayer perceptron made fast: the same network, the same equations and the same
/// training loop as `ch09.Mlp` and `ch09.Trainer`, in float32 on a register-blocked kernel of the
/// CPU's vector instructions, shared among threads.
///
/// It is one floor up from the chapters' code: it builds on `solutions/ch09` (it starts from a
/// `ch09.Mlp`'s weights and gives one back, shuffles with `ch09.Shuffle`, reports through
/// `ch09.Trainer`'s types) and on `lib/bp`, and nothing below it depends on it. Chapter 9's script,
/// `./jbang mnist` and `./jbang bench` use it; docs/speed.md tells how fast it is and why.
///
/// - [fast.FloatMlp]: the network, its forward and backward passes and its phases;
/// - [fast.MatMul]: the kernel, C = A B and C = Aᵀ B on tiles of vector registers;
/// - [fast.Team]: the threads, sharing each phase's units, fewer of them when waiting costs more;
/// - [fast.FloatOptimizer], [fast.FloatTrainer]: chapter 7's updates and chapter 9's epoch loop;
/// - [fast.VectorProducts]: the float64 products of `ch09.Mlp` itself, on the same idea;
/// - [fast.Throughput]: the FMA peak and the kernel's rate (`./jbang bench --kernel`).
package fast;
