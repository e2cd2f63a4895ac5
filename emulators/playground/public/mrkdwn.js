// Slack mrkdwn → safe HTML, the subset Slack's clients render: *bold*, _italic_, ~strike~, `code`, ```pre```,
// <url|label> links, <@U…> mentions, <#C…|name> channels, <!date^…|fallback> dates, <!here>, :emoji:, &lt; &gt; &amp;.
// Everything is HTML-escaped first; only the markup this file emits is HTML.
(function () {
  'use strict';

  var EMOJI = {
    white_check_mark: '\u2705',
    large_green_circle: '\uD83D\uDFE2',
    red_circle: '\uD83D\uDD34',
    x: '\u274C',
    warning: '\u26A0\uFE0F',
    no_entry: '\u26D4',
    hourglass: '\u231B',
    hourglass_flowing_sand: '\u23F3',
    package: '\uD83D\uDCE6',
    arrows_counterclockwise: '\uD83D\uDD04',
    rocket: '\uD83D\uDE80',
    tada: '\uD83C\uDF89',
    information_source: '\u2139\uFE0F',
    heavy_check_mark: '\u2714\uFE0F',
    link: '\uD83D\uDD17',
    bar_chart: '\uD83D\uDCCA',
    memo: '\uD83D\uDCDD',
    broom: '\uD83E\uDDF9',
    zzz: '\uD83D\uDCA4',
    ghost: '\uD83D\uDC7B',
    label: '\uD83C\uDFF7\uFE0F',
    file_cabinet: '\uD83D\uDDC4\uFE0F',
    card_index_dividers: '\uD83D\uDDC2\uFE0F',
    wastebasket: '\uD83D\uDDD1\uFE0F',
    mailbox_with_mail: '\uD83D\uDCEC',
  };

  function escapeHtml(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }
  function unescapeSlack(s) {
    return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  function safeUrl(u) {
    return /^(https?:|mailto:)/i.test(u) ? u : null;
  }
  function formatDate(seconds, token, fallback) {
    var d = new Date(Number(seconds) * 1000);
    if (isNaN(d.getTime())) return escapeHtml(fallback);
    var date = d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
    var time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    var out = token.replace(/\{date[a-z_]*\}/g, date).replace(/\{time[a-z_]*\}/g, time);
    return '<time title="' + escapeHtml(fallback || d.toISOString()) + '">' + escapeHtml(out) + '</time>';
  }

  // One <…> token of Slack's markup → HTML.
  function renderToken(inner, ctx) {
    var bar = inner.indexOf('|');
    var target = bar >= 0 ? inner.slice(0, bar) : inner;
    var label = bar >= 0 ? inner.slice(bar + 1) : '';
    if (target.charAt(0) === '@') {
      // As Slack does, a mention of the person reading is highlighted (they were pinged).
      var id = target.slice(1);
      var user = ctx.users[id];
      var me = ctx.me === id ? ' mention-me' : '';
      return '<span class="mention' + me + '" data-mention="' + escapeHtml(id) + '">@' + escapeHtml(user ? user.name : label || id) + '</span>';
    }
    if (target.charAt(0) === '#') {
      var channel = (ctx.channels || {})[target.slice(1)];
      return '<span class="mention">#' + escapeHtml(label || (channel ? channel.name : target.slice(1))) + '</span>';
    }
    if (target.charAt(0) === '!') {
      var parts = target.slice(1).split('^');
      if (parts[0] === 'date') return formatDate(parts[1], parts[2] || '{date} {time}', unescapeSlack(label));
      if (parts[0] === 'subteam')
        return '<span class="mention" data-mention="' + escapeHtml(parts[1] || '') + '">@' + escapeHtml(unescapeSlack(label) || 'group') + '</span>';
      return '<span class="mention">@' + escapeHtml(parts[0]) + '</span>';
    }
    var url = safeUrl(unescapeSlack(target));
    var text = escapeHtml(unescapeSlack(label || target));
    return url ? '<a href="' + escapeHtml(url) + '" target="_blank" rel="noopener">' + text + '</a>' : text;
  }

  function inline(s) {
    return s
      .replace(/`([^`\n]+)`/g, function (_m, c) {
        return '<code>' + c + '</code>';
      })
      .replace(/(^|[\s(>\u0000\u2192])\*(?!\s)([^*\n]+?)\*(?=$|[\s).,:;!?<\u0000])/g, '$1<b>$2</b>')
      .replace(/(^|[\s(>\u0000])_(?!\s)([^_\n]+?)_(?=$|[\s).,:;!?<\u0000])/g, '$1<i>$2</i>')
      .replace(/(^|[\s(>\u0000])~(?!\s)([^~\n]+?)~(?=$|[\s).,:;!?<\u0000])/g, '$1<s>$2</s>')
      .replace(/:([a-z0-9_+-]+):/g, function (m, name) {
        return EMOJI[name] || m;
      });
  }

  /** Renders mrkdwn text as HTML; ctx.users / ctx.channels map ids to {name}. */
  function mrkdwnToHtml(text, ctx) {
    var tokens = [];
    var withSlots = String(text).replace(/<([^<>\n]+)>/g, function (_m, inner) {
      tokens.push(renderToken(inner, ctx));
      return '\u0000' + (tokens.length - 1) + '\u0000';
    });
    var pre = [];
    withSlots = withSlots.replace(/```([\s\S]*?)```/g, function (_m, body) {
      pre.push('<pre>' + escapeHtml(unescapeSlack(body)) + '</pre>');
      return '\u0001' + (pre.length - 1) + '\u0001';
    });
    var html = inline(escapeHtml(unescapeSlack(withSlots)));
    html = html.replace(/\n/g, '<br>');
    html = html.replace(/\u0001(\d+)\u0001/g, function (_m, i) {
      return pre[Number(i)];
    });
    return html.replace(/\u0000(\d+)\u0000/g, function (_m, i) {
      return tokens[Number(i)];
    });
  }

  /** Plain text (plain_text objects): escaped, emoji names turned into emoji. */
  function plainToHtml(text) {
    return escapeHtml(String(text)).replace(/:([a-z0-9_+-]+):/g, function (m, name) {
      return EMOJI[name] || m;
    });
  }

  window.Mrkdwn = { mrkdwnToHtml: mrkdwnToHtml, plainToHtml: plainToHtml, escapeHtml: escapeHtml };
})();
