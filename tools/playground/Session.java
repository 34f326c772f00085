package playground;

import bp.UserError;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/// The one training session a playground serves: the data set, the model and its history. Every
/// page connected to the playground sees this session and may change it.
///
/// Training runs on a thread of its own while the session plays, one epoch after another; after
/// each epoch (at most every [#FRAME_MILLIS]) it publishes a [Frame] of the model to the [Hub],
/// which sends it to every page. Every method is synchronized, so an epoch, a trace, a change of
/// the settings and a frame never see the model half-updated.
final class Session {

    /// The shortest time between two frames: about 12 pictures a second.
    static final long FRAME_MILLIS = 80;

    /// The most points of each cost curve that are kept; beyond, every second point is dropped.
    static final int HISTORY = 400;

    /// Where the code the session runs on comes from, for the page ("the reference solutions").
    final String code;

    private final Hub hub;
    private Spec spec = Spec.defaults();
    private DataSet csv;
    private DataSet all;
    private DataSet train;
    private DataSet test;
    private Model model;
    private int epoch;
    private int dataVersion;
    private int historyStride = 1;
    private final List<double[]> history = new ArrayList<>();
    private String message = "";
    private boolean playing;
    private Thread trainer;

    Session(String code, Hub hub) {
        this.code = code;
        this.hub = hub;
    }

    /// Builds the default data and network and publishes the first frame. What the student's code
    /// throws ends up as the page's message, not here.
    synchronized void start() {
        rebuild(spec);
    }

    /// Applies the settings in `json` (any fields of [Spec]) and starts again from new weights.
    synchronized void configure(JsonObject json) {
        Spec next = spec.with(json);
        if (next.data().equals("csv") && csv == null) {
            throw new UserError("no CSV file has been uploaded yet; choose a file with x1,x2,label on each line first.");
        }
        pause();
        rebuild(next);
    }

    /// Makes the uploaded CSV text the data set (and the spec's data "csv"), starting again.
    synchronized void upload(String fileName, String text) {
        DataSet parsed = DataSet.csv(fileName, text);
        pause();
        csv = parsed;
        JsonObject change = new JsonObject();
        change.addProperty("data", "csv");
        rebuild(spec.with(change));
    }

    /// Starts training on the session's thread (nothing when it already plays).
    synchronized void play() {
        if (playing || model == null) {
            return;
        }
        playing = true;
        message = "";
        trainer = Thread.ofPlatform().daemon().name("playground-trainer").start(this::trainLoop);
        publish();
    }

    /// Stops training after the current epoch.
    synchronized void pause() {
        playing = false;
        trainer = null;
        publish();
    }

    /// One epoch, then a frame (while paused).
    synchronized void step() {
        pause();
        if (model != null) {
            guard(this::epochAndRecord);
        }
        publish();
    }

    /// New weights from the seed, the history cleared; the data stays.
    synchronized void reset() {
        pause();
        rebuild(spec);
    }

    /// The trace of training example `example` through one step of backpropagation ([Trace]).
    synchronized JsonObject trace(int example) {
        requireModel();
        if (example < 0 || example >= train.size()) {
            throw new UserError("there is no training example " + example + "; the training set has examples 0 to " + (train.size() - 1) + ".");
        }
        if (!Double.isFinite(model.cost(train))) {
            throw new UserError("the network's outputs are no longer finite numbers (training diverged); lower the learning rate η and press reset.");
        }
        JsonObject trace = Trace.of(model, train, example);
        trace.addProperty("epoch", epoch);
        return trace;
    }

    /// The weights in chapter 6's format ([ch06.Weights]).
    synchronized String weights() {
        requireModel();
        return WeightsText.of(model.network, List.of(
                "backprop playground: " + model.network + " after " + epoch + " epochs",
                "data " + spec.data() + ", cost " + spec.cost() + ", optimizer " + spec.optimizer() + " η = " + spec.eta()
                        + ", seed " + spec.seed()));
    }

