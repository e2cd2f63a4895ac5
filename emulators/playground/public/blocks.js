// Block Kit → DOM, for the blocks Slack renders in messages and modals: header, section (text, fields, button
// accessory), context, actions (buttons), divider, image, input (plain_text_input). Anything else is shown as
// a placeholder naming its type, so a block the page cannot draw is visible rather than silently dropped.
(function () {
  'use strict';
  var M = window.Mrkdwn;

  function el(tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (html !== undefined) e.innerHTML = html;
    return e;
  }

  function textHtml(t, ctx) {
    if (!t) return '';
    return t.type === 'mrkdwn' ? M.mrkdwnToHtml(t.text, ctx) : M.plainToHtml(t.text);
  }

  function button(b, block, ctx) {
    var btn = el('button', 'bk-button' + (b.style ? ' bk-' + b.style : ''), M.plainToHtml(b.text ? b.text.text : 'Button'));
    btn.type = 'button';
    btn.setAttribute('data-action-id', b.action_id || '');
    if (b.url) {
      btn.addEventListener('click', function () {
        window.open(b.url, '_blank', 'noopener');
      });
    }
    btn.addEventListener('click', function () {
      ctx.onButton({ actionId: b.action_id, blockId: block.block_id || 'block', value: b.value, label: b.text ? b.text.text : '' }, btn);
    });
    return btn;
  }

  function unsupported(type) {
    return el('div', 'bk-unsupported', 'This block (' + M.escapeHtml(String(type)) + ') is not drawn by the playground.');
  }

  function renderBlock(block, ctx) {
    switch (block.type) {
      case 'header':
        return el('div', 'bk-header', textHtml(block.text, ctx));
      case 'divider':
        return el('hr', 'bk-divider');
      case 'section': {
        var s = el('div', 'bk-section');
        var body = el('div', 'bk-section-body');
        if (block.text) body.appendChild(el('div', 'bk-text', textHtml(block.text, ctx)));
        if (block.fields) {
          var f = el('div', 'bk-fields');
          block.fields.forEach(function (x) {
            f.appendChild(el('div', 'bk-field', textHtml(x, ctx)));
          });
          body.appendChild(f);
        }
        s.appendChild(body);
        if (block.accessory) {
          var acc = block.accessory.type === 'button' ? button(block.accessory, block, ctx) : unsupported(block.accessory.type);
          acc.classList.add('bk-accessory');
          s.appendChild(acc);
        }
        return s;
      }
      case 'context': {
        var c = el('div', 'bk-context');
        (block.elements || []).forEach(function (x) {
          if (x.type === 'image') {
            var img = el('img', 'bk-context-image');
            img.src = x.image_url;
            img.alt = x.alt_text || '';
            c.appendChild(img);
          } else c.appendChild(el('span', 'bk-context-item', textHtml(x, ctx)));
        });
        return c;
      }
      case 'actions': {
        var a = el('div', 'bk-actions');
        (block.elements || []).forEach(function (x) {
          a.appendChild(x.type === 'button' ? button(x, block, ctx) : unsupported(x.type));
        });
        return a;
      }
      case 'image': {
        var i = el('img', 'bk-image');
        i.src = block.image_url;
        i.alt = block.alt_text || '';
        return i;
      }
      case 'input': {
        var wrap = el('label', 'bk-input');
        wrap.appendChild(el('div', 'bk-input-label', M.plainToHtml(block.label ? block.label.text : '')));
        var e = block.element || {};
        if (e.type !== 'plain_text_input') {
          wrap.appendChild(unsupported(e.type));
          return wrap;
        }
        var input = el(e.multiline ? 'textarea' : 'input', 'bk-input-field');
        input.setAttribute('data-block-id', block.block_id || '');
        input.setAttribute('data-action-id', e.action_id || '');
        if (e.placeholder) input.placeholder = e.placeholder.text;
        if (e.initial_value) input.value = e.initial_value;
        wrap.appendChild(input);
        wrap.appendChild(el('div', 'bk-input-error'));
        return wrap;
      }
      default:
        return unsupported(block.type);
    }
  }

  /** Renders blocks into a container; ctx = {users, onButton(button, element)}. */
  function renderBlocks(blocks, ctx) {
    var box = el('div', 'bk-blocks');
    (blocks || []).forEach(function (b) {
      var node = renderBlock(b, ctx);
      if (b.block_id) node.setAttribute('data-block-id', b.block_id);
      box.appendChild(node);
    });
    return box;
  }

  window.BlockKit = { renderBlocks: renderBlocks };
})();
