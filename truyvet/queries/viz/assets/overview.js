// The overview: documents and agencies at positions computed with the page (one disk per issuer),
// hub labels at every zoom, the issuer's name over each disk, and filters by kind, relation,
// issuer or province and year. A node left without a link by the filters is hidden too.
(function () {
  'use strict';
  var META = tv.readJSON('tv-meta'), DATA = tv.readJSON('tv-data'), STYLE = tv.STYLE;
  var truyvet = window.truyvet = {ready: false, focus: null, mode: 'overview', note: META.note, stats: META.stats};
  var byId = new Map(), links = new Map();
  DATA.nodes.forEach(function (n) { byId.set(n.id, n); links.set(n.id, []); });
  DATA.edges.forEach(function (e) { links.get(e.source).push(e); links.get(e.target).push(e); });

  function visNode(n) {
    var doc = n.type === 'Document', k = STYLE.kinds[(n.facts || {}).kind] || STYLE.kinds.other;
    var st = STYLE.types[n.type] || STYLE.types.other;
    var colour = doc ? {border: k[0], background: k[1]} : {border: st[1], background: st[2]};
    var item = {id: n.id, x: n.x, y: n.y, value: n.degree || 1, label: n.label.length > 40 ? n.label.slice(0, 39) + '…' : n.label,
                shape: doc ? 'square' : 'dot', borderWidth: 1.5,
                color: {border: colour.border, background: colour.background, highlight: {border: '#111', background: '#ffe066'}}};
    if ((n.facts || {}).stub) { item.shapeProperties = {borderDashes: [3, 3]}; item.color.background = '#fff'; }
    return item;
  }
  function visEdge(e) {
    var key = e.rel === 'ASSIGNS' ? 'ASSIGNS' : e.rel;
    if (e.rel === 'IMPLEMENTS' && e.reported) key = 'IMPLEMENTS*';
    var st = STYLE.edges[key] || {color: '#7a7a7a', width: 1, dashes: false};
    var count = (e.statements[0] || {}).count;
    return {id: e.id, from: e.from, to: e.to, dashes: st.dashes, width: count ? Math.min(1 + Math.sqrt(count), 6) : st.width,
            color: {color: st.color, highlight: st.color, opacity: DATA.edges.length > 1500 ? 0.25 : 0.55}, arrows: {to: {enabled: true, scaleFactor: 0.45}}};
  }
  var visNodes = new vis.DataSet(DATA.nodes.map(visNode)), visEdges = new vis.DataSet(DATA.edges.map(visEdge));
  var container = document.getElementById('mynetwork');
  var options = Object.assign({}, STYLE.options, {
    nodes: {font: {face: 'DejaVu Sans, Arial, sans-serif', size: 13},
            scaling: {min: 7, max: 34, label: {enabled: true, min: 12, max: 20, drawThreshold: 9, maxVisible: 22}}},
    edges: {smooth: false, selectionWidth: 1.5}
  });
  var network = window.network = new vis.Network(container, {nodes: visNodes, edges: visEdges}, options);
  truyvet.network = network;

  // --- filters -------------------------------------------------------------------------------
  var hidden = new Set();
  function checked(name) {
    return new Set(Array.from(document.querySelectorAll('input[name="' + name + '"]:checked')).map(function (i) { return i.value; }));
  }
  function apply() {
    var kinds = checked('kind'), rels = checked('rel');
    var where = document.getElementById('tv-where').value;
    var from = +document.getElementById('tv-from').value || -Infinity, to = +document.getElementById('tv-to').value || Infinity;
    var pass = new Set();
    DATA.nodes.forEach(function (n) {
      if (n.type === 'Document') {
        if (!kinds.has((n.facts || {}).kind || 'other')) return;
        if ((from > -Infinity || to < Infinity) && !(n.year >= from && n.year <= to)) return;
        if (where && n.cluster !== where && (n.facts || {}).place !== where) return;
      }
      pass.add(n.id);
    });
    var shownE = DATA.edges.filter(function (e) { return rels.has(e.rel) && pass.has(e.source) && pass.has(e.target); });
    var linked = new Set();
    shownE.forEach(function (e) { linked.add(e.source); linked.add(e.target); });
    // An agency stays only through a document the filters keep; anything left without a link goes.
    hidden = new Set(DATA.nodes.filter(function (n) { return !linked.has(n.id); }).map(function (n) { return n.id; }));
    var on = new Set(shownE.map(function (e) { return e.id; }));
    visNodes.update(DATA.nodes.map(function (n) { return {id: n.id, hidden: hidden.has(n.id)}; }));
    visEdges.update(DATA.edges.map(function (e) { return {id: e.id, hidden: !on.has(e.id)}; }));
    document.getElementById('tv-counts').textContent = (DATA.nodes.length - hidden.size) + ' nút · ' + shownE.length + ' liên kết đang hiện';
    truyvet.visible = DATA.nodes.length - hidden.size;
  }
  Array.from(document.querySelectorAll('.tv-filters input, .tv-filters select')).forEach(function (i) {
    i.addEventListener('change', function () { apply(); network.fit(); });
  });

  // --- cluster names and hub labels at a readable size -----------------------------------------
  var clusters = new Map();
  DATA.nodes.forEach(function (n) {
    var c = clusters.get(n.cluster) || {name: n.cluster, ids: []};
    c.ids.push(n.id);
    clusters.set(n.cluster, c);
  });
  // Each cluster a faint disk; its name over it once the disk is large enough on screen, biggest
  // first, never over another name.
  network.on('beforeDrawing', function (ctx) {
    var scale = network.getScale(), taken = [];
    ctx.save();
    ctx.font = 'bold ' + (13 / scale) + 'px DejaVu Sans, Arial, sans-serif';
    ctx.textAlign = 'center';
    var disks = [];
    clusters.forEach(function (c) {
      var ids = c.ids.filter(function (id) { return !hidden.has(id); });
      if (ids.length < 2) return;
      var pos = network.getPositions(ids), x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      ids.forEach(function (id) { var p = pos[id]; x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y); });
      disks.push({name: c.name, n: ids.length, x: (x0 + x1) / 2, y: (y0 + y1) / 2, r: Math.max(x1 - x0, y1 - y0) / 2 + 30});
    });
    disks.sort(function (a, b) { return b.n - a.n; });
    disks.forEach(function (d) {
      ctx.beginPath();
      ctx.arc(d.x, d.y, d.r, 0, 2 * Math.PI);
      ctx.fillStyle = 'rgba(60,90,140,0.045)';
      ctx.fill();
      if (d.r * scale < 30) return;
      var text = d.name + ' (' + d.n + ')', w = ctx.measureText(text).width, y = d.y - d.r - 4 / scale;
      var box = [d.x - w / 2, y - 15 / scale, d.x + w / 2, y];
      if (taken.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; })) return;
      taken.push(box);
      ctx.fillStyle = 'rgba(40,60,100,0.8)';
      ctx.fillText(text, d.x, y);
    });
    ctx.restore();
  });
  tv.stickyLabels(network, function () {
    return DATA.nodes.filter(function (n) { return n.hub && !hidden.has(n.id); })
      .sort(function (a, b) { return b.degree - a.degree; })
      .map(function (n) { return {id: n.id, text: n.label.length > 40 ? n.label.slice(0, 39) + '…' : n.label, above: 8 + Math.sqrt(n.degree || 1) * 2}; });
  }, 2.5);

  // --- clicking, the panel, search ---------------------------------------------------------------
  var panel = document.getElementById('tv-panel');
  function neighbourhood(id) {
    var keepN = new Set([id]), keepE = new Set();
    (links.get(id) || []).forEach(function (e) { keepE.add(e.id); keepN.add(e.source); keepN.add(e.target); });
    visNodes.update(DATA.nodes.map(function (n) { return {id: n.id, opacity: keepN.has(n.id) ? 1 : 0.15}; }));
    visEdges.update(DATA.edges.map(function (e) {
      return {id: e.id, color: Object.assign({}, visEdge(e).color, {opacity: keepE.has(e.id) ? 0.95 : 0.05})};
    }));
    truyvet.thread = {nodes: Array.from(keepN), edges: Array.from(keepE)};
  }
  function clear() {
    visNodes.update(DATA.nodes.map(function (n) { return {id: n.id, opacity: 1}; }));
    visEdges.update(DATA.edges.map(function (e) { return {id: e.id, color: visEdge(e).color}; }));
    truyvet.thread = null;
  }
  function show(id) {
    panel.innerHTML = '';
    tvPanel.node(panel, byId.get(id), {edges: links.get(id) || [], nodes: byId, pick: go, groups: new Map(),
                                       expanded: false, expand: null, isOpen: function () { return false; }});
    var expand = panel.querySelector('.tv-actions button');
    if (expand) expand.remove();
  }
  function go(id) {
    if (!byId.has(id)) return;
    if (hidden.has(id)) { hidden.delete(id); visNodes.update({id: id, hidden: false}); }
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), STYLE.read_scale), animation: false});
    neighbourhood(id);
    show(id);
  }
  network.on('click', function (p) {
    if (p.nodes.length) { neighbourhood(p.nodes[0]); show(p.nodes[0]); }
    else if (p.edges.length) {
      var e = DATA.edges.filter(function (x) { return x.id === p.edges[0]; })[0];
      clear();
      tvPanel.edge(panel, [e], byId, go);
    } else { clear(); tvPanel.hint(panel); }
  });
  tv.hoverHint(network, container, function (id) {
    var n = byId.get(id);
    return n ? n.label + '\n' + n.cluster + ' · ' + n.degree + ' liên kết' : '';
  });
  var search = tv.searchBox({
    find: function (q) { return tv.rank(DATA.nodes, q, {Document: 0, Agency: 1}); },
    go: function (hit) { go(hit.id); }
  });
  document.getElementById('tv-focus').addEventListener('click', function () { clear(); network.fit(); });
  document.getElementById('tv-fit').addEventListener('click', function () { clear(); network.fit(); });

  apply();
  tvPanel.hint(panel);
  network.once('afterDrawing', function () {
    network.fit();
    network.once('afterDrawing', function () {
      truyvet.ready = true;
      truyvet.readyMs = performance.now();
      document.body.setAttribute('data-ready', '1');
    });
    network.redraw();
  });
  Object.assign(truyvet, {
    apply: apply, go: go,
    search: function (q) { return search.run(q).map(function (h) { return h.id; }); },
    shown: function () { return DATA.nodes.filter(function (n) { return !hidden.has(n.id); }).map(function (n) { return n.id; }); }
  });
})();
