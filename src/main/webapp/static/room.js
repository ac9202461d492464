// The room page's client. Message text is always set with textContent, never parsed as HTML.
(function () {
  'use strict';
  const roomName = JSON.parse(document.getElementById('room-name').textContent);
  const userName = JSON.parse(document.getElementById('user-name').textContent);
  const chatLog = document.getElementById('chat-log');
  const input = document.getElementById('chat-message-input');
  const submit = document.getElementById('chat-message-submit');
  const typingIndicator = document.getElementById('typing-indicator');
  const onlineUsers = document.getElementById('online-users');
  const status = document.getElementById('connection-status');

  let lastMessageId = Number(chatLog.dataset.lastMessageId || 0);
  let socket = null;
  let retryDelay = 500;
  let isTyping = false;
  let typingTimer = null;
  const typers = new Map();
  const online = new Set();

  for (const time of chatLog.querySelectorAll('time.time')) {
    time.textContent = new Date(time.getAttribute('datetime')).toLocaleTimeString();
  }
  chatLog.scrollTop = chatLog.scrollHeight;

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const url = scheme + location.host + '/ws/chat/' + encodeURIComponent(roomName) + '/'
        + (lastMessageId > 0 ? '?after=' + lastMessageId : '');
    socket = new WebSocket(url);
    socket.onopen = function () {
      retryDelay = 500;
      status.textContent = '';
      status.className = 'status';
    };
    socket.onmessage = function (e) {
      const data = JSON.parse(e.data);
      switch (data.type) {
        case 'message': addMessage(data); break;
        case 'user_join': online.add(data.username); renderOnline(); notice(data.username + ' joined'); break;
        case 'user_leave': online.delete(data.username); renderOnline(); setTyping(data.username, false); notice(data.username + ' left'); break;
        case 'presence': online.clear(); data.users.forEach(u => online.add(u)); renderOnline(); break;
        case 'typing': setTyping(data.username, data.is_typing); break;
        case 'error': showError(data.message); break;
      }
    };
    socket.onclose = function (e) {
      if (e.code === 4001 || e.code === 4003) {
        showError(e.code === 4001 ? 'Please log in again.' : 'You may not enter this room.');
        return;
      }
      status.textContent = 'Connection lost. Reconnecting…';
      status.className = 'status offline';
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    };
  }

  function addMessage(data) {
    if (data.message_id <= lastMessageId) {
      return;
    }
    lastMessageId = data.message_id;
    setTyping(data.username, false);
    const div = document.createElement('div');
    div.className = 'message';
    div.dataset.messageId = data.message_id;
    const who = document.createElement('strong');
    who.className = 'username';
    who.textContent = data.username;
    const time = document.createElement('time');
    time.className = 'time';
    time.setAttribute('datetime', data.timestamp);
    time.textContent = new Date(data.timestamp).toLocaleTimeString();
    const text = document.createElement('div');
    text.className = 'text';
    text.textContent = data.message;
    div.append(who, ' ', time, text);
    append(div);
  }

  function notice(text) {
    const div = document.createElement('div');
    div.className = 'notice';
    div.textContent = text;
    append(div);
  }

  function showError(text) {
    const div = document.createElement('div');
    div.className = 'notice error';
    div.textContent = text;
    append(div);
  }

  function append(node) {
    const atBottom = chatLog.scrollHeight - chatLog.scrollTop - chatLog.clientHeight < 40;
    chatLog.appendChild(node);
    if (atBottom) {
      chatLog.scrollTop = chatLog.scrollHeight;
    }
  }

  function renderOnline() {
    onlineUsers.replaceChildren(...[...online].sort().map(u => {
      const li = document.createElement('li');
      li.textContent = u;
      return li;
    }));
  }

  function setTyping(user, typing) {
    if (user === userName) {
      return;
    }
    if (typing) {
      typers.set(user, true);
    } else {
      typers.delete(user);
    }
    typingIndicator.textContent = typers.size === 0 ? '' : [...typers.keys()].join(', ') + ' is typing…';
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function sendMessage() {
    const message = input.value.trim();
    if (message && send({ type: 'message', message: message })) {
      input.value = '';
      stopTyping();
    }
    input.focus();
  }

  function stopTyping() {
    clearTimeout(typingTimer);
    if (isTyping) {
      isTyping = false;
      send({ type: 'typing', is_typing: false });
    }
  }

  submit.addEventListener('click', sendMessage);
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.isComposing) {
      e.preventDefault();
      sendMessage();
    }
  });
  input.addEventListener('input', function () {
    if (!isTyping && input.value) {
      isTyping = send({ type: 'typing', is_typing: true });
    }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 1500);
  });

  connect();
  input.focus();
})();
