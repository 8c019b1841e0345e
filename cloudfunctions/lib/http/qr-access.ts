/**
 * HTTP access service: QR codes and posters (the guide function). Without a cloud-call token (HTTP access has none)
 * the codes are ordinary QR codes of the H5 link, as self-hosted: never a wxacode call WeChat refuses.
 */
import { registerQrRoutes } from '../server/qr-routes';
import { cachedSceneCode } from '../platform/qr-cache';
import { drawLinkQr } from '../platform/link-qr';

const linkQr = cachedSceneCode(drawLinkQr);
import { clock, servePrefixes, type Registrar } from './serve';

export const REGISTRARS: Record<string, Registrar> = {
  '/qr': ({ host, deps }) => registerQrRoutes(host, { store: deps.store, platform: deps.cloudCall ? deps.platform : { ...deps.platform, sceneCode: linkQr } }),
};

export const answerHttpAccess = servePrefixes(REGISTRARS);
