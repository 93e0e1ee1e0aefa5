// What every page shares: folded search keys, small DOM builders, the detail panel's pieces
// (evidence that can be selected and copied), the search box with its result list, a hover
// hint that never lingers, and labels drawn at a readable size whatever the zoom.
var tv = (function () {
  'use strict';
  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var STYLE = readJSON('tv-style') || {};
  var WORDS = STYLE.words || {};

  // Diacritic-free, đ as d, lower case: how people type Vietnamese into a search box.
  function fold(s) {
    return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }
  function el(tag, attrs) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'cls') e.className = attrs[k];
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      (Array.isArray(c) ? c : [c]).forEach(function (x) {
        if (x !== null && x !== undefined && x !== false) e.appendChild(typeof x === 'string' ? document.createTextNode(x) : x);
      });
    }
    return e;
  }
  function vnDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? m[3] + '/' + m[2] + '/' + m[1] : (iso || '');
  }
  function typeWord(t) { return (WORDS.type || {})[t] || t; }
  function roleWord(r) { return (WORDS.role || {})[r] || r || ''; }

  // Copy with the Clipboard API where the page may use it (http://127.0.0.1), else through a selection.
  function copy(text, button) {
    function done(ok) {
      var old = button.textContent;
      button.textContent = ok ? 'Đã chép' : 'Hãy bôi đen rồi chép (Ctrl+C)';
      setTimeout(function () { button.textContent = old; }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback(text)); });
    } else done(fallback(text));
  }
  function fallback(text) {
    var area = el('textarea', {readonly: '', style: 'position:fixed;left:-9999px'});
    area.value = text;
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  // One statement of a link: the sentence as written, where it is (file, characters), a copy button.
  function evidence(st, heading) {
    var where = st.file ? st.file + (st.span ? ' · ký tự ' + st.span[0] + '–' + st.span[1] : '') : '';
    var text = [st.quote ? '“' + st.quote + '”' : '', where].filter(Boolean).join('\n');
    var button = el('button', {type: 'button', cls: 'tv-copy'}, 'Sao chép');
    button.addEventListener('click', function () { copy(text, button); });
    return el('div', {cls: 'tv-evidence'},
      heading ? el('div', {cls: 'tv-ev-head'}, heading) : null,
      st.quote ? el('blockquote', {cls: 'tv-quote'}, st.quote) : el('div', {cls: 'tv-muted'}, 'không có trích dẫn'),
      st.reported_by ? el('div', {cls: 'tv-muted'}, 'theo ' + (st.reported_by_label || st.reported_by)) : null,
      where ? el('div', {cls: 'tv-src'}, where) : null,
      button);
  }
  function factRows(rec) {
    var labels = (WORDS.facts || {})[rec.type] || [];
    var rows = [];
    var f = rec.facts || {};
    (labels.length ? labels : Object.keys(f).map(function (k) { return [k, k]; })).forEach(function (pair) {
      var v = f[pair[0]];
      if (v === undefined || v === null || v === '' || pair[0] === 'sha256') return;
      if (pair[0] === 'date') v = vnDate(v);
      if (pair[0] === 'file' && rec.type === 'Task' && f.span_start !== undefined) v += ' · ký tự ' + f.span_start + '–' + f.span_end;
      rows.push(el('tr', null, el('th', null, pair[1]), el('td', null, String(v))));
    });
    if (f.stub) rows.push(el('tr', null, el('th', null, 'tình trạng'), el('td', null, 'chưa có văn bản gốc, chỉ được dẫn chiếu')));
    return rows.length ? el('table', {cls: 'tv-facts'}, rows) : null;
  }
  function chainList(chains, onPick) {
    if (!chains || !chains.length) return el('div', {cls: 'tv-muted'}, 'đây là văn bản gốc (không thực hiện văn bản nào khác)');
    return el('ol', {cls: 'tv-chains'}, chains.map(function (path) {
      return el('li', null, path.map(function (step, i) {
        var a = el('a', {href: '#', 'data-id': step.id}, step.label);
        a.addEventListener('click', function (ev) { ev.preventDefault(); onPick(step.id); });
        return i ? [' → ', a] : [a];
      }).reduce(function (a, b) { return a.concat(b); }, []));
    }));
  }

  // The search box: a result list, next / previous, Enter for the next hit, Escape to clear.
  function searchBox(opts) {
    var input = document.getElementById('tv-search'), list = document.getElementById('tv-results');
    var counter = document.getElementById('tv-count'), hits = [], at = -1, asked = '';
    function show() {
      list.innerHTML = '';
      counter.textContent = hits.length ? (at + 1) + '/' + hits.length : (asked ? 'không thấy' : '');
      if (!hits.length) { list.hidden = !asked; if (asked) list.appendChild(el('li', {cls: 'tv-muted'}, 'Không có kết quả cho “' + asked + '”')); return; }
      hits.slice(0, 60).forEach(function (h, i) {
        var li = el('li', {cls: i === at ? 'tv-on' : '', 'data-id': h.id},
          el('span', {cls: 'tv-kind'}, h.where || typeWord(h.type)), ' ', h.label);
        li.addEventListener('click', function () { go(i); });
        list.appendChild(li);
      });
      if (hits.length > 60) list.appendChild(el('li', {cls: 'tv-muted'}, '… và ' + (hits.length - 60) + ' kết quả khác'));
      list.hidden = false;
    }
    function run(q) {
      asked = q.trim();
      hits = asked ? opts.find(asked) : [];
      at = -1;
      show();
      if (opts.remote && asked) {
        opts.remote(asked).then(function (more) {
          if (asked !== q.trim()) return;
          var seen = {};
          hits.forEach(function (h) { seen[h.id] = 1; });
          hits = hits.concat(more.filter(function (h) { return !seen[h.id]; }));
          show();
        });
      }
      return hits;
    }
    function go(i) {
      if (!hits.length) return null;
      at = (i + hits.length) % hits.length;
      show();
      opts.go(hits[at]);
      return hits[at].id;
    }
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') {
        if (input.value.trim() !== asked) { run(input.value); go(0); } else go(at + (ev.shiftKey ? -1 : 1));
      }
      if (ev.key === 'Escape') { input.value = ''; run(''); list.hidden = true; }
    });
    document.getElementById('tv-go').addEventListener('click', function () { run(input.value); go(0); });
    // The list closes when the reader works elsewhere and comes back with the search box.
    document.addEventListener('mousedown', function (ev) { if (!ev.target.closest('.tv-search')) list.hidden = true; });
    input.addEventListener('focus', function () { if (asked) list.hidden = false; });
    document.getElementById('tv-next').addEventListener('click', function () { go(at + 1); });
    document.getElementById('tv-prev').addEventListener('click', function () { go(at - 1); });
    return {run: run, go: go, hits: function () { return hits; }, at: function () { return at; }};
  }

  // Rank local hits: the label itself first, then label words, then the text; documents first.
  function rank(records, q, typeOrder) {
    var k = fold(q).trim();
    if (!k) return [];
    var out = [];
    records.forEach(function (r) {
      var label = fold(r.label), cap = fold(r.caption);
      var body = fold([(r.facts || {}).text, (r.facts || {}).title, (r.facts || {}).name, r.doc_label, r.id].join(' '));
      var score = label === k ? 0 : label.indexOf(k) === 0 ? 1 : (label.indexOf(k) >= 0 || cap.indexOf(k) >= 0) ? 2
        : body.indexOf(k) >= 0 ? 3 : -1;
      if (score >= 0) out.push([score, typeOrder[r.type] === undefined ? 9 : typeOrder[r.type], out.length, r]);
    });
    out.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return out.map(function (x) {
      var r = x[3];
      return {id: r.id, type: r.type, label: r.type === 'Task' ? r.caption.replace('\n', ' — ') + ' · ' + (r.doc_label || '') : r.label};
    });
  }

  // A hover hint that follows vis's hover events and goes away on every other event.
  function hoverHint(network, container, textFor) {
    var tip = el('div', {cls: 'tv-tip', role: 'tooltip'});
    tip.hidden = true;
    container.appendChild(tip);
    function hide() { tip.hidden = true; }
    network.on('hoverNode', function (p) {
      var text = textFor(p.node);
      if (!text) return hide();
      tip.textContent = text;
      var dom = network.canvasToDOM(network.getPositions([p.node])[p.node] || {x: 0, y: 0});
      tip.style.left = Math.min(dom.x + 14, container.clientWidth - 320) + 'px';
      tip.style.top = (dom.y + 18) + 'px';
      tip.hidden = false;
    });
    ['blurNode', 'dragStart', 'zoom', 'click', 'hoverEdge'].forEach(function (ev) { network.on(ev, hide); });
    container.addEventListener('mouseleave', hide);
  }

  // Labels drawn at a fixed size on screen once vis's own would be too small to read.
  function stickyLabels(network, idsFor, minScale) {
    network.on('afterDrawing', function (ctx) {
      var scale = network.getScale();
      if (scale >= minScale) return;
      var ids = idsFor();
      var pos = network.getPositions(ids.map(function (item) { return item.id; }));
      ctx.save();
      ctx.font = (12.5 / scale) + 'px DejaVu Sans, Arial, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      ctx.lineWidth = 4 / scale;
      ctx.strokeStyle = 'rgba(255,255,255,0.92)';
      ctx.fillStyle = '#111';
      // Most important first (the caller's order); a label that would cover one drawn is left out.
      var taken = [], h = 15 / scale;
      ids.forEach(function (item) {
        var p = pos[item.id];
        if (!p) return;
        var y = p.y - (item.above || 14) - 2 / scale, w = ctx.measureText(item.text).width;
        var box = [p.x - w / 2, y - h, p.x + w / 2, y];
        if (taken.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; })) return;
        taken.push(box);
        ctx.strokeText(item.text, p.x, y);
        ctx.fillText(item.text, p.x, y);
      });
      ctx.restore();
    });
  }

  return {readJSON: readJSON, STYLE: STYLE, fold: fold, el: el, vnDate: vnDate, typeWord: typeWord, roleWord: roleWord,
          copy: copy, evidence: evidence, factRows: factRows, chainList: chainList, searchBox: searchBox, rank: rank,
          hoverHint: hoverHint, stickyLabels: stickyLabels};
})();
