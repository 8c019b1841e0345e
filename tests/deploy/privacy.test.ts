import fs from 'node:fs';
import path from 'node:path';
import { deployPlan, describePlan } from '../../scripts/deploy-plan';
import { ROOT } from './sources';

/**
 * WeChat disables a privacy API that the 用户隐私保护指引 does not declare (2023 rules): the
 * declaration (deploy/privacy.json) must cover every one the client calls, and the client must
 * answer `wx.onNeedPrivacyAuthorization` with its own consent sheet.
 */
const declaration = JSON.parse(fs.readFileSync(path.join(ROOT, 'deploy/privacy.json'), 'utf8')) as {
  declared: { item: string; apis: string[]; purpose: string }[];
  interfacePermissions: string[];
};

/** WeChat's privacy APIs (用户隐私保护指引 → 涉及的接口), the ones a guide-and-report app could call. */
const PRIVACY_APIS = [
  'getLocation', 'chooseLocation', 'getFuzzyLocation', 'startLocationUpdate', 'startLocationUpdateBackground', 'choosePoi', 'chooseAddress',
  'chooseMedia', 'chooseImage', 'chooseVideo', 'chooseMessageFile', 'saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum', 'createCameraContext',
  'setClipboardData', 'getClipboardData', 'getRecorderManager', 'startRecord', 'chooseContact', 'addPhoneContact', 'getWeRunData', 'chooseInvoiceTitle', 'chooseLicensePlate',
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}
const client = sources(path.join(ROOT, 'client/src')).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
const called = PRIVACY_APIS.filter((api) => client.some(({ text }) => new RegExp(`\\b(Taro|wx)\\.${api}\\b`).test(text)));

describe('the privacy declaration', () => {
  it('finds the privacy APIs the client calls (location, photos/camera, clipboard)', () => {
    expect(called).toEqual(expect.arrayContaining(['getLocation', 'chooseMedia', 'setClipboardData']));
  });

  it.each(called)('declares %s in the 用户隐私保护指引, with a purpose', (api) => {
    const items = declaration.declared.filter((d) => d.apis.includes(api));
    expect(items.length).toBeGreaterThan(0);
    for (const d of items) expect(d.purpose.length).toBeGreaterThan(4);
  });

  it('declares typed phone numbers too, and lists getLocation’s interface permission', () => {
    expect(declaration.declared.map((d) => d.item)).toContain('手机号');
    expect(declaration.interfacePermissions).toContain('wx.getLocation');
    const appConfig = fs.readFileSync(path.join(ROOT, 'client/src/app.config.ts'), 'utf8');
    for (const api of called.filter((a) => /Location|Poi|Address/.test(a))) expect(appConfig).toMatch(new RegExp(`requiredPrivateInfos:[^\\]]*'${api}'`));
  });

  it('puts the declaration and getLocation’s permission on the deploy checklist', () => {
    const text = describePlan(deployPlan({ env: 'e', configFile: 'c.json', functions: [], permissions: {}, credentials: null, weapp: true, appid: 'wx1' }));
    expect(text).toContain('用户隐私保护指引');
    expect(text).toContain('wx.getLocation → 开通');
    for (const d of declaration.declared) expect(text).toContain(d.item);
  });

  it('answers wx.onNeedPrivacyAuthorization with our own consent sheet on every page', () => {
    const text = (rel: string) => client.find((c) => c.file.endsWith(rel))!.text;
    expect(text('app.tsx')).toMatch(/installPrivacyHandler\(\)/);
    expect(text('lib/privacy.ts')).toMatch(/onNeedPrivacyAuthorization\(/);
    expect(text('components/PageShell/index.tsx')).toMatch(/<PrivacySheet \/>/);
    expect(text('components/PrivacySheet/index.tsx')).toMatch(/openType='agreePrivacyAuthorization'/);
  });
});
