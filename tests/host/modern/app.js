// 智慧审判平台 client: history.pushState routing over the JSON API. Vanilla JS, no build step.
(function () {
  'use strict';
  var app = document.getElementById('app');
  var CAT = { civil: '民事', criminal: '刑事', administrative: '行政', enforcement: '执行', compensation: '国家赔偿' };
  var DOC = { draft: '草稿', signed: '已签发', issued: '已送达' };
  var TABS = [['basic', '基本信息'], ['parties', '当事人'], ['changes', '审限变更'], ['documents', '文书'], ['archive', '电子卷宗']];
  var caseCache = {};
  var seq = 0;

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function statusText(c) {
    if (c.status === 'archived') return '已归档';
    if (c.status === 'closed') return '已结案';
    return c.category === 'enforcement' ? '执行中' : '审理中';
  }
  function money(n) {
    if (n == null) return '';
    var p = Number(n).toFixed(2).split('.');
    return p[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + p[1] + ' 元';
  }
  function period(e) { return ((e.months ? e.months + '个月' : '') + (e.days ? e.days + '天' : '')) || '0天'; }
  function field(label, value) {
    return '<div class="field"><span class="label">' + esc(label) + '</span><span class="value">' + esc(value) + '</span></div>';
  }
  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (r.status === 401) { location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search); throw new Error('401'); }
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }
  function setView(route, html) {
    app.className = 'app-main route-' + route + ' is-ready';
    app.innerHTML = html;
  }

  function renderList(params) {
    var page = Number(params.get('page') || 1), size = Number(params.get('size') || 50), scope = params.get('scope') || 'mine';
    return getJson('/api/cases?page=' + page + '&size=' + size + '&scope=' + encodeURIComponent(scope)).then(function (d) {
      var pages = Math.max(1, Math.ceil(d.total / d.size));
      var link = function (p, t) { return '<a class="nav-link page-link" href="/app/cases?page=' + p + '&size=' + d.size + '&scope=' + scope + '">' + t + '</a>'; };
      var pager = '<div class="pager"><span class="page-info">第 ' + d.page + ' / ' + pages + ' 页</span>' +
        (d.page > 1 ? link(d.page - 1, '上一页') : '') + (d.page < pages ? link(d.page + 1, '下一页') : '') + '</div>';
      var rows = d.items.map(function (c) {
        return '<div class="grid-row" id="row-' + esc(c.id) + '">' +
          '<div class="col col-caseNo"><a class="nav-link case-link" href="/app/cases/' + esc(c.id) + '/basic">' + esc(c.caseNo) + '</a></div>' +
          '<div class="col col-cause">' + esc(c.cause) + '</div><div class="col col-category">' + esc(CAT[c.category]) + '</div>' +
          '<div class="col col-procedure">' + esc(c.procedureLabel) + '</div><div class="col col-filedOn">' + esc(c.filedOn) + '</div>' +
          '<div class="col col-judge">' + esc(c.judge) + '</div><div class="col col-division">' + esc(c.division) + '</div>' +
          '<div class="col col-status">' + esc(statusText(c)) + '</div><div class="col col-closedOn">' + esc(c.closedOn || '') + '</div></div>';
      }).join('');
      return ['cases', '<h2 class="page-title">我的案件</h2><div class="list-toolbar">共 <span class="total-count">' + d.total + '</span> 件</div>' +
        '<div id="caseGrid" class="data-grid"><div class="grid-header"><div class="col col-caseNo">案号</div><div class="col col-cause">案由</div>' +
        '<div class="col col-category">类别</div><div class="col col-procedure">程序</div><div class="col col-filedOn">立案日期</div>' +
        '<div class="col col-judge">承办人</div><div class="col col-division">部门</div><div class="col col-status">状态</div>' +
        '<div class="col col-closedOn">结案日期</div></div>' + (rows || '<div class="empty">暂无案件</div>') + '</div>' + pager];
    });
  }

  function procLabel(c, p) {
    var L = {
      civil: { ordinary: '普通程序', simple: '简易程序', 'small-claims': '小额诉讼程序', 'second-judgment': '第二审程序（判决上诉）', 'second-ruling': '第二审程序（裁定上诉）', special: '特别程序', 'retrial-review': '再审审查程序', foreign: '普通程序（涉外）' },
      criminal: { 'public-ordinary': '普通程序（公诉）', 'private-detained': '自诉程序（被告人羁押）', 'private-free': '自诉程序（被告人未羁押）', simple: '简易程序', 'simple-long': '简易程序（可能判处三年以上）', 'fast-track': '速裁程序', 'fast-track-long': '速裁程序（可能判处一年以上）', second: '第二审程序', retrial: '再审程序' },
      administrative: { ordinary: '普通程序', simple: '简易程序', second: '第二审程序' },
      enforcement: { ordinary: '首次执行', 'non-litigation': '非诉执行' },
      compensation: { decision: '赔偿委员会决定程序' }
    };
    return p ? ((L[c.category] || {})[p] || p) : '';
  }

  function renderCase(id, tab) {
    var load = caseCache[id] ? Promise.resolve(caseCache[id]) : getJson('/api/cases/' + encodeURIComponent(id)).then(function (c) { caseCache[id] = c; return c; });
    return load.then(function (c) {
      var head = '<div class="case-header"><h2 class="case-no">' + esc(c.caseNo) + '</h2><span class="case-cause">' + esc(c.cause) +
        '</span><span class="case-status">' + esc(statusText(c)) + '</span></div><div class="tabs">' + TABS.map(function (t) {
          return '<a class="nav-link tab' + (t[0] === tab ? ' active' : '') + '" href="/app/cases/' + esc(c.id) + '/' + t[0] + '">' + t[1] + '</a>';
        }).join('') + '</div>';
      var body = '';
      if (tab === 'basic') {
        var f = [['案号', c.caseNo], ['案由', c.cause], ['案件类别', CAT[c.category]], ['程序', c.procedureLabel], ['经办法院', c.courtName],
          ['立案日期', c.filedOn], ['承办人', c.judge], ['承办部门', c.division], ['合议庭成员', c.panel && c.panel.length ? c.panel.join('、') : '独任审判'],
          ['书记员', c.clerk], ['羁押状态', c.category === 'criminal' ? (c.detained ? '在押' : '未羁押') : ''], ['羁押日期', c.detained ? (c.detainedSince || '') : ''],
          ['涉外', c.foreign ? '是' : '否'], ['标的额', money(c.amount)], ['案件状态', statusText(c)], ['结案日期', c.closedOn || ''],
          ['结案方式', c.closeMethod || ''], ['归档日期', c.archivedOn || ''], ['案件标识', c.signals && c.signals.length ? c.signals.join('、') : '无']];
        body = '<div class="case-info">' + f.map(function (x) { return field(x[0], x[1]); }).join('') + '</div>';
      } else if (tab === 'parties') {
        body = '<ul class="party-list">' + c.parties.map(function (p, i) {
          var t = (c.partyTypes && c.partyTypes[i]) || '';
          return '<li class="party"><span class="party-role">' + esc(p.role) + '</span><span class="party-name">' + esc(p.name) + '</span><span class="party-type">' + esc(p.type || t) + '</span></li>';
        }).join('') + '</ul>';
      } else if (tab === 'changes') {
        var items = c.events.map(function (e) {
          var type = { extension: '延长审限', deduction: '扣除审限', suspension: '中止审理', conversion: '程序转换', restart: '重新计算审限', hearing: e.postponed ? '延期开庭' : '开庭' }[e.kind];
          var fs = '';
          if (e.kind === 'extension') fs = field('申请日期', e.appliedOn) + field('批准日期', e.on) + field('延长期限', period(e)) + field('审批人', e.approvedBy) + field('延长事由', e.reason);
          else if (e.kind === 'deduction') fs = field('事由', e.reason) + field('起始日期', e.from) + field('结束日期', e.to) + field('审批人', e.approvedBy);
          else if (e.kind === 'suspension') fs = field('事由', e.reason) + field('起始日期', e.from) + field('结束日期', e.to);
          else if (e.kind === 'conversion') fs = field('转换日期', e.on) + field('原程序', procLabel(c, e.from)) + field('现程序', procLabel(c, e.to));
          else if (e.kind === 'restart') fs = field('日期', e.on) + field('事由', e.reason);
          else if (e.kind === 'hearing') fs = field('开庭日期', e.on) + (e.postponed ? field('延期事由', e.reason) : '');
          return '<div class="change-item change-' + e.kind + '"><div class="change-type">' + type + '</div>' + fs + '</div>';
        }).join('');
        body = '<div class="change-list">' + (items || '<div class="empty">暂无审限变更记录</div>') + '</div>';
      } else if (tab === 'documents') {
        body = '<div class="doc-list">' + c.documents.filter(function (d) { return d.status; }).map(function (d) {
          return '<div class="doc-item" id="doc-' + esc(d.ref) + '"><span class="doc-title">' + esc(d.title) + '</span><span class="doc-date">' + esc(d.date || '') +
            '</span><span class="doc-status status-' + d.status + '">' + DOC[d.status] + '</span></div>';
        }).join('') + '</div>';
      } else {
        var vol = function (v, title) {
          var list = c.documents.filter(function (d) { return d.volume === v; });
          return '<div class="volume volume-' + v + '"><h3 class="volume-title">' + title + '</h3><ol class="material-list">' + list.map(function (d) {
            return '<li class="material"><span class="material-name">' + esc(d.title) + '</span><span class="material-date">' + esc(d.date || '') +
              '</span><span class="material-pages">' + (d.pages ? d.pages + '页' : '') + '</span></li>';
          }).join('') + '</ol></div>';
        };
        body = vol('main', '正卷') + vol('sub', '副卷');
      }
      return ['case', head + body];
    });
  }

  function renderReviews() {
    return getJson('/api/reviews').then(function (d) {
      var rows = d.items.map(function (r) {
        return '<div class="grid-row" id="review-' + esc(r.documentRef) + '"><div class="col col-caseNo"><a class="nav-link case-link" href="/app/cases/' + esc(r.caseId) + '/documents">' + esc(r.caseNo) + '</a></div>' +
          '<div class="col col-cause">' + esc(r.cause) + '</div><div class="col col-judge">' + esc(r.judge) + '</div><div class="col col-division">' + esc(r.division) + '</div>' +
          '<div class="col col-docTitle">' + esc(r.documentTitle) + '</div><div class="col col-submittedOn">' + esc(r.submittedOn) + '</div>' +
          '<div class="col col-triggers">' + esc(r.triggers.join('、')) + '</div></div>';
      }).join('');
      return ['reviews', '<h2 class="page-title">待阅核</h2><div id="reviewGrid" class="data-grid"><div class="grid-header"><div class="col col-caseNo">案号</div>' +
        '<div class="col col-cause">案由</div><div class="col col-judge">承办人</div><div class="col col-division">部门</div><div class="col col-docTitle">文书名称</div>' +
        '<div class="col col-submittedOn">提交日期</div><div class="col col-triggers">阅核事由</div></div>' + (rows || '<div class="empty">暂无待阅核文书</div>') + '</div>'];
    });
  }

  function route() {
    var my = ++seq;
    var path = location.pathname.replace(/\/+$/, '');
    var params = new URLSearchParams(location.search);
    var m;
    var p;
    app.classList.remove('is-ready');
    app.classList.add('is-loading');
    if ((m = /^\/app\/cases\/([^/]+)(?:\/([a-z]+))?$/.exec(path))) {
      var tab = TABS.some(function (t) { return t[0] === m[2]; }) ? m[2] : 'basic';
      p = renderCase(decodeURIComponent(m[1]), tab);
    } else if (path === '/app/reviews') p = renderReviews();
    else {
      if (path !== '/app/cases') history.replaceState(null, '', '/app/cases' + location.search);
      p = renderList(params);
    }
    p.then(function (r) { if (my === seq) setView(r[0], r[1]); }, function (err) {
      if (my === seq && String(err.message) !== '401') setView('error', '<div class="empty error">加载失败：' + esc(err.message) + '</div>');
    });
  }

  document.addEventListener('click', function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest('a.nav-link') : null;
    if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
    var href = a.getAttribute('href');
    if (!href || href.indexOf('/app/') !== 0) return;
    ev.preventDefault();
    if (href !== location.pathname + location.search) history.pushState(null, '', href);
    route();
  });
  window.addEventListener('popstate', route);
  route();
})();
