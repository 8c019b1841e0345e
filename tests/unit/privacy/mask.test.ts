import fc from 'fast-check';
import { halfWidth, maskEmail, maskIdNumber, maskPhone, maskText, normalizeNumbers } from '@qgt/shared/privacy/mask';

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
    // A number that is neither a mobile nor a landline with its area code follows the short-number rule,
    // the same as free text: under 7 characters nothing shows, 7 to 10 only the last 4, 11 and more 3 + 4.
    ['123456', '******'],
    ['1234567', '****4567'],
    ['87654321', '****4321'], // not 876****4321: that showed 7 of 8 digits
    ['1234567890', '****7890'],
    ['12345678901', '123****8901'],
    ['139　1234　5678', '139****5678'], // ideographic spaces
    ['139/1234/5678', '139****5678'],
    ['一三九一二三四五六七八', '139****5678'],
    ['+86 28 8765 4321', '028****4321'], // a landline after the country code gets its 0 back
    ['0086-10-8765-4321', '010****4321'],
    ['(+86)755 1234 5678', '0755****5678'],
    ['+86 (028) 8765 4321', '028****4321'],
    ['0755 1234 5678', '0755****5678'],
    ['028-1234-567', '028****4567'], // a three-digit area code with a 7-digit number: 10 digits
    ['0281234567890', '028****7890'], // 13 digits is no landline: 3 + 4 like any long number
    ['075512345678901', '075****8901'], // nor is 15 (else it would keep its 4-digit area code)
    ['0755-1010-1234', '0755****1234'], // the area code is read at the start only (not the 010 inside)
    ['013912345678', '0139****5678'], // a mobile dialled with a trunk 0 reads as a landline
    ['139123456789', '139****6789'], // 12 digits is no mobile
    ['9028123456789', '902****6789'], // a landline starts with its 0
    ['08613912345678', '086****5678'], // 86 counts as a country code only in front
    ['1008687654321', '100****4321'], // and so do +86 / 0086
    ['0755(123)4567', '0755****4567'],
    ['02812345678ab', '028****78ab'],
  ])('%s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it('leaves a masked number as it is', () => {
    for (const p of ['13800000101', '028-12345678', '+86 138 0000 0101', '(0755)1234567', '87654321', '1234567', '12345678901', '123456']) {
      expect(maskPhone(maskPhone(p))).toBe(maskPhone(p));
    }
  });

  it('keeps as many digits of a local number as free text does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[2-9]\d{6,7}$/), (n) => {
        expect(maskText(`电话：${n}`)).toBe(`电话：${maskPhone(n)}`);
        expect(maskPhone(n)).toBe(`****${n.slice(-4)}`);
      }),
    );
  });
});

describe('halfWidth and normalizeNumbers (what the scanner reads; same length as the text)', () => {
  it.each([
    ['１３８　０', '138 0'],
    ['（０２８）－Ｘ～', '(028)-X~'],
    ['！', '!'],
    ['\uFF00\uFF5F', '\uFF00\uFF5F'], // just outside the full-width ASCII block
  ])('halfWidth %s → %s', (text, out) => expect(halfWidth(text)).toBe(out));

  it.each([
    ['一三九 幺二三四 五六七八', '139 1234 5678'],
    ['〇二八八七六五四三二一', '02887654321'],
    ['壹贰叁肆伍陆柒捌玖零', '1234567890'],
    ['电话一三九一二三四五六七八谢谢', '电话13912345678谢谢'],
    ['一二三四五六', '一二三四五六'], // six numerals: words, not a number
    ['三栋二单元一楼', '三栋二单元一楼'],
    ['一二三四五六七', '1234567'],
    ['!一二三四五六', '!一二三四五六'], // other characters do not count towards the seven
    ['一二三四五六!', '一二三四五六!'],
  ])('normalizeNumbers %s → %s', (text, out) => expect(normalizeNumbers(text)).toBe(out));
});

describe('maskIdNumber', () => {
  it.each([
    ['510107199001011234', '510***********1234'],
    ['51010719900101123x', '510***********123X'],
    ['510107 19900101 123X', '510***********123X'],
    ['510107900101123', '510********1123'], // the old 15-digit form
    ['1234', '****'],
    // Short values: the short-number rule of maskPhone, length kept.
    ['123456', '******'],
    ['1234567', '***4567'],
    ['12345678', '****5678'], // not 123*5678: that showed 7 of 8
    ['1234567890', '******7890'],
    ['12345678901', '123****8901'],
    ['５１０１０７１９９００１０１１２３４', '510***********1234'],
  ])('%s → %s', (id, masked) => expect(maskIdNumber(id)).toBe(masked));
});

