// The detail panel: what a clicked node or link is, the sentence that proves each link (text that
// can be selected and copied), the file and characters it comes from, a task's deadline and the
// agencies it goes to with their roles, and the path up to the root directive.
var tvPanel = (function () {
  'use strict';
  var el = tv.el;
  var REL_ORDER = ['IMPLEMENTS', 'BASED_ON', 'HAS_TASK', 'ASSIGNS', 'CITES', 'ISSUED_BY', 'SIGNED_BY', 'SENT_TO'];
  var SHOWN = 40;

  function link(id, label, pick) {
    var a = el('a', {href: '#', 'data-id': id}, label);
    a.addEventListener('click', function (ev) { ev.preventDefault(); pick(id); });
    return a;
  }
  function head(panel, rec) {
    var kind = rec.type === 'Document' ? (rec.kind_word || '') : '';
    panel.appendChild(el('div', {cls: 'tv-type'}, tv.typeWord(rec.type) + (kind ? ' · ' + kind : '')));
    panel.appendChild(el('h2', {cls: 'tv-name'}, rec.label));
  }
  function section(panel, title) {
    panel.appendChild(el('h3', null, title));
  }
  function paths(rec, nodes) {
    if (rec.type === 'Task') {
      var doc = nodes.get(rec.doc);
      var docStep = {id: rec.doc, label: rec.doc_label || rec.doc};
      if (rec.chains) return rec.chains;
      if (!doc || !doc.chains) return doc ? [[docStep]] : null;
      return doc.chains.length ? doc.chains.map(function (p) { return [docStep].concat(p); }) : [[docStep]];
    }
    return rec.chains;
  }
  // The other end of a link, read from the shown node ("được thực hiện bởi …", "chủ trì").
  function relWords(e, id) {
    var words = (tv.STYLE.words || {}).rel || {};
    if (e.rel === 'ASSIGNS') return tv.roleWord(e.role);
    var w = words[e.rel + (e.source === id ? '>' : '<')];
    return w || (e.rel || '').toLowerCase();
  }

  function node(panel, rec, ctx) {
    head(panel, rec);
    var f = rec.facts || {}, id = rec.id, pick = ctx.pick;
    var buttons = el('div', {cls: 'tv-actions'});
    if (rec.type !== 'Group') {
      buttons.appendChild(el('button', {type: 'button', onclick: ctx.expand}, ctx.expanded ? 'Thu gọn liên kết' : 'Mở rộng liên kết'));
    }
    ctx.groups.forEach(function (g) {
      if (g.anchor === id) {
        buttons.appendChild(el('button', {type: 'button', onclick: function () { ctx.toggleGroup(g.id); }},
          (ctx.isOpen(g.id) ? 'Đóng ' : 'Mở ') + g.label));
      }
    });
    if (ctx.page && rec.type !== 'Group') buttons.appendChild(el('a', {href: ctx.page + '/node/' + encodeURIComponent(id), cls: 'tv-page'}, 'Trang chi tiết'));
    panel.appendChild(buttons);

    if (rec.type === 'Task') {
      panel.appendChild(el('p', {cls: 'tv-text'}, f.text || ''));
      if (f.deadline) panel.appendChild(el('p', {cls: 'tv-deadline'}, 'Thời hạn: ' + f.deadline));
      if (rec.doc) panel.appendChild(el('p', null, 'Thuộc ', link(rec.doc, rec.doc_label || rec.doc, pick)));
      var assigns = ctx.edges.filter(function (e) { return e.rel === 'ASSIGNS' && e.source === id; });
      section(panel, 'Cơ quan được giao');
      if (!assigns.length) panel.appendChild(el('div', {cls: 'tv-muted'}, 'văn bản không nêu cơ quan cho nhiệm vụ này'));
      var quotes = {};
      ['lead', 'coordinate', 'monitor'].concat(assigns.map(function (e) { return e.role; })).forEach(function (role) {
        assigns.filter(function (e) { return e.role === role && !e.done; }).forEach(function (e) {
          e.done = true;
          panel.appendChild(el('div', {cls: 'tv-assign'}, el('span', {cls: 'tv-role tv-role-' + role}, tv.roleWord(role)), ' ',
            link(e.target, (ctx.nodes.get(e.target) || {}).label || e.target, pick)));
          (e.statements || []).forEach(function (st) {
            var key = (st.quote || '') + '|' + st.file + '|' + (st.span || []).join('-');
            if (quotes[key]) return;
            quotes[key] = 1;
            panel.appendChild(tv.evidence(st, 'Câu giao việc'));
          });
        });
      });
      assigns.forEach(function (e) { delete e.done; });
      if (f.hidden_assignees) {
        panel.appendChild(el('div', {cls: 'tv-muted'}, 'Giao, không có trong trang: ' +
          f.hidden_assignees.map(function (x) { return x[0] + ' (' + tv.roleWord(x[1]) + ')'; }).join('; ')));
      }
    }
    var facts = tv.factRows(rec);
    if (facts) { section(panel, 'Thông tin'); panel.appendChild(facts); }
    var ps = (rec.type === 'Document' || rec.type === 'Task') ? paths(rec, ctx.nodes) : null;
    if (ps || (ctx.pending && rec.type !== 'Agency')) {
      section(panel, 'Đường lên văn bản gốc');
      panel.appendChild(ps ? tv.chainList(ps, pick) : el('div', {cls: 'tv-muted'}, 'đang tải…'));
    }
    if (rec.type !== 'Task') relations(panel, rec, ctx);
  }

  function relations(panel, rec, ctx) {
    var id = rec.id, byRel = {};
    ctx.edges.forEach(function (e) { (byRel[e.rel + (e.source === id ? '>' : '<')] = byRel[e.rel + (e.source === id ? '>' : '<')] || []).push(e); });
    var keys = Object.keys(byRel).sort(function (a, b) {
      var ia = REL_ORDER.indexOf(a.slice(0, -1)), ib = REL_ORDER.indexOf(b.slice(0, -1));
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : 1);
    });
    if (!keys.length) return;
    section(panel, 'Liên kết trong trang');
    keys.forEach(function (k) {
      var list = byRel[k];
      var words = relWords(list[0], id);
      var box = el('details', {cls: 'tv-rel'}, el('summary', null, words + ' (' + list.length + ')'));
      if (k === 'IMPLEMENTS>' || k === 'IMPLEMENTS<' || k === 'BASED_ON>' || list.length <= 3) box.open = true;
      list.slice(0, SHOWN).forEach(function (e) {
        var other = e.source === id ? e.target : e.source, o = ctx.nodes.get(other) || {};
        var item = el('div', {cls: 'tv-relitem'},
          e.rel === 'ASSIGNS' ? el('span', {cls: 'tv-role tv-role-' + e.role}, tv.roleWord(e.role) + ' ') : null,
          link(other, o.label || other, ctx.pick));
        if (e.rel !== 'HAS_TASK' && e.rel !== 'ASSIGNS') (e.statements || []).slice(0, 1).forEach(function (st) { item.appendChild(tv.evidence(st)); });
        box.appendChild(item);
      });
      if (list.length > SHOWN) box.appendChild(el('div', {cls: 'tv-muted'}, '… và ' + (list.length - SHOWN) + ' liên kết khác'));
      panel.appendChild(box);
    });
  }

  function group(panel, grp, nodes, isOpen, toggle, pick) {
    panel.appendChild(el('div', {cls: 'tv-type'}, 'nhóm nhiệm vụ'));
    panel.appendChild(el('h2', {cls: 'tv-name'}, grp.label + ' của ' + ((nodes.get(grp.anchor) || {}).label || grp.anchor)));
    panel.appendChild(el('div', {cls: 'tv-actions'}, el('button', {type: 'button', onclick: toggle}, isOpen ? 'Đóng nhóm' : 'Mở nhóm')));
    if (grp.headings) panel.appendChild(el('div', {cls: 'tv-muted'}, grp.headings + ' đề mục (tiêu đề phần) không vẽ thành nhiệm vụ'));
    var ol = el('ol', {cls: 'tv-tasklist'});
    grp.members.forEach(function (m) {
      var r = nodes.get(m);
      if (r) ol.appendChild(el('li', null, link(m, r.caption.replace('\n', ' — '), pick)));
    });
    panel.appendChild(ol);
  }

  function edge(panel, recs, nodes, pick) {
    panel.innerHTML = '';
    panel.appendChild(el('div', {cls: 'tv-type'}, 'liên kết'));
    recs.forEach(function (e) {
      panel.appendChild(el('h2', {cls: 'tv-name'}, e.sentence));
      panel.appendChild(el('p', null, link(e.source, (nodes.get(e.source) || {}).label || e.source, pick), ' → ',
                           link(e.target, (nodes.get(e.target) || {}).label || e.target, pick)));
      (e.statements || []).forEach(function (st) { panel.appendChild(tv.evidence(st, e.reported ? 'Do văn bản khác nêu' : 'Bằng chứng')); });
      if (e.count > (e.statements || []).length) panel.appendChild(el('div', {cls: 'tv-muted'}, '… và ' + (e.count - e.statements.length) + ' câu khác'));
    });
  }

  function hint(panel) {
    panel.innerHTML = '';
    panel.appendChild(el('p', {cls: 'tv-muted'},
      'Bấm vào một nút để xem chi tiết và làm nổi cả mạch của nó; bấm nút “N nhiệm vụ” để mở hoặc đóng; ' +
      'bấm đúp để mở rộng các liên kết; bấm vào một cạnh để xem câu làm bằng chứng.'));
  }

  return {node: node, group: group, edge: edge, hint: hint};
})();
