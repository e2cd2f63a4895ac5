// What Slack's client draws around a message besides its own blocks: the previews the app attached to its links
// (chat.unfurl, as attachments under the message), "N replies" under a thread's parent, and "replied to a thread"
// above a reply also sent to the channel. The thread itself opens in the right-hand pane, as in Slack.
(function () {
  'use strict';
  var M = window.Mrkdwn;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** The first line of a message, as plain words (for "replied to a thread: …"). */
  function excerpt(m, names) {
    if (!m) return 'a message';
    var div = document.createElement('div');
    div.innerHTML = M.mrkdwnToHtml(String(m.text || '').split('\n')[0], names);
    var words = div.textContent || '';
    return words.length > 80 ? words.slice(0, 79) + '…' : words;
  }

  /**
   * Adds to a drawn message (main: its column under the name) what Slack shows with it. ctx: {inThread, parentOf(ts),
   * openThread(ts), blocksCtx}.
   */
  function decorate(main, m, ctx) {
    if (m.threadTs && m.broadcast && !ctx.inThread) {
      var note = el('div', 'thread-note');
      note.setAttribute('data-testid', 'thread-broadcast');
      note.appendChild(document.createTextNode('replied to a thread: '));
      var open = el('a', 'thread-open', excerpt(ctx.parentOf(m.threadTs), ctx.blocksCtx));
      open.href = '#';
      open.addEventListener('click', function (ev) {
        ev.preventDefault();
        ctx.openThread(m.threadTs);
      });
      note.appendChild(open);
      main.insertBefore(note, main.children[1] || null);
    }
    if (m.threadTs && m.broadcast && ctx.inThread) main.appendChild(el('div', 'muted small', 'Also sent to the channel'));
    (m.unfurls || []).forEach(function (u) {
      var box = el('div', 'unfurl');
      box.setAttribute('data-testid', 'unfurl');
      box.setAttribute('data-url', u.url);
      box.appendChild(window.BlockKit.renderBlocks(u.blocks, ctx.blocksCtx));
      main.appendChild(box);
    });
    if (m.replyCount && !ctx.inThread) {
      var link = el('a', 'thread-link', m.replyCount + (m.replyCount === 1 ? ' reply' : ' replies'));
      link.href = '#';
      link.setAttribute('data-testid', 'thread-link');
      link.addEventListener('click', function (ev) {
        ev.preventDefault();
        ctx.openThread(m.ts);
      });
      main.appendChild(link);
    }
  }

  window.Conversations = { decorate: decorate };
})();