    /// What the page needs besides the frames: the settings, the points of the training and the
    /// test set, the class names, where the code comes from, and the data version the frames carry.
    synchronized JsonObject state() {
        JsonObject state = new JsonObject();
        state.add("spec", spec.json());
        state.addProperty("code", code);
        state.addProperty("dataVersion", dataVersion);
        state.addProperty("csvName", csv != null ? csv.name() : null);
        if (train != null) {
            state.add("train", points(train));
            state.add("test", points(test));
            JsonArray names = new JsonArray();
            all.names().forEach(names::add);
            state.add("classes", names);
        }
        return state;
    }

    /// Stops training for good.
    synchronized void close() {
        playing = false;
        trainer = null;
    }

    private void trainLoop() {
        long last = 0;
        while (true) {
            synchronized (this) {
                if (!playing || trainer != Thread.currentThread()) {
                    return;
                }
                guard(this::epochAndRecord);
                long now = System.currentTimeMillis();
                if (now - last >= FRAME_MILLIS || !playing) {
                    publish();
                    last = now;
                }
            }
            // let the server's threads take the lock between two epochs (a monitor is not fair)
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /// One epoch and the costs after it; a cost that is no longer a number stops the training.
    private void epochAndRecord() {
        model.epoch(train);
        epoch++;
        record();
        double[] last = history.getLast();
        if (!Double.isFinite(last[1])) {
            playing = false;
            message = "the cost became " + last[1] + " at epoch " + epoch + ": the learning rate η = " + spec.eta()
                    + " is too large for " + spec.optimizer() + "; lower it and press reset.";
        }
    }

    /// Appends (epoch, training cost, test cost, training accuracy, test accuracy) to the history,
    /// halving it when it is full.
    private void record() {
        if (epoch % historyStride != 0) {
            return;
        }
        history.add(new double[] {epoch, model.cost(train), test.size() > 0 ? model.cost(test) : Double.NaN,
                model.accuracy(train), test.size() > 0 ? model.accuracy(test) : Double.NaN});
        if (history.size() > HISTORY) {
            List<double[]> kept = new ArrayList<>();
            for (int i = 0; i < history.size(); i += 2) {
                kept.add(history.get(i));
            }
            history.clear();
            history.addAll(kept);
            historyStride *= 2;
        }
    }

    private void rebuild(Spec next) {
        boolean newData = all == null || !sameData(spec, next) || next.data().equals("csv");
        // the new points first: a bad number of points or noise leaves the session as it was
        DataSet data = !newData ? all : next.data().equals("csv") ? csv
                : DataSet.generate(next.data(), next.points(), next.noise(), new Random(next.seed()));
        spec = next;
        if (newData) {
            all = data;
            int[] order = Model.shuffled(all.size(), new Random(next.seed() + 1));
            int nTest = (int) Math.round(next.testFraction() * all.size());
            test = all.rows(Arrays.copyOfRange(order, 0, nTest));
            train = all.rows(Arrays.copyOfRange(order, nTest, order.length));
            dataVersion++;
        }
        epoch = 0;
        history.clear();
        historyStride = 1;
        message = "";
        model = null;
        guard(() -> {
            model = new Model(next, all.classes());
            record();
        });
        publish();
    }

    private static boolean sameData(Spec a, Spec b) {
        return a.data().equals(b.data()) && a.points() == b.points() && a.noise() == b.noise()
                && a.testFraction() == b.testFraction() && a.seed() == b.seed();
    }

    /// Runs `work`; what the code under it throws becomes the page's message and stops training.
    private void guard(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            playing = false;
            message = Errors.sentence(e, code);
            if (model != null && e instanceof UnsupportedOperationException) {
                model = null;
            }
        }
    }

    private void requireModel() {
        if (model == null) {
            throw new UserError(message.isEmpty() ? "there is no network yet." : message);
        }
    }

    private void publish() {
        hub.publish(Frame.of(model, all, epoch, playing, history, message, dataVersion, code));
    }

    private static JsonArray points(DataSet data) {
        JsonArray points = new JsonArray();
        for (int i = 0; i < data.size(); i++) {
            JsonArray p = new JsonArray();
            p.add(data.X()[i][0]);
            p.add(data.X()[i][1]);
            p.add(data.label()[i]);
            points.add(p);
        }
        return points;
    }
}
