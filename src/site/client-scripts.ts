// The site's two page scripts, as text: they run in the reader's browser, read the JSON the page embeds,
// and write only through textContent and createElement (never innerHTML), so untrusted names stay text.

/** Models × stages: search, filters and pages of PAGE_SIZE rows over the embedded rows. */
export const INDEX_SCRIPT = `(function(){
'use strict';
var data = JSON.parse(document.getElementById('rows').textContent);
var stages = data.stages, rows = data.rows, size = data.pageSize;
var q = document.getElementById('q'), tier = document.getElementById('tier'), stage = document.getElementById('stage');
var drift = document.getElementById('drift'), body = document.getElementById('model-rows');
var status = document.getElementById('result-status'), prev = document.getElementById('prev'), next = document.getElementById('next');
var pageNo = 0, shown = rows;
function cell(tr, text, cls){ var td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td); return td; }
function render(){
  var pages = Math.max(1, Math.ceil(shown.length / size));
  if (pageNo >= pages) pageNo = pages - 1;
  var frag = document.createDocumentFragment();
  shown.slice(pageNo * size, pageNo * size + size).forEach(function(r){
    var tr = document.createElement('tr');
    var th = document.createElement('th'); th.scope = 'row';
    var a = document.createElement('a'); a.href = 'models/' + encodeURIComponent(r.slug) + '.html'; a.textContent = r.name;
    th.appendChild(a);
    if (r.deprecated) { var s = document.createElement('span'); s.className = 'muted'; s.textContent = ' (deprecated)'; th.appendChild(s); }
    tr.appendChild(th);
    stages.forEach(function(st, i){
      var v = r.stages[i];
      var td = cell(tr, v ? v.version : '–', v ? '' : 'muted');
      if (v) { var d = document.createElement('div'); d.className = 'muted'; d.textContent = 'since ' + v.since.slice(0, 10) + (v.approved_by.length ? ', approved by ' + v.approved_by.join(', ') : ''); td.appendChild(d); }
    });
    cell(tr, r.risk_tier || '–');
    cell(tr, r.owners.join(', ') || '–');
    cell(tr, r.drift || 'no runs', r.drift === 'drift' ? 'fail' : r.drift === 'no-drift' ? 'pass' : 'muted');
    frag.appendChild(tr);
  });
  body.replaceChildren(frag);
  status.textContent = shown.length + ' of ' + rows.length + ' models' + (shown.length ? ', page ' + (pageNo + 1) + ' of ' + pages : '');
  prev.disabled = pageNo === 0; next.disabled = pageNo >= pages - 1;
}
function filter(){
  var text = q.value.trim().toLowerCase(), t = tier.value, s = stage.value, d = drift.value;
  var si = stages.indexOf(s);
  shown = rows.filter(function(r){
    if (text && r.name.toLowerCase().indexOf(text) < 0 && r.owners.join(' ').toLowerCase().indexOf(text) < 0) return false;
    if (t && r.risk_tier !== t) return false;
    if (si >= 0 && !r.stages[si]) return false;
    if (d && (r.drift || 'none') !== d) return false;
    return true;
  });
  pageNo = 0; render();
}
[q, tier, stage, drift].forEach(function(el){ el.addEventListener('input', filter); el.addEventListener('change', filter); });
prev.addEventListener('click', function(){ pageNo--; render(); });
next.addEventListener('click', function(){ pageNo++; render(); });
document.getElementById('pager').hidden = false;
var params = new URLSearchParams(location.search);
// The first page is already in the HTML: it is only re-rendered when the reader asks for other rows.
if (params.get('q')) { q.value = params.get('q'); filter(); } else { prev.disabled = true; next.disabled = rows.length <= size; }
})();`

