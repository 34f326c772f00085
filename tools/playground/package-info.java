/// `./jbang playground`: a live backpropagation playground in the browser.
///
/// [Server] serves the page (`web/`: plain ES modules and canvases, no build step) and a small
/// JSON API on 127.0.0.1 with the JDK's own HTTP server; [Session] holds the one training session
/// every page shares and publishes a [Frame] of it after each epoch, which [Hub] hands to every
/// page's server-sent event stream. The network is chapter 6's [ch06.Network] built by [Model]
/// from the student's choices ([Spec]) with chapter 2's activations, chapter 3's costs ([Loss]),
/// chapter 7's optimizers and chapter 8's initialisation and batch norm; [Trace] steps one example
/// through one backprop step with every number of it and a gradient check. With `--mine`,
/// [StudentCode] loads all of it again on the student's classes from `exercises/`. Nothing of the
/// mathematics is written again in JavaScript: the page draws what the Java side computed.
package playground;
