///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//SOURCES ../lib/bp/*.java
//SOURCES ../solutions/ch02/*.java
//SOURCES ../solutions/ch03/*.java
//SOURCES ../solutions/ch06/*.java
//SOURCES ../solutions/ch07/*.java
//SOURCES ../solutions/ch08/*.java
//SOURCES playground/*.java

/// `./jbang playground`: a live backpropagation playground in the browser, served from
/// 127.0.0.1 by playground.Server; playground.PlaygroundCommand reads the options.
void main(String[] args) {
    System.exit(bp.Tool.run(new playground.PlaygroundCommand(), args));
}
