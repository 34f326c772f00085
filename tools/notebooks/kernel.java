///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.padreati:rapaio-jupyter-kernel:3.0.1

/// The Java kernel of the notebooks, pinned here: rapaio-jupyter-kernel from Maven Central, a
/// self-contained jar that runs JShell. `./jbang notebooks install` has JBang resolve this script
/// once; Jupyter then starts the kernel through `./jbang notebooks kernel CONNECTION_FILE`, which
/// runs its main class on Java 25 with this script's class path, and puts the project's classes on
/// JShell's class path through the kernel's `RJK_CLASSPATH` variable.
void main(String[] args) throws Exception {
    org.rapaio.jupyter.kernel.MainApp.main(args);
}
