// aouad html: draws the page from the JSON block above, after the episode the page was built
// for. Every text from the data goes in through textContent (never innerHTML), and a link
// leaves the page only for an http(s) address, so a roster's markup stays text.
// No word for any status is written here: the labels come with the data.
'use strict';
(function () {
  window.aouadStart = performance.now();
  const D = JSON.parse(document.getElementById('aouad-data').textContent);
  const N = D.episode;
  const byId = new Map(D.characters.map((c) => [c.id, c]));
  const state = { ep: N, q: '', status: '', group: '', c: null };
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';

  // --- building elements: text only, never markup
  function el(tag, props, ...kids) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'data') Object.assign(node.dataset, value);
      else node.setAttribute(key, value);
    }
    append(node, kids);
    return node;
  }
  function append(node, kids) {
    for (const kid of kids.flat(Infinity)) {
      if (kid === null || kid === undefined || kid === false) continue;
      node.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return node;
  }
  function svg(tag, attrs, ...kids) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const kid of kids) node.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    return node;
  }
  // A link out of the page: only to a web address, else plain text.
  function webLink(url, text) {
    let href = null;
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') href = parsed.href;
    } catch (err) { href = null; }
    return href ? el('a', { href, rel: 'noopener noreferrer' }, text) : el('span', null, text);
  }
  const label = (status) => D.labels[status] || status;
  const badge = (status) => el('span', { class: 'badge', data: { s: status } }, label(status));
  const hashFor = (ep, id) => '#' + new URLSearchParams(ep === N ? { c: id } : { ep: String(ep), c: id });
  function nameLink(id) {
    const c = byId.get(id);
    return c ? el('a', { href: hashFor(state.ep, id) }, c.name) : el('span', null, id);
  }
  // The same folding as aouad's names: case, spaces, hyphens, apostrophes, dots.
  const fold = (text) => text.normalize('NFKC').toLowerCase().replace(/[\s\-\u2010-\u2015'\u2019`._]+/gu, '');
  const episodes = (ch) => (ch.earliest_episode ? `episodes ${ch.earliest_episode}–${ch.episode}` : `episode ${ch.episode}`);
  const shownAt = (row, k) => row.shown.includes(k);

  // --- one character after episode k, as the gate said then
  function stateAt(c, k) {
    let found = null;
    for (const st of c.states) {
      if (st[0] > k) break;
      found = st;
    }
    return found; // [from, last, decisive] or null: not met by k
  }
  function statusAt(c, k) {
    const st = stateAt(c, k);
    return st && st[1] >= 0 ? c.history[st[1]].status : 'alive';
  }
  const metBy = (c, k) => c.met !== null && c.met <= k;

  function byWhom(ch) {
    const parts = ch.by.map(nameLink);
    if (ch.by_what) parts.push(ch.by_what);
    return parts.length ? parts.flatMap((p, i) => (i ? [', ', p] : [p])) : null;
  }

  // A folded part of a card, filled the first time it opens (or is printed): a card's sources and
  // history need not be built for the first view.
  const unfilled = new Map();
  function fill(details) {
    const build = unfilled.get(details);
    if (build) {
      unfilled.delete(details);
      details.append(build());
    }
  }
  function folded(title, build) {
    const details = el('details', null, el('summary', null, title));
    unfilled.set(details, build);
    details.addEventListener('toggle', () => fill(details), { once: true });
    return details;
  }

  function card(c, k) {
    const st = stateAt(c, k);
    const status = st && st[1] >= 0 ? c.history[st[1]].status : 'alive';
    const last = st && st[1] >= 0 ? c.history[st[1]] : null;
    // How they came to stand where they do: the change that sealed a fatal fate, else (bitten,
    // say) the latest change, once anything has happened to them.
    const fatal = st && st[2] >= 0 ? c.history[st[2]] : (last && status !== 'alive' ? last : null);
    const head = `h-${c.id}`;
    const rows = [
      ['Actor', c.actor || 'not known'],
      ['Role', c.role],
      [c.groups.length > 1 ? 'Groups' : 'Group', c.groups.join(', ')],
    ];
    if (c.kind === 'group') rows.unshift(['Who', 'several unnamed people, kept as one record']);
    if (last && last.place) rows.push(['Last place', `${last.place} (episode ${last.episode})`]);
    if (fatal) {
      rows.push(['How', fatal.cause || 'not known']);
      const who = byWhom(fatal);
      if (who) rows.push(['By', who]);
      rows.push(['Where', fatal.place || 'not known']);
      rows.push(['When', episodes(fatal) + (fatal.confirmed_episode ? ` (shown in episode ${fatal.confirmed_episode})` : '')]);
      if (fatal.lineages) rows.push(['Backed by', `${fatal.lineages} independent source${fatal.lineages === 1 ? '' : 's'}`]);
    }
    const known = c.history.filter((ch) => ch.known !== null && ch.known <= k);
    const node = el('article', { class: 'card', id: `card-${c.id}`, tabindex: '-1', 'aria-labelledby': head, data: { s: status } },
      el('h3', { id: head }, el('a', { href: hashFor(k, c.id) }, c.name),
        c.hangul ? el('span', { class: 'ko', lang: 'ko' }, c.hangul) : null),
      badge(status),
      el('dl', null, rows.map(([term, value]) => [el('dt', null, term), el('dd', null, value)])));
    if (known.length) {
      node.append(folded(`Status changes (${known.length})`, () => el('ul', null, known.map((ch) => el('li', null,
        `Episode ${ch.episode}: `, badge(ch.status), ch.cause ? ` ${ch.cause}` : '', ch.place ? ` (${ch.place})` : '')))));
    }
    if (c.note) node.append(folded('Note', () => el('p', null, c.note)));
    if (c.disputes.length) {
      node.append(folded(`Disputes (${c.disputes.length})`, () => el('ul', null,
        c.disputes.map((d) => el('li', null, `${d.about}: follows “${d.followed}”. ${d.why}`)))));
    }
    const keys = new Set([...c.sources, ...known.flatMap((ch) => ch.sources)]);
    const cited = [...keys].map((key) => D.sources[key]).filter(Boolean);
    if (cited.length) {
      node.append(folded(`Sources (${cited.length})`, () => el('ul', null,
        cited.map((s) => el('li', null, webLink(s.url, s.title), s.publisher ? ` — ${s.publisher}` : '',
          s.grade ? ` (graded ${s.grade})` : '')))));
    }
    return node;
  }

  function matches(c, k) {
    if (!metBy(c, k)) return false;
    if (state.status && statusAt(c, k) !== state.status) return false;
    if (state.group && !c.groups.includes(state.group)) return false;
    if (!state.q) return true;
    const needle = fold(state.q);
    return !needle || c.forms.some((f) => f.includes(needle)) || (c.actor_form || '').includes(needle);
  }

  function drawCards(k) {
    const met = D.characters.filter((c) => metBy(c, k));
    const shown = met.filter((c) => matches(c, k));
    const box = $('cards');
    unfilled.clear();
    box.replaceChildren(...shown.map((c) => card(c, k)));
    if (!shown.length) box.append(el('p', { class: 'empty' }, 'No character matches.'));
    $('count').textContent = `${shown.length} of ${met.length} characters met by episode ${k}` +
      (state.q || state.status || state.group ? ' match the search and filters' : '');
  }

  function drawEpisode(k) {
    const shown = D.events.filter((e) => e.episode === k);
    $('episode-h').textContent = `What happens in episode ${k} (${shown.length} event${shown.length === 1 ? '' : 's'})`;
    $('events').replaceChildren(...shown.map((e) => el('li', null, e.summary,
      e.flashback ? ' (flashback)' : '', e.place ? el('span', { class: 'place' }, ` — ${e.place}`) : '')));
    if (!shown.length) $('events').append(el('li', { class: 'empty' }, 'No event recorded.'));
  }

  // --- the survival chart: one stacked bar per episode 1..N
  // Drawn at the width it is shown at (a phone's too), so its numbers stay legible. Measured
  // before the cards are drawn and on resizing only: measuring forces a layout of the page.
  let chartWidth = 640;
  const measureChart = () => { chartWidth = Math.max(300, Math.min(736, $('chart').clientWidth || 640)); };
  function drawChart(k) {
    const order = [...D.statuses, 'unseen'].filter((s) => D.curve.some((row) => row[s]));
    const width = chartWidth, height = 220, top = 10, bottom = 24, left = 30;
    const slot = (width - left) / D.curve.length, barWidth = Math.min(36, slot * 0.7);
    const most = Math.max(1, ...D.curve.map((row) => row.total));
    const scale = (height - top - bottom) / most;
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title' },
      svg('title', { id: 'chart-title' }, `Named characters by status after each episode 1 to ${N}; after episode ${k}: ` +
        order.map((s) => `${label(s)} ${D.curve[k - 1][s]}`).join(', ')));
    for (const tick of [0, most]) {
      const y = height - bottom - tick * scale;
      chart.append(svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, tick),
        svg('line', { x1: left, x2: width, y1: y, y2: y, stroke: '#d5d9de' }));
    }
    D.curve.forEach((row, i) => {
      const x = left + i * slot + (slot - barWidth) / 2;
      const bar = svg('g', { class: 'episode-bar' });
      bar.append(svg('title', null, `Episode ${row.episode}: ` + order.map((s) => `${label(s)} ${row[s]}`).join(', ')));
      let y = height - bottom;
      for (const s of order) {
        const h = row[s] * scale;
        if (h > 0) bar.append(svg('rect', { x, y: y - h, width: barWidth, height: h, 'data-s': s }));
        y -= h;
      }
      if (row.episode === k) {
        bar.append(svg('rect', { class: 'bar chosen', x: x - 2, y: y - 2, width: barWidth + 4, height: height - bottom - y + 4, fill: 'none' }));
      }
      bar.append(svg('text', { x: x + barWidth / 2, y: height - 8, 'text-anchor': 'middle' }, row.episode));
      bar.addEventListener('click', () => setEpisode(row.episode));
      chart.append(bar);
    });
    const legend = el('ul', { class: 'legend' }, order.map((s) => el('li', { data: { s } }, el('span', { 'aria-hidden': 'true' }), label(s))));
    $('chart').replaceChildren(chart, legend);
    const table = el('table', null,
      el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Episode'), order.map((s) => el('th', { scope: 'col' }, label(s))))),
      el('tbody', null, D.curve.map((row) => el('tr', row.episode === k ? { 'aria-current': 'true' } : null,
        el('th', { scope: 'row' }, row.episode), order.map((s) => el('td', null, row[s]))))));
    $('counts').replaceChildren(table);
  }

  function drawDeaths(k) {
    const shown = D.deaths.filter((row) => shownAt(row, k));
    $('deaths').replaceChildren(...shown.map((row) => {
      const who = byWhom(row);
      return el('li', null, el('span', { class: 'ep' }, `Ep ${row.episode}`),
        el('div', null, nameLink(row.id), ' ', badge(row.status),
          el('div', { class: 'what' }, row.cause || 'how: not known', who ? [' — by ', who] : '',
            row.place ? ` — ${row.place}` : '')));
    }));
    if (!shown.length) $('deaths').append(el('li', { class: 'empty' }, `None by episode ${k}.`));
  }

  function drawChain(k) {
    const shown = D.chain.filter((row) => shownAt(row, k));
    const children = new Map();
    for (const row of shown) {
      if (!children.has(row.from)) children.set(row.from, []);
      children.get(row.from).push(row);
    }
    const reached = new Set(shown.map((row) => row.to));
    const line = (row) => [nameLink(row.to), ` episode ${row.episode}, `, badge(row.status),
      el('span', { class: 'how' }, ` ${row.cause || 'how: not known'}`, row.from === null && row.by_what ? ` (${row.by_what})` : '')];
    const grow = (who, seen) => {
      const rows = children.get(who) || [];
      if (!rows.length) return null;
      return el('ul', null, rows.map((row) => el('li', null, line(row),
        seen.has(row.to) ? null : grow(row.to, new Set([...seen, row.to])))));
    };
    const roots = [...children.keys()].filter((who) => who !== null && !reached.has(who));
    const top = el('ul', null, roots.map((who) => el('li', null, nameLink(who), ' (not a case themself)', grow(who, new Set([who])))));
    if (children.has(null)) {
      top.append(el('li', null, el('em', null, 'Not passed on by a known character'),
        el('ul', null, children.get(null).map((row) => el('li', null, line(row), grow(row.to, new Set([row.to])))))));
    }
    $('chain').replaceChildren(shown.length ? top : el('p', { class: 'empty' }, `None by episode ${k}.`));
  }

  // --- state, the URL hash and the controls
  function render() {
    const k = state.ep;
    $('ep').value = String(k);
    $('ep-out').textContent = String(k);
    $('ep').setAttribute('aria-valuetext', `After episode ${k} of ${N}`);
    $('ep-prev').disabled = k <= 1;
    $('ep-next').disabled = k >= N;
    $('q').value = state.q;
    $('status').value = state.status;
    $('group').value = state.group;
    drawEpisode(k);
    drawCards(k);
    drawChart(k);
    drawDeaths(k);
    drawChain(k);
    for (const node of document.querySelectorAll('.card.chosen')) node.classList.remove('chosen');
    const chosen = state.c && $(`card-${state.c}`);
    if (chosen) chosen.classList.add('chosen');
  }

  // A name in the hash may be any form the page knows; it counts only when it names one character met by then.
  function resolve(name, k) {
    if (byId.has(name)) return metBy(byId.get(name), k) ? name : null;
    const wanted = fold(name);
    const found = D.characters.filter((c) => metBy(c, k) && c.forms.includes(wanted));
    return found.length === 1 ? found[0].id : null;
  }

  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const next = { ep: N, q: '', status: '', group: '', c: null };
    const ep = params.get('ep');
    if (ep !== null && /^[0-9]{1,2}$/.test(ep) && +ep >= 1 && +ep <= N) next.ep = +ep;
    const q = params.get('q');
    if (q !== null && q.length <= 200) next.q = q;
    if (D.statuses.includes(params.get('status'))) next.status = params.get('status');
    if (D.groups.includes(params.get('group'))) next.group = params.get('group');
    const c = params.get('c');
    if (c !== null && c.length <= 200) next.c = resolve(c, next.ep);
    return next;
  }

  function writeHash() {
    const params = new URLSearchParams();
    if (state.ep !== N) params.set('ep', String(state.ep));
    if (state.c) params.set('c', state.c);
    if (state.q) params.set('q', state.q);
    if (state.status) params.set('status', state.status);
    if (state.group) params.set('group', state.group);
    const hash = params.toString();
    const url = hash ? `#${hash}` : location.pathname + location.search;
    try { history.replaceState(null, '', url); } catch (err) { /* some file:// set-ups refuse: the view still works */ }
  }

  function applyHash(focus) {
    Object.assign(state, readHash());
    render();
    const chosen = state.c && $(`card-${state.c}`);
    if (chosen && focus) {
      chosen.scrollIntoView({ block: 'start', behavior: 'instant' });
      chosen.focus({ preventScroll: true });
    }
  }

  function setEpisode(k) {
    state.ep = Math.min(N, Math.max(1, k));
    if (state.c && !metBy(byId.get(state.c), state.ep)) state.c = null;
    render();
    writeHash();
  }

  function fillSelect(select, values) {
    for (const value of values) select.append(el('option', { value }, value === '' ? 'any' : label(value)));
  }

  fillSelect($('status'), D.statuses);
  fillSelect($('group'), D.groups);
  $('ep').addEventListener('input', (event) => setEpisode(+event.target.value));
  $('ep-prev').addEventListener('click', () => setEpisode(state.ep - 1));
  $('ep-next').addEventListener('click', () => setEpisode(state.ep + 1));
  for (const id of ['q', 'status', 'group']) {
    $(id).addEventListener('input', (event) => {
      state[id] = event.target.value;
      render();
      writeHash();
    });
  }
  window.addEventListener('hashchange', () => applyHash(true));
  let resizing = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(() => {
      measureChart();
      drawChart(state.ep);
    });
  });
  // Printing shows what the folded parts hold, then folds them back.
  const opened = [];
  window.addEventListener('beforeprint', () => {
    for (const node of document.querySelectorAll('details:not([open])')) {
      fill(node);
      opened.push(node);
      node.open = true;
    }
  });
  window.addEventListener('afterprint', () => { for (const node of opened.splice(0)) node.open = false; });

  measureChart();
  applyHash(Boolean(location.hash));
  window.aouadFirstRender = performance.now();
}());
