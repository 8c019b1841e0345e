import { demoIdentitiesEnabled, getDemoOpenid } from '../api/identity';

/**
 * Who the client believes the caller is, for display only. Roles are decided by the server from
 * its own records; the client never sends or trusts an openid in a request body.
 */
export function callerLabel(): string {
  if (process.env.TARO_ENV === 'weapp') return '微信用户（由云开发根据您的微信身份识别）';
  if (demoIdentitiesEnabled()) {
    const openid = getDemoOpenid();
    return openid ? `演示身份 ${openid}` : '游客（未选择演示身份）';
  }
  return '游客';
}
