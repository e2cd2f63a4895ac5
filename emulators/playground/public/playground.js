// The playground page: a Slack-like view of one channel. It renders what the Slack emulator holds and sends what
// you do (slash commands, button clicks, modal submissions) to the page's backend, which signs it as Slack does.
// This is the app shell: the sidebar's choice of conversation, the user switch, the poll that redraws each part
// (messages.js, modal.js, home.js, notion-panel.js, composer.js; shared state in app-state.js) and the start.
(function () {
  'use strict';
  var POLL_MS = 700;
  var M = window.Mrkdwn;
  var P = window.Playground;
  var state = P.state;
  var $ = P.$;
  var api = P.api;
  var status = P.status;
  var me = P.me;
  var renderMessages = P.renderMessages;
  var renderThread = P.renderThread;
  var renderDirect = P.renderDirect;
  var closeThread = P.closeThread;
  var atBottom = P.atBottom;
  var scrollToLatest = P.scrollToLatest;
  var showModal = P.showModal;
  var submitModal = P.submitModal;
  var closeModal = P.closeModal;
  var showHome = P.showHome;
  var renderRows = P.renderRows;

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
    P.setUpComposer(config);
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

  P.poll = poll;

  api('GET', '/api/config')
    .then(init)
    .catch(function (e) {
      status('Could not load the playground: ' + e.message, true);
    });
})();
