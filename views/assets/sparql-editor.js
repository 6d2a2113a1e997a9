// The query editor: YASGUI opened on this endpoint with the dataset's prefixes.
// - BASE/sparql#query=<urlencoded query> (or a browser's GET /sparql?query=...) opens that query and runs it.
// - "Open an example" opens a worked example (see BASE/sparql/examples) in its own tab and runs it.
// - Nothing is fetched from another host: the class and property autocompleters, which call Linked
//   Open Vocabularies in YASGUI, complete from the terms this page carries (the ontology's, and
//   those the shapes say the data uses); prefixes come from this page and YASGUI's bundled list
//   (never prefix.cc); every tab queries this endpoint.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('sparql-config').textContent);
  var Yasqe = Yasgui.Yasqe;

  // YASGUI merges arrays of its defaults index by index, so the list of autocompleters is replaced
  // in the defaults themselves (Yasgui.defaults.yasqe is Yasqe.defaults).
  var bundledPrefixes = Yasqe.Autocompleters.prefixes;
  Yasqe.forkAutocompleter('prefixes', {
    name: 'platformPrefixes',
    persistenceId: null,
    // Our prefixes first (mig:, process:, organisation:, ...), then YASGUI's bundled list: no network.
    get: function (yasqe) {
      var ours = Object.keys(config.prefixes).map(function (prefix) {
        return prefix + ': <' + config.prefixes[prefix] + '>';
      });
      return bundledPrefixes.get(yasqe).then(function (bundled) {
        return ours.concat(bundled.filter(function (line) {
          return !Object.prototype.hasOwnProperty.call(config.prefixes, line.slice(0, line.indexOf(':')));
        }));
      });
    },
  }, false);
  // Classes after `a` (and rdf:type, rdfs:domain, rdfs:range), properties in predicate position:
  // YASQE's own completers with a local list instead of Linked Open Vocabularies. A bulk list is
  // kept in a trie and matched against the full IRI (a prefixed name is expanded with the query's
  // prefixes first, and the suggestion written back prefixed).
  var terms = config.terms || { classes: [], properties: [] };
  Yasqe.forkAutocompleter('class', { name: 'platformClasses', bulk: true, autoShow: true, persistenceId: null, get: terms.classes }, false);
  Yasqe.forkAutocompleter('property', { name: 'platformProperties', bulk: true, autoShow: true, persistenceId: null, get: terms.properties }, false);
  Yasqe.defaults.autocompleters.splice(
    0,
    Yasqe.defaults.autocompleters.length,
    'platformPrefixes',
    'platformClasses',
    'platformProperties',
    'variables'
  );
  Yasqe.defaults.prefixCcApi = null;

  var yasgui = new Yasgui(document.getElementById('yasgui'), {
    requestConfig: { endpoint: config.endpoint, method: 'POST' },
    copyEndpointOnNewTab: false,
    // Share links are read below (query only): YASGUI's own reader would also take an endpoint from the URL.
    populateFromUrl: false,
    yasqe: { value: config.defaultQuery, prefixCcApi: null },
    // The chart and graph views are views/assets/sparql-views.js.
    yasr: { prefixes: config.prefixes, pluginOrder: ['table', 'chart', 'graph', 'response'] },
  });

  // Names and roles YASGUI leaves out (axe-core checks them, test/browser/accessibility.test.ts), set
  // again whenever YASGUI draws (a new tab, a new result): the query's text area, the endpoint field,
  // the rows-per-page list, the "+" among the tabs, views that cannot show this result, and the
  // editor's scrolling area (focusable, handing the focus to the text area when entered from outside).
  var root = document.getElementById('yasgui');
  function name(selector, label) {
    root.querySelectorAll(selector).forEach(function (node) {
      if (!node.hasAttribute('aria-label')) node.setAttribute('aria-label', label);
    });
  }
  function fillAccessibleNames() {
    name('.yasqe .CodeMirror textarea', 'SPARQL query');
    name('.yasgui input.autocomplete', 'Endpoint');
    name('.yasr select.tableSizer', 'Rows per page');
    name('.yasr input.tableFilter', 'Filter query results');
    name('.tabsList .tab input', 'Tab name');
    root.querySelectorAll('.tabsList .addTab').forEach(function (button) {
      if (button.getAttribute('role') !== 'tab') {
        button.setAttribute('role', 'tab');
        button.setAttribute('aria-selected', 'false');
      }
    });
    root.querySelectorAll('.yasr .yasr_btnGroup .yasr_btn').forEach(function (button) {
      var off = button.classList.contains('disabled');
      if (off !== (button.getAttribute('aria-disabled') === 'true')) button.setAttribute('aria-disabled', off ? 'true' : 'false');
    });
    root.querySelectorAll('.yasqe .CodeMirror-scroll').forEach(function (scroller) {
      if (scroller.getAttribute('tabindex') === '0') return;
      scroller.setAttribute('tabindex', '0');
      scroller.addEventListener('focus', function (event) {
        var wrapper = scroller.closest('.CodeMirror');
        if (wrapper && wrapper.CodeMirror && !(event.relatedTarget && wrapper.contains(event.relatedTarget))) wrapper.CodeMirror.focus();
      });
    });
  }
  fillAccessibleNames();
  new MutationObserver(fillAccessibleNames).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });

  function tabIds() {
    return yasgui.persistentConfig.getTabs().slice();
  }

  // Tabs kept from an earlier visit (local storage) query this endpoint too.
  tabIds().forEach(function (id) {
    var tab = yasgui.getTab(id);
    if (tab && tab.getEndpoint() !== config.endpoint) tab.setEndpoint(config.endpoint);
  });

  var examples = config.examples || [];
  function exampleFor(query) {
    for (var i = 0; i < examples.length; i++) if (examples[i].query.trim() === query.trim()) return examples[i];
    return undefined;
  }

  /** Shows the query in a tab (an open tab with the same query, the untouched default tab, or a new one) and runs it. */
  function open(query, name) {
    var target;
    tabIds().forEach(function (id) {
      var tab = yasgui.getTab(id);
      if (!target && tab && tab.getQuery().trim() === query.trim()) target = tab;
    });
    if (!target) {
      var active = yasgui.getTab();
      if (active && active.getQuery().trim() === config.defaultQuery.trim()) {
        target = active;
        target.setQuery(query);
      } else {
        target = yasgui.addTab(true, { name: name, yasqe: { value: query } });
      }
    }
    if (name) target.setName(name);
    if (yasgui.getTab() !== target) yasgui.selectTabId(target.getId());
    target.setQuery(query);
    // A failed query is shown in the results pane; the promise's rejection adds nothing.
    Promise.resolve(target.query()).catch(function () {});
  }

  function sharedQuery() {
    return new URLSearchParams(window.location.hash.slice(1)).get('query');
  }

  function openShared(query) {
    var example = exampleFor(query);
    open(query, example ? example.title : 'Shared query');
  }

  var shared = sharedQuery() || config.query;
  if (shared) openShared(shared);
  window.addEventListener('hashchange', function () {
    var query = sharedQuery();
    if (query) openShared(query);
  });

  var picker = document.querySelector('.sparql-examples-picker');
  var select = document.getElementById('sparql-example');
  if (picker && select && examples.length) {
    picker.hidden = false;
    select.addEventListener('change', function () {
      var example = examples.filter(function (e) { return e.id === select.value; })[0];
      if (example) open(example.query, example.title);
      select.value = '';
    });
  }
})();
