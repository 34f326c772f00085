package playground;

import bp.Repo;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/// `./jbang playground [--port N] [--no-open] [--mine]`: starts the playground, prints its address,
/// opens it in the browser when there is a display, and serves until Ctrl+C.
@Command(name = "./jbang playground", sortOptions = false, usageHelpAutoWidth = true,
        description = "A live backpropagation playground in your browser: pick the data, build a network, "
                + "train it and step one example through backprop, on the chapters' own classes.")
public final class PlaygroundCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", defaultValue = "8642",
            description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--no-open", description = "Do not open a browser; only print the address.")
    boolean noOpen;

    @Option(names = "--mine", description = "Run on your classes in exercises/ (ch02, ch03, ch06, ch07, ch08) instead of the reference solutions.")
    boolean mine;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new bp.UserError("--port must be between 0 and 65535, but it is " + port + ".");
        }
        Playground playground = mine
                ? StudentCode.start(Repo.exercises(), port)
                : Server.start(port, "the reference solutions");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            playground.close();
            stopped.countDown();
        }));
        System.out.println("Playground on " + (mine ? "your code in " + Repo.display(Repo.exercises()) : "the reference solutions")
                + ": " + playground.uri() + "  (Ctrl+C stops it)");
        System.out.flush();
        if (!noOpen) {
            open(playground);
        }
        stopped.await();
        return 0;
    }

    /// Opens the page in the default browser when there is a display; says so when there is none.
    private static void open(Playground playground) {
        try {
            if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(playground.uri());
                return;
            }
        } catch (Exception e) {
            // fall through to the hint below
        }
        System.out.println("(no browser could be opened here: open the address above yourself)");
    }
}
