// The admin dashboard: re-reads the numbers every few seconds. Text is set with textContent only.
(function () {
  'use strict';
  const { format, json, localizeTime } = window.RoomChat;
  const texts = json('admin-texts');
  const REFRESH_MS = 5000;
  const dashboard = document.getElementById('dashboard');
  const url = dashboard.dataset.metricsUrl;
  const status = document.getElementById('dashboard-status');
  const roomRows = document.getElementById('admin-rooms');
  const noRooms = document.getElementById('no-admin-rooms');
  // The metrics URL carries the page's own paging parameters, so a refresh shows the same page.
  const roomBase = url.replace(/admin\/metrics\.json(\?.*)?$/, 'chat/');

  // The same forms as the server's first rendering (PageTexts.duration).
  function formatDuration(seconds) {
    const whole = Math.floor(seconds);
    const twoDigits = n => String(n).padStart(2, '0');
    if (whole < 60) {
      return format(texts.seconds, seconds.toFixed(1));
    }
    if (whole < 3600) {
      return format(texts.minutes, Math.floor(whole / 60), twoDigits(whole % 60));
    }
    const minutes = Math.floor((whole % 3600) / 60);
    return format(texts.hours, Math.floor(whole / 3600), twoDigits(minutes));
  }

  function timeCell(className, iso) {
    const td = document.createElement('td');
    const time = document.createElement('time');
    time.className = className + ' local-time';
    time.dataset.style = 'datetime';
    time.setAttribute('datetime', iso);
    localizeTime(time);
    td.appendChild(time);
    return td;
  }

  function numberCell(className, value) {
    const td = document.createElement('td');
    td.className = 'num ' + className;
    td.textContent = String(value);
    return td;
  }

  function roomRow(room) {
    const tr = document.createElement('tr');
    tr.dataset.room = room.name;
    const nameCell = document.createElement('td');
    nameCell.className = 'room-name';
    const link = document.createElement('a');
    link.href = roomBase + encodeURIComponent(room.name) + '/';
    link.textContent = room.name;
    nameCell.appendChild(link);
    if (room.private) {
      const badge = document.createElement('span');
      badge.className = 'badge private';
      badge.textContent = texts.private;
      nameCell.append(' ', badge);
    }
    // Admins manage the members of every room, private ones included.
    const members = document.createElement('a');
    members.className = 'members-link';
    members.href = link.href + 'members/';
    members.textContent = texts.members;
    nameCell.append(' ', members);
    tr.append(
      nameCell,
      timeCell('created', room.created_at),
      timeCell('updated', room.updated_at),
      numberCell('message-count', room.message_count),
      numberCell('active-users', room.active_users));
    return tr;
  }

  function show(data) {
    document.getElementById('open-connections').textContent = String(data.websocket_connections);
    const duration = document.getElementById('average-connection-duration');
    duration.dataset.seconds = String(data.avg_connection_duration);
    duration.textContent = formatDuration(data.avg_connection_duration);
    document.getElementById('total-rooms').textContent = String(data.total_rooms);
    document.getElementById('total-messages').textContent = String(data.total_messages);
    roomRows.replaceChildren(...data.rooms.map(roomRow));
    noRooms.classList.toggle('hidden', data.rooms.length > 0);
  }

  async function refresh() {
    try {
      const response = await fetch(url, {
        cache: 'no-store', credentials: 'same-origin', redirect: 'error' });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      show(await response.json());
      const now = new Date().toLocaleTimeString(window.RoomChat.lang);
      status.textContent = format(texts.updated, now);
      status.classList.remove('error');
    } catch (e) {
      // A logged-out session is redirected to the login page, which fetch reports as an error.
      status.textContent = format(texts.failed, e.message);
      status.classList.add('error');
    }
  }

  // Deleting a room cannot be undone: each such form asks first.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', event => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  }

  setInterval(refresh, REFRESH_MS);
})();
