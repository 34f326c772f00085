// The book's two behaviours: the theme switch (remembered) and the search over the text.
(function () {
  var toggle = document.getElementById('theme-toggle');
  if (toggle) {
    toggle.addEventListener('click', function () {
      var theme = document.documentElement.getAttribute('data-theme') === 'dark' ? 'light' : 'dark';
      document.documentElement.setAttribute('data-theme', theme);
      try {
        localStorage.setItem('backprop-theme', theme);
      } catch (e) { /* storage may be off for file:// pages */ }
    });
  }

  var input = document.getElementById('search');
  var results = document.getElementById('results');
  var entries = window.BOOK_SEARCH || [];
  if (!input || !results) {
    return;
  }

  function escape(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  // A piece of the text around the first word found, with every word marked.
  function snippet(text, words) {
    var lower = text.toLowerCase();
    var at = lower.indexOf(words[0]);
    var from = Math.max(0, at - 60);
    var piece = (from > 0 ? '…' : '') + text.substr(from, 180) + (from + 180 < text.length ? '…' : '');
    var html = escape(piece);
    words.forEach(function (word) {
      var pattern = new RegExp('(' + escape(word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + ')', 'gi');
      html = html.replace(pattern, '<mark>$1</mark>');
    });
    return html;
  }

  function search() {
    var query = input.value.trim().toLowerCase();
    results.innerHTML = '';
    if (query.length < 2) {
      results.classList.remove('open');
      return;
    }
    var words = query.split(/\s+/);
    var found = entries.filter(function (entry) {
      var text = (entry[2] + ' ' + entry[3]).toLowerCase();
      return words.every(function (word) { return text.indexOf(word) >= 0; });
    }).slice(0, 30);
    if (found.length === 0) {
      results.innerHTML = '<li class="none">' + escape(results.getAttribute('data-none')) + '</li>';
    }
    found.forEach(function (entry) {
      var item = document.createElement('li');
      item.innerHTML = '<a href="' + entry[0] + '"><span class="where">' + escape(entry[1]) + '</span> <strong>'
          + escape(entry[2]) + '</strong><br><span class="snippet">' + snippet(entry[3], words) + '</span></a>';
      results.appendChild(item);
    });
    results.classList.add('open');
  }

  input.addEventListener('input', search);
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      input.value = '';
      search();
    } else if (event.key === 'Enter') {
      var first = results.querySelector('a');
      if (first) {
        location.href = first.getAttribute('href');
      }
    }
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === '/' && document.activeElement !== input) {
      event.preventDefault();
      input.focus();
    }
  });
})();
