import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { imageAlt } from '../../lib/a11y';
import { DIALOG_EVENT, type ConfirmOptions, type DialogRequest } from '../../lib/dialog';
import { focusedElement } from '../../lib/dialogFocus';
import Tap from '../Tap';
import Dialog from '.';

function ConfirmBody({ options, answer }: { options: ConfirmOptions; answer: (confirmed: boolean) => void }) {
  return (
    <>
      {options.content ? <View className='dialog__text'>{options.content}</View> : null}
      <View className='dialog__actions'>
        {options.showCancel === false ? null : (
          <Tap className='btn btn--plain dialog__cancel' onClick={() => answer(false)}>
            {options.cancelText ?? '取消'}
          </Tap>
        )}
        <Tap className={`btn ${options.warn ? 'btn--warn' : 'btn--primary'} dialog__confirm`} onClick={() => answer(true)}>
          {options.confirmText ?? '确定'}
        </Tap>
      </View>
    </>
  );
}

function PhotosBody({ urls, start, close }: { urls: string[]; start: number; close: () => void }) {
  const [at, setAt] = useState(start);
  const many = urls.length > 1;
  return (
    <>
      <Image className='dialog__photo' src={urls[at]} mode='aspectFit' {...imageAlt(many ? `第${at + 1}张照片，共${urls.length}张` : '照片')} />
      <View className='dialog__actions'>
        {many ? (
          <Tap className='btn btn--plain dialog__prev' onClick={() => setAt((at + urls.length - 1) % urls.length)}>
            上一张
          </Tap>
        ) : null}
        {many ? (
          <Tap className='btn btn--plain dialog__next' onClick={() => setAt((at + 1) % urls.length)}>
            下一张
          </Tap>
        ) : null}
        <Tap className='btn btn--primary dialog__close' onClick={close}>
          关闭
        </Tap>
      </View>
    </>
  );
}

let hosts = 0;

/**
 * H5: shows lib/dialog's confirmations and photo viewer on this page. Every page has one (PageShell);
 * pages further down Taro's stack are hidden, so only the showing page's host claims a request.
 */
export default function DialogHost() {
  const [id] = useState(() => `qgt-dialog-host-${++hosts}`);
  const [request, setRequest] = useState<DialogRequest | null>(null);
  // The control that asked (focused when the request came), to give focus back to.
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const take = (next: DialogRequest, claim: { taken: boolean }) => {
      const here = document.getElementById(id);
      // offsetParent is null when this page (an ancestor) is display: none.
      if (claim.taken || !here || here.offsetParent === null) return;
      claim.taken = true;
      opener.current = focusedElement();
      setRequest(next);
    };
    Taro.eventCenter.on(DIALOG_EVENT, take);
    return () => {
      Taro.eventCenter.off(DIALOG_EVENT, take);
    };
  }, []);
  const finish = (confirmed: boolean) => {
    if (!request) return;
    setRequest(null);
    if (request.kind === 'confirm') request.resolve(confirmed);
    else request.resolve();
  };
  return (
    <View id={id} className='dialog-host'>
      {request?.kind === 'confirm' ? (
        <Dialog title={request.options.title} onClose={() => finish(false)} opener={opener.current}>
          <ConfirmBody options={request.options} answer={finish} />
        </Dialog>
      ) : null}
      {request?.kind === 'photos' ? (
        <Dialog title='查看照片' onClose={() => finish(false)} opener={opener.current}>
          <PhotosBody urls={request.urls} start={request.current} close={() => finish(false)} />
        </Dialog>
      ) : null}
    </View>
  );
}
