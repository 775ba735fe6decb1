// Checks the race pictures and charts in a real layout engine: run by check-in-chromium.sh, which
// inlines this file into a copy of a report and reads the verdict from the DOM Chromium dumps.
// Nothing here is needed to read a report; it only measures what a reader would see.
(function () {
  var problems = [];
  var facts = [];
  function box(el) { return el.getBoundingClientRect(); }
  var svgs = document.querySelectorAll('svg.swimlanes');
  svgs.forEach(function (svg, n) {
    var lanes = {};
    svg.querySelectorAll('g.lane[data-actor] rect').forEach(function (r) {
      lanes[r.parentNode.getAttribute('data-actor')] = box(r);
    });
    var steps = svg.querySelectorAll('g.step');
    if (steps.length === 0) { problems.push('race ' + n + ': no steps drawn'); }
    steps.forEach(function (g) {
      var r = box(g.querySelector('rect'));
      var lane = lanes[g.getAttribute('data-actor')];
      if (!lane || r.top < lane.top - 0.5 || r.bottom > lane.bottom + 0.5) {
        problems.push('race ' + n + ': step ' + g.getAttribute('data-step') + ' is outside its lane');
      }
      g.querySelectorAll('text').forEach(function (t) {
        if (t.getComputedTextLength() > r.width - 4) {
          problems.push('race ' + n + ': the text of step ' + g.getAttribute('data-step') + ' overflows its box ('
              + Math.round(t.getComputedTextLength()) + ' > ' + Math.round(r.width - 4) + ' px): ' + t.textContent);
        }
      });
      if (!g.querySelector('title') || g.querySelector('title').textContent.indexOf('page after: ') < 0) {
        problems.push('race ' + n + ': step ' + g.getAttribute('data-step') + ' has no page state on hover');
      }
    });
    var windows = svg.querySelectorAll('g.dma-window');
    windows.forEach(function (w) {
      var wr = box(w.querySelector('rect'));
      ['data-from-step', 'data-to-step'].forEach(function (a) {
        var s = svg.querySelector('g.step[data-step="' + w.getAttribute(a) + '"] rect');
        if (!s || box(s).left < wr.left - 0.5 || box(s).right > wr.right + 0.5) {
          problems.push('race ' + n + ': the DMA window does not cover step ' + w.getAttribute(a));
        }
      });
    });
    svg.querySelectorAll('g.store-in-window rect').forEach(function (s) {
      var r = box(s);
      var inside = Array.prototype.some.call(windows, function (w) {
        var wr = box(w.querySelector('rect'));
        return r.left >= wr.left && r.right <= wr.right;
      });
      if (!inside) { problems.push('race ' + n + ': a store marked in the window is drawn outside it'); }
    });
    var v = svg.querySelector('g.violation rect');
    if (v && getComputedStyle(v).fill !== 'rgb(192, 57, 43)') {
      problems.push('race ' + n + ': the violating step is not filled red but ' + getComputedStyle(v).fill);
    }
    facts.push('race ' + n + ': ' + Object.keys(lanes).length + ' lanes, ' + steps.length + ' steps, '
        + windows.length + ' DMA window(s), ' + svg.querySelectorAll('g.store-in-window').length
        + ' store(s) in a window, ' + svg.querySelectorAll('g.violation').length + ' violation(s)');
  });
  document.querySelectorAll('div.chart').forEach(function (c) {
    if (!c.querySelector('svg')) { problems.push('chart ' + c.id + ' was not drawn'); }
  });
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    problems.push('the page is wider than the window (' + document.documentElement.scrollWidth + ' > '
        + window.innerWidth + '): a table or picture does not scroll inside its box');
  }
  facts.push(document.querySelectorAll('div.chart svg').length + ' chart(s) drawn');
  var pre = document.createElement('pre');
  pre.id = 'browser-check';
  pre.textContent = (problems.length ? 'PROBLEMS\n' + problems.join('\n') : 'OK') + '\n' + facts.join('\n');
  document.body.appendChild(pre);
})();
