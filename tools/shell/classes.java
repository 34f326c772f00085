///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../../lib/bp/*.java
//SOURCES ../../solutions/ch01/*.java
//SOURCES ../../solutions/ch02/*.java
//SOURCES ../../solutions/ch03/*.java
//SOURCES ../../solutions/ch04/*.java
//SOURCES ../../solutions/ch05/*.java
//SOURCES ../../solutions/ch06/*.java
//SOURCES ../../solutions/ch07/*.java
//SOURCES ../../solutions/ch08/*.java
//SOURCES ../../solutions/ch09/*.java
//SOURCES ../../solutions/ch10/*.java

/// The class path of `./jbang shell`: the library and every chapter's reference solutions,
/// compiled by JBang into one cached jar with their dependencies. `./jbang shell` asks JBang for
/// this script's class path and starts JShell on it with `prelude.jsh`; running it directly only
/// says so.
void main() {
    IO.println("This script only gathers the classes of ./jbang shell; run ./jbang shell.");
}
