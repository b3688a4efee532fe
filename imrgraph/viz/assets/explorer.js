// The explorer: draws the payload with vis-network and wires legend, filters, search and details.
// Letter text only ever reaches the page through textContent, never innerHTML.
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("imr-data").textContent);
  var byId = new Map(payload.nodes.map(function (n) { return [n.id, n]; }));
  var neighbours = new Map(payload.nodes.map(function (n) { return [n.id, []]; }));
  payload.edges.forEach(function (e) {
    neighbours.get(e.from).push({ id: e.to, relation: e.relation, out: true });
    neighbours.get(e.to).push({ id: e.from, relation: e.relation, out: false });
  });

  var nodes = new vis.DataSet(payload.nodes);
  var edges = new vis.DataSet(payload.edges);
  var state = { settled: false, settledMs: null, active: {}, hidden: new Set() };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, payload.options);

  function markSettled() {
    if (state.settled) return;
    state.settled = true;
    state.settledMs = performance.now();
    // fit() bounds the nodes, not their labels: leave a margin so edge labels are not cut off
    network.moveTo({ scale: network.getScale() * 0.92 });
    document.body.dataset.settled = "true";
    // a focus view opens on the whole neighbourhood with the focused node selected
    if (payload.focus && byId.has(payload.focus)) {
      network.selectNodes([payload.focus]);
      showDetails(payload.focus);
    }
  }
  if (payload.options.physics.enabled) {
    // Stabilise off-screen, then freeze: a still picture reads better than a jiggling one.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      markSettled();
    });
  } else {
    network.once("afterDrawing", markSettled);
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---- node cards (tooltip and details) ----
  function card(node, withLinks) {
    var root = el("div", "card");
    root.appendChild(el("div", "card-kind", payload.kinds[node.kind].label));
    root.appendChild(el("div", "card-title", node.name));
    if (node.facts.length) {
      var dl = el("dl");
      node.facts.forEach(function (fact) {
        dl.appendChild(el("dt", null, fact[0]));
        dl.appendChild(el("dd", null, fact[1]));
      });
      root.appendChild(dl);
    }
    if (node.evidence.length) {
      root.appendChild(el("h4", null, "From the letter"));
      node.evidence.forEach(function (text) { root.appendChild(el("blockquote", null, text)); });
    }
    if (withLinks) {
      var groups = new Map();
      neighbours.get(node.id).forEach(function (nb) {
        var key = payload.relations[nb.relation][nb.out ? 0 : 1];
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(nb.id);
      });
      groups.forEach(function (ids, key) {
        root.appendChild(el("h4", null, key + " (" + ids.length + ")"));
        var links = el("div", "links");
        ids.slice(0, 40).forEach(function (id) {
          var button = el("button", null, byId.get(id).name);
          button.type = "button";
          button.addEventListener("click", function () { focusNode(id, true); });
          links.appendChild(button);
        });
        if (ids.length > 40) links.appendChild(el("span", null, "+" + (ids.length - 40) + " more"));
        root.appendChild(links);
      });
    }
    return root;
  }

  var tooltip = document.getElementById("tooltip");
  network.on("hoverNode", function (params) {
    tooltip.replaceChildren(card(byId.get(params.node), false));
    var box = container.getBoundingClientRect();
    var x = box.left + params.pointer.DOM.x + 14, y = box.top + params.pointer.DOM.y + 14;
    tooltip.hidden = false;
    tooltip.style.left = Math.min(x, window.innerWidth - tooltip.offsetWidth - 8) + "px";
    tooltip.style.top = Math.min(y, window.innerHeight - tooltip.offsetHeight - 8) + "px";
  });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("animationFinished", function () { document.body.dataset.moving = "false"; });
  network.on("dragStart", function () { tooltip.hidden = true; });

  var details = document.getElementById("details");
  var detailsBody = document.getElementById("details-body");
  function showDetails(id) {
    detailsBody.replaceChildren(card(byId.get(id), true));
    details.hidden = false;
    details.dataset.node = id;
  }
  document.getElementById("details-close").addEventListener("click", function () {
    details.hidden = true;
    network.unselectAll();
  });
  network.on("click", function (params) {
    tooltip.hidden = true;
    if (params.nodes.length) showDetails(params.nodes[0]);
    else details.hidden = true;
  });

  // ---- filters ----
  var filterBox = document.getElementById("filters");
  payload.filters.forEach(function (group) {
    var box = el("div", "filter-group");
    box.dataset.dim = group.dim;
    box.appendChild(el("h3", null, group.label));
    var chips = el("div", "chips");
    group.values.forEach(function (entry) {
      var chip = el("button", "chip", entry[0]);
      chip.type = "button";
      chip.dataset.dim = group.dim;
      chip.dataset.value = entry[0];
      chip.setAttribute("aria-pressed", "false");
      chip.appendChild(el("span", "count", entry[1]));
      chip.addEventListener("click", function () {
        var set = state.active[group.dim] || (state.active[group.dim] = new Set());
        if (set.has(entry[0])) set.delete(entry[0]); else set.add(entry[0]);
        chip.setAttribute("aria-pressed", String(set.has(entry[0])));
        applyFilters();
      });
      chips.appendChild(chip);
    });
    box.appendChild(chips);
    filterBox.appendChild(box);
  });
  document.getElementById("clear-filters").addEventListener("click", clearFilters);

  function clearFilters() {
    state.active = {};
    filterBox.querySelectorAll(".chip").forEach(function (c) { c.setAttribute("aria-pressed", "false"); });
    applyFilters();
  }

  function matches(node, active) {
    return active.every(function (dim) {
      var values = node.tags[dim] || [];
      return values.some(function (v) { return state.active[dim].has(v); });
    });
  }

  function applyFilters() {
    var active = Object.keys(state.active).filter(function (d) { return state.active[d].size > 0; });
    var visible;
    if (!active.length) {
      visible = null;
    } else {
      visible = new Set();
      payload.nodes.forEach(function (n) {
        if (payload.anchors.indexOf(n.kind) >= 0 && matches(n, active)) visible.add(n.id);
      });
      if (payload.expand) {
        // an item brings its letter and concepts; a letter brings its diagnoses, drugs, reviewer
        Array.from(visible).forEach(function (id) {
          neighbours.get(id).forEach(function (nb) { visible.add(nb.id); });
        });
        Array.from(visible).forEach(function (id) {
          if (byId.get(id).kind !== "determination") return;
          neighbours.get(id).forEach(function (nb) {
            if (byId.get(nb.id).kind !== "item") visible.add(nb.id);
          });
        });
      }
    }
    var changes = [];
    payload.nodes.forEach(function (n) {
      var hide = visible !== null && !visible.has(n.id);
      if (hide !== state.hidden.has(n.id)) {
        changes.push({ id: n.id, hidden: hide });
        if (hide) state.hidden.add(n.id); else state.hidden.delete(n.id);
      }
    });
    if (changes.length) nodes.update(changes);
    updateStatus();
  }

  function visibleNodeCount() { return payload.nodes.length - state.hidden.size; }

  function updateStatus() {
    document.getElementById("status").textContent =
      "Showing " + visibleNodeCount() + " of " + payload.nodes.length + " nodes, " +
      payload.edges.length + " edges.";
  }

  // ---- search ----
  var labels = document.getElementById("search-labels");
  payload.nodes.slice().sort(function (a, b) { return b.value - a.value; }).slice(0, 3000)
    .forEach(function (n) { var o = el("option"); o.value = n.name; labels.appendChild(o); });

  function findNode(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    var ranked = [
      function (n) { return n.name.toLowerCase() === q || n.id.toLowerCase() === q; },
      function (n) { return n.search.some(function (s) { return s === q; }); },
      function (n) { return n.name.toLowerCase().indexOf(q) === 0; },
      function (n) { return n.search.some(function (s) { return s.indexOf(q) >= 0; }); },
    ];
    for (var i = 0; i < ranked.length; i++) {
      var hits = payload.nodes.filter(ranked[i]);
      if (hits.length) {
        hits.sort(function (a, b) { return b.value - a.value; });
        return hits[0].id;
      }
    }
    return null;
  }

  function focusNode(id, animate) {
    if (state.hidden.has(id)) clearFilters();
    network.selectNodes([id]);
    showDetails(id);
    document.body.dataset.moving = animate ? "true" : "false";
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.1),
      offset: { x: -details.offsetWidth / 2, y: 0 },  // keep the node clear of the details panel
      animation: animate ? { duration: 400, easingFunction: "easeInOutQuad" } : false,
    });
    state.focused = id;
  }

  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("search-input").value;
    var status = document.getElementById("search-status");
    var id = findNode(query);
    if (id === null) {
      status.textContent = "Nothing matches \u201c" + query + "\u201d.";
      return;
    }
    status.textContent = "Found: " + byId.get(id).name;
    focusNode(id, true);
  });

  updateStatus();
  window.imrExplorer = {
    network: network,
    nodes: nodes,
    state: state,
    visibleNodeCount: visibleNodeCount,
    findNode: findNode,
    focusNode: focusNode,
  };
})();
