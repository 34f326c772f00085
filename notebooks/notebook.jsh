// The notebooks' addition to tools/shell/prelude.jsh (which every notebook loads first): show a
// chart or a picture inline, as a PNG in the notebook, instead of a file or a window (a window
// would stop the kernel). display(...) is the Java kernel's own; this file needs the kernel.

/// Draws an XChart chart into the notebook as a PNG.
void show(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
    display(org.knowm.xchart.BitmapEncoder.getBufferedImage(chart));
}

/// Draws a picture (a digit grid, a confusion matrix, ...) into the notebook as a PNG.
void show(java.awt.image.BufferedImage picture) {
    display(picture);
}
