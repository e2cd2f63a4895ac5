// What every part of the playground page shares: its state (who is acting, what was last drawn), the page's backend
// (api), the status line under the composer, and small helpers. The other scripts add their parts to
// window.Playground; playground.js, loaded last, wires them to the page and starts polling.
(function () {
  'use strict';
  var state = {
    config: null,
    user: null,
    users: {},
    channels: {},
    lastMessages: '',
    lastRows: '',
    lastDirect: '',
    modalId: null,
    busy: false,
    view: 'channel',
    channelMessages: [],
    threads: {},
    threadTs: null,
    dmSeen: {},
  };

  function $(id) {
    return document.getElementById(id);
  }

  function api(method, path, body) {
    return fetch(path, {
      method: method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error(json.error || 'HTTP ' + res.status);
        return json;
      });
    });
  }

  function status(text, isError) {
    var s = $('composer-status');
    s.textContent = text;
    s.className = 'composer-status' + (isError ? ' error' : '');
  }

  function me() {
    return state.users[state.user];
  }

  function initials(name) {
    return (name || '?').charAt(0).toUpperCase();
  }

  function timeOf(ts) {
    var d = new Date(Number(ts) * 1000);
    return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }

  function names() {
    return { users: state.users, channels: state.channels, me: state.user };
  }

  window.Playground = {
    state: state,
    $: $,
    api: api,
    status: status,
    me: me,
    initials: initials,
    timeOf: timeOf,
    names: names,
  };
})();
