// Suggestions for the search box of every page (views/partials/search-box.hbs), as you type: the
// form's JSON answer (/search?q=…&limit=8, Accept: application/json), shown with the ARIA 1.2
// combobox pattern (list autocomplete, aria-activedescendant): Down/Up move through the
// suggestions, Enter opens the one chosen (or submits the form), Escape closes the list. Without
// this script the box is a plain form to /search.
(function () {
  'use strict';
  var form = document.querySelector('form.site-search');
  if (!form) return;
  var input = form.querySelector('input[name="q"]');
  var list = form.querySelector('[role="listbox"]');
  var status = form.querySelector('[role="status"]');
  var endpoint = form.getAttribute('data-suggest');
  if (!input || !list || !endpoint) return;

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  var results = [];
  var active = -1;
  var timer = 0;
  var controller = null;
  var lastQuery = '';

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setActive(index) {
    var options = list.querySelectorAll('[role="option"]');
    if (options.length === 0) return;
    active = (index + options.length) % options.length;
    for (var i = 0; i < options.length; i++) options[i].setAttribute('aria-selected', i === active ? 'true' : 'false');
    input.setAttribute('aria-activedescendant', options[active].id);
    options[active].scrollIntoView({ block: 'nearest' });
  }

  function open(result) {
    window.location.assign(result.url);
  }

  function render(query, answer) {
    results = answer.results;
    list.textContent = '';
    active = -1;
    input.removeAttribute('aria-activedescendant');
    results.forEach(function (result, i) {
      var option = document.createElement('li');
      option.id = 'site-search-option-' + i;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      var label = document.createElement('span');
      label.className = 'suggestion-label';
      label.textContent = result.label;
      option.appendChild(label);
      if (result.matched) {
        var also = document.createElement('span');
        also.className = 'suggestion-also';
        also.textContent = result.matched;
        option.appendChild(document.createTextNode(' '));
        option.appendChild(also);
      }
      var kind = document.createElement('span');
      kind.className = 'suggestion-kind';
      kind.textContent = result.kind;
      option.appendChild(document.createTextNode(' '));
      option.appendChild(kind);
      // mousedown, not click: the input keeps its focus and the list stays until the page changes.
      option.addEventListener('mousedown', function (event) {
        event.preventDefault();
        open(result);
      });
      list.appendChild(option);
    });
    var count = answer.total;
    status.textContent =
      results.length === 0
        ? 'No suggestions for ' + query
        : count + (count === 1 ? ' suggestion' : ' suggestions') + '; use the up and down keys to choose.';
    list.hidden = results.length === 0;
    input.setAttribute('aria-expanded', results.length === 0 ? 'false' : 'true');
  }

  function suggest() {
    var query = input.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    if (controller) controller.abort();
    if (query === '' || query.length > 200) {
      results = [];
      close();
      return;
    }
    controller = new AbortController();
    var url = endpoint + '?q=' + encodeURIComponent(query) + '&limit=8';
    fetch(url, { headers: { Accept: 'application/json' }, signal: controller.signal })
      .then(function (response) {
        return response.ok ? response.json() : { results: [], total: 0 };
      })
      .then(function (answer) {
        if (input.value.trim() === query) render(query, answer);
      })
      .catch(function () {
        /* aborted by a newer query, or offline: the form still works */
      });
  }

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, 120);
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (results.length === 0) return;
      event.preventDefault();
      if (list.hidden) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }
      setActive(event.key === 'ArrowDown' ? active + 1 : active < 0 ? results.length - 1 : active - 1);
    } else if (event.key === 'Enter') {
      if (!list.hidden && active >= 0 && results[active]) {
        event.preventDefault();
        open(results[active]);
      }
    } else if (event.key === 'Escape') {
      if (!list.hidden) {
        event.preventDefault();
        close();
      }
    }
  });
  input.addEventListener('blur', close);
  input.addEventListener('focus', function () {
    if (results.length > 0 && input.value.trim() === lastQuery) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
  });
})();
