// Keeps a console page current without a reload. The server renders every page (it works
// without this script); here we follow the page's one server-sent event stream, whose events
// are pieces of the page rendered by the same components, and swap each in by its id. A piece
// holding the field someone is typing in waits until they leave it.
(() => {
  'use strict';

  const formats = {
    day: { weekday: 'long', day: 'numeric', month: 'long' },
    dayandyear: { day: 'numeric', month: 'long', year: 'numeric' },
    moment: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  };

  // Server-rendered times are in UTC; show them in the operator's own zone and language.
  function localizeTimes(root) {
    for (const time of root.querySelectorAll('time[data-show]')) {
      const at = new Date(time.dateTime);
      const format = formats[time.dataset.show];
      if (Number.isNaN(at.getTime()) || !format) continue;
      time.textContent = new Intl.DateTimeFormat(undefined, format).format(at);
      time.title = at.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'long' });
    }
  }

  localizeTimes(document);
  const url = document.body.dataset.stream;
  const live = document.getElementById('live');
  const announce = document.getElementById('announce');
  if (!url || !('EventSource' in window)) return;

  function showLive(state, words) {
    if (!live) return;
    live.dataset.state = state;
    live.textContent = words;
  }

  function busy(element) {
    const active = document.activeElement;
    if (active && active !== document.body && element.contains(active) && active.matches('input, select, textarea')) return true;
    for (const field of element.querySelectorAll('input:not([type=hidden]), textarea')) {
      if (field.value !== field.defaultValue) return true;
    }
    return false;
  }

  const waiting = new Map();
  let lastCounters = '';
  let announcedAt = 0;

  function swap(next) {
    const current = document.getElementById(next.id);
    if (!current) return;
    if (busy(current)) {
      waiting.set(next.id, next);
      return;
    }
    waiting.delete(next.id);
    localizeTimes(next);
    current.replaceWith(next);
    if (next.id === 'fleet-counters' && announce) {
      const words = next.textContent.replace(/\s+/g, ' ').trim();
      const now = Date.now();
      if (words !== lastCounters && now - announcedAt > 15000) {
        announce.textContent = words;
        announcedAt = now;
      }
      lastCounters = words;
    }
    document.dispatchEvent(new CustomEvent('console:swapped', { detail: next.id }));
  }

  document.addEventListener('focusout', () => setTimeout(() => {
    for (const next of [...waiting.values()]) swap(next);
  }, 0));

  const events = new EventSource(url);
  events.addEventListener('open', () => showLive('live', 'Live'));
  events.addEventListener('hello', () => showLive('live', 'Live'));
  events.addEventListener('swap', (event) => {
    const template = document.createElement('template');
    template.innerHTML = event.data;
    for (const next of [...template.content.children]) {
      if (next.id) swap(next);
    }
  });
  events.addEventListener('end', () => {
    events.close();
    showLive('off', 'Signed out: this page no longer updates');
  });
  events.addEventListener('error', () => {
    if (events.readyState === EventSource.CLOSED) showLive('off', 'Not live: reload the page');
    else showLive('reconnecting', 'Reconnecting…');
  });
  window.addEventListener('pagehide', () => events.close());
})();
