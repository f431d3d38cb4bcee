// Keeps the tracking page current without a reload. The server renders the page (it works
// without this script); here we listen to the order's server-sent events and, when one says the
// order moved past what is shown, fetch the freshly rendered order section and swap it in, so
// the page is rendered in one place only. EventSource reconnects by itself, sending
// Last-Event-ID (the order's version).
(() => {
  'use strict';

  const formats = {
    day: { weekday: 'long', day: 'numeric', month: 'long' },
    dayandyear: { day: 'numeric', month: 'long', year: 'numeric' },
    moment: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  };

  // Server-rendered times are in UTC; show them in the reader's own zone and language.
  function localizeTimes(root) {
    for (const time of root.querySelectorAll('time[data-show]')) {
      const at = new Date(time.dateTime);
      const format = formats[time.dataset.show];
      if (Number.isNaN(at.getTime()) || !format) continue;
      time.textContent = new Intl.DateTimeFormat(undefined, format).format(at);
      time.title = at.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
    }
  }

  const order = document.getElementById('order');
  if (!order) return;
  localizeTimes(order);
  if (!('EventSource' in window) || !('fetch' in window)) return;

  const reference = order.dataset.reference;
  const live = document.getElementById('live');
  const announce = document.getElementById('announce');
  let shown = Number(order.dataset.version) || 0;
  let wanted = shown;
  let fetching = false;

  function showLive(state, words) {
    if (!live) return;
    live.hidden = false;
    live.dataset.state = state;
    live.textContent = words;
  }

  async function refresh() {
    if (fetching || wanted <= shown) return;
    fetching = true;
    const asked = wanted;
    try {
      const response = await fetch(`/tracking/${encodeURIComponent(reference)}?fragment=1`, {
        cache: 'no-store',
        headers: { Accept: 'text/html' },
      });
      if (response.ok) {
        const template = document.createElement('template');
        template.innerHTML = await response.text();
        const next = template.content.getElementById('order');
        if (next) {
          const before = document.getElementById('headline')?.textContent;
          localizeTimes(next);
          order.replaceChildren(...next.childNodes);
          order.dataset.version = next.dataset.version;
          const after = document.getElementById('headline')?.textContent;
          if (announce && after && after !== before) announce.textContent = after;
          // Never ask twice for the same version, even if the section came back older.
          shown = Math.max(Number(next.dataset.version) || 0, asked);
        }
      }
    } catch {
      // The next event, or the reconnect, tries again.
    } finally {
      fetching = false;
    }
    if (wanted > shown) refresh();
  }

  const events = new EventSource(`/api/orders/${encodeURIComponent(reference)}/events`);
  events.addEventListener('open', () => showLive('live', 'Live: this page updates by itself'));
  events.addEventListener('error', () => {
    if (events.readyState === EventSource.CLOSED) showLive('off', 'Not live: reload the page to see the latest');
    else showLive('reconnecting', 'Reconnecting…');
  });
  events.addEventListener('order', (event) => {
    const version = Number(event.lastEventId);
    wanted = Number.isFinite(version) && version > 0 ? Math.max(wanted, version) : wanted + 1;
    showLive('live', 'Live: this page updates by itself');
    refresh();
  });
})();
