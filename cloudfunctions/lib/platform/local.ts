import QRCode from 'qrcode';
import type { Platform } from './platform';

/** Locally a scene becomes an ordinary QR code of the H5 link (`/?m=<code>`). */
export function localPlatform(publicUrl: () => string): Platform {
  return {
    name: 'local',
    get publicUrl() {
      return publicUrl();
    },
    sceneCode: ({ link }) => QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 480 }),
  };
}
