// The lineage explorer: a page that opens on the focus and one level around it, folds each
// document's tasks into one "N nhiệm vụ" node that opens and closes, expands any node on a
// double click, and lays out what is shown left to right. The same code draws a static page
// (every record inlined) and the `truyvet serve` graph view (records fetched on demand).
(function () {
  'use strict';
  var META = tv.readJSON('tv-meta'), DATA = tv.readJSON('tv-data'), STYLE = tv.STYLE;
  var truyvet = window.truyvet = {ready: false, focus: META.focus, mode: META.mode, note: META.note, stats: META.stats};
  var TYPE_ORDER = {Document: 0, Task: 1, Agency: 2, Person: 3};
  var RANK = {Document: 0, Handle: 1, Task: 2, Group: 2, Agency: 3, Person: 4};

  var known = tvRecords(META.api), nodes = known.nodes, edges = known.edges, groups = known.groups;
  var links = known.links, ord = known.ord, source = known.source, neighbours = known.neighbours;
  known.merge(DATA);

  // --- what is shown ---------------------------------------------------------------------
  // A node is shown while some reason holds it (the first view, an expanded neighbour, an open
  // group, a search hit); a task is drawn only while its group is open or it was asked for.
  var reasons = new Map(), open = new Set(), pinned = new Set(), expanded = new Set();
  function hold(id, why) {
    if (!nodes.has(id)) return;
    if (!reasons.has(id)) reasons.set(id, new Set());
    reasons.get(id).add(why);
  }
  function release(why) { reasons.forEach(function (set) { set.delete(why); }); }
  function shownSet() {
    var show = new Set(), handles = new Set();
    reasons.forEach(function (why, id) {
      if (!why.size) return;
      var g = nodes.get(id).group;
      if (g && groups.has(g) && !open.has(g) && !pinned.has(id)) { handles.add(g); return; }
      show.add(id);
      if (g && groups.has(g)) handles.add(g);
    });
    // A document shown shows its tasks' group too: the reader sees there is work under it.
    groups.forEach(function (g, gid) { if (show.has(g.anchor)) handles.add(gid); });
    handles.forEach(function (g) { show.add(g); show.add(groups.get(g).anchor); });
    return show;
  }
  // Where an edge's end is drawn: itself, or the closed group that holds it.
  function drawnAt(id, show) {
    if (show.has(id)) return id;
    var g = (nodes.get(id) || {}).group;
    return g && show.has(g) ? g : null;
  }
  function drawnEdges(show) {
    var out = new Map();
    function add(key, from, to, rec, extra) {
      var d = out.get(key);
      if (!d) { d = Object.assign({key: key, from: from, to: to, rel: rec.rel, role: rec.role, members: [], layered: rec.layered}, extra); out.set(key, d); }
      d.members.push(rec.id);
    }
    edges.forEach(function (e) {
      var task = nodes.get(e.to), g = task && task.group;
      if (e.rel === 'HAS_TASK' && g && show.has(g) && groups.get(g).anchor === e.from) {
        add('h|' + g, e.from, g, e, {handle: true});
        if (show.has(e.to)) add('m|' + e.id, g, e.to, e, {handle: true});
        return;
      }
      var a = drawnAt(e.from, show), b = drawnAt(e.to, show);
      if (!a || !b || a === b) return;
      add(a + '|' + e.rel + '|' + (e.role || '') + '|' + b, a, b, e, {});
    });
    return Array.from(out.values());
  }

  // --- drawing ----------------------------------------------------------------------------
  var container = document.getElementById('mynetwork');
  var visNodes = new vis.DataSet(), visEdges = new vis.DataSet();
  var network = window.network = new vis.Network(container, {nodes: visNodes, edges: visEdges}, STYLE.options);
  truyvet.network = network;
  var measure = document.createElement('canvas').getContext('2d');
  function kindColour(rec) {
    var k = STYLE.kinds[(rec.facts || {}).kind] || STYLE.kinds.other;
    return {border: k[0], background: k[1]};
  }
  function visNode(id) {
    var g = groups.get(id), rec = nodes.get(id), st, label, font = {size: 14};
    if (g) {
      var opened = open.has(id);
      st = STYLE.types.Handle;
      label = g.label + (opened ? '  ▾' : '  ▸');
      return {id: id, label: label, shape: 'box', font: {size: 13, color: '#333'},
              color: {border: st[1], background: opened ? '#ffffff' : st[2], highlight: {border: '#111', background: '#fff3b0'}},
              borderWidth: 1.5, shapeProperties: {borderDashes: [5, 3], borderRadius: 4}, margin: 7};
    }
    var t = rec.type;
    st = STYLE.types[t] || STYLE.types.other;
    var colour = t === 'Document' ? kindColour(rec) : {border: st[1], background: st[2]};
    var state = t === 'Task' && STYLE.states && STYLE.states[rec.state];
    if (state) colour = {border: state[0], background: state[1]};       // the task's tracking state today
    var item = {id: id, label: rec.caption || rec.label, shape: 'box', margin: 7, borderWidth: 1.5,
                shapeProperties: {borderRadius: st[0] === 'round' ? 12 : 3},
                color: {border: colour.border, background: colour.background,
                        highlight: {border: '#111', background: '#fff3b0'}, hover: {border: '#111', background: colour.background}},
                font: font, widthConstraint: {maximum: WRAP}};
    if (t === 'Document') {
      item.borderWidth = 2;
      font.size = 15;
      if ((rec.facts || {}).stub) { item.shapeProperties.borderDashes = [5, 4]; item.color.background = '#ffffff'; }
    }
    if (t === 'Task') font.size = 13;
    if (t === 'Group') item.shapeProperties.borderDashes = [4, 3];
    if (id === META.focus) {
      item.borderWidth = 3;
      item.color = Object.assign({}, item.color, {border: '#111111', background: '#ffe066'});
      font.size += 1;
      font.bold = true;
    }
    font.face = 'DejaVu Sans, Arial, sans-serif';
    return item;
  }
  // The box vis will draw: its label wrapped at word boundaries to the width limit, as vis wraps it.
  var WRAP = 200;
  function sizeOf(item) {
    var size = item.font.size, max = (item.widthConstraint || {}).maximum || 1e9, w = 0, n = 0;
    measure.font = (item.font.bold ? 'bold ' : '') + size + 'px DejaVu Sans, Arial, sans-serif';
    String(item.label).split('\n').forEach(function (line) {
      var cur = '';
      line.split(' ').forEach(function (word) {
        var next = cur ? cur + ' ' + word : word;
        if (cur && measure.measureText(next).width > max - 2 * item.margin) { w = Math.max(w, measure.measureText(cur).width); n++; cur = word; }
        else cur = next;
      });
      w = Math.max(w, measure.measureText(cur).width);
      n++;
    });
    return {w: Math.min(w + 2 * item.margin, max) + 6, h: n * size * 1.2 + 2 * item.margin + 6};
  }
  function edgeStyle(d) {
    var key = d.rel === 'ASSIGNS' ? (d.role in STYLE.edges ? d.role : 'coordinate') : d.rel;
    if (d.handle) key = 'HAS_TASK';
    var recs = d.members.map(function (m) { return edges.get(m); });
    if (d.rel === 'IMPLEMENTS' && recs.every(function (e) { return e.reported; })) key = 'IMPLEMENTS*';
    var st = STYLE.edges[key] || {color: '#7a7a7a', width: 1.2, dashes: false, label: (d.rel || '').toLowerCase()};
    var label = st.tag || '';
    if (!d.handle && d.members.length > 1 && groups.has(d.from)) label = (st.label || '') + ' ×' + d.members.length;
    if (!STYLE.edges[key]) label = st.label;
    return {id: d.key, from: d.from, to: d.to, label: label, width: st.width + (d.members.length > 1 && !d.handle ? 1 : 0),
            dashes: st.dashes, color: {color: st.color, highlight: st.color, hover: st.color, opacity: 0.9},
            arrows: {to: {enabled: true, scaleFactor: 0.6}}, font: {size: 11, align: 'middle', color: '#444', strokeWidth: 3}};
  }

  var drawn = {nodes: new Map(), edges: new Map()}, lastEdges = [];
  function render(keep) {
    var show = shownSet(), dEdges = drawnEdges(show);
    var items = [];
    show.forEach(function (id) { items.push(visNode(id)); });
    var boxes = items.map(function (it) {
      var rec = nodes.get(it.id), g = groups.get(it.id), s = sizeOf(it);
      var t = g ? 'Handle' : rec.type;
      var o = g ? (ord.get(g.anchor) || 0) + 0.5 : rec.group && groups.has(rec.group)
        ? (ord.get(groups.get(rec.group).anchor) || 0) + 0.5 + (groups.get(rec.group).members.indexOf(it.id) + 1) / 1e5
        : ord.get(it.id);
      return {id: it.id, w: s.w, h: s.h, rank: RANK[t] === undefined ? 5 : RANK[t], ord: o, last: t === 'Agency'};
    });
    var pos = tvLayout.layered(boxes, dEdges.filter(function (d) { return d.layered !== false; }));
    var before = keep && drawn.nodes.has(keep) ? network.canvasToDOM(network.getPositions([keep])[keep]) : null;
    items.forEach(function (it) { it.x = pos[it.id].x; it.y = pos[it.id].y; });
    var visE = dEdges.map(edgeStyle);
    visNodes.remove(Array.from(drawn.nodes.keys()).filter(function (id) { return !show.has(id); }));
    var eids = new Set(visE.map(function (e) { return e.id; }));
    visEdges.remove(Array.from(drawn.edges.keys()).filter(function (id) { return !eids.has(id); }));
    visNodes.update(items);
    visEdges.update(visE);
    drawn.nodes = new Map(items.map(function (it) { return [it.id, it]; }));
    drawn.edges = new Map(visE.map(function (e) { return [e.id, e]; }));
    lastEdges = dEdges;
    if (before) {
      // The node the reader acted on stays where it was on the screen.
      var after = network.canvasToDOM(pos[keep]);
      var view = network.getViewPosition(), scale = network.getScale();
      network.moveTo({position: {x: view.x + (after.x - before.x) / scale, y: view.y + (after.y - before.y) / scale}, scale: scale});
    }
    if (highlighted) highlight(highlighted);
    updateCounts(show);
  }
  function updateCounts(show) {
    var real = 0;
    show.forEach(function (id) { if (nodes.has(id)) real++; });
    document.getElementById('tv-counts').textContent = 'đang hiện ' + real + '/' + nodes.size + ' nút';
  }

  // Frame ``ids`` at a readable scale: all of them if they fit, else as many as fit around ``keep``
  // (the focus, the group just opened), which stays inside the view with a margin.
  function frame(ids, keep) {
    var box = {x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity};
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) return;
      box.x0 = Math.min(box.x0, b.left); box.x1 = Math.max(box.x1, b.right);
      box.y0 = Math.min(box.y0, b.top); box.y1 = Math.max(box.y1, b.bottom);
    });
    if (box.x0 === Infinity) return;
    var W = container.clientWidth, H = container.clientHeight, M = 60;
    var fit = Math.min((W - 2 * M) / Math.max(box.x1 - box.x0, 1), (H - 2 * M) / Math.max(box.y1 - box.y0, 1));
    var scale = Math.min(1, Math.max(fit, STYLE.min_scale)), cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;
    var f = keep && drawn.nodes.has(keep) ? network.getBoundingBox(keep) : null;
    if (f && fit < STYLE.min_scale) {
      var halfW = (W / 2 - M) / scale, halfH = (H / 2 - M) / scale;
      cx = Math.min(Math.max(cx, f.right - halfW), f.left + halfW);
      cy = Math.min(Math.max(cy, f.bottom - halfH), f.top + halfH);
    }
    network.moveTo({position: {x: cx, y: cy}, scale: scale});
  }

  // --- acting on the graph ------------------------------------------------------------------
  function toggleGroup(g, force) {
    var want = force === undefined ? !open.has(g) : force;
    if (want === open.has(g)) return Promise.resolve();
    if (!want) { open.delete(g); release('g:' + g); render(g); return Promise.resolve(); }
    open.add(g);
    var members = groups.get(g).members;
    members.forEach(function (m) {
      hold(m, 'g:' + g);
      neighbours(m).forEach(function (n) {
        var rec = nodes.get(n);
        if (rec && rec.type !== 'Document' && rec.type !== 'Task') hold(n, 'g:' + g);
      });
    });
    render(g);
    var ids = [g].concat(members.filter(function (m) { return drawn.nodes.has(m); }));
    frame(ids.concat(Array.from(new Set(dragAlong(ids)))), g);
    return Promise.resolve();
  }
  // What hangs right of ``ids`` in the drawing (a group's tasks' agencies).
  function dragAlong(ids) {
    var set = new Set(ids), out = [];
    lastEdges.forEach(function (d) { if (set.has(d.from) && !groups.has(d.to)) out.push(d.to); });
    return out;
  }
  function expand(id, force) {
    if (groups.has(id)) return toggleGroup(id, force);
    var want = force === undefined ? !expanded.has(id) : force;
    if (!want) { expanded.delete(id); release('x:' + id); render(id); return Promise.resolve(); }
    return source.load(id).then(function () {
      expanded.add(id);
      neighbours(id).forEach(function (n) { hold(n, 'x:' + id); });
      render(id);
    });
  }
  // A search hit or a link in the panel: show it (its group stays as it is), select it, zoom to it.
  function reveal(id) {
    var ready = nodes.has(id) ? Promise.resolve() : source.load(id);
    return ready.then(function () {
      if (!nodes.has(id)) return;
      hold(id, 'pick');
      pinned.add(id);
      // With what it leads to: a task with its agencies, a document with what implements it.
      (links.get(id) || new Set()).forEach(function (eid) {
        var e = edges.get(eid);
        if (e.from === id && e.layered !== false) hold(e.to, 'pick');
      });
      var g = nodes.get(id).group;
      if (g && groups.has(g)) hold(groups.get(g).anchor, 'pick');
      render(null);
      network.selectNodes([id]);
      network.focus(id, {scale: Math.max(network.getScale(), STYLE.read_scale), animation: false});
      highlight(id);
      showPanel(id);
    });
  }

  // Clicking a node lights its whole thread: everything above it and below it, edges included.
  var highlighted = null;
  function highlight(id) {
    highlighted = id && drawn.nodes.has(id) ? id : null;
    var th = highlighted ? tvLayout.thread(highlighted, lastEdges) : null;
    visNodes.update(Array.from(drawn.nodes.keys()).map(function (n) {
      return {id: n, opacity: !th || th.nodes.has(n) ? 1 : 0.15};
    }));
    visEdges.update(Array.from(drawn.edges.values()).map(function (e) {
      var on = !th || th.edges.has(e.id);
      return {id: e.id, color: Object.assign({}, e.color, {opacity: on ? 0.95 : 0.07}),
              width: on && th ? e.width + 1 : e.width, font: Object.assign({}, e.font, {color: on ? '#444' : 'rgba(0,0,0,0.1)'})};
    }));
    truyvet.thread = th ? {nodes: Array.from(th.nodes), edges: Array.from(th.edges)} : null;
  }

  // --- the detail panel ---------------------------------------------------------------------
  var panel = document.getElementById('tv-panel');
  function pick(id) { reveal(id); }
  function showPanel(id) {
    panel.innerHTML = '';
    panel.hidden = false;
    if (groups.has(id)) return groupPanel(id);
    var rec = nodes.get(id);
    if (!rec) return;
    tvPanel.node(panel, rec, {
      edges: Array.from(links.get(id) || []).map(function (eid) { return edges.get(eid); }),
      nodes: nodes, group: rec.group && groups.get(rec.group), pick: pick,
      expanded: expanded.has(id), expand: function () { expand(id).then(function () { showPanel(id); }); },
      toggleGroup: function (g) { toggleGroup(g).then(function () { showPanel(id); }); },
      isOpen: function (g) { return open.has(g); }, groups: groups, page: META.page_base,
      pending: !!META.api
    });
    if (!rec.chains && META.api && rec.type !== 'Group') {
      source.details(id).then(function (full) { if (full && full.chains && highlighted === id) showPanel(id); });
    }
  }
  function groupPanel(g) {
    var grp = groups.get(g);
    tvPanel.group(panel, grp, nodes, open.has(g), function () { toggleGroup(g).then(function () { showPanel(g); }); }, pick);
  }

  network.on('click', function (p) {
    if (p.nodes.length) {
      var id = p.nodes[0];
      if (groups.has(id)) { toggleGroup(id).then(function () { highlight(id); showPanel(id); }); return; }
      highlight(id);
      showPanel(id);
    } else if (p.edges.length) {
      highlight(null);
      var d = lastEdges.filter(function (x) { return x.key === p.edges[0]; })[0];
      if (d) tvPanel.edge(panel, d.members.map(function (m) { return edges.get(m); }), nodes, pick);
    } else {
      highlight(null);
      tvPanel.hint(panel);
    }
  });
  network.on('doubleClick', function (p) { if (p.nodes.length) expand(p.nodes[0]).then(function () { showPanel(p.nodes[0]); }); });

  tv.hoverHint(network, container, function (id) {
    var g = groups.get(id);
    if (g) return g.label + (open.has(id) ? ' — bấm để đóng' : ' — bấm để mở');
    var rec = nodes.get(id);
    return rec ? rec.label + (rec.type === 'Task' && rec.facts.text ? '\n' + rec.facts.text.slice(0, 220) : '') : '';
  });
  tv.stickyLabels(network, function () {
    var out = [];
    drawn.nodes.forEach(function (it, id) {
      var rec = nodes.get(id);
      if (rec && rec.type === 'Document') out.push({id: id, text: rec.label, above: (network.getBoundingBox(id).bottom - network.getBoundingBox(id).top) / 2});
    });
    return out;
  }, 0.45);

  var search = tv.searchBox({
    find: function (q) {
      var recs = [];
      nodes.forEach(function (r) { if (r.type !== 'Group') recs.push(r); });
      return tv.rank(recs, q, TYPE_ORDER);
    },
    remote: source.search,
    go: function (hit) { reveal(hit.id); }
  });
  document.getElementById('tv-focus').addEventListener('click', function () {
    if (!META.focus) return;
    highlight(null);
    network.selectNodes([META.focus]);
    network.focus(META.focus, {scale: STYLE.read_scale, animation: false});
  });
  document.getElementById('tv-fit').addEventListener('click', function () { highlight(null); network.fit(); });

  // --- start --------------------------------------------------------------------------------
  (DATA.initial || [META.focus]).forEach(function (id) { hold(id, 'init'); });
  render(null);
  // vis fits the view to its data once after its first drawing: frame the page after that.
  network.once('afterDrawing', function () {
    setTimeout(function () {
      frame(Array.from(drawn.nodes.keys()), META.focus);
      if (META.focus && drawn.nodes.has(META.focus)) network.selectNodes([META.focus]);
      network.once('afterDrawing', function () {
        truyvet.ready = true;
        truyvet.readyMs = performance.now();
        document.body.setAttribute('data-ready', '1');
      });
      network.redraw();
    }, 0);
  });
  tvPanel.hint(panel);

  Object.assign(truyvet, {
    shown: function () { return Array.from(drawn.nodes.keys()); },
    edgesShown: function () { return lastEdges.map(function (d) { return {id: d.key, from: d.from, to: d.to, rel: d.rel, role: d.role, members: d.members}; }); },
    record: function (id) { return nodes.get(id) || groups.get(id); },
    groupOf: function (id) { return (nodes.get(id) || {}).group || null; },
    toggleGroup: toggleGroup, expand: expand, reveal: reveal, highlight: highlight, showPanel: showPanel,
    search: function (q) { return search.run(q).map(function (h) { return h.id; }); },
    go: function (i) { return search.go(i); }
  });
})();
