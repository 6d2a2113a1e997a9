// Opens YASGUI on this endpoint with the dataset's prefixes; a #query=... link opens that query.
(function () {
  var config = JSON.parse(document.getElementById('sparql-config').textContent);
  var hash = new URLSearchParams(window.location.hash.slice(1));
  var shared = hash.get('query') || config.query;
  // Autocompleters that call remote services (prefix.cc, LOV) are left out: this page fetches nothing remote.
  var yasgui = new Yasgui(document.getElementById('yasgui'), {
    requestConfig: { endpoint: config.endpoint, method: 'POST' },
    copyEndpointOnNewTab: false,
    persistencyExpire: 0,
    yasqe: { value: shared || config.defaultQuery, autocompleters: ['variables'] },
  });
  var tab = yasgui.getTab();
  if (shared) {
    tab.setQuery(shared);
    tab.query();
  }
})();
