///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.padreati:rapaio-jupyter-kernel:3.0.1
//SOURCES LoopThread.java

/// The Java kernel of the notebooks, pinned here: rapaio-jupyter-kernel from Maven Central, a
/// self-contained jar that runs JShell, with one class fixed (LoopThread.java says what and why).
/// `./jbang notebooks install` has JBang resolve and build this script once; Jupyter then starts
/// the kernel through `./jbang notebooks kernel CONNECTION_FILE`, which runs the kernel's main class
/// on Java 25 with this script's class path (its own jar first, so the fixed class wins), and puts
/// the project's classes on JShell's class path through the kernel's `RJK_CLASSPATH` variable.
void main(String[] args) throws Exception {
    org.rapaio.jupyter.kernel.MainApp.main(args);
}
