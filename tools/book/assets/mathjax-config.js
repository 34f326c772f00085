// MathJax typesets only what the book marked as math: <span class="math inline">\(...\)</span> and
// <div class="math display">\[...\]</div> (the body is class no-math, so code and outputs are never
// read as TeX). The whole of MathJax is in tex-svg-full.js next to this file: nothing is fetched.
// When it is done, <html> gets data-math="done" (the tests wait for it).
window.MathJax = {
  tex: {inlineMath: [['\\(', '\\)']], displayMath: [['\\[', '\\]']], processEscapes: false},
  options: {ignoreHtmlClass: 'no-math', processHtmlClass: 'math', enableMenu: false},
  svg: {fontCache: 'global'},
  startup: {
    pageReady: function () {
      return MathJax.startup.defaultPageReady().then(function () {
        document.documentElement.setAttribute('data-math', 'done');
      });
    }
  }
};
