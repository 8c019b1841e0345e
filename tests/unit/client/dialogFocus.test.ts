/**
 * @jest-environment jsdom
 */
import { focusables, holdFocus, nextFocus } from '../../../client/src/lib/dialogFocus';

/** jsdom lays nothing out: every element counts as shown unless it is display: none. */
beforeAll(() => {
  HTMLElement.prototype.getClientRects = function (this: HTMLElement) {
    return (this.style.display === 'none' ? [] : [{}]) as unknown as DOMRectList;
  };
});

function page() {
  document.body.innerHTML = `
    <div id="opener" tabindex="0">清空草稿</div>
    <div id="behind" tabindex="0">页面上的按钮</div>
    <div id="panel" role="dialog">
      <div>清空草稿？</div>
      <div id="cancel" tabindex="0">取消</div>
      <div id="hidden" tabindex="0" style="display: none">看不见</div>
      <div id="off" tabindex="0" aria-disabled="true">不可用</div>
      <div id="ok" tabindex="0">确定</div>
    </div>`;
  const $ = (id: string) => document.getElementById(id)!;
  return { $, press: (key: string, shiftKey = false) => document.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true })) };
}

describe('nextFocus', () => {
  it('moves forward and back, wrapping at both ends', () => {
    expect(nextFocus(['a', 'b', 'c'], 'a', false)).toBe('b');
    expect(nextFocus(['a', 'b', 'c'], 'c', false)).toBe('a');
    expect(nextFocus(['a', 'b', 'c'], 'a', true)).toBe('c');
  });
  it('enters at the first (or, backwards, the last) control from outside, and has nowhere to go without controls', () => {
    expect(nextFocus(['a', 'b'], null, false)).toBe('a');
    expect(nextFocus(['a', 'b'], 'x', true)).toBe('b');
    expect(nextFocus([], null, false)).toBeUndefined();
  });
});

describe('holdFocus', () => {
  it('lists only the dialog’s visible, enabled controls', () => {
    const { $ } = page();
    expect(focusables($('panel')).map((el) => el.id)).toEqual(['cancel', 'ok']);
  });

  it('focuses the first control, keeps Tab and Shift+Tab inside, and gives focus back on release', () => {
    const { $, press } = page();
    $('opener').focus();
    const release = holdFocus($('panel'), () => undefined);
    expect(document.activeElement).toBe($('cancel'));
    press('Tab');
    expect(document.activeElement).toBe($('ok'));
    press('Tab');
    expect(document.activeElement).toBe($('cancel')); // wraps instead of reaching the page behind
    press('Tab', true);
    expect(document.activeElement).toBe($('ok'));
    release();
    expect(document.activeElement).toBe($('opener'));
    press('Tab'); // released: Tab is the browser's again
    expect(document.activeElement).toBe($('opener'));
  });

  it('gives focus back to the opener it is told (the control that asked), not whatever had focus', () => {
    const { $ } = page();
    $('behind').focus();
    const release = holdFocus($('panel'), () => undefined, $('opener'));
    release();
    expect(document.activeElement).toBe($('opener'));
  });

  it('closes on Escape', () => {
    const { $, press } = page();
    const onEscape = jest.fn();
    const release = holdFocus($('panel'), onEscape);
    press('Escape');
    expect(onEscape).toHaveBeenCalledTimes(1);
    release();
  });

  it('focuses the panel itself when it has no control, and does not refocus an opener that is gone', () => {
    const { $ } = page();
    $('opener').focus();
    $('panel').innerHTML = '<div>正在处理…</div>';
    const release = holdFocus($('panel'), () => undefined);
    expect(document.activeElement).toBe($('panel'));
    expect($('panel').getAttribute('tabindex')).toBe('-1');
    $('opener').remove();
    release();
    expect(document.activeElement).toBe($('panel'));
  });
});
