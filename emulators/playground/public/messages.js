// The conversations the middle column draws: the channel's message list (which follows the newest message like
// Slack), the thread pane on the right, and the app's direct messages; and a message button's click.
(function () {
  'use strict';
  var M = window.Mrkdwn;
  var P = window.Playground;
  var state = P.state;
  var $ = P.$;
  var api = P.api;
  var status = P.status;
  var me = P.me;
  var initials = P.initials;
  var timeOf = P.timeOf;
  var names = P.names;

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
        return P.poll();
      })
      .catch(function (e) {
        status(e.message, true);
      })
      .then(function () {
        el.disabled = false;
      });
  }

  P.renderMessages = renderMessages;
  P.renderThread = renderThread;
  P.renderDirect = renderDirect;
  P.openThread = openThread;
  P.closeThread = closeThread;
  P.atBottom = atBottom;
  P.scrollToLatest = scrollToLatest;
})();
