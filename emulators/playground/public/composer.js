// The composer: a slash command goes to the app as Slack's command request, anything else is posted as a plain
// message; and the "Try" examples in the sidebar, which fill it in.
(function () {
  'use strict';
  var P = window.Playground;
  var state = P.state;
  var $ = P.$;
  var api = P.api;
  var status = P.status;
  var me = P.me;

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
        return P.poll();
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
        return P.poll();
      })
      .catch(function (e) {
        status(e.message, true);
      });
  }

  function setUpComposer(config) {
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
  }

  P.send = send;
  P.setUpComposer = setUpComposer;
})();
