// The admin dashboard: re-reads the numbers every few seconds. Text is set with textContent only.
(function () {
  'use strict';
  const REFRESH_MS = 5000;
  const dashboard = document.getElementById('dashboard');
  const url = dashboard.dataset.metricsUrl;
  const status = document.getElementById('dashboard-status');
  const roomRows = document.getElementById('admin-rooms');
  const noRooms = document.getElementById('no-admin-rooms');
  const roomBase = url.replace(/admin\/metrics\.json$/, 'chat/');

  function formatDuration(seconds) {
    const whole = Math.floor(seconds);
    if (whole < 60) {
      return seconds.toFixed(1) + ' s';
    }
    if (whole < 3600) {
      return Math.floor(whole / 60) + ' min ' + String(whole % 60).padStart(2, '0') + ' s';
    }
    return Math.floor(whole / 3600) + ' h ' + String(Math.floor((whole % 3600) / 60)).padStart(2, '0') + ' min';
  }

  function localTime(element) {
    const iso = element.getAttribute('datetime');
    if (iso) {
      element.textContent = new Date(iso).toLocaleString();
    }
  }

  function timeCell(className, iso) {
    const td = document.createElement('td');
    const time = document.createElement('time');
    time.className = className;
    time.setAttribute('datetime', iso);
    localTime(time);
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
      const response = await fetch(url, { cache: 'no-store', credentials: 'same-origin', redirect: 'error' });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      show(await response.json());
      status.textContent = 'Updated ' + new Date().toLocaleTimeString() + ' (connections on this server node).';
      status.classList.remove('error');
    } catch (e) {
      // A logged-out session is redirected to the login page, which fetch reports as an error.
      status.textContent = 'Could not refresh the numbers (' + e.message + '). Reload the page to log in again.';
      status.classList.add('error');
    }
  }

  roomRows.querySelectorAll('time').forEach(localTime);
  setInterval(refresh, REFRESH_MS);
})();
