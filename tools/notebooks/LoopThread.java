package org.rapaio.jupyter.kernel.channels;

/// A fix for rapaio-jupyter-kernel 3.0.1, which this class replaces on the kernel's class path
/// (tools/notebooks/kernel.java brings it in with `//SOURCES`, and JBang puts the script's own jar
/// before the kernel's). Each socket of the kernel is served by one of these threads, which loops
/// while `running` is true. In 3.0.1 a kernel start failed in about one case in five on this
/// project's 2-core machine ("Kernel didn't respond"), for two reasons, both fixed here:
///
/// 1. `start()` set `running` *after* `Thread.start()`, so a new thread that got the processor
///    first saw `false` and ended at once. Here `running` is set before the thread starts.
/// 2. The kernel binds its sockets before it fills its table of message handlers, and Jupyter
///    asks for `kernel_info` at once: a request that arrived in between threw a
///    NullPointerException that ended the shell socket's thread. Here an exception of one pass
///    is printed and the loop goes on; the request is lost, and Jupyter asks again a second later.
///
/// Everything else is as in 3.0.1.
public final class LoopThread extends Thread {

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                System.err.println(getName() + ": " + e + " (one message lost; the thread goes on)");
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
