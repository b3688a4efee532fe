// The explorer: draws the graph with vis-network and wires legend, filters, search, details and the
// views. Letter text only ever reaches the page through textContent, never innerHTML.
//
// Two modes. "graph" (a small store, a focus view): every node is drawn at once, as it was laid
// out in Python. "explore" (a big store): an overview first; a click on a concept adds its
// neighbourhood, a click on a letter opens the letter as its own view, Back returns. The data
// behind a click comes from the page itself (static graph.html) or from `imrgraph serve`
// (GET /api/explore/NAME?param=value), through the same three questions: neighbourhood, letter,
// search.
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("imr-data").textContent);
  var kinds = payload.kinds;
  var explore = payload.mode === "explore";
  var container = document.getElementById("network");
  var body = document.body;

  // ---------------------------------------------------------------- data source
  var embedded = payload.embedded;

  // served: the page holds every concept and its neighbourhood; letters come from the server
  function liveSource(base) {
    var local = staticSource(embedded);
    function get(name, params) {
      var query = Object.keys(params).map(function (k) {
        return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
      }).join("&");
      return fetch(base + name + "?" + query, { headers: { Accept: "application/json" } }).then(function (r) {
        if (!r.ok) throw new Error("the server answered " + r.status);
        return r.json();
      });
    }
    return {
      neighbourhood: function (id) {
        return Promise.all([local.neighbourhood(id), get("letters", { node: id })]).then(function (both) {
          var found = both[0], relation = letterRelation(known(id));
          both[1].letters.forEach(function (letter) {
            found.nodes.push(letter);
            found.edges.push({ from: letter.id, to: id, relation: relation });
          });
          return found;
        });
      },
      letter: function (id) { return get("letter", { id: id }); },
      search: function (text) {
        return Promise.all([local.search(text), get("search", { q: text, kind: "determination" })]).then(function (both) {
          return { results: findAll(text, both[0].results.concat(both[1].results)) };
        });
      },
    };
  }

  function staticSource(data) {
    return {
      neighbourhood: function (id) {
        var found = data.neighbours[id];
        if (!found) return Promise.resolve({ id: id, nodes: [], edges: [], more: {} });
        var ids = new Set();
        found.edges.forEach(function (e) { ids.add(e.from); ids.add(e.to); });
        var letters = data.lettersOf[id];
        var edges = found.edges.slice();
        var more = Object.assign({}, found.more);
        if (letters) {
          letters[0].forEach(function (letter) {
            ids.add(letter);
            edges.push({ from: letter, to: id, relation: letterRelation(known(id)) });
          });
          if (letters[1] > letters[0].length) more.letters = letters[1] - letters[0].length;
        }
        var nodes = Array.from(ids).map(function (i) { return data.nodes[i]; }).filter(Boolean);
        return Promise.resolve({ id: id, nodes: nodes, edges: edges, more: more });
      },
      letter: function (id) {
        var view = data.letters[id];
        return view ? Promise.resolve(view) : Promise.reject(new Error(payload.summary ||
          "This page does not hold the letter's text."));
      },
      search: function (text) { return Promise.resolve({ results: findAll(text, Object.values(data.nodes)) }); },
    };
  }

  var source = payload.live ? liveSource(payload.live) : staticSource(embedded);

  var LETTER_RELATIONS = { service: "requestsService", category: "requestsService", drug: "requestsMedication",
    section: "reviewerCites", diagnosis: "hasDiagnosis", specialty: "reviewedBy" };
  function letterRelation(node) { return (node && LETTER_RELATIONS[node.kind]) || "mentionsMedication"; }

  // the lookup rule: exact name or code, then a name starting with the text, then containing it;
  // within each, the nodes with the most items first
  function findAll(text, candidates) {
    var q = text.trim().toLowerCase().replace(/\s+/g, " ");
    if (!q) return [];
    var squeezed = q.replace(/[ .-]/g, "");
    function names(n) { return n.search || [String(n.name).toLowerCase()]; }
    var tests = [
      function (n) { return names(n).some(function (s) { return s === q || s === squeezed; }); },
      function (n) { return names(n).some(function (s) { return s.indexOf(q) === 0; }); },
      function (n) { return names(n).some(function (s) { return s.indexOf(q) >= 0; }); },
    ];
    for (var i = 0; i < tests.length; i++) {
      var hits = candidates.filter(tests[i]);
      if (hits.length) {
        hits.sort(function (a, b) { return (b.items || 0) - (a.items || 0) || (a.name < b.name ? -1 : 1); });
        return hits.slice(0, 10);
      }
    }
    return [];
  }

  // ---------------------------------------------------------------- drawing
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var seen = new Map();  // id -> node dict, everything the page has been told about
  var current = new Map();  // id -> node dict as the current view draws it (a letter's view names
                            // a cited section by the citation's pages and topic)
  function known(id) { return current.get(id) || seen.get(id) || embedded.nodes[id] || null; }
  function remember(list) { list.forEach(function (n) { if (!seen.has(n.id) || !seen.get(n.id).evidence) seen.set(n.id, n); }); }

  var FONT = "14px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = FONT;

  function tint(hex, share) {  // the kind's colour mixed with white
    var n = parseInt(hex.slice(1), 16), out = "#";
    [16, 8, 0].forEach(function (s) {
      var c = (n >> s) & 255;
      out += Math.round(c + (255 - c) * share).toString(16).padStart(2, "0");
    });
    return out;
  }

  function rateColor(rate) {  // red (all upheld) through amber to green (half or more overturned)
    var t = Math.max(0, Math.min(1, rate / 0.5));
    var low = [0xd3, 0x2f, 0x2f], mid = [0xf9, 0xa8, 0x25], high = [0x2e, 0x7d, 0x32];
    var a = t < 0.5 ? low : mid, b = t < 0.5 ? mid : high, u = t < 0.5 ? t * 2 : t * 2 - 1;
    return "#" + a.map(function (x, i) {
      return Math.round(x + (b[i] - x) * u).toString(16).padStart(2, "0");
    }).join("");
  }

  var OUTCOME = payload.outcomeColors;

  function drawn(n, at) {  // a node dict -> what vis-network draws
    var style = kinds[n.kind] || kinds.service;
    var color = n.kind === "item" && OUTCOME[n.outcome] ? OUTCOME[n.outcome] : style.color;
    var out = { id: n.id, hidden: false };
    if (explore || state.view === "letter") {
      Object.assign(out, {
        shape: "box", label: n.label, margin: 8, borderWidth: 1.5, shapeProperties: { borderRadius: 4 },
        color: { background: tint(color, 0.86), border: color,
                 highlight: { background: tint(color, 0.7), border: "#1f2328" },
                 hover: { background: tint(color, 0.78), border: color } },
        font: { face: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 14, color: "#1f2328",
                multi: false },
      });
    } else {
      var concept = n.kind !== "item" && n.kind !== "determination";
      Object.assign(out, {
        shape: style.shape, label: shortLabel(n.name, concept ? 24 : 20), color: color,
        value: 1 + Math.log2(Math.max(n.items || 1, 1)),
        font: { size: concept ? 15 : 12 },
      });
    }
    if (at) { out.x = at.x; out.y = at.y; }
    return out;
  }

  function shortLabel(text, width) {
    var words = String(text).split(/\s+/), lines = [""];
    words.forEach(function (w) {
      var line = lines[lines.length - 1];
      if (line && (line + " " + w).length > width) lines.push(w); else lines[lines.length - 1] = line ? line + " " + w : w;
    });
    if (lines.length > 2) lines = [lines[0], lines[1].slice(0, width - 1) + "\u2026"];
    return lines.join("\n");
  }

  function drawnEdge(e) {
    var out = { id: e.from + "\u0001" + e.to + "\u0001" + e.relation, from: e.from, to: e.to, relation: e.relation };
    if (e.count) {
      out.count = e.count;
      out.title = undefined;
      out.width = Math.min(6, 1 + 1.1 * Math.log2(e.count));
      var c = rateColor(e.overturned / e.count);
      out.color = { color: c, highlight: c, hover: c };
    } else if (!explore && state.view !== "letter") {  // a letter's view reads by its columns
      out.label = payload.relations[e.relation] ? payload.relations[e.relation][0] : "";
    }
    return out;
  }

  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { borderWidth: 1,
      font: { face: "system-ui, sans-serif", color: "#1f2328", strokeWidth: explore ? 0 : 4, strokeColor: "#ffffff" },
      scaling: { min: 9, max: 28, label: { enabled: false } } },
    edges: {
      smooth: explore ? { enabled: true, type: "cubicBezier", forceDirection: "horizontal", roundness: 0.45 }
                      : { enabled: true, type: "continuous", roundness: 0.3 },
      arrows: { to: { enabled: !explore, scaleFactor: 0.45 } },
      color: { color: "#b7bec7", highlight: "#37474f", hover: "#37474f", inherit: false },
      font: { size: 10, color: "#5f6b76", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      selectionWidth: 1.5,
    },
    physics: payload.physics ? {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -80, centralGravity: 0.008, springLength: 150,
                          springConstant: 0.06, damping: 0.5, avoidOverlap: 0.6 },
      maxVelocity: 40, minVelocity: 1.5, timestep: 0.45,
      stabilization: { enabled: true, iterations: 150, updateInterval: 30, fit: true },
    } : { enabled: false },
    interaction: { hover: true, tooltipDelay: 120, navigationButtons: false,
                   keyboard: { enabled: true, bindToWindow: false } },
  };

  var state = { settled: false, settledMs: null, active: {}, hidden: new Set(), view: payload.view,
                expanded: new Set(), letter: null, busy: 0 };
  var network = null;  // drawn once the first view's nodes are in (so its physics stabilises them)
  var handlers = [];
  function onNetwork(event, handler) { handlers.push([event, handler]); }
  function wire() { handlers.forEach(function (h) { network.on(h[0], h[1]); }); }

  function edgeDict(e) { return Array.isArray(e) ? { from: e[0], to: e[1], relation: e[2] } : e; }

  function put(list, edgeList) {  // adds (or updates) nodes and edges
    list.forEach(function (n) { current.set(n.id, n); });
    nodes.update(list.map(function (n) { return drawn(n, n.x !== undefined ? { x: n.x, y: n.y } : null); }));
    edges.update(edgeList.map(edgeDict).filter(function (e) { return nodes.get(e.from) && nodes.get(e.to); })
      .map(drawnEdge));
  }

  function replaceView(list, edgeList) {
    nodes.clear();
    edges.clear();
    current = new Map();
    state.hidden = new Set();
    state.expanded = new Set();
    put(list, edgeList);
  }

  // ---------------------------------------------------------------- a letter's view, in columns
  var ROW_GAP = 14, COLUMN_GAP = 56;
  var LEFT_ORDER = ["specialty", "diagnosis", "drug", "service", "section"];

  function boxSize(n) {
    var lines = String(n.label || n.name).split("\n");
    return { w: Math.max.apply(null, lines.map(function (l) { return measure.measureText(l).width; })) + 16,
             h: lines.length * 17 + 16 };
  }

  function columns(stacks) {  // [[node dict]] left to right, each column centred on y = 0
    var x = 0;
    stacks.forEach(function (stack) {
      if (!stack.length) return;
      var sizes = stack.map(boxSize);
      var width = Math.max.apply(null, sizes.map(function (s) { return s.w; }));
      var y = -(sizes.reduce(function (t, s) { return t + s.h; }, 0) + ROW_GAP * (stack.length - 1)) / 2;
      stack.forEach(function (n, i) {
        n.x = x + width / 2;
        n.y = y + sizes[i].h / 2;
        y += sizes[i].h + ROW_GAP;
      });
      x += width + COLUMN_GAP;
    });
  }

  function letterNodes(view) {
    var byId = new Map();
    view.nodes.forEach(function (entry) {
      // a concept given by id is the one the page holds; a cited section keeps the citation's name
      var merged = Object.assign({ label: entry.name }, known(entry.id) || {}, entry);
      delete merged.x;  // placed anew below
      delete merged.y;
      byId.set(entry.id, merged);
    });
    var edgeList = view.edges.map(edgeDict);
    var left = [], items = [], right = [];
    edgeList.forEach(function (e) {
      if (e.from === view.id && e.relation !== "hasItem" && left.indexOf(e.to) < 0) left.push(e.to);
    });
    view.nodes.forEach(function (n) { if (byId.get(n.id).kind === "item") items.push(n.id); });
    items.forEach(function (item) {
      edgeList.forEach(function (e) { if (e.from === item && right.indexOf(e.to) < 0) right.push(e.to); });
    });
    left.sort(function (a, b) {
      return LEFT_ORDER.indexOf(byId.get(a).kind) - LEFT_ORDER.indexOf(byId.get(b).kind) ||
        (byId.get(a).name < byId.get(b).name ? -1 : 1);
    });
    var stacks = [left, [view.id], items, right].map(function (ids) {
      return ids.filter(function (i) { return byId.has(i); }).map(function (i) { return byId.get(i); });
    });
    columns(stacks);
    return { nodes: [].concat.apply([], stacks), edges: edgeList };
  }

  // ---------------------------------------------------------------- placing what a click adds
  function boxOf(id) {
    var b = network.getBoundingBox(id);
    return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
  }

  function estimatedBox(n, x, y) {
    var lines = String(n.label || n.name).split("\n");
    var w = Math.max.apply(null, lines.map(function (l) { return measure.measureText(l).width; })) + 16;
    var h = lines.length * 17 + 16;
    return { left: x - w / 2, right: x + w / 2, top: y - h / 2, bottom: y + h / 2 };
  }

  function overlaps(a, boxes, pad) {
    for (var i = 0; i < boxes.length; i++) {
      var b = boxes[i];
      if (a.left < b.right + pad && a.right > b.left - pad && a.top < b.bottom + pad && a.bottom > b.top - pad) return true;
    }
    return false;
  }

  // new nodes go as close to the clicked node as free room allows: rings around it, never over a box
  function place(centreId, newNodes) {
    var centre = network.getPositions([centreId])[centreId] || { x: 0, y: 0 };
    var boxes = nodes.getIds().filter(function (id) { return !state.hidden.has(id); }).map(boxOf);
    if (state.view === "overview") {  // the column headings are not nodes, but new nodes keep off them too
      headings.forEach(function (h) {
        boxes.push({ left: h.at.x - 130, right: h.at.x + 130, top: h.at.y - 26, bottom: h.at.y });
      });
    }
    var placed = [];
    newNodes.forEach(function (n) {
      for (var ring = 1; ring < 60; ring++) {
        var radius = 90 + ring * 55, steps = Math.max(8, Math.round(2 * Math.PI * radius / 60));
        for (var s = 0; s < steps; s++) {
          var angle = (s / steps) * 2 * Math.PI + ring * 0.7;
          var x = centre.x + radius * Math.cos(angle), y = centre.y + radius * 0.75 * Math.sin(angle);
          var box = estimatedBox(n, x, y);
          if (!overlaps(box, boxes, 10)) {
            boxes.push(box);
            placed.push(Object.assign({}, n, { x: x, y: y }));
            return;
          }
        }
      }
      placed.push(Object.assign({}, n, { x: centre.x, y: centre.y + 400 }));
    });
    return placed;
  }

  function expand(id) {
    if (state.expanded.has(id)) return Promise.resolve(null);
    state.expanded.add(id);
    busy(+1);
    return source.neighbourhood(id).then(function (found) {
      remember(found.nodes);
      found.edges = found.edges.map(edgeDict);
      var fresh = found.nodes.filter(function (n) { return !nodes.get(n.id); });
      put(place(id, fresh), found.edges);
      neighbourhoods.set(id, found);
      if (state.selected === id) showDetails(id);
      applyFilters(false);
      frame([id].concat(fresh.map(function (n) { return n.id; })), true);
      updateStatus();
      return found;
    }).catch(failed).finally(function () { busy(-1); });
  }
  var neighbourhoods = new Map();

  // shows these nodes whole, left of the details panel, never zoomed in past a readable size
  function frame(ids, animate) {
    ids = ids.filter(function (i) { return nodes.get(i) && !state.hidden.has(i); });
    if (!ids.length) return;
    var box = ids.map(boxOf).reduce(function (a, b) {
      return { left: Math.min(a.left, b.left), right: Math.max(a.right, b.right),
               top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom) };
    });
    if (state.view === "overview" && headings.length && !filtering()) {
      box.top = Math.min(box.top, Math.min.apply(null, headings.map(function (h) { return h.at.y; })) - 24);
    }
    var panel = details.hidden ? 0 : details.offsetWidth + 24;
    var width = Math.max(200, container.clientWidth - panel - 40), height = container.clientHeight - 40;
    var scale = Math.min(width / Math.max(1, box.right - box.left), height / Math.max(1, box.bottom - box.top), 1.1);
    var centre = { x: (box.left + box.right) / 2 + panel / 2 / scale, y: (box.top + box.bottom) / 2 };
    body.dataset.moving = animate ? "true" : "false";
    network.moveTo({ position: centre, scale: scale,
                     animation: animate ? { duration: 300, easingFunction: "easeInOutQuad" } : false });
  }

  function busy(delta) {
    state.busy += delta;
    body.dataset.busy = state.busy > 0 ? "true" : "false";
  }

  function failed(error) {
    document.getElementById("status").textContent = String(error && error.message || error);
  }

  // ---------------------------------------------------------------- views: explore / graph, letter
  var history = [];
  var backButton = document.getElementById("back");

  function saveView() {
    return { view: state.view, letter: state.letter, nodes: nodes.get(), edges: edges.get(), current: current,
             expanded: new Set(state.expanded), camera: { position: network.getViewPosition(), scale: network.getScale() },
             selected: state.selected };
  }

  function openLetter(id) {
    busy(+1);
    return source.letter(id).then(function (view) {
      history.push(saveView());
      var laid = letterNodes(view);
      state.view = "letter";
      replaceView(laid.nodes, laid.edges);
      state.letter = view;
      body.dataset.view = "letter";
      clearFilters(false);
      backButton.hidden = false;
      backButton.textContent = "\u2190 Back to " + (history[history.length - 1].view === "letter" ? "the previous letter"
        : explore ? "the overview" : "the whole graph");
      document.getElementById("view-kind").textContent = "Letter " + view.letter.name;
      network.selectNodes([id]);
      state.selected = id;
      showDetails(id);
      frame(nodes.getIds(), false);
      updateStatus();
      return view;
    }).catch(failed).finally(function () { busy(-1); });
  }

  function back() {
    var saved = history.pop();
    if (!saved) return;
    nodes.clear();
    edges.clear();
    nodes.update(saved.nodes);
    edges.update(saved.edges);
    current = saved.current;
    state.view = saved.view;
    state.letter = saved.letter;
    state.expanded = saved.expanded;
    state.hidden = new Set();
    body.dataset.view = saved.view;
    backButton.hidden = history.length === 0;
    document.getElementById("view-kind").textContent = payload.viewLabel;
    network.moveTo({ position: saved.camera.position, scale: saved.camera.scale, animation: false });
    applyFilters(false);
    if (saved.selected && nodes.get(saved.selected)) {
      network.selectNodes([saved.selected]);
      state.selected = saved.selected;
      showDetails(saved.selected);
    } else {
      details.hidden = true;
    }
    updateStatus();
  }
  backButton.addEventListener("click", back);

  // ---------------------------------------------------------------- settling
  function markSettled() {
    if (state.settled) return;
    state.settled = true;
    state.settledMs = performance.now();
    if (explore) frame(nodes.getIds(), false);
    else network.moveTo({ scale: network.getScale() * 0.92 });  // fit() bounds nodes, not their labels
    body.dataset.settled = "true";
    if (payload.focus) {
      if (explore) reveal(payload.focus); else select(payload.focus, false);
    }
  }

  // ---------------------------------------------------------------- cards (tooltip and details)
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(text, onClick, cls) {
    var b = el("button", cls || null, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function factList(facts) {
    var dl = el("dl");
    facts.forEach(function (fact) {
      dl.appendChild(el("dt", null, fact[0]));
      dl.appendChild(el("dd", null, fact[1]));
    });
    return dl;
  }

  function quotes(root, title, spans) {
    if (!spans || !spans.length) return;
    root.appendChild(el("h4", null, title));
    spans.forEach(function (span) {
      var q = el("blockquote", null, span.text !== undefined ? span.text : span);
      if (span.about) q.dataset.about = span.about;
      root.appendChild(q);
    });
  }

  function card(n, withLinks) {
    var root = el("div", "card");
    root.appendChild(el("div", "card-kind", (kinds[n.kind] || {}).label || n.kind));
    root.appendChild(el("div", "card-title", n.name));
    if (n.facts && n.facts.length) root.appendChild(factList(n.facts));
    quotes(root, "From the letter", n.evidence);
    if (!withLinks) return root;
    if (n.kind === "determination" && state.view !== "letter") {
      root.appendChild(button("Open this letter", function () { openLetter(n.id); }, "primary"));
    }
    if (n.kind === "item" && state.view !== "letter") {
      var letterId = n.id.replace(/\/item\/\d+$/, "");
      root.appendChild(button("Open its letter", function () { openLetter(letterId); }, "primary"));
    }
    if (state.view === "letter" && n.kind !== "determination" && n.kind !== "item") {
      root.appendChild(button("Explore from here", function () { exploreFrom(n.id); }, "primary"));
    }
    linkGroups(root, n);
    return root;
  }

  function linkGroups(root, n) {
    var groups = new Map();
    network.getConnectedEdges(n.id).forEach(function (edgeId) {
      var e = edges.get(edgeId);
      if (!e) return;
      var out = e.from === n.id, other = out ? e.to : e.from;
      var names = payload.relations[e.relation] || [e.relation, e.relation];
      var key = names[out ? 0 : 1];
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push({ id: other, count: e.count });
    });
    groups.forEach(function (list, key) {
      root.appendChild(el("h4", null, key + " (" + list.length + ")"));
      var links = el("div", "links");
      list.slice(0, 40).forEach(function (link) {
        var other = known(link.id);
        var text = (other ? other.name : link.id) + (link.count ? " \u00b7 " + link.count : "");
        links.appendChild(button(text, function () { select(link.id, true); }));
      });
      if (list.length > 40) links.appendChild(el("span", null, "+" + (list.length - 40) + " more"));
      root.appendChild(links);
    });
    var found = neighbourhoods.get(n.id);
    if (found && found.more && Object.keys(found.more).length) {
      var more = Object.keys(found.more).map(function (k) {
        var names = payload.relations[k];
        return found.more[k] + " more " + (k === "letters" ? "letters" : names ? names[0] : k);
      });
      root.appendChild(el("p", "more", "Not drawn: " + more.join(", ") + "."));
    }
    if (explore && !state.expanded.has(n.id) && n.kind !== "determination" && n.kind !== "item" &&
        state.view !== "letter") {
      root.appendChild(button("Show its neighbours", function () { expand(n.id); }));
    }
  }

  // a letter's own view: the letter, then each item with its decision and the text behind it
  function wordsList(facts) {  // [label, value, [the letter's words]]
    var dl = el("dl");
    facts.forEach(function (fact) {
      dl.appendChild(el("dt", null, fact[0]));
      var dd = el("dd", null, fact[1]);
      (fact[2] || []).forEach(function (words) {
        if (words.toLowerCase() !== String(fact[1]).toLowerCase()) dd.appendChild(el("q", "said", words));
      });
      dl.appendChild(dd);
    });
    return dl;
  }

  function letterCard(view) {
    var letter = view.letter;
    var root = el("div", "card letter-card");
    root.appendChild(el("div", "card-kind", "Letter"));
    root.appendChild(el("div", "card-title", letter.name));
    root.appendChild(wordsList(letter.facts));
    letter.items.forEach(function (item) {
      var box = el("section", "letter-item");
      box.dataset.node = item.id;
      box.dataset.outcome = item.outcome || "";
      box.appendChild(el("h3", null, item.number + ". " + item.name));
      item.said.forEach(function (t) { box.appendChild(el("q", "said", t)); });
      box.appendChild(el("p", "decision " + (item.outcome || ""), item.outcome ? item.outcome.toUpperCase() : "no decision read"));
      quotes(box, "Decision", item.decision);
      quotes(box, "Rationale", item.rationale);
      if (item.facts.length) box.appendChild(wordsList(item.facts));
      if (item.requests.length) {
        box.appendChild(el("h4", null, "Requests"));
        var links = el("div", "links");
        item.requests.forEach(function (r) { links.appendChild(button(r.name, function () { select(r.id, true); })); });
        box.appendChild(links);
      }
      item.citations.forEach(function (c) {
        var head = el("h4", "citation");
        head.appendChild(el("span", null, c.by === "UR" ? "UR cites " : "Reviewer cites "));
        head.appendChild(button(c.label, function () { select(c.id, true); }));
        box.appendChild(head);
        c.text.forEach(function (t) { box.appendChild(el("blockquote", null, t)); });
      });
      quotes(box, "Guideline limits stated", item.limits);
      root.appendChild(box);
    });
    if (letter.mentioned.length) {
      root.appendChild(el("h3", null, "Named in the history"));
      letter.mentioned.forEach(function (m) {
        var p = el("p", "mention");
        p.appendChild(button(m.name, function () { select(m.id, true); }));
        m.said.forEach(function (t) { p.appendChild(el("q", "said", t)); });
        root.appendChild(p);
      });
    }
    return root;
  }

  var tooltip = document.getElementById("tooltip");
  onNetwork("hoverNode", function (params) {
    var n = known(params.node);
    if (!n) return;
    tooltip.replaceChildren(card(n, false));
    var box = container.getBoundingClientRect();
    var x = box.left + params.pointer.DOM.x + 14, y = box.top + params.pointer.DOM.y + 14;
    tooltip.hidden = false;
    tooltip.style.left = Math.min(x, window.innerWidth - tooltip.offsetWidth - 8) + "px";
    tooltip.style.top = Math.min(y, window.innerHeight - tooltip.offsetHeight - 8) + "px";
  });
  onNetwork("blurNode", function () { tooltip.hidden = true; });
  onNetwork("dragStart", function () { tooltip.hidden = true; });
  onNetwork("animationFinished", function () { body.dataset.moving = "false"; });

  var details = document.getElementById("details");
  var detailsBody = document.getElementById("details-body");
  function showDetails(id) {
    var n = known(id);
    if (!n) return;
    if (state.view === "letter" && (n.kind === "determination" || n.kind === "item")) {
      detailsBody.replaceChildren(letterCard(state.letter));
      var section = n.kind === "item" ? detailsBody.querySelector('[data-node="' + CSS.escape(id) + '"]') : null;
      if (section) { section.classList.add("current"); section.scrollIntoView({ block: "start" }); }
      else details.scrollTop = 0;
    } else {
      detailsBody.replaceChildren(card(n, true));
    }
    details.hidden = false;
    details.dataset.node = id;
  }
  document.getElementById("details-close").addEventListener("click", function () {
    details.hidden = true;
    network.unselectAll();
    state.selected = null;
  });

  onNetwork("click", function (params) {
    tooltip.hidden = true;
    if (!params.nodes.length) { details.hidden = true; state.selected = null; return; }
    var id = params.nodes[0], n = known(id);
    state.selected = id;
    if (explore && state.view !== "letter" && n && n.kind === "determination") { openLetter(id); return; }
    showDetails(id);
    if (explore && state.view !== "letter" && n && n.kind !== "item") expand(id);
  });

  function select(id, animate) {
    if (!nodes.get(id)) {
      if (explore) return reveal(id);
      return;
    }
    if (state.hidden.has(id)) clearFilters(false);
    network.selectNodes([id]);
    state.selected = id;
    showDetails(id);
    body.dataset.moving = animate ? "true" : "false";
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.0),
      offset: { x: -details.offsetWidth / 2, y: 0 },  // keep the node clear of the details panel
      animation: animate ? { duration: 400, easingFunction: "easeInOutQuad" } : false,
    });
  }

  // search and links reach nodes that may not be drawn: leave a letter's view if need be, add the
  // node beside what it links to, add its neighbours, select it and show it with them
  function reveal(id) {
    var n = known(id);
    if (n && n.kind === "determination") return openLetter(id);
    if (n && n.kind === "item") return openLetter(id.replace(/\/item\/\d+$/, ""));
    if (state.view === "letter" && history.length) back();
    if (state.hidden.has(id)) clearFilters(false);
    if (!nodes.get(id)) {
      var anchor = nodes.getIds().filter(function (i) { return !state.hidden.has(i); })[0];
      put(anchor ? place(anchor, [n]) : [n], []);
    }
    network.selectNodes([id]);
    state.selected = id;
    showDetails(id);
    return expand(id).then(function (found) {
      if (found === null) frame([id], true);  // already expanded: expand() framed nothing
    });
  }

  function exploreFrom(id) {
    while (history.length > 1) history.shift();
    back();
    reveal(id);
  }

  // ---------------------------------------------------------------- filters
  var filterBox = document.getElementById("filters");
  var CHIPS_SHOWN = 10;
  payload.filters.forEach(function (group) {
    var box = el("div", "filter-group");
    box.dataset.dim = group.dim;
    box.appendChild(el("h3", null, group.label));
    var chips = el("div", "chips");
    group.values.forEach(function (entry, i) {
      var chip = el("button", "chip", entry[0]);
      chip.type = "button";
      chip.dataset.dim = group.dim;
      chip.dataset.value = entry[0];
      chip.setAttribute("aria-pressed", "false");
      chip.appendChild(el("span", "count", entry[1]));
      chip.hidden = i >= CHIPS_SHOWN;
      chip.addEventListener("click", function () {
        var set = state.active[group.dim] || (state.active[group.dim] = new Set());
        if (set.has(entry[0])) set.delete(entry[0]); else set.add(entry[0]);
        chip.setAttribute("aria-pressed", String(set.has(entry[0])));
        applyFilters(true);
      });
      chips.appendChild(chip);
    });
    box.appendChild(chips);
    if (group.values.length > CHIPS_SHOWN) {
      var toggle = button("show all " + group.values.length, function () {
        var open = toggle.dataset.open === "true";
        chips.querySelectorAll(".chip").forEach(function (c, i) { c.hidden = open && i >= CHIPS_SHOWN; });
        toggle.dataset.open = String(!open);
        toggle.textContent = open ? "show all " + group.values.length : "show fewer";
      }, "chip-toggle");
      box.appendChild(toggle);
    }
    filterBox.appendChild(box);
  });
  document.getElementById("clear-filters").addEventListener("click", function () { clearFilters(true); });

  function clearFilters(refit) {
    state.active = {};
    filterBox.querySelectorAll(".chip").forEach(function (c) { c.setAttribute("aria-pressed", "false"); });
    applyFilters(refit);
  }

  function matches(n, active) {
    return active.every(function (dim) {
      var values = (n.tags && n.tags[dim]) || [];
      return values.some(function (v) { return state.active[dim].has(v); });
    });
  }

  function applyFilters(refit) {
    var active = Object.keys(state.active).filter(function (d) { return state.active[d].size > 0; });
    var visible = null;
    if (active.length) {
      visible = new Set();
      var ids = nodes.getIds();
      ids.forEach(function (id) {
        var n = known(id);
        if (n && payload.anchors.indexOf(n.kind) >= 0 && matches(n, active)) visible.add(id);
      });
      // what is not filtered on follows what it is linked with
      Array.from(visible).forEach(function (id) {
        network.getConnectedNodes(id).forEach(function (other) {
          var n = known(other);
          if (n && payload.anchors.indexOf(n.kind) < 0) visible.add(other);
        });
      });
      if (!explore) {  // a letter brings its diagnoses, drugs and reviewer
        Array.from(visible).forEach(function (id) {
          if ((known(id) || {}).kind !== "determination") return;
          network.getConnectedNodes(id).forEach(function (other) {
            if ((known(other) || {}).kind !== "item") visible.add(other);
          });
        });
      }
    }
    var changes = [];
    nodes.getIds().forEach(function (id) {
      var hide = visible !== null && !visible.has(id);
      if (hide !== state.hidden.has(id)) {
        changes.push({ id: id, hidden: hide });
        if (hide) state.hidden.add(id); else state.hidden.delete(id);
      }
    });
    if (changes.length) nodes.update(changes);
    if (state.selected && state.hidden.has(state.selected)) {
      details.hidden = true;
      network.unselectAll();
      state.selected = null;
    }
    if (refit) {
      frame(nodes.getIds(), false);
      body.dataset.fitted = String((Number(body.dataset.fitted) || 0) + 1);
    }
    updateStatus();
  }

  function filtering() {
    return Object.keys(state.active).some(function (d) { return state.active[d].size > 0; });
  }

  function visibleNodeCount() { return nodes.length - state.hidden.size; }

  function updateStatus() {
    var text = "Showing " + visibleNodeCount() + " of " + nodes.length + " nodes, " + edges.length + " edges.";
    if (explore && state.view !== "letter") text += " Click a node to add its neighbours; click a letter to read it.";
    document.getElementById("status").textContent = text;
  }

  // ---------------------------------------------------------------- search
  var searchStatus = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("search-input").value;
    search(query);
  });

  function search(query) {
    var found = explore ? source.search(query)
      : Promise.resolve({ results: findAll(query, nodes.getIds().map(known).filter(Boolean)) });
    busy(+1);
    return found.then(function (answer) {
      results.replaceChildren();
      if (!answer.results.length) {
        searchStatus.textContent = "Nothing matches \u201c" + query + "\u201d.";
        return null;
      }
      remember(answer.results);
      var first = answer.results[0];
      searchStatus.textContent = "Found: " + first.name + (answer.results.length > 1
        ? " (and " + (answer.results.length - 1) + " more below)" : "");
      answer.results.slice(1).forEach(function (n) {
        var li = el("li");
        li.appendChild(button(n.name + " \u00b7 " + ((kinds[n.kind] || {}).label || n.kind), function () { select(n.id, true); }));
        results.appendChild(li);
      });
      return Promise.resolve(explore ? reveal(first.id) : select(first.id, true)).then(function () { return first.id; });
    }).catch(failed).finally(function () { busy(-1); });
  }

  // ---------------------------------------------------------------- column headings of the overview
  var headings = (payload.first.headings || []).map(function (h) {
    return { div: el("div", "column-heading", h.label), at: h };
  });
  function addHeadings() {  // vis-network empties its container when it starts: added after it
    headings.forEach(function (h) { container.appendChild(h.div); });
  }
  onNetwork("afterDrawing", function () {
    var show = state.view === "overview" && !filtering();
    headings.forEach(function (h) {
      var p = network.canvasToDOM({ x: h.at.x, y: h.at.y });
      h.div.hidden = !show;
      h.div.style.left = p.x + "px";
      h.div.style.top = p.y + "px";
      h.div.style.fontSize = Math.max(10, Math.min(16, 14 * network.getScale())) + "px";
    });
  });

  // ---------------------------------------------------------------- start
  remember(payload.first.nodes);
  put(payload.first.nodes, payload.first.edges);
  network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  addHeadings();
  wire();
  if (payload.physics) {
    // stabilise off-screen, then freeze: a still picture reads better than a jiggling one
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      markSettled();
    });
  } else {
    network.fit({ animation: false });
    network.once("afterDrawing", markSettled);
  }
  body.dataset.view = state.view;
  body.dataset.busy = "false";
  body.dataset.moving = "false";
  updateStatus();
  window.imrExplorer = {
    network: network, nodes: nodes, edges: edges, state: state, visibleNodeCount: visibleNodeCount,
    known: known, select: select, expand: expand, openLetter: openLetter, back: back, search: search,
  };
})();
