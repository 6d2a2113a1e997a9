// Two result views for the query editor, as YASR plugins (registered before YASGUI starts):
// - "Chart": a bar, line or timeline chart of a SELECT result from two of its columns, a label or
//   date/year column and a number column (chosen in the view's controls; sensible defaults).
// - "Graph": the triples of a CONSTRUCT or DESCRIBE result as a network (things as nodes, coloured by
//   type and named by their labels; links labelled by their property), with the links as a list.
// Both draw with Apache ECharts (SVG renderer), served by this site at /assets/echarts and loaded
// only when one of the views is first shown: nothing comes from another host.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('sparql-config').textContent);
  var Yasr = Yasgui.Yasr;
  var XSD = 'http://www.w3.org/2001/XMLSchema#';
  var NUMERIC = ['integer', 'decimal', 'double', 'float', 'int', 'long', 'short', 'byte', 'nonNegativeInteger',
    'positiveInteger', 'negativeInteger', 'nonPositiveInteger', 'unsignedInt', 'unsignedLong', 'unsignedShort', 'unsignedByte'];
  var TEMPORAL = ['gYear', 'date', 'dateTime', 'gYearMonth'];
  var DATE_LIKE = /^-?\d{4}(-\d{2}(-\d{2}([T ].*)?)?)?$/;
  var LABELS = [
    'http://www.w3.org/2000/01/rdf-schema#label',
    'http://www.w3.org/2004/02/skos/core#prefLabel',
    'http://xmlns.com/foaf/0.1/name',
    'http://schema.org/name',
    'https://schema.org/name',
  ];
  var RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
  /** The most things the graph view draws (a larger result is cut, and says so). */
  var MAX_NODES = 300;

  var echartsReady;
  /** ECharts, loaded once from this site. */
  function loadECharts() {
    if (window.echarts) return Promise.resolve(window.echarts);
    if (!echartsReady) {
      echartsReady = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = config.echarts;
        script.onload = function () { resolve(window.echarts); };
        script.onerror = function () { echartsReady = undefined; reject(new Error('The chart library could not be loaded.')); };
        document.head.appendChild(script);
      });
    }
    return echartsReady;
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function icon(paths) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '15');
    svg.setAttribute('height', '15');
    svg.setAttribute('aria-hidden', 'true');
    paths.forEach(function (d) {
      var path = document.createElementNS(ns, 'path');
      path.setAttribute('d', d);
      svg.appendChild(path);
    });
    var wrapper = document.createElement('div');
    wrapper.appendChild(svg);
    return wrapper;
  }

  /** An IRI as a prefixed name when a prefix of the page covers it, else the IRI. */
  function shorten(iri, prefixes) {
    var best = '';
    var bestNs = '';
    Object.keys(prefixes).forEach(function (prefix) {
      var ns = prefixes[prefix];
      if (iri.indexOf(ns) === 0 && ns.length > bestNs.length) { best = prefix; bestNs = ns; }
    });
    return bestNs ? best + ':' + iri.slice(bestNs.length) : iri;
  }

  function localName(datatype) {
    return datatype && datatype.indexOf(XSD) === 0 ? datatype.slice(XSD.length) : '';
  }

  function isNumber(term) {
    if (!term || (term.type !== 'literal' && term.type !== 'typed-literal')) return false;
    var type = localName(term.datatype);
    if (TEMPORAL.indexOf(type) >= 0) return false;
    if (term.datatype && NUMERIC.indexOf(type) < 0) return false;
    return term.value.trim() !== '' && isFinite(Number(term.value));
  }

  function isTemporal(term) {
    if (!term || term.type === 'uri' || term.type === 'bnode') return false;
    var type = localName(term.datatype);
    if (TEMPORAL.indexOf(type) >= 0) return true;
    return (!term.datatype || NUMERIC.indexOf(type) >= 0 || type === 'string') && DATE_LIKE.test(term.value.trim());
  }

  /** The time of a year, date or date-time value (a year alone is its 1 January). */
  function timeOf(value) {
    var text = value.trim();
    if (/^-?\d{4}$/.test(text)) return Date.UTC(Number(text), 0, 1);
    if (/^-?\d{4}-\d{2}$/.test(text)) return Date.UTC(Number(text.slice(0, -3)), Number(text.slice(-2)) - 1, 1);
    var time = Date.parse(text);
    return isNaN(time) ? undefined : time;
  }

  function columns(results) {
    var vars = results.getVariables();
    var bindings = results.getBindings();
    function every(test) {
      return vars.filter(function (v) {
        var present = bindings.filter(function (b) { return b[v]; });
        return present.length > 0 && present.every(function (b) { return test(b[v]); });
      });
    }
    return { vars: vars, bindings: bindings, numbers: every(isNumber), times: every(isTemporal) };
  }

  function selectResults(yasr) {
    var results = yasr.results;
    if (!results || results.hasError() || results.getType() !== 'json') return undefined;
    var json = results.getAsJson();
    if (!json || !json.results || !json.head || !json.head.vars) return undefined;
    return results;
  }

  /** Keeps an ECharts instance sized to its box, and lets it go on the next draw or when the view closes. */
  function Drawing(echarts, box) {
    this.chart = echarts.init(box, null, { renderer: 'svg' });
    var chart = this.chart;
    this.observer = typeof ResizeObserver === 'function' ? new ResizeObserver(function () { chart.resize(); }) : undefined;
    if (this.observer) this.observer.observe(box);
  }
  Drawing.prototype.dispose = function () {
    if (this.observer) this.observer.disconnect();
    this.chart.dispose();
  };

  // ---------------------------------------------------------------- Chart
  function ChartPlugin(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = 'Chart';
    this.choice = undefined;
  }
  ChartPlugin.prototype.initialize = function () { return loadECharts().then(function () {}); };
  ChartPlugin.prototype.getIcon = function () {
    return icon(['M4 20h16v-2H4zM5 16h3V9H5zm5 0h3V4h-3zm5 0h3v-5h-3z']);
  };
  ChartPlugin.prototype.canHandleResults = function () {
    var results = selectResults(this.yasr);
    if (!results) return false;
    var cols = columns(results);
    return cols.bindings.length > 0 && cols.vars.length >= 2 && cols.numbers.length > 0;
  };
  ChartPlugin.prototype.destroy = function () {
    if (this.drawing) this.drawing.dispose();
    if (this.figure) this.figure.remove();
    this.drawing = undefined;
    this.figure = undefined;
  };

  /** The columns and kind to draw: the last choice while the columns stay the same, else defaults. */
  ChartPlugin.prototype.defaults = function (cols) {
    var previous = this.choice;
    if (previous && previous.vars === cols.vars.join(' ')) return previous;
    var plainNumbers = cols.numbers.filter(function (v) { return cols.times.indexOf(v) < 0; });
    var y = plainNumbers.length ? plainNumbers[plainNumbers.length - 1] : cols.numbers[cols.numbers.length - 1];
    var times = cols.times.filter(function (v) { return v !== y; });
    // Among the other columns, one of names (literals) before one of IRIs.
    var literal = function (v) { return cols.bindings.every(function (b) { return !b[v] || b[v].type !== 'uri'; }) ? 0 : 1; };
    var others = cols.vars.filter(function (v) { return v !== y && cols.numbers.indexOf(v) < 0; })
      .map(function (v, i) { return [literal(v), i, v]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (entry) { return entry[2]; });
    var x = times[0] || others[0] || cols.vars.filter(function (v) { return v !== y; })[0];
    return { vars: cols.vars.join(' '), x: x, y: y, kind: times[0] === x ? 'timeline' : 'bar' };
  };

  ChartPlugin.prototype.draw = function () {
    var self = this;
    var yasr = this.yasr;
    var cols = columns(yasr.results);
    var choice = this.defaults(cols);
    this.choice = choice;
    this.destroy();
    while (yasr.pluginControls.firstChild) yasr.pluginControls.firstChild.remove();

    var controls = el('div', { class: 'sparql-view-controls' });
    function picker(name, label, options, value) {
      var id = 'sparql-chart-' + name + '-' + Math.random().toString(36).slice(2, 8);
      var wrapper = el('span', { class: 'sparql-view-control' });
      wrapper.appendChild(el('label', { for: id }, label));
      var select = el('select', { id: id, 'data-chart': name });
      options.forEach(function (option) {
        var node = el('option', { value: option[0] }, option[1]);
        if (option[0] === value) node.selected = true;
        select.appendChild(node);
      });
      select.addEventListener('change', function () {
        choice[name] = select.value;
        if (name === 'x' && cols.times.indexOf(select.value) < 0 && choice.kind === 'timeline') choice.kind = 'bar';
        self.draw();
      });
      wrapper.appendChild(select);
      controls.appendChild(wrapper);
    }
    var kinds = [['bar', 'Bar'], ['line', 'Line']];
    if (cols.times.indexOf(choice.x) >= 0) kinds.push(['timeline', 'Timeline']);
    picker('kind', 'Chart', kinds, choice.kind);
    picker('x', 'Labels', cols.vars.filter(function (v) { return v !== choice.y; }).map(function (v) { return [v, '?' + v]; }), choice.x);
    picker('y', 'Numbers', cols.numbers.filter(function (v) { return v !== choice.x; }).map(function (v) { return [v, '?' + v]; }), choice.y);
    yasr.pluginControls.appendChild(controls);

    var prefixes = yasr.getPrefixes();
    function text(term) {
      if (!term) return '';
      return term.type === 'uri' ? shorten(term.value, prefixes) : term.value;
    }
    var rows = cols.bindings.filter(function (b) { return b[choice.y] && isNumber(b[choice.y]); });
    var names = { bar: 'Bar chart', line: 'Line chart', timeline: 'Timeline' };
    var figure = el('figure', { class: 'sparql-chart-figure' });
    var caption = el('figcaption', {}, names[choice.kind] + ' of ?' + choice.y + ' by ?' + choice.x + ', ' + rows.length + ' row' +
      (rows.length === 1 ? '' : 's') + ' (the table view lists them).');
    var box = el('div', { class: 'sparql-chart' });
    figure.appendChild(caption);
    figure.appendChild(box);
    yasr.resultsEl.appendChild(figure);
    this.figure = figure;

    return loadECharts().then(function (echarts) {
      self.drawing = new Drawing(echarts, box);
      var option = {
        aria: { enabled: true },
        animation: false,
        grid: { left: rows.length > 6 && choice.kind !== 'timeline' ? 56 : 8, right: 24, top: 28, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        yAxis: { type: 'value', name: '?' + choice.y, nameTextStyle: { align: 'left' } },
        color: ['#1f5fa8'],
      };
      if (choice.kind === 'timeline') {
        var points = rows
          .map(function (b) { return [timeOf(b[choice.x] ? b[choice.x].value : ''), Number(b[choice.y].value), text(b[choice.x])]; })
          .filter(function (p) { return p[0] !== undefined; })
          .sort(function (a, b) { return a[0] - b[0]; });
        var yearsOnly = points.every(function (p) { return /^-?\d{4}$/.test(p[2]); });
        option.xAxis = { type: 'time', axisLabel: { formatter: yearsOnly ? '{yyyy}' : undefined, hideOverlap: true } };
        option.tooltip = { trigger: 'item', formatter: function (p) { return p.data[2] + ': ' + p.data[1]; } };
        option.series = [{ type: 'line', name: '?' + choice.y, data: points, symbolSize: 9, label: { show: points.length <= 25, position: 'top' } }];
      } else {
        option.xAxis = {
          type: 'category',
          data: rows.map(function (b) { return text(b[choice.x]); }),
          axisLabel: { rotate: rows.length > 6 ? 40 : 0, interval: 0, hideOverlap: true, width: 140, overflow: 'truncate' },
        };
        option.series = [{ type: choice.kind, name: '?' + choice.y, data: rows.map(function (b) { return Number(b[choice.y].value); }),
          label: { show: rows.length <= 25, position: 'top' }, symbolSize: 8 }];
      }
      self.drawing.chart.setOption(option);
    });
  };

  // ---------------------------------------------------------------- Graph
  function GraphPlugin(yasr) {
    this.yasr = yasr;
    this.priority = 4;
    this.label = 'Graph';
  }
  GraphPlugin.prototype.initialize = ChartPlugin.prototype.initialize;
  GraphPlugin.prototype.destroy = ChartPlugin.prototype.destroy;
  GraphPlugin.prototype.getIcon = function () {
    return icon(['M6 4a3 3 0 1 0 2.8 4.1l6.4 3.1a3 3 0 0 0 0 1.6l-6.4 3.1A3 3 0 1 0 9 17.4l6.5-3.1a3 3 0 1 0 0-4.6L9 6.6A3 3 0 0 0 6 4z']);
  };
  GraphPlugin.prototype.statements = function () {
    var results = this.yasr.results;
    if (!results || results.hasError() || results.getType() !== 'ttl') return [];
    try {
      return results.getStatements() || [];
    } catch (e) {
      return [];
    }
  };
  GraphPlugin.prototype.canHandleResults = function () {
    return this.statements().length > 0;
  };

  GraphPlugin.prototype.draw = function () {
    var self = this;
    var yasr = this.yasr;
    this.destroy();
    var prefixes = yasr.getPrefixes();
    var statements = this.statements();
    var nodes = {};
    var order = [];
    var cut = false;
    function key(term) { return (term.termType === 'BlankNode' ? '_:' : '') + term.value; }
    function node(term) {
      var id = key(term);
      if (!nodes[id]) {
        if (order.length >= MAX_NODES) { cut = true; return undefined; }
        nodes[id] = { id: id, iri: term.termType === 'NamedNode' ? term.value : undefined, name: '', types: [], values: [] };
        order.push(id);
      }
      return nodes[id];
    }
    function show(term) { return term.termType === 'NamedNode' ? shorten(term.value, prefixes) : term.termType === 'BlankNode' ? '_:' + term.value : term.value; }
    var links = [];
    statements.forEach(function (q) {
      var subject = node(q.subject);
      if (!subject) return;
      var p = q.predicate.value;
      if (q.object.termType === 'Literal') {
        if (LABELS.indexOf(p) >= 0 && (!subject.name || q.object.language === 'en')) subject.name = q.object.value;
        else if (subject.values.length < 6) subject.values.push(show(q.predicate) + ': ' + q.object.value);
        return;
      }
      if (p === RDF_TYPE) { subject.types.push(show(q.object)); return; }
      var object = node(q.object);
      if (object) links.push({ source: subject.id, target: object.id, predicate: show(q.predicate) });
    });
    var list = order.map(function (id) { return nodes[id]; });
    list.forEach(function (n) { if (!n.name) n.name = n.iri ? shorten(n.iri, prefixes) : n.id; });
    var typeNames = [];
    list.forEach(function (n) { if (n.types[0] && typeNames.indexOf(n.types[0]) < 0) typeNames.push(n.types[0]); });

    var figure = el('figure', { class: 'sparql-graph-figure' });
    figure.appendChild(el('figcaption', {}, 'Graph of ' + list.length + ' thing' + (list.length === 1 ? '' : 's') + ' and ' + links.length +
      ' link' + (links.length === 1 ? '' : 's') + (cut ? ' (the first ' + MAX_NODES + ' things only)' : '') +
      '; drag to move, scroll to zoom. Values other than names are in the tooltips and the table view.'));
    var box = el('div', { class: 'sparql-graph' });
    figure.appendChild(box);
    var details = el('details', { class: 'sparql-graph-links' });
    details.appendChild(el('summary', {}, 'The links as a list'));
    var ul = el('ul');
    links.forEach(function (l) {
      ul.appendChild(el('li', {}, nodes[l.source].name + ' — ' + l.predicate + ' → ' + nodes[l.target].name));
    });
    details.appendChild(ul);
    figure.appendChild(details);
    yasr.resultsEl.appendChild(figure);
    this.figure = figure;

    return loadECharts().then(function (echarts) {
      self.drawing = new Drawing(echarts, box);
      var degree = {};
      links.forEach(function (l) { degree[l.source] = (degree[l.source] || 0) + 1; degree[l.target] = (degree[l.target] || 0) + 1; });
      self.drawing.chart.setOption({
        aria: { enabled: true },
        animationDurationUpdate: 0,
        legend: typeNames.length > 1 ? { type: 'scroll', bottom: 0, data: typeNames } : undefined,
        tooltip: {
          formatter: function (p) {
            if (p.dataType === 'edge') return p.data.predicate;
            var n = nodes[p.data.id];
            return [n.name, n.iri || '', n.types.join(', ')].concat(n.values).filter(Boolean).map(escapeHtml).join('<br>');
          },
        },
        series: [{
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          force: { repulsion: 420, edgeLength: [70, 170], gravity: 0.06 },
          categories: typeNames.length ? typeNames.map(function (t) { return { name: t }; }) : [{ name: 'thing' }],
          label: { show: list.length <= 60, position: 'right', formatter: '{b}', width: 160, overflow: 'truncate' },
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 7,
          edgeLabel: { show: links.length <= 40, formatter: function (p) { return p.data.predicate; }, fontSize: 10 },
          emphasis: { focus: 'adjacency', edgeLabel: { show: true } },
          lineStyle: { color: '#8792a2', curveness: 0.08 },
          data: list.map(function (n) {
            return {
              id: n.id,
              name: n.name,
              category: n.types[0] ? typeNames.indexOf(n.types[0]) : 0,
              symbolSize: Math.min(28, 9 + 2 * (degree[n.id] || 0)),
            };
          }),
          links: links,
        }],
      });
    });
  };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  Yasr.registerPlugin('chart', ChartPlugin);
  Yasr.registerPlugin('graph', GraphPlugin);
  Yasr.defaults.pluginOrder = ['table', 'chart', 'graph', 'response'];
})();