/** A model's page: the comparison of any two versions, from the versions embedded in the page. */
export const MODEL_SCRIPT = `(function(){
'use strict';
var versions = JSON.parse(document.getElementById('versions').textContent);
var a = document.getElementById('compare-a'), b = document.getElementById('compare-b'), out = document.getElementById('comparison');
function find(v){ for (var i = 0; i < versions.length; i++) if (versions[i].version === v) return versions[i]; return null; }
function table(caption, head, rows){
  var t = document.createElement('table'), c = document.createElement('caption'); c.textContent = caption; t.appendChild(c);
  var tr = document.createElement('tr');
  head.forEach(function(h){ var th = document.createElement('th'); th.scope = 'col'; th.textContent = h; tr.appendChild(th); });
  t.appendChild(tr);
  if (!rows.length) rows = [[{ text: 'none', cls: 'muted' }]];
  rows.forEach(function(r){
    var tr = document.createElement('tr');
    r.forEach(function(x){ var td = document.createElement('td'); if (typeof x === 'object') { td.textContent = x.text; td.className = x.cls || ''; } else td.textContent = x; tr.appendChild(td); });
    t.appendChild(tr);
  });
  return t;
}
function num(x){ return x === null || x === undefined ? '–' : (Math.round(x * 10000) / 10000).toString(); }
function show(x){ return x === undefined ? '–' : JSON.stringify(x); }
function render(){
  var va = find(a.value), vb = find(b.value);
  if (!va || !vb) return;
  var parts = [];
  var metrics = {}, keys = [];
  function add(v, side){ (v.evaluation ? v.evaluation.metrics : []).forEach(function(m){ var k = m.metric + ' · ' + m.slice; if (!metrics[k]) { metrics[k] = {}; keys.push(k); } metrics[k][side] = m; }); }
  add(va, 'a'); add(vb, 'b');
  parts.push(table('Metrics: ' + va.version + ' → ' + vb.version, ['metric · use case', va.version, vb.version, 'change'], keys.map(function(k){
    var m = metrics[k], x = m.a ? m.a.value : null, y = m.b ? m.b.value : null, d = x !== null && y !== null ? y - x : null;
    var better = m.a ? m.a.higher_is_better : (m.b ? m.b.higher_is_better : true);
    var cls = d === null || d === 0 ? '' : ((d > 0) === better ? 'pass' : 'fail');
    return [k, num(x), num(y), { text: d === null ? '–' : (d > 0 ? '+' : '') + num(d) + (d === 0 ? '' : (d > 0) === better ? ' (better)' : ' (worse)'), cls: cls }];
  })));
  var files = {}, fkeys = [];
  function addf(v, side){ v.files.forEach(function(f){ var k = f.role + ': ' + f.path; if (!files[k]) { files[k] = {}; fkeys.push(k); } files[k][side] = f.sha256; }); }
  addf(va, 'a'); addf(vb, 'b');
  parts.push(table('Dataset files', ['file', 'change'], fkeys.map(function(k){
    var f = files[k];
    return [k, !f.a ? 'added' : !f.b ? 'removed' : f.a === f.b ? 'unchanged' : 'changed (' + f.a.slice(0, 12) + ' → ' + f.b.slice(0, 12) + ')'];
  })));
  var hk = Object.keys(Object.assign({}, va.hyperparameters, vb.hyperparameters)).sort();
  parts.push(table('Hyperparameters', ['name', va.version, vb.version], hk.map(function(k){
    var x = show(va.hyperparameters[k]), y = show(vb.hyperparameters[k]);
    return [k, x, { text: y, cls: x === y ? '' : 'warn' }];
  })));
  var lineage = [['commit', 'commit'], ['base model', 'base_model'], ['method', 'method'], ['trainer', 'trainer'], ['parent', 'parent'], ['registered', 'registered_at']];
  parts.push(table('Lineage', ['', va.version, vb.version], lineage.map(function(l){
    return [l[0], String(va[l[1]] === null ? '–' : va[l[1]]), String(vb[l[1]] === null ? '–' : vb[l[1]])];
  }).concat([['pull request', va.pull_request ? '#' + va.pull_request.number : '–', vb.pull_request ? '#' + vb.pull_request.number : '–']])));
  out.replaceChildren.apply(out, parts);
}
a.addEventListener('change', render); b.addEventListener('change', render);
document.getElementById('compare-controls').hidden = false;
render();
})();`