describe('maskEmail', () => {
  it.each([
    ['zhang.san@qq.com', 'z***@qq.com'],
    ['12345678@qq.com', '1***@qq.com'],
    ['broken', '******'],
    ['a@qq.com', 'a***@qq.com'], // one character before the @ still shows only that one
    ['@qq.com', '*******'],
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
    ['座机028-87654321找王老师', '座机028****4321找*老师'], // issue 19: a surname before a title is masked too
    ['座机（028）8765 4321', '座机028****4321'],
    ['家里电话：87654321', '家里电话：****4321'],
    ['银行卡 6222 0212 3456 7890 123', '银行卡 ***************0123'],
    ['燃气户号320106001234567', '燃气户号***********4567'],
    ['邮箱 zhangsan@163.com', '邮箱 z***@163.com'],
  ])('%s → %s', (text, masked) => expect(maskText(text)).toBe(masked));

  it.each([
    // An ideographic space (U+3000) between the groups, as a Chinese keyboard types it.
    ['电话　139　1234　5678', '电话　139****5678'],
    ['电话　１３９　１２３４　５６７８　谢谢', '电话　139****5678　谢谢'],
    // Two numbers in one text whose masked form is shorter than the written one: each masked in its place.
    ['身份证 510107 19900101 123X，配偶 510107 19910202 4561', '身份证 510***********123X，配偶 510***********4561'],
    ['电话 139 1234 5678 或 138 0000 0101 均可', '电话 139****5678 或 138****0101 均可'],
    ['座机 028 8765 4321，028 1234 5678', '座机 028****4321，028****5678'],
    // A bare local number: 7 and 8 digits are masked alike; 6 or 9 are not a local number.
    ['电话：8765432', '电话：****5432'],
    ['电话：87654321', '电话：****4321'],
    ['电话：876543', '电话：876543'],
    ['电话：876543210', '电话：876543210'],
    ['电话是 8765-4321', '电话是 ****4321'],
    ['tel:8765 4321', 'tel:****4321'],
    // Landlines after the country code (the branch the example in the code names).
    ['请拨+86 28 8765 4321', '请拨028****4321'],
    ['请拨0086-10-8765-4321转2', '请拨010****4321转2'],
    ['+86 755 1234 5678', '0755****5678'],
    ['(0755)1234567', '0755****4567'],
  ])('%s → %s', (text, masked) => expect(maskText(text)).toBe(masked));

  describe('numbers written with other separators, zero-width spaces or Chinese numerals (issue 19)', () => {
    it.each([
      ['电话139/1234/5678', '电话139****5678'],
      ['电话139。1234。5678', '电话139****5678'],
      ['电话139·1234·5678', '电话139****5678'],
      ['电话139・1234・5678', '电话139****5678'],
      ['电话139\\1234\\5678', '电话139****5678'],
      ['电话139|1234|5678', '电话139****5678'],
      ['电话139_1234_5678', '电话139****5678'],
      ['电话139\u200B1234\u200B5678', '电话139****5678'],
      ['电话1\u200C3\u200D9\u20601234\uFEFF5678', '电话139****5678'],
      ['电话 139 - 1234 - 5678 谢谢', '电话 139****5678 谢谢'],
      ['电话139／1234／5678', '电话139****5678'],
      ['手机一三九一二三四五六七八，谢谢', '手机139****5678，谢谢'],
      ['手机幺三九 一二三四 五六七八', '手机139****5678'],
      ['电话：八七六五四三二一', '电话：****4321'],
      ['身份证五一〇一〇七一九九〇〇一〇一一二三四', '身份证510***********1234'],
      ['座机〇二八-八七六五四三二一', '座机028****4321'],
    ])('%s → %s', (text, masked) => expect(maskText(text)).toBe(masked));
  });

  describe('names, door numbers and account ids (issue 19)', () => {
    it.each([
      ['李师傅 3栋2单元501', '*师傅 3栋2单元***'],
      ['楼下王阿姨家漏水', '楼下*阿姨家漏水'],
      ['请欧阳老师来一趟', '请**老师来一趟'],
      ['诸葛大爷和张大妈', '**大爷和*大妈'],
      ['找刘主任或者陈医生', '找*主任或者*医生'],
      ['5号楼1002室漏水', '5号楼****室漏水'],
      ['3幢 601', '3幢 ***'],
      ['2单元302门口', '2单元***门口'],
      ['住在501室', '住在***室'],
      ['住3-2-501，门口', '住3-2-***，门口'],
      ['加微信 zhang_san88 联系', '加微信 z*** 联系'],
      ['微信号：wxid-abc123', '微信号：w***'],
      ['VX:Li_Ming2024', 'VX:L***'],
      ['QQ：12345678', 'QQ：****5678'],
      ['qq号 123456789012', 'qq号 123****9012'],
      ['扣扣 12345', '扣扣 *****'],
      ['企鹅号 1234567', '企鹅号 ****4567'],
      ['QQ 1234 5678 9', 'QQ ****6789'],
    ])('%s → %s', (text, masked) => expect(maskText(text)).toBe(masked));

    it.each([
      '保洁阿姨打扫过了', // a job, not a name
      '维修师傅还没来',
      '物业经理说下周修',
      '3栋2单元楼道灯不亮',
      '3楼楼道灯',
      '微信支付了50元',
      '微信 abc', // too short for a WeChat id
      'QQ 1234',
      '2026-10-09 上午',
    ])('leaves %s as written', (text) => expect(maskText(text)).toBe(text));

    it.each(['欧阳', '司马', '上官', '诸葛', '皇甫', '尉迟', '公孙', '慕容', '令狐', '司徒', '夏侯', '长孙', '宇文'])('masks the compound surname %s whole', (surname) => {
      expect(maskText(`请${surname}老师回电`)).toBe('请**老师回电');
    });

    it.each([
      ['李建国师傅', '***师傅'],
      ['王秀英阿姨', '***阿姨'],
      ['请李建国师傅明天上门', '请***师傅明天上门'],
      ['楼下王秀英阿姨家漏水', '楼下***阿姨家漏水'],
      ['王小明阿姨', '***阿姨'],
      ['欧阳娜娜老师', '****老师'],
      ['隔壁王大爷', '隔壁*大爷'],
      // A word before the name keeps its meaning; a real 向 before a given name is still a name.
      ['向王阿姨反映', '向*阿姨反映'],
      ['于是李师傅来了', '于是*师傅来了'],
      ['向建国师傅', '***师傅'],
    ])('masks the full name before a title: %s → %s', (text, masked) => expect(maskText(text)).toBe(masked));

    it.each([
      ['联系人张伟 13912345678', '联系人** 139****5678'],
      ['联系人：张伟，13912345678', '联系人：**，139****5678'],
      ['姓名：王小明', '姓名：***'],
      ['姓名:王小明，电话13912345678', '姓名:***，电话139****5678'],
      ['我叫李娜，住3栋2单元501', '我叫**，住3栋2单元***'],
      ['我是王芳', '我是**'],
      ['我是李建国的家属', '我是***的家属'],
      ['联系人：张先生', '联系人：*先生'],
      ['我是王师傅', '我是*师傅'],
    ])('masks the name after 姓名/联系人/我叫/我是: %s → %s', (text, masked) => expect(maskText(text)).toBe(masked));

    it.each([
      '老师傅手艺好',
      '物业师傅说明天来',
      '小区阿姨帮忙打扫',
      '钟点工阿姨',
      '马上师傅就来', // 马 is a surname, 马上 is "at once"
      '方便师傅上门',
      '金牌师傅',
      '江边大爷在钓鱼',
      '白班阿姨',
      '对门阿姨',
      '我是业主',
      '我是万科业主',
      '我是高层住户',
      '我叫了物业',
    ])('leaves the ordinary words %s as written', (text) => expect(maskText(text)).toBe(text));

    it('is idempotent on each of them', () => {
      for (const text of ['李师傅 3栋2单元501', '李建国师傅', '联系人张伟 13912345678', '我是王芳', '加微信 zhang_san88', 'QQ：12345678', '住3-2-501', '手机一三九一二三四五六七八']) {
        expect(maskText(maskText(text))).toBe(maskText(text));
      }
    });
  });

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
    // (nor a word that announces a WeChat or QQ id: `wx abcdef` is masked.)
    fc.assert(fc.property(fc.string().filter((s) => !/[0-9\uFF10-\uFF19@＠]/.test(s) && !/wx|vx|qq|wechat/i.test(s)), (text) => expect(maskText(text)).toBe(text)));
  });
});
