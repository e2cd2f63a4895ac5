// The playground page: a Slack-like view of one channel. It renders what the Slack emulator holds and sends what
// you do (slash commands, button clicks, modal submissions) to the page's backend, which signs it as Slack does.
(function () {
  'use strict';
  var POLL_MS = 700;
  var M = window.Mrkdwn;
  var state = { config: null, user: null, users: {}, channels: {}, lastMessages: '', lastRows: '', modalId: null, busy: false };

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

  function renderMessage(m) {
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
    if (m.blocks && m.blocks.length) {
      body = window.BlockKit.renderBlocks(m.blocks, {
        users: state.users,
        channels: state.channels,
        onButton: function (button, el) {
          click(m, button, el);
        },
      });
    } else {
      body = document.createElement('div');
      body.innerHTML = m.kind === 'command-echo' ? M.escapeHtml(m.text) : M.mrkdwnToHtml(m.text, { users: state.users, channels: state.channels });
    }
    body.classList.add('msg-body');
    main.appendChild(body);
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

  function renderMessages(list) {
    var box = $('messages');
    var follow = state.follow !== false || state.justSent;
    var kept = box.scrollTop;
    var before = box.querySelectorAll('[data-testid=message]').length;
    box.innerHTML = '';
    if (list.length === 0) {
      var empty = document.createElement('div');
      empty.className = 'muted';
      empty.style.padding = '18px';
      empty.textContent = 'No messages yet. Type /model help below, or click one of the examples on the left.';
      box.appendChild(empty);
    }
    list.forEach(function (m) {
      box.appendChild(renderMessage(m));
    });
    if (follow) {
      scrollToLatest();
      state.follow = true;
    } else {
      box.scrollTop = kept;
      if (list.length > before) $('jump-latest').hidden = false;
    }
    state.justSent = false;
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

  function openHome(on) {
    state.home = on;
    state.homeHash = null;
    $('home').hidden = !on;
    $('messages').hidden = on;
    $('composer').hidden = on;
    $('home-link').classList.toggle('active', on);
    $('channel-name').classList.toggle('active', !on);
    if (on)
      api('POST', '/api/home-opened', { user: state.user }).then(poll, function (e) {
        status(e.message, true);
      });
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
        var key = JSON.stringify(msgs.messages);
        if (key !== state.lastMessages) {
          state.lastMessages = key;
          renderMessages(msgs.messages);
        }
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
      status('The playground only sends slash commands: start with /model (try /model help).', true);
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
    $('modal-backdrop').hidden = true;
    try {
      localStorage.setItem('modelsync-playground-user', id);
    } catch (e) {
      /* private mode */
    }
    $('user-role').textContent = me().role;
    $('composer-input').placeholder =
      'Message #' + state.config.channel.name + ' as ' + me().realName + ' — e.g. /model promote ' + state.config.model + ' 5 production';
    if (state.home) openHome(true);
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
