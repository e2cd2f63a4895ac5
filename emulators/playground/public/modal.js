// The modal (Slack's views.open / views.update): drawn from the view the emulator holds, submitted or closed as
// view_submission / view_closed; and what a view's elements do (shared with the Home tab).
(function () {
  'use strict';
  var M = window.Mrkdwn;
  var P = window.Playground;
  var state = P.state;
  var $ = P.$;
  var api = P.api;
  var status = P.status;
  var me = P.me;

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
        return P.poll();
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

  P.showModal = showModal;
  P.submitModal = submitModal;
  P.closeModal = closeModal;
  P.viewContext = viewContext;
})();
