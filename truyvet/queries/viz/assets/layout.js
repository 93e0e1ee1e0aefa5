// Layered layout, left to right: each arrow points right (directive → plan → tasks → agencies).
// Pure: takes the drawn nodes and edges, returns {id: {x, y}}; ``thread`` finds what a click lights. Columns are ordered by their
// neighbours' positions (barycentre sweeps) and folded into a grid when taller than wide, so a
// document with 300 tasks stays a block you can read instead of a 7,000-pixel column.
var tvLayout = (function () {
  'use strict';
  var GAP_X = 100, GAP_Y = 12, MAX_COL_H = 680;

  // nodes: [{id, w, h, rank, ord, last}] (rank: column order within a level, last: pin to the
  // last column, as agencies are); edges: [{from, to}] that set columns.
  function layered(nodes, edges) {
    var byId = {}, succ = {}, pred = {};
    nodes.forEach(function (n) { byId[n.id] = n; succ[n.id] = []; pred[n.id] = []; });
    edges.forEach(function (e) {
      if (byId[e.from] && byId[e.to] && e.from !== e.to) { succ[e.from].push(e.to); pred[e.to].push(e.from); }
    });
    var order = nodes.slice().sort(function (a, b) { return a.ord - b.ord; });
    // Break cycles: an edge met again on the DFS stack is left out of the layering.
    var state = {}, keep = {};
    order.forEach(function (n) { keep[n.id] = []; });
    function dfs(root) {
      var stack = [[root, 0]];
      state[root] = 1;
      while (stack.length) {
        var top = stack[stack.length - 1], id = top[0], out = succ[id];
        if (top[1] >= out.length) { state[id] = 2; stack.pop(); continue; }
        var next = out[top[1]++];
        if (state[next] === 1) continue;
        keep[id].push(next);
        if (!state[next]) { state[next] = 1; stack.push([next, 0]); }
      }
    }
    order.forEach(function (n) { if (!pred[n.id].length && !state[n.id]) dfs(n.id); });
    order.forEach(function (n) { if (!state[n.id]) dfs(n.id); });
    var indeg = {}, level = {};
    order.forEach(function (n) { indeg[n.id] = 0; level[n.id] = 0; });
    order.forEach(function (n) { keep[n.id].forEach(function (m) { indeg[m]++; }); });
    var queue = order.filter(function (n) { return !indeg[n.id]; }).map(function (n) { return n.id; });
    for (var qi = 0; qi < queue.length; qi++) {
      var id = queue[qi];
      keep[id].forEach(function (m) {
        level[m] = Math.max(level[m], level[id] + 1);
        if (--indeg[m] === 0) queue.push(m);
      });
    }
    var top = 0;
    order.forEach(function (n) { if (!n.last) top = Math.max(top, level[n.id]); });
    order.forEach(function (n) { if (n.last && pred[n.id].length) level[n.id] = Math.max(level[n.id], top + 1); });

    var cols = {}, keys = [];
    order.forEach(function (n) {
      var k = level[n.id] * 10 + n.rank;
      if (!cols[k]) { cols[k] = []; keys.push(k); }
      cols[k].push(n.id);
    });
    keys.sort(function (a, b) { return a - b; });
    var pos = {};
    function rerank(k) { cols[k].forEach(function (id, i) { pos[id] = (i + 0.5) / cols[k].length; }); }
    keys.forEach(rerank);
    function sweep(ks, nbrs) {
      ks.forEach(function (k) {
        var key = {};
        cols[k].forEach(function (id) {
          var ys = nbrs[id].filter(function (m) { return m in pos; }).map(function (m) { return pos[m]; });
          key[id] = ys.length ? ys.reduce(function (a, b) { return a + b; }, 0) / ys.length : pos[id];
        });
        cols[k].sort(function (a, b) { return key[a] - key[b] || byId[a].ord - byId[b].ord; });
        rerank(k);
      });
    }
    // Children follow their parents; roots then move towards their children; once more for the rest.
    sweep(keys.slice(1), pred);
    sweep(keys.slice(0, 1), succ);
    sweep(keys.slice(1), pred);

    var out = {}, x = 0, prevW = null;
    keys.forEach(function (k) {
      var col = cols[k];
      var cellW = 0, cellH = 0;
      col.forEach(function (id) { cellW = Math.max(cellW, byId[id].w); cellH = Math.max(cellH, byId[id].h); });
      cellW += 24; cellH += GAP_Y;
      var per = 1;
      while (col.length * cellH / per > Math.max(MAX_COL_H, 2 * per * cellW)) per++;
      var rows = Math.ceil(col.length / per), blockW = per * cellW, blockH = rows * cellH;
      x = prevW === null ? 0 : x + prevW / 2 + GAP_X + blockW / 2;
      prevW = blockW;
      col.forEach(function (id, i) {
        var j = Math.floor(i / rows), r = i % rows;
        out[id] = {x: Math.round(x - blockW / 2 + (j + 0.5) * cellW), y: Math.round(-blockH / 2 + (r + 0.5) * cellH)};
      });
    });
    return out;
  }

  // A node's whole thread over drawn edges [{key, from, to, layered}]: everything above it and
  // everything below it, with the edges between.
  function thread(id, drawnEdges) {
    var up = {}, down = {};
    drawnEdges.forEach(function (d) {
      if (d.layered === false) return;
      (down[d.from] = down[d.from] || []).push(d);
      (up[d.to] = up[d.to] || []).push(d);
    });
    var keepN = new Set([id]), keepE = new Set();
    [[up, 'from'], [down, 'to']].forEach(function (dir) {
      var stack = [id], seen = new Set([id]);
      while (stack.length) {
        var cur = stack.pop();
        (dir[0][cur] || []).forEach(function (d) {
          keepE.add(d.key);
          var next = d[dir[1]];
          keepN.add(next);
          if (!seen.has(next)) { seen.add(next); stack.push(next); }
        });
      }
    });
    return {nodes: keepN, edges: keepE};
  }

  return {layered: layered, thread: thread};
})();
