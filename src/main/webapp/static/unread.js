// The room list's live counts: the user's own stream (/ws/user/) keeps each row's unread badge
// and the page title current, and, while the tab is hidden, turns mentions and direct messages
// into notifications (asked for only on a click). Text is set with textContent, never as HTML.
(function () {
  'use strict';
  const { format, json } = window.RoomChat;
  const texts = json('unread-texts');
  const baseTitle = document.title;
  const RETRY_FIRST_MS = 1000;
  const RETRY_MAX_MS = 15000;

  /** Unread counts by key ("room:name" or "user:name"), for the title's total. */
  const counts = new Map();
  const mentions = new Map();
  let failures = 0;
  let socket = null;

  function keyOf(frame) {
    return frame.user !== undefined ? 'user:' + frame.user : 'room:' + frame.room;
  }

  /** The list item of a room or conversation, if this page shows it. */
  function rowOf(frame) {
    const attribute = frame.user !== undefined ? 'user' : 'room';
    const name = frame.user !== undefined ? frame.user : frame.room;
    for (const row of document.querySelectorAll('li[data-' + attribute + ']')) {
      if (row.dataset[attribute] === name) {
        return row;
      }
    }
    return null;
  }

  function show(frame) {
    const unread = Number(frame.unread) || 0;
    counts.set(keyOf(frame), unread);
    mentions.set(keyOf(frame), Number(frame.mentions) || 0);
    const row = rowOf(frame);
    if (row) {
      row.dataset.unread = String(unread);
      const badge = row.querySelector('.unread-count');
      if (badge) {
        badge.textContent = String(unread);
        badge.classList.toggle('none', unread === 0);
        badge.classList.toggle('mentioned', (Number(frame.mentions) || 0) > 0);
      }
    }
  }

  function renderTitle() {
    let total = 0;
    counts.forEach(n => { total += n; });
    document.title = total > 0 ? '(' + total + ') ' + baseTitle : baseTitle;
  }

  /** A room this user was just added to: a row at the top of the list, until the next reload. */
  function addRow(room) {
    const frame = { room: room };
    if (rowOf(frame)) {
      return;
    }
    const list = document.getElementById('room-list');
    if (!list) {
      return;
    }
    const li = document.createElement('li');
    li.className = 'room-entry';
    li.dataset.room = room;
    li.dataset.visibility = 'private';
    li.dataset.unread = '0';
    const link = document.createElement('a');
    link.className = 'room-link';
    link.href = '/chat/' + encodeURIComponent(room) + '/';
    link.textContent = room;
    const badge = document.createElement('span');
    badge.className = 'unread-count none';
    badge.textContent = '0';
    const privateBadge = document.createElement('span');
    privateBadge.className = 'badge private';
    privateBadge.textContent = texts.private;
    li.append(link, ' ', badge, ' ', privateBadge);
    list.prepend(li);
  }

  function removeRow(room) {
    const row = rowOf({ room: room });
    if (row) {
      row.remove();
    }
    counts.delete('room:' + room);
    mentions.delete('room:' + room);
  }

  // --- notifications ---------------------------------------------------------------------------

  function notifying() {
    return 'Notification' in window && Notification.permission === 'granted';
  }

  /** While the tab is hidden, a new mention or direct message becomes a notification. */
  function maybeNotify(frame, before, mentionsBefore) {
    if (!document.hidden || !notifying() || !frame.from) {
      return;
    }
    const isDirect = frame.user !== undefined;
    const moreUnread = (Number(frame.unread) || 0) > before;
    const moreMentions = (Number(frame.mentions) || 0) > mentionsBefore;
    if (isDirect && moreUnread) {
      notify(format(texts.direct, frame.from), frame.preview || '', '/dm/' + encodeURIComponent(frame.user) + '/');
    } else if (!isDirect && moreMentions) {
      notify(format(texts.mention, frame.from, frame.room), frame.preview || '', '/chat/' + encodeURIComponent(frame.room) + '/');
    }
  }

  function notify(title, body, url) {
    try {
      const note = new Notification(title, { body: body, tag: url });
      note.onclick = function () {
        window.focus();
        location.href = url;
      };
    } catch (unsupported) {
      // Some browsers allow notifications only from a service worker: the badges still show.
    }
  }

  function offerNotifications() {
    const prompt = document.getElementById('notify-prompt');
    const button = document.getElementById('notify-enable');
    if (!prompt || !button || !('Notification' in window) || Notification.permission !== 'default') {
      return;
    }
    prompt.hidden = false;
    button.addEventListener('click', function () {
      Notification.requestPermission().then(function () {
        prompt.hidden = true;
      });
    });
  }

  // --- the stream ------------------------------------------------------------------------------

  function receive(frame) {
    switch (frame.type) {
      case 'unread_summary':
        counts.clear();
        mentions.clear();
        (frame.rooms || []).forEach(show);
        (frame.dms || []).forEach(show);
        renderTitle();
        break;
      case 'unread': {
        const key = keyOf(frame);
        const before = counts.get(key) || 0;
        const mentionsBefore = mentions.get(key) || 0;
        show(frame);
        renderTitle();
        maybeNotify(frame, before, mentionsBefore);
        break;
      }
      case 'room_added':
        addRow(frame.room);
        break;
      case 'room_removed':
        removeRow(frame.room);
        renderTitle();
        break;
      default:
        break; // servers may add frame types; this page skips them
    }
  }

  function connect() {
    if (socket) {
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const ws = new WebSocket(scheme + location.host + '/ws/user/');
    socket = ws;
    ws.onmessage = function (e) {
      failures = 0;
      receive(JSON.parse(e.data));
    };
    ws.onclose = function (e) {
      if (socket !== ws) {
        return;
      }
      socket = null;
      if (e.code === 4001 || e.code === 4003) {
        return; // logged out or not allowed: the page's links say the rest
      }
      failures += 1;
      const ceiling = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(failures - 1, 10));
      setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
    };
  }

  window.addEventListener('pagehide', function () {
    if (socket) {
      const closing = socket;
      socket = null;
      closing.close(1000);
    }
  });
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) {
      connect();
    }
  });

  offerNotifications();
  connect();
})();
