var truyvet = JSON.parse(document.getElementById('tv-meta').textContent);
truyvet.ready = false;
var nodes = new vis.DataSet(JSON.parse(document.getElementById('tv-nodes').textContent));
var edges = new vis.DataSet(JSON.parse(document.getElementById('tv-edges').textContent));
var options = JSON.parse(document.getElementById('tv-options').textContent);
var container = document.getElementById('mynetwork');
var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);

function markReady() {
  if (truyvet.ready) return;
  truyvet.ready = true;
  truyvet.readyMs = performance.now();
  document.body.setAttribute('data-ready', '1');
}
function showFocus() {
  if (truyvet.focus !== null && nodes.get(truyvet.focus)) network.selectNodes([truyvet.focus]);
}
if (options.physics && options.physics.enabled) {
  network.on('stabilizationProgress', function (p) {
    document.getElementById('tv-found').textContent = 'sắp xếp… ' + Math.round(100 * p.iterations / p.total) + '%';
  });
  network.once('stabilizationIterationsDone', function () {
    document.getElementById('tv-found').textContent = '';
    // A settled drawing should stay put while the reader works with it.
    network.setOptions({physics: false});
    network.once('afterDrawing', markReady);
    network.fit();
  });
} else {
  network.once('afterDrawing', markReady);
}

function fold(s) {
  return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .toLowerCase();
}
var index = nodes.get().map(function (n) { return [n.id, fold(n.label + ' ' + n.title + ' ' + n.id)]; });
var faded = false;
function fadeExcept(keep) {
  var set = new Set(keep);
  nodes.update(nodes.get().map(function (n) { return {id: n.id, opacity: set.has(n.id) ? 1 : 0.18}; }));
  faded = keep.length > 0;
}
function clearFade() {
  if (!faded) return;
  nodes.update(nodes.get().map(function (n) { return {id: n.id, opacity: 1}; }));
  faded = false;
}
function search(text) {
  var q = fold(text).trim();
  var out = document.getElementById('tv-found');
  if (!q) { clearFade(); network.unselectAll(); out.textContent = ''; return []; }
  var hits = index.filter(function (e) { return e[1].indexOf(q) >= 0; }).map(function (e) { return e[0]; });
  out.textContent = hits.length + (hits.length === 1 ? ' match' : ' matches');
  if (hits.length) {
    network.selectNodes(hits);
    fadeExcept(hits);
    network.fit({nodes: hits, animation: false});
  }
  return hits;
}
document.getElementById('tv-search').addEventListener('keydown', function (ev) {
  if (ev.key === 'Enter') search(ev.target.value);
  if (ev.key === 'Escape') { ev.target.value = ''; search(''); }
});
document.getElementById('tv-go').addEventListener('click', function () {
  search(document.getElementById('tv-search').value);
});
document.getElementById('tv-focus').addEventListener('click', function () {
  clearFade();
  if (truyvet.focus === null) { network.fit(); return; }
  showFocus();
  network.focus(truyvet.focus, {scale: 1.1, animation: false});
});
document.getElementById('tv-fit').addEventListener('click', function () { clearFade(); network.fit(); });
network.on('click', function (p) {
  // Clicking a node fades everything but its neighbours, so one thread can be followed.
  if (p.nodes.length) fadeExcept(p.nodes.concat(network.getConnectedNodes(p.nodes[0])));
  else clearFade();
});
if (truyvet.focus === null) document.getElementById('tv-focus').textContent = 'Fit';
