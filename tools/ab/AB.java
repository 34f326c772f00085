///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//JAVA_OPTIONS -Xmx4g --add-modules=jdk.incubator.vector -XX:CompileThresholdScaling=0.1
//COMPILE_OPTIONS --add-modules=jdk.incubator.vector
//SOURCES ../../lib/bp/*.java
//SOURCES ../../solutions/ch02/*.java
//SOURCES ../../solutions/ch03/*.java
//SOURCES ../../solutions/ch06/*.java
//SOURCES ../../solutions/ch07/*.java
//SOURCES ../../solutions/ch09/*.java
//SOURCES out/va/*.java
//SOURCES out/vb/*.java

import ch09.Mlp;
import ch09.Shuffle;
import ch09.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/// Two versions of the float32 trainer, packages `va` and `vb` (written by ab.sh from two git
/// revisions of fast/), trained on MNIST as `./jbang bench --float` does (784-128-10, batch 64,
/// the same seeds), one epoch each in turn. Run it through ab.sh.
void main(String[] args) {
    String opt = args[0];
    int epochs = Integer.parseInt(args[1]);
    var data = bp.Mnist.load();
    float[][] train = va.FloatTrainer.floats(data.train().images());
    int[] labels = data.train().labels();
    double eta = Trainer.DEFAULT_ETA.get(opt);
    var netA = new va.FloatMlp(new Mlp(new int[] {784, 128, 10}, new Random(42)), Runtime.getRuntime().availableProcessors());
    var netB = new vb.FloatMlp(new Mlp(new int[] {784, 128, 10}, new Random(42)), Runtime.getRuntime().availableProcessors());
    var optimizerA = new va.FloatOptimizer(opt, eta, netA);
    var optimizerB = new vb.FloatOptimizer(opt, eta, netB);
    Shuffle orderA = new Shuffle(labels.length, new Random(43)), orderB = new Shuffle(labels.length, new Random(43));
    List<Double> a = new ArrayList<>(), b = new ArrayList<>();
    double logRatios = 0;
    for (int r = 1; r <= epochs; r++) {
        for (int turn = 0; turn < 2; turn++) {
            boolean runA = (turn == 0) == (r % 2 == 1);
            long start = System.nanoTime();
            if (runA) {
                va.FloatTrainer.epoch(netA, train, labels, 64, optimizerA, orderA, r, (done, total, cost) -> {});
            } else {
                vb.FloatTrainer.epoch(netB, train, labels, 64, optimizerB, orderB, r, (done, total, cost) -> {});
            }
            (runA ? a : b).add((System.nanoTime() - start) / 1e9);
        }
        IO.println("epoch %2d: A %.3f s  B %.3f s".formatted(r, a.getLast(), b.getLast()));
        if (r > 2) {
            logRatios += Math.log(b.getLast() / a.getLast());
        }
    }
    IO.println("B/A (geometric mean over epochs 3-%d): %.3f".formatted(epochs, Math.exp(logRatios / (epochs - 2))));
}
