// Sets the theme before the page is drawn: ?theme=dark or ?theme=light in the address, else the
// reader's last choice (remembered in localStorage), else the system's preference.
(function () {
  var asked = /[?&]theme=(dark|light)/.exec(location.search);
  var theme = asked ? asked[1] : null;
  try {
    theme = theme || localStorage.getItem('backprop-theme');
  } catch (e) { /* storage may be off for file:// pages */ }
  if (theme !== 'dark' && theme !== 'light') {
    theme = window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.setAttribute('data-theme', theme);
})();
