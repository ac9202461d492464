// Shared by every page: times in the reader's own zone and language, and the page texts that
// views hand to their scripts. Loaded in the head; page scripts run after it.
(function () {
  'use strict';
  const lang = document.documentElement.lang || undefined;
  const STYLES = {
    time: { hour: 'numeric', minute: '2-digit' },
    datetime: { dateStyle: 'medium', timeStyle: 'short' },
    full: { dateStyle: 'full', timeStyle: 'medium' },
  };

  function formatDate(date, style) {
    try {
      return new Intl.DateTimeFormat(lang, STYLES[style]).format(date);
    } catch (unknownLanguage) {
      return new Intl.DateTimeFormat(undefined, STYLES[style]).format(date);
    }
  }

  function isToday(date) {
    return date.toDateString() === new Date().toDateString();
  }

  /**
   * Rewrites a <time datetime="..."> element in the reader's zone. Style "message" shows the time
   * of day for today and adds the date for older days; the full date is in the tooltip.
   */
  function localizeTime(element) {
    const date = new Date(element.getAttribute('datetime'));
    if (isNaN(date.getTime())) {
      return;
    }
    let style = element.dataset.style || 'datetime';
    if (style === 'message') {
      style = isToday(date) ? 'time' : 'datetime';
    }
    element.textContent = formatDate(date, style);
    element.title = formatDate(date, 'full');
  }

  /** Fills a MessageFormat-style pattern: {0}, {1}... are arguments, '' is one apostrophe. */
  function format(pattern, ...args) {
    return String(pattern)
      .replace(/\{(\d+)\}/g, (whole, index) => (index < args.length ? String(args[index]) : whole))
      .replace(/''/g, "'");
  }

  /** The JSON a view put in <script type="application/json" id="...">, or {} without one. */
  function json(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : {};
  }

  window.RoomChat = { lang, localizeTime, format, json };

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('time.local-time').forEach(localizeTime);
  });
})();
