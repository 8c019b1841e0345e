import fc from 'fast-check';
import { halfWidth, maskEmail, maskIdNumber, maskPhone, maskText } from '@qgt/shared/privacy/mask';

describe('maskPhone (one number in a field)', () => {
  it.each([
    ['13800000101', '138****0101'],
    ['138 0000 0101', '138****0101'],
    ['138-0000-0101', '138****0101'],
    ['+86 138 0000 0101', '138****0101'],
    ['0086-13800000101', '138****0101'],
    ['８６１３８０００００１０１', '138****0101'], // full-width, with the country code
    ['028-12345678', '028****5678'],
    ['(0755)1234567', '0755****4567'],
    ['010 8765 4321', '010****4321'],
    ['12345', '*****'],
    ['', ''],
  ])('%s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it('leaves a masked number as it is', () => {
    for (const p of ['13800000101', '028-12345678', '+86 138 0000 0101']) expect(maskPhone(maskPhone(p))).toBe(maskPhone(p));
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['510107199001011234', '510***********1234'],
    ['51010719900101123x', '510***********123X'],
    ['510107 19900101 123X', '510***********123X'],
    ['510107900101123', '510********1123'], // the old 15-digit form
    ['1234', '****'],
  ])('%s → %s', (id, masked) => expect(maskIdNumber(id)).toBe(masked));
});

describe('maskEmail', () => {
  it.each([
    ['zhang.san@qq.com', 'z***@qq.com'],
    ['12345678@qq.com', '1***@qq.com'],
    ['broken', '******'],
  ])('%s → %s', (email, masked) => expect(maskEmail(email)).toBe(masked));
});

describe('maskText (free text a resident typed)', () => {
  it.each([
    ['请回电13912345678，路灯坏了', '请回电139****5678，路灯坏了'],
    ['电话 139 1234 5678 谢谢', '电话 139****5678 谢谢'],
    ['电话139-1234-5678', '电话139****5678'],
    ['联系+86 13912345678', '联系+86 139****5678'],
    ['联系(86)13912345678', '联系(86)139****5678'],
    ['电话：１３９１２３４５６７８', '电话：139****5678'],
    ['两个号码13912345678、13800000001都行', '两个号码139****5678、138****0001都行'],
    ['13912345678 13800000001', '139****5678 138****0001'],
    ['身份证510107199001011234，请核实', '身份证510***********1234，请核实'],
    ['身份证号51010719900101123X', '身份证号510***********123X'],
    ['身份证 510107 19900101 123X', '身份证 510***********123X'],
    ['座机028-87654321找王老师', '座机028****4321找王老师'],
    ['座机（028）8765 4321', '座机028****4321'],
    ['家里电话：87654321', '家里电话：****4321'],
    ['银行卡 6222 0212 3456 7890 123', '银行卡 ***************0123'],
    ['燃气户号320106001234567', '燃气户号***********4567'],
    ['邮箱 zhangsan@163.com', '邮箱 z***@163.com'],
  ])('%s → %s', (text, masked) => expect(maskText(text)).toBe(masked));

  it.each([
    '3栋2单元楼道灯不亮，已经3天了',
    '2026年10月9日 08:00 发现井盖缺失，约30cm×40cm',
    '请在12:00-14:00之间上门，费用50.5元',
    '编号G1-1楼下，约100米处',
    '共12345户受影响', // a count, not a phone
  ])('leaves %s as written', (text) => expect(maskText(text)).toBe(text));

  const digit = fc.constantFrom(...'0123456789');
  const mobile = fc.tuple(fc.constantFrom(...'3456789'), fc.array(digit, { minLength: 9, maxLength: 9 })).map(([second, rest]) => `1${second}${rest.join('')}`);
  const separated = (n: string, sep: string) => `${n.slice(0, 3)}${sep}${n.slice(3, 7)}${sep}${n.slice(7)}`;
  /** Text around a number: anything but digits (and letters, which could make it part of a word). */
  const prose = fc.string({ unit: fc.constantFrom(...'路灯坏了，请回电话谢。 !?:：'), maxLength: 12 });

  it('never lets a mobile number through, however it is written', () => {
    fc.assert(
      fc.property(prose, mobile, fc.constantFrom('', ' ', '-', '—', '.'), fc.constantFrom('', '+86', '+86 ', '0086', '(86)'), fc.boolean(), prose, (before, n, sep, prefix, wide, after) => {
        let written = prefix + separated(n, sep);
        if (wide) written = written.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
        const out = maskText(before + written + after);
        expect(halfWidth(out).replace(/\D/g, '')).not.toContain(n);
        expect(out).toContain(`${n.slice(0, 3)}****${n.slice(7)}`);
        expect(out.startsWith(before) && out.endsWith(after)).toBe(true);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789 -+电话X@qq.com，'), maxLength: 60 }), (text) => expect(maskText(maskText(text))).toBe(maskText(text))));
  });

  it('leaves text without digits or @ untouched', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/[0-9\uFF10-\uFF19@＠]/.test(s)), (text) => expect(maskText(text)).toBe(text)));
  });
});
