// What the page knows: node, edge and group records merged from the page itself or, in the
// `truyvet serve` graph view, fetched from its JSON endpoints as the reader expands nodes.
var tvRecords = function (api) {
  'use strict';
  var nodes = new Map(), edges = new Map(), groups = new Map(), links = new Map(), loaded = new Set(), ord = new Map();
  function merge(view) {
    (view.nodes || []).forEach(function (n) {
      var old = nodes.get(n.id);
      nodes.set(n.id, old ? Object.assign({}, old, n, {group: n.group || old.group}) : n);
      if (!ord.has(n.id)) ord.set(n.id, ord.size);
    });
    (view.groups || []).forEach(function (g) {
      groups.set(g.id, g);
      g.members.forEach(function (m) { var n = nodes.get(m); if (n) n.group = g.id; });
    });
    (view.edges || []).forEach(function (e) {
      if (edges.has(e.id)) return;
      edges.set(e.id, e);
      [e.from, e.to].forEach(function (id) {
        if (!links.has(id)) links.set(id, new Set());
        links.get(id).add(e.id);
      });
    });
  }
  function neighbours(id) {
    var out = [];
    (links.get(id) || new Set()).forEach(function (eid) {
      var e = edges.get(eid);
      out.push(e.from === id ? e.to : e.from);
    });
    return out;
  }
  function get(path) {
    return fetch(api + path).then(function (r) { return r.json(); });
  }
  function enc(id) { return encodeURIComponent(id); }
  // A static page holds every record already; the explorer asks its server, once per node.
  var source = api ? {
    load: function (id) {
      if (loaded.has(id) || (nodes.get(id) || {}).type === 'Group') return Promise.resolve();
      return get('/neighbours/' + enc(id)).then(function (v) { merge(v); loaded.add(id); });
    },
    details: function (id) {
      return get('/node/' + enc(id)).then(function (v) { merge({nodes: [v]}); return nodes.get(id); });
    },
    search: function (q) {
      return get('/search?q=' + enc(q)).then(function (res) {
        return (res.matches || []).map(function (c) { return {id: c.id, type: c.type, label: c.label, where: 'trong kho'}; });
      });
    }
  } : {
    load: function () { return Promise.resolve(); },
    details: function (id) { return Promise.resolve(nodes.get(id)); },
    search: null
  };
  return {nodes: nodes, edges: edges, groups: groups, links: links, ord: ord, merge: merge, neighbours: neighbours,
          source: source};
};
