// The playground page: a Slack-like view of one channel. It renders what the Slack emulator holds and sends what
// you do (slash commands, button clicks, modal submissions) to the page's backend, which signs it as Slack does.
(function () {
  'use strict';
  var POLL_MS = 700;
  var M = window.Mrkdwn;
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

  function renderMessage(m, opts) {
    var inThread = !!(opts && opts.inThread);
    var bot = m.user === state.config.bot.id;
    var author = bot ? state.config.bot.name : state.users[m.user] ? state.users[m.user].realName : m.user;
    var row = document.createElement('div');
    row.className = 'msg' + (m.ephemeral ? ' ephemeral' : '') + (m.kind === 'command-echo' ? ' echo' : '');
    row.setAttribute('data-testid', 'message');
    row.setAttribute('data-ts', m.ts);
    row.setAttribute('data-ephemeral', String(m.ephemeral));
    row.setAttribute('data-user', m.user);
    var avatar = document.createElement('div');
    avatar.className = 'avatar' + (bot ? ' bot' : '');
    avatar.textContent = initials(author);
    var main = document.createElement('div');
    var head = document.createElement('div');
    head.className = 'msg-head';
    head.innerHTML =
      M.escapeHtml(author) +
      (bot ? ' <span class="tag">APP</span>' : '') +
      '<span class="time">' +
      M.escapeHtml(timeOf(m.ts)) +
      '</span>' +
      (m.edited ? '<span class="tag">(edited)</span>' : '') +
      (m.ephemeral ? '<span class="tag">Only visible to you</span>' : '');
    main.appendChild(head);
    var body;
    var blocksCtx = {
      users: state.users,
      channels: state.channels,
      me: state.user,
      onButton: function (button, el) {
        click(m, button, el);
      },
    };
    if (m.blocks && m.blocks.length) {
      body = window.BlockKit.renderBlocks(m.blocks, blocksCtx);
    } else {
      body = document.createElement('div');
      body.innerHTML = m.kind === 'command-echo' ? M.escapeHtml(m.text) : M.mrkdwnToHtml(m.text, names());
    }
    body.classList.add('msg-body');
    main.appendChild(body);
    window.Conversations.decorate(main, m, {
      inThread: inThread,
      blocksCtx: { users: state.users, channels: state.channels, me: state.user, onButton: function () {} },
      parentOf: function (ts) {
        return state.channelMessages.filter(function (x) {
          return x.ts === ts;
        })[0];
      },
      openThread: openThread,
    });
    row.appendChild(avatar);
    row.appendChild(main);
    return row;
  }

  // Like Slack: the newest message stays in view while you are at the bottom; scrolled up to read, you stay
  // where you are and a "New messages" button offers the way down.
  var NEAR_BOTTOM_PX = 80;

  function atBottom(box) {
    return box.scrollHeight - box.scrollTop - box.clientHeight < NEAR_BOTTOM_PX;
  }

  function scrollToLatest() {
    var box = $('messages');
    box.scrollTop = box.scrollHeight;
    $('jump-latest').hidden = true;
  }

  /** Replaces a list's messages (or says, when there are none, what would put some there). */
  function fillList(box, list, whenEmpty) {
    box.innerHTML = '';
    if (list.length === 0) {
      var empty = document.createElement('div');
      empty.className = 'muted';
      empty.style.padding = '18px';
      empty.textContent = whenEmpty;
      box.appendChild(empty);
    }
    list.forEach(function (m) {
      box.appendChild(renderMessage(m));
    });
  }

  function renderMessages(list) {
    var box = $('messages');
    var follow = state.follow !== false || state.justSent;
    var kept = box.scrollTop;
    var before = box.querySelectorAll('[data-testid=message]').length;
    fillList(box, list, 'No messages yet. Type /model help below, or click one of the examples on the left.');
    if (follow) {
      scrollToLatest();
      state.follow = true;
    } else {
      box.scrollTop = kept;
      if (list.length > before) $('jump-latest').hidden = false;
    }
    state.justSent = false;
  }

  // The thread pane (right-hand side, over the Notion panel): the parent, then its replies.
  function openThread(ts) {
    state.threadTs = ts;
    state.lastThread = '';
    renderThread();
  }

  function closeThread() {
    state.threadTs = null;
    $('thread-messages').innerHTML = '';
    $('thread-pane').hidden = true;
    $('side-panel').hidden = false;
  }

  function renderThread() {
    if (!state.threadTs) return;
    var parent = state.channelMessages.filter(function (x) {
      return x.ts === state.threadTs;
    })[0];
    var replies = state.threads[state.threadTs] || [];
    var key = JSON.stringify([parent, replies, state.user]);
    $('thread-pane').hidden = false;
    $('side-panel').hidden = true;
    if (key === state.lastThread) return;
    state.lastThread = key;
    var box = $('thread-messages');
    box.innerHTML = '';
    if (parent) box.appendChild(renderMessage(parent, { inThread: true }));
    var count = document.createElement('div');
    count.className = 'muted small';
    count.style.padding = '4px';
    count.textContent = replies.length + (replies.length === 1 ? ' reply' : ' replies');
    box.appendChild(count);
    replies.forEach(function (r) {
      box.appendChild(renderMessage(r, { inThread: true }));
    });
    $('thread-where').textContent = '# ' + state.config.channel.name;
  }

  // The app's direct messages with the person acting (Slack: the app's Messages tab), and the unread badge.
  function renderDirect(list) {
    var seen = state.dmSeen[state.user] || '0';
    if (state.view === 'dm' && list.length) seen = state.dmSeen[state.user] = list[list.length - 1].ts;
    var unread = list.filter(function (m) {
      return Number(m.ts) > Number(seen);
    }).length;
    $('dm-unread').hidden = unread === 0;
    $('dm-unread').textContent = String(unread);
    // Drawn only while open: the channel's message list is the only one on the page otherwise.
    var key = state.view === 'dm' ? JSON.stringify([list, state.user]) : 'closed';
    if (key === state.lastDirect) return;
    state.lastDirect = key;
    var box = $('direct');
    box.innerHTML = '';
    if (state.view !== 'dm') return;
    fillList(box, list, 'No direct messages from modelsync yet: it writes to you here when your request is approved, rejected or expires.');
    box.scrollTop = box.scrollHeight;
  }

  function link(url, label) {
    if (!url) return '';
    return '<a href="' + M.escapeHtml(url) + '" target="_blank" rel="noopener">' + M.escapeHtml(label) + '</a>';
  }

  function renderRows(rows) {
    var body = $('notion-rows');
    body.innerHTML = '';
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-testid', 'notion-row');
      tr.setAttribute('data-model', r.model);
      tr.setAttribute('data-version', r.version);
      tr.setAttribute('data-stage', r.stage);
      tr.innerHTML =
        '<td>' +
        link(r.url, r.model) +
        '</td><td>' +
        M.escapeHtml(r.version) +
        '</td>' +
        '<td><span class="stage stage-' +
        M.escapeHtml(r.stage) +
        '" data-testid="notion-stage">' +
        M.escapeHtml(r.stage) +
        '</span></td>' +
        '<td>' +
        [link(r.mlflowUrl, 'MLflow'), link(r.zenmlUrl, 'ZenML')].filter(Boolean).join(' · ') +
        '</td>';
      body.appendChild(tr);
    });
    if (rows.length === 0) body.innerHTML = '<tr><td colspan="4" class="muted">No pages yet: the first sync creates them.</td></tr>';
  }

  function showModal(modal) {
    if (!modal) {
      if (state.modalId) {
        $('modal-backdrop').hidden = true;
        state.modalId = null;
      }
      return;
    }
    // Re-drawn when the app updates it (views.update, response_action update): same id, new hash.
    if (state.modalId === modal.id && state.modalHash === modal.hash) return;
    state.modalId = modal.id;
    state.modalHash = modal.hash;
    var v = modal.view;
    $('modal-title').innerHTML = M.plainToHtml(v.title ? v.title.text : '');
    $('modal-submit').textContent = v.submit ? v.submit.text : 'Submit';
    $('modal-submit').hidden = !v.submit;
    $('modal-cancel').textContent = v.close ? v.close.text : 'Cancel';
    var body = $('modal-body');
    body.innerHTML = '';
    body.appendChild(window.BlockKit.renderBlocks(v.blocks, viewContext(modal.id)));
    $('modal-backdrop').hidden = false;
    var first = body.querySelector('.bk-input-field');
    if (first) first.focus();
  }

  // What a view's elements do: type-ahead asks the app (block_suggestion), a dispatched select or a button sends
  // block_actions from the view, as Slack does.
  function viewContext(viewId) {
    return {
      users: state.users,
      me: state.user,
      onSuggest: function (block, e, typed) {
        return api('POST', '/api/suggest', { user: state.user, viewId: viewId, blockId: block.block_id, actionId: e.action_id, value: typed }).then(
          function (r) {
            return r.options || [];
          },
        );
      },
      onSelect: function (block, e, option) {
        var values = window.BlockKit.inputValues($('modal-body'));
        api('POST', '/api/view-action', {
          user: state.user,
          viewId: viewId,
          blockId: block.block_id,
          actionId: e.action_id,
          element: { type: e.type, selected_option: option },
          values: values,
        }).catch(function (err) {
          status(err.message, true);
        });
      },
      onButton: function (button, el) {
        el.disabled = true;
        status('Clicked ' + button.label + ' as ' + me().realName + '…');
        api('POST', '/api/view-action', {
          user: state.user,
          viewId: viewId,
          blockId: button.blockId,
          actionId: button.actionId,
          element: { type: 'button', value: button.value, text: { type: 'plain_text', text: button.label } },
        })
          .then(function () {
            status('Clicked ' + button.label + ' as ' + me().realName + '.');
          })
          .catch(function (err) {
            status(err.message, true);
          });
      },
    };
  }

  function showHome(home) {
    var box = $('home');
    if (!home) {
      if (!state.homeHash) box.innerHTML = '<div class="muted">Opening the Home tab…</div>';
      return;
    }
    if (state.homeHash === home.hash) return;
    state.homeHash = home.hash;
    box.innerHTML = '';
    box.appendChild(window.BlockKit.renderBlocks(home.view.blocks, viewContext(home.id)));
  }

  // Which conversation the middle column shows: the channel, the app's Home tab, or its direct messages.
  function show(view) {
    state.view = view;
    state.home = view === 'home';
    state.homeHash = null;
    $('home').hidden = view !== 'home';
    $('direct').hidden = view !== 'dm';
    $('messages').hidden = view !== 'channel';
    $('composer').hidden = view !== 'channel';
    $('home-link').classList.toggle('active', view === 'home');
    $('dm-link').classList.toggle('active', view === 'dm');
    $('channel-name').classList.toggle('active', view === 'channel');
    $('channel-title').textContent = view === 'channel' ? '# ' + state.config.channel.name : view === 'home' ? 'modelsync · Home' : 'modelsync · Messages';
    $('channel-topic').hidden = view !== 'channel';
    state.lastDirect = '';
    if (view === 'home')
      api('POST', '/api/home-opened', { user: state.user }).then(poll, function (e) {
        status(e.message, true);
      });
    else poll();
  }

  function openHome(on) {
    show(on ? 'home' : 'channel');
  }

  function poll() {
    if (!state.user) return Promise.resolve();
    if (state.home) {
      api('GET', '/api/home?user=' + encodeURIComponent(state.user)).then(function (r) {
        showHome(r.home);
      });
    }
    return Promise.all([api('GET', '/api/messages?user=' + encodeURIComponent(state.user)), api('GET', '/api/notion')])
      .then(function (both) {
        var msgs = both[0];
        state.threads = msgs.threads || {};
        var key = JSON.stringify([msgs.messages, state.user]);
        if (key !== state.lastMessages) {
          state.lastMessages = key;
          state.channelMessages = msgs.messages;
          renderMessages(msgs.messages);
        }
        renderThread();
        renderDirect(msgs.direct || []);
        showModal(msgs.modal);
        var rowsKey = JSON.stringify(both[1].rows);
        if (rowsKey !== state.lastRows) {
          state.lastRows = rowsKey;
          renderRows(both[1].rows);
        }
      })
      .catch(function (e) {
        status('Lost contact with the demo: ' + e.message + ' (is npm run demo still running?)', true);
      });
  }

  function loop() {
    poll().then(function () {
      setTimeout(loop, POLL_MS);
    });
  }

  function send(text) {
    if (!text.trim()) return;
    if (text.trim().charAt(0) !== '/') {
      say(text);
      return;
    }
    status('Sending as ' + me().realName + '…');
    state.justSent = true;
    api('POST', '/api/command', { user: state.user, text: text })
      .then(function (r) {
        status(
          r.status === 200 ? 'Sent ' + text.split(' ').slice(0, 2).join(' ') + ' as ' + me().realName + '.' : 'The app answered HTTP ' + r.status + '.',
          r.status !== 200,
        );
        return poll();
      })
      .catch(function (e) {
        status(e.message, true);
      });
  }

  // A plain message: posted to the channel; an MLflow link in it is unfurled by the app (link_shared → chat.unfurl).
  function say(text) {
    status('Sending as ' + me().realName + '…');
    state.justSent = true;
    api('POST', '/api/say', { user: state.user, text: text })
      .then(function (r) {
        status(r.linkShared ? 'Sent; the app was told of the link (link_shared) and may unfurl it.' : 'Sent as ' + me().realName + '.');
        return poll();
      })
      .catch(function (e) {
        status(e.message, true);
      });
  }

  function click(message, button, el) {
    el.disabled = true;
    status('Clicked ' + button.label + ' as ' + me().realName + '…');
    api('POST', '/api/action', {
      user: state.user,
      messageTs: message.ts,
      actionId: button.actionId,
      blockId: button.blockId,
      value: button.value,
      label: button.label,
    })
      .then(function (r) {
        status(r.status === 200 ? 'Clicked ' + button.label + ' as ' + me().realName + '.' : 'The app answered HTTP ' + r.status + '.', r.status !== 200);
        return poll();
      })
      .catch(function (e) {
        status(e.message, true);
      })
      .then(function () {
        el.disabled = false;
      });
  }

  function submitModal(ev) {
    ev.preventDefault();
    var values = window.BlockKit.inputValues($('modal-body'));
    Array.prototype.forEach.call($('modal-body').querySelectorAll('.bk-input-error'), function (e) {
      e.textContent = '';
    });
    $('modal-submit').disabled = true;
    api('POST', '/api/view', { user: state.user, viewId: state.modalId, values: values })
      .then(function (r) {
        if (r.errors) {
          Object.keys(r.errors).forEach(function (blockId) {
            var block = $('modal-body').querySelector('[data-block-id="' + CSS.escape(blockId) + '"] .bk-input-error');
            if (block) block.textContent = r.errors[blockId];
          });
          return;
        }
        // Updated in place (the answer, or "working"): the modal stays open and is re-drawn by the poll.
        if (!r.updated) $('modal-backdrop').hidden = true;
        return poll();
      })
      .catch(function (e) {
        status(e.message, true);
      })
      .then(function () {
        $('modal-submit').disabled = false;
      });
  }

  function closeModal() {
    var id = state.modalId;
    $('modal-backdrop').hidden = true;
    if (id) api('POST', '/api/view', { user: state.user, viewId: id, closed: true }).catch(function () {});
  }

  function runSync() {
    var b = $('run-sync');
    b.disabled = true;
    status('Running the scheduled sync…');
    api('POST', '/api/scheduled-sync')
      .then(function (r) {
        status(r.outcome);
        return poll();
      })
      .catch(function (e) {
        status(e.message, true);
      })
      .then(function () {
        b.disabled = false;
      });
  }

  function selectUser(id) {
    state.user = id;
    state.lastMessages = '';
    state.follow = true;
    state.modalId = null;
    state.lastThread = '';
    $('modal-backdrop').hidden = true;
    try {
      localStorage.setItem('modelsync-playground-user', id);
    } catch (e) {
      /* private mode */
    }
    $('user-role').textContent = me().role;
    $('composer-input').placeholder =
      'Message #' + state.config.channel.name + ' as ' + me().realName + ' — e.g. /model promote ' + state.config.model + ' 5 production';
    if (state.view !== 'channel') show(state.view);
    poll();
  }

  function init(config) {
    state.config = config;
    config.users.forEach(function (u) {
      state.users[u.id] = u;
    });
    state.channels[config.channel.id] = config.channel;
    state.users[config.bot.id] = { id: config.bot.id, name: config.bot.name, realName: config.bot.name };
    var sw = $('user-switch');
    config.users.forEach(function (u) {
      var o = document.createElement('option');
      o.value = u.id;
      o.textContent = u.realName + ' (@' + u.name + ')';
      sw.appendChild(o);
    });
    var saved = null;
    try {
      saved = localStorage.getItem('modelsync-playground-user');
    } catch (e) {
      /* private mode */
    }
    var first = saved && state.users[saved] && saved !== config.bot.id ? saved : config.users[0].id;
    sw.value = first;
    sw.addEventListener('change', function () {
      selectUser(sw.value);
    });
    $('channel-name').textContent = '# ' + config.channel.name;
    $('channel-title').textContent = '# ' + config.channel.name;
    $('mlflow-link').href = config.links.mlflowUi;
    var login = config.links.zenmlLogin;
    $('zenml-line').innerHTML = config.links.zenml
      ? '<a href="' +
        M.escapeHtml(config.links.zenml) +
        '" target="_blank" rel="noopener">ZenML dashboard</a> <span class="muted">(lineage)</span>' +
        (login
          ? '<div class="muted small" data-testid="zenml-login">Log in as <code>' +
            M.escapeHtml(login.username) +
            '</code> / <code>' +
            M.escapeHtml(login.password) +
            '</code>; then the ZenML links open.</div>'
          : '')
      : '<span class="muted">ZenML is off: ' + M.escapeHtml(config.links.zenmlNote || 'not installed') + '</span>';
    var tries = [
      '/model help',
      '/model list',
      '/model status ' + config.model,
      '/model promote ' + config.model + ' 5 production',
      '/model promote ' + config.model + ' 2 staging',
      '/model sync',
      // A plain message with an MLflow link: the app unfurls it under the message.
      'How does ' + config.links.mlflowUi + '/versions/5 look?',
    ];
    tries.forEach(function (t) {
      var li = document.createElement('li');
      var c = document.createElement('code');
      c.textContent = t;
      c.addEventListener('click', function () {
        $('composer-input').value = t;
        $('composer-input').focus();
      });
      li.appendChild(c);
      $('tries').appendChild(li);
    });
    $('composer').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var input = $('composer-input');
      var text = input.value;
      input.value = '';
      send(text);
    });
    $('messages').addEventListener('scroll', function () {
      state.follow = atBottom($('messages'));
      if (state.follow) $('jump-latest').hidden = true;
    });
    $('jump-latest').addEventListener('click', function () {
      state.follow = true;
      scrollToLatest();
    });
    // A resized window or a re-laid-out message keeps the newest message in view while following.
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        if (state.follow !== false) scrollToLatest();
      }).observe($('messages'));
    }
    $('modal').addEventListener('submit', submitModal);
    $('home-link').addEventListener('click', function () {
      openHome(true);
    });
    $('channel-name').addEventListener('click', function () {
      openHome(false);
    });
    $('dm-link').addEventListener('click', function () {
      show('dm');
    });
    $('thread-close').addEventListener('click', closeThread);
    $('modal-cancel').addEventListener('click', closeModal);
    $('run-sync').addEventListener('click', runSync);
    selectUser(first);
    loop();
  }

  api('GET', '/api/config')
    .then(init)
    .catch(function (e) {
      status('Could not load the playground: ' + e.message, true);
    });
})();
