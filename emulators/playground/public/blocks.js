// Block Kit → DOM, for the blocks Slack renders in messages, modals and the Home tab: header, section (text, fields,
// button accessory), context, actions (buttons), divider, image, input (plain_text_input, static_select,
// external_select). Anything else is shown as
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

  function optionEl(o) {
    var opt = el('option', null, M.plainToHtml(o.text ? o.text.text : o.value));
    opt.value = o.value;
    return opt;
  }

  // Input elements: plain_text_input, static_select and external_select (options asked from the app as the person
  // types, like Slack's block_suggestion). Each carries data-block-id/data-action-id/data-kind for the submission.
  function inputField(block, e, ctx) {
    var field;
    if (e.type === 'plain_text_input') {
      field = el(e.multiline ? 'textarea' : 'input', 'bk-input-field');
      if (e.placeholder) field.placeholder = e.placeholder.text;
      if (e.initial_value) field.value = e.initial_value;
    } else if (e.type === 'static_select') {
      field = el('select', 'bk-input-field');
      field.appendChild(optionEl({ text: { text: e.placeholder ? e.placeholder.text : 'Choose…' }, value: '' }));
      (e.options || []).forEach(function (o) {
        field.appendChild(optionEl(o));
      });
      if (e.initial_option) field.value = e.initial_option.value;
    } else if (e.type === 'external_select') {
      field = el('div', 'bk-input-field bk-external');
      var search = el('input', 'bk-external-search');
      search.placeholder = e.placeholder ? e.placeholder.text : 'Type to search';
      search.setAttribute('data-testid', 'external-select-' + (e.action_id || ''));
      var list = el('select', 'bk-external-list');
      list.size = 5;
      list.hidden = true;
      field.appendChild(search);
      field.appendChild(list);
      if (e.initial_option) {
        field.setAttribute('data-selected', e.initial_option.value);
        search.value = e.initial_option.text.text;
      }
      var timer = null;
      var ask = function () {
        if (!ctx.onSuggest) return;
        ctx.onSuggest(block, e, search.value).then(function (options) {
          list.innerHTML = '';
          options.forEach(function (o) {
            list.appendChild(optionEl(o));
          });
          list.hidden = options.length === 0;
        });
      };
      search.addEventListener('focus', ask);
      search.addEventListener('input', function () {
        field.removeAttribute('data-selected');
        clearTimeout(timer);
        timer = setTimeout(ask, 200);
      });
      list.addEventListener('change', function () {
        var o = { text: { type: 'plain_text', text: list.options[list.selectedIndex].text }, value: list.value };
        field.setAttribute('data-selected', o.value);
        search.value = o.text.text;
        list.hidden = true;
        if (block.dispatch_action && ctx.onSelect) ctx.onSelect(block, e, o);
      });
    } else return null;
    field.setAttribute('data-block-id', block.block_id || '');
    field.setAttribute('data-action-id', e.action_id || '');
    field.setAttribute('data-kind', e.type);
    return field;
  }

  /** state.values of the inputs inside a container, as Slack sends them with a submission. */
  function inputValues(container) {
    var values = {};
    Array.prototype.forEach.call(container.querySelectorAll('[data-kind]'), function (f) {
      var b = f.getAttribute('data-block-id');
      var a = f.getAttribute('data-action-id');
      var kind = f.getAttribute('data-kind');
      values[b] = values[b] || {};
      if (kind === 'plain_text_input') values[b][a] = { type: kind, value: f.value };
      else {
        var v = kind === 'static_select' ? f.value : f.getAttribute('data-selected');
        values[b][a] = { type: kind, selected_option: v ? { text: { type: 'plain_text', text: v }, value: v } : null };
      }
    });
    return values;
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
        wrap.appendChild(
          el('div', 'bk-input-label', M.plainToHtml(block.label ? block.label.text : '') + (block.optional ? ' <span class="muted">(optional)</span>' : '')),
        );
        var e = block.element || {};
        var field = inputField(block, e, ctx);
        if (!field) {
          wrap.appendChild(unsupported(e.type));
          return wrap;
        }
        wrap.appendChild(field);
        if (block.hint) wrap.appendChild(el('div', 'bk-input-hint muted small', M.plainToHtml(block.hint.text)));
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

  window.BlockKit = { renderBlocks: renderBlocks, inputValues: inputValues };
})();
