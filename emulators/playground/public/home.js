// The app's Home tab: its published view (views.publish), drawn with the same element behaviour as a modal.
(function () {
  'use strict';
  var P = window.Playground;
  var state = P.state;
  var $ = P.$;

  function showHome(home) {
    var box = $('home');
    if (!home) {
      if (!state.homeHash) box.innerHTML = '<div class="muted">Opening the Home tab…</div>';
      return;
    }
    if (state.homeHash === home.hash) return;
    state.homeHash = home.hash;
    box.innerHTML = '';
    box.appendChild(window.BlockKit.renderBlocks(home.view.blocks, P.viewContext(home.id)));
  }

  P.showHome = showHome;
})();
