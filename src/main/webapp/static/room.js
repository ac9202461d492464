// The room page's client. Message text is always set with textContent, never parsed as HTML.
(function () {
  'use strict';
  const { format, json, localizeTime } = window.RoomChat;
  // The room's name, or in a conversation the other user's; the socket's path says which.
  const roomName = json('room-name');
  const socketPath = json('socket-path');
  const userName = json('user-name');
  const texts = json('room-texts');
  const loginUrl = json('login-url');
  const chatLog = document.getElementById('chat-log');
  const input = document.getElementById('chat-message-input');
  const submit = document.getElementById('chat-message-submit');
  const typingIndicator = document.getElementById('typing-indicator');
  const onlineUsers = document.getElementById('online-users');
  const onlineCount = document.getElementById('online-count');
  // In a room, each other user online gets a link to a conversation with them.
  const messageLinks = onlineUsers.dataset.messageLinks === 'true';
  const status = document.getElementById('connection-status');
  // The room's owner, its moderators and admins may delete what others wrote (never in a
  // conversation); everyone may edit and delete their own messages. The server decides each time.
  const deletesOthers = chatLog.dataset.deletesOthers === 'true';

  // Reconnect delays: doubling from about a second up to 15 s, with jitter so that a restarted
  // server is not hit by every page at the same instant.
  const RETRY_FIRST_MS = 1000;
  const RETRY_MAX_MS = 15000;
  // Logged out, the page tries now and then: a login in another tab lets it in again.
  const LOGGED_OUT_RETRY_MS = 4000;
  const TYPING_IDLE_MS = 1500;
  const JOIN_TIMEOUT_MS = 10000;
  const RECONNECTED_NOTE_MS = 4000;
  // Reading is told to the server at most this often: each read moves the reader's marker.
  const READ_EVERY_MS = 1000;

  const seenIds = new Set();
  let lastMessageId = Number(chatLog.dataset.lastMessageId || 0);
  let socket = null;
  let failures = 0;
  let everConnected = false;
  let loggedOut = false;
  let refused = false;
  let leaving = false;
  let retryTimer = null;
  let countdownTimer = null;
  let statusTimer = null;
  let isTyping = false;
  let typingTimer = null;
  let unread = 0;
  let readSent = 0;
  let readTimer = null;
  // The id of the message whose text the input holds for editing, or 0 when it holds a new one.
  let editingId = 0;
  let draft = '';
  const baseTitle = document.title;
  const typers = new Set();
  // Who was online as the page was made; the first name in each item (the reader's has a mark).
  const online = new Set(
    [...onlineUsers.querySelectorAll('li')].map(li => li.firstChild.textContent.trim()));

  for (const message of chatLog.querySelectorAll('.message')) {
    seenIds.add(Number(message.dataset.messageId));
  }
  for (const time of chatLog.querySelectorAll('time.time')) {
    time.dataset.style = 'message';
    localizeTime(time);
  }
  for (const message of chatLog.querySelectorAll('.message[data-mentions]')) {
    const names = message.dataset.mentions.split(' ').filter(Boolean);
    markMentions(message.querySelector('.text'), names);
  }
  for (const message of chatLog.querySelectorAll('.message')) {
    addActions(message);
  }
  scrollToEnd();

  // --- connection ------------------------------------------------------------------------------

  function connect() {
    clearTimeout(retryTimer);
    clearInterval(countdownTimer);
    if (socket || refused) {
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    // ?after= asks the server for the stored messages this page has not seen yet.
    const path = socketPath || '/ws/chat/' + encodeURIComponent(roomName) + '/';
    const url = scheme + location.host + path + (lastMessageId > 0 ? '?after=' + lastMessageId : '');
    const ws = new WebSocket(url);
    let opened = false;
    let joined = false;
    let joinTimer = null;
    socket = ws;
    ws.onopen = function () {
      opened = true;
      // The server sends the room's presence right after it has joined the socket to the room;
      // a socket that stays silent was never joined, so it is replaced.
      joinTimer = setTimeout(function () {
        if (!joined) {
          ws.close(4000, 'No presence');
        }
      }, JOIN_TIMEOUT_MS);
    };
    ws.onmessage = function (e) {
      const data = JSON.parse(e.data);
      if (!joined && data.type === 'presence') {
        joined = true;
        clearTimeout(joinTimer);
        inRoom();
      }
      receive(data);
    };
    ws.onclose = function (e) {
      clearTimeout(joinTimer);
      if (socket !== ws) {
        return;
      }
      socket = null;
      isTyping = false;
      if (leaving) {
        return;
      }
      document.body.classList.add('offline');
      // Whoever was typing is unknown until the next connection says so.
      typers.clear();
      renderTypers();
      if (e.code === 4003) {
        refused = true;
        showStatus(texts.forbidden, 'is-error');
        return;
      }
      failures += 1;
      // A refused handshake (never opened) or a login-related close may mean the session ended.
      if (!opened || e.code === 4001 || e.code === 1008) {
        checkLogin().then(scheduleRetry);
      } else {
        scheduleRetry();
      }
    };
  }

  /** The socket has joined the room: any missed messages came first, live ones follow. */
  function inRoom() {
    markRead();
    const wasDown = everConnected;
    everConnected = true;
    failures = 0;
    loggedOut = false;
    document.body.classList.remove('offline');
    if (wasDown) {
      showStatus(texts.reconnected, 'is-online');
      statusTimer = setTimeout(clearStatus, RECONNECTED_NOTE_MS);
    } else {
      clearStatus();
    }
  }

  /** Whether the session still holds a login: the room page redirects to login when it does not. */
  async function checkLogin() {
    try {
      const response = await fetch(location.pathname, {
        method: 'HEAD', redirect: 'manual', cache: 'no-store', credentials: 'same-origin' });
      loggedOut = response.type === 'opaqueredirect';
    } catch (unreachable) {
      loggedOut = false; // the server is down: retry as for any dropped connection
    }
  }

  function scheduleRetry() {
    if (socket || refused) {
      return;
    }
    if (loggedOut) {
      showLoggedOut();
      retryTimer = setTimeout(connect, LOGGED_OUT_RETRY_MS);
      return;
    }
    const ceiling = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(failures - 1, 10));
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    const due = Date.now() + delay;
    const tick = function () {
      const seconds = Math.ceil((due - Date.now()) / 1000);
      showStatus(seconds > 0 ? format(texts.offline, seconds) : texts.reconnecting, 'is-offline');
    };
    tick();
    countdownTimer = setInterval(tick, 1000);
    retryTimer = setTimeout(connect, delay);
  }

  /** Skips the wait when the reader comes back or the network returns. */
  function reconnectNow() {
    if (!socket && !refused && !leaving) {
      connect();
    }
  }

  // --- frames ----------------------------------------------------------------------------------

  function receive(data) {
    switch (data.type) {
      case 'message':
        addMessage(data);
        break;
      case 'user_join':
        online.add(data.username);
        renderOnline();
        if (data.username !== userName) {
          notice(format(texts.joined, data.username));
        }
        break;
      case 'user_leave':
        online.delete(data.username);
        renderOnline();
        setTyping(data.username, false);
        if (data.username !== userName) {
          notice(format(texts.left, data.username));
        }
        break;
      case 'member_added':
        notice(format(texts.memberAdded, data.username));
        break;
      case 'member_removed':
        if (data.username !== userName) {
          notice(format(texts.memberRemoved, data.username));
        }
        break;
      case 'presence':
        online.clear();
        data.users.forEach(u => online.add(u));
        renderOnline();
        break;
      case 'typing':
        setTyping(data.username, data.is_typing === true);
        break;
      case 'message_edited':
        showEdited(data);
        break;
      case 'message_deleted':
        showDeleted(Number(data.message_id));
        break;
      case 'error':
        notice(format(texts.error, texts['error.' + data.code] || data.message), 'error');
        break;
      default:
        break; // servers may add frame types (the contract allows it); this page skips them
    }
  }

  function addMessage(data) {
    const id = Number(data.message_id);
    if (seenIds.has(id)) {
      return; // already on the page, from the server-rendered history or before a reconnect
    }
    seenIds.add(id);
    lastMessageId = Math.max(lastMessageId, id);
    if (data.truncated) {
      notice(texts.truncated, 'error');
    }
    setTyping(data.username, false);
    const mine = data.username === userName;
    const div = document.createElement('div');
    div.className = mine ? 'message mine' : 'message';
    div.dataset.messageId = String(id);
    const meta = document.createElement('div');
    meta.className = 'message-meta';
    const who = document.createElement('strong');
    who.className = 'username';
    who.textContent = data.username;
    const time = document.createElement('time');
    time.className = 'time';
    time.dataset.style = 'message';
    time.setAttribute('datetime', data.timestamp);
    localizeTime(time);
    meta.append(who, ' ', time);
    if (data.edited_at && !data.deleted) {
      meta.append(' ', editedMark());
    }
    const text = document.createElement('div');
    text.className = 'text';
    text.textContent = data.deleted ? texts.deleted : data.message;
    if (data.deleted) {
      div.classList.add('deleted');
    }
    const mentioned = Array.isArray(data.mentions) ? data.mentions : [];
    if (mentioned.length > 0) {
      div.dataset.mentions = mentioned.join(' ');
      markMentions(text, mentioned);
      if (mentioned.includes(userName)) {
        div.classList.add('mentions-me');
      }
    }
    div.append(meta, text);
    addActions(div);
    append(div, mine);
    if (document.hidden && !mine) {
      unread += 1;
      document.title = '(' + unread + ') ' + baseTitle;
      if (mentioned.includes(userName)) {
        notifyMention(data);
      }
    }
    markRead();
  }

  // --- editing and deleting ------------------------------------------------------------------

  function messageElement(id) {
    return chatLog.querySelector('.message[data-message-id="' + Number(id) + '"]');
  }

  function editedMark() {
    const mark = document.createElement('span');
    mark.className = 'edited';
    mark.textContent = texts.edited;
    return mark;
  }

  function isMine(message) {
    return message.classList.contains('mine');
  }

  /** Buttons on a message the reader may change: one's own, and with the right, others'. */
  function addActions(message) {
    if (message.classList.contains('deleted') || message.querySelector('.message-actions')) {
      return;
    }
    const mine = isMine(message);
    if (!mine && !deletesOthers) {
      return;
    }
    const actions = document.createElement('span');
    actions.className = 'message-actions';
    if (mine) {
      actions.append(actionButton('edit-message', texts.edit, texts.editMessage,
          () => startEdit(message)));
    }
    actions.append(actionButton('delete-message', texts.delete, texts.deleteMessage,
        () => send({ type: 'delete', message_id: Number(message.dataset.messageId) })
            || notice(texts.notSent, 'error')));
    message.querySelector('.message-meta').append(' ', actions);
  }

  function actionButton(className, label, title, action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button ' + className;
    button.textContent = label;
    button.title = title;
    button.setAttribute('aria-label', title);
    button.addEventListener('click', action);
    return button;
  }

  /** Puts the message's text in the input: Enter saves it as an edit, Escape gives the draft back. */
  function startEdit(message) {
    if (!editingId) {
      draft = input.value;
    }
    editingId = Number(message.dataset.messageId);
    input.value = message.querySelector('.text').textContent;
    input.classList.add('editing');
    input.setAttribute('aria-description', texts.editing);
    submit.textContent = texts.save;
    showStatus(texts.editing, 'is-editing');
    input.focus();
  }

  function stopEdit() {
    if (!editingId) {
      return;
    }
    editingId = 0;
    input.value = draft;
    draft = '';
    input.classList.remove('editing');
    input.removeAttribute('aria-description');
    submit.textContent = submitLabel;
    if (status.classList.contains('is-editing')) {
      clearStatus();
    }
  }

  /** The reader's newest message that can still be edited, for the Up key. */
  function lastOwnMessage() {
    const own = chatLog.querySelectorAll('.message.mine:not(.deleted)');
    return own.length > 0 ? own[own.length - 1] : null;
  }

  function showEdited(data) {
    const message = messageElement(data.message_id);
    if (!message || message.classList.contains('deleted')) {
      return;
    }
    const text = message.querySelector('.text');
    text.textContent = data.message;
    const names = (message.dataset.mentions || '').split(' ').filter(Boolean);
    markMentions(text, names);
    if (!message.querySelector('.edited')) {
      message.querySelector('.time').after(' ', editedMark());
    }
  }

  function showDeleted(id) {
    const message = messageElement(id);
    if (!message) {
      return;
    }
    if (editingId === id) {
      stopEdit();
    }
    message.classList.add('deleted');
    message.classList.remove('mentions-me');
    delete message.dataset.mentions;
    message.querySelector('.text').textContent = texts.deleted;
    for (const gone of message.querySelectorAll('.edited, .message-actions')) {
      gone.remove();
    }
  }

  // --- mentions --------------------------------------------------------------------------------

  /** Names compared as the server compares usernames: NFKC, without regard to case. */
  function nameKey(name) {
    return name.normalize('NFKC').toLowerCase();
  }

  /**
   * Wraps each @name of the text that names one of the mentioned users in a span, as the server
   * reads mentions: an @ at the start or after a character that is not a letter or digit; a name
   * ending in punctuation may mean the name without it.
   */
  function markMentions(element, names) {
    if (!element || names.length === 0) {
      return;
    }
    const keys = new Set(names.map(nameKey));
    const text = element.textContent;
    const pieces = [];
    let from = 0;
    const at = /@([\p{L}\p{N}\p{M}\p{Pc}.@+-]+)/gu;
    let match;
    while ((match = at.exec(text)) !== null) {
      const before = text.slice(0, match.index);
      if (/[\p{L}\p{N}\p{M}]$/u.test(before)) {
        at.lastIndex = match.index + 1;
        continue;
      }
      let name = match[1];
      while (name && !keys.has(nameKey(name))) {
        const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('@'),
            name.lastIndexOf('+'), name.lastIndexOf('-'));
        name = cut > 0 ? name.slice(0, cut) : '';
      }
      if (!name) {
        at.lastIndex = match.index + 1;
        continue;
      }
      pieces.push(text.slice(from, match.index));
      const span = document.createElement('span');
      span.className = nameKey(name) === nameKey(userName) ? 'mention me' : 'mention';
      span.textContent = '@' + name;
      pieces.push(span);
      from = match.index + 1 + name.length;
      at.lastIndex = from;
    }
    if (pieces.length > 0) {
      pieces.push(text.slice(from));
      element.replaceChildren(...pieces);
    }
  }

  /** A notification for a mention while the tab is hidden, if the reader allowed them. */
  function notifyMention(data) {
    if (!('Notification' in window) || Notification.permission !== 'granted') {
      return;
    }
    try {
      new Notification(format(texts.mentionedYou, data.username, roomName), {
        body: data.message.slice(0, 100), tag: 'room:' + roomName });
    } catch (unsupported) {
      // Some browsers allow notifications only from a service worker.
    }
  }

  // --- reading ---------------------------------------------------------------------------------

  /**
   * Tells the server the reader has read up to the newest message shown, while the page is seen:
   * the reader's marker moves there and the room's unread count clears on every device.
   */
  function markRead() {
    if (document.hidden || lastMessageId <= readSent || readTimer) {
      return;
    }
    readTimer = setTimeout(function () {
      readTimer = null;
      if (!document.hidden && lastMessageId > readSent
          && send({ type: 'read', message_id: lastMessageId })) {
        readSent = lastMessageId;
      }
    }, READ_EVERY_MS);
  }

  // --- rendering -------------------------------------------------------------------------------

  function notice(text, kind) {
    const div = document.createElement('div');
    div.className = kind ? 'notice ' + kind : 'notice';
    div.textContent = text;
    append(div, false);
  }

  function append(node, forceScroll) {
    const atBottom = chatLog.scrollHeight - chatLog.scrollTop - chatLog.clientHeight < 60;
    const empty = document.getElementById('empty-log');
    if (empty) {
      empty.remove();
    }
    chatLog.appendChild(node);
    if (atBottom || forceScroll) {
      scrollToEnd();
    }
  }

  function scrollToEnd() {
    chatLog.scrollTop = chatLog.scrollHeight;
  }

  function renderOnline() {
    const users = [...online].sort();
    onlineUsers.replaceChildren(...users.map(u => {
      const li = document.createElement('li');
      li.textContent = u;
      if (u === userName) {
        li.className = 'me';
        const you = document.createElement('span');
        you.className = 'you';
        you.textContent = texts.you;
        li.append(' ', you);
      } else if (messageLinks) {
        const link = document.createElement('a');
        link.className = 'dm-link';
        link.href = '/dm/' + encodeURIComponent(u) + '/';
        link.textContent = texts.sendMessage;
        li.append(' ', link);
      }
      return li;
    }));
    onlineCount.textContent = String(users.length);
  }

  function setTyping(user, typing) {
    if (user === userName) {
      return;
    }
    if (typing) {
      typers.add(user);
    } else {
      typers.delete(user);
    }
    renderTypers();
  }

  function renderTypers() {
    const names = [...typers].sort();
    let text = '';
    if (names.length === 1) {
      text = format(texts.typingOne, names[0]);
    } else if (names.length === 2) {
      text = format(texts.typingTwo, names[0], names[1]);
    } else if (names.length > 2) {
      text = texts.typingMany;
    }
    typingIndicator.textContent = text;
  }

  function showStatus(text, kind) {
    clearTimeout(statusTimer);
    status.className = 'status ' + kind;
    status.textContent = text;
  }

  function showLoggedOut() {
    if (document.getElementById('login-again')) {
      return; // already said: each retry leaves the same link in place for the reader
    }
    showStatus(texts.loggedOut + ' ', 'is-error');
    const link = document.createElement('a');
    link.href = loginUrl;
    link.id = 'login-again';
    link.textContent = texts.logIn;
    status.appendChild(link);
  }

  function clearStatus() {
    clearTimeout(statusTimer);
    status.className = 'status';
    status.textContent = '';
  }

  // --- sending ---------------------------------------------------------------------------------

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function sendMessage() {
    const message = input.value.trim();
    if (editingId) {
      if (!message) {
        input.focus();
        return; // an empty edit is no edit: Escape cancels, the delete button deletes
      }
      if (send({ type: 'edit', message_id: editingId, message: message })) {
        stopEdit();
      } else {
        notice(texts.notSent, 'error');
      }
      input.focus();
      return;
    }
    if (message) {
      if (send({ type: 'message', message: message })) {
        input.value = '';
        stopTyping();
      } else {
        notice(texts.notSent, 'error');
      }
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

  const submitLabel = submit.textContent;
  submit.addEventListener('click', sendMessage);
  input.addEventListener('keydown', function (e) {
    // Enter that confirms a Korean (IME) composition is not a send.
    if (e.key === 'Enter' && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sendMessage();
    } else if (e.key === 'Escape' && editingId) {
      e.preventDefault();
      stopEdit();
    } else if (e.key === 'ArrowUp' && !editingId && !input.value && !e.isComposing) {
      const last = lastOwnMessage();
      if (last) {
        e.preventDefault();
        startEdit(last);
      }
    }
  });
  input.addEventListener('input', function () {
    if (editingId) {
      return; // an edit is not news to type about
    }
    if (!input.value.trim()) {
      stopTyping();
      return;
    }
    if (!isTyping) {
      isTyping = send({ type: 'typing', is_typing: true });
    }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
  });

  window.addEventListener('online', reconnectNow);
  window.addEventListener('focus', reconnectNow);
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) {
      unread = 0;
      document.title = baseTitle;
      reconnectNow();
      markRead();
    }
  });
  // Leaving the page closes its socket at once: a page kept in the back/forward cache would
  // otherwise stay in the room. Coming back to it reconnects and catches up.
  window.addEventListener('pagehide', function () {
    leaving = true;
    clearTimeout(retryTimer);
    clearInterval(countdownTimer);
    if (socket) {
      const closing = socket;
      socket = null;
      closing.close(1000);
    }
  });
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) {
      leaving = false;
      reconnectNow();
    }
  });

  renderOnline();
  connect();
  input.focus();
})();
