/**
 * GeoReport v2's XML form (the spec's required format; JSON is the optional one): a root element
 * holding one element per item, each field an element, empty when null. Items are flat records,
 * except that a field holding an array (discovery's endpoints and formats) becomes one element
 * per entry, named by `itemNames`.
 */

/**
 * Characters XML 1.0 cannot carry at all, even escaped: C0 controls other than tab, newline and
 * carriage return, lone surrogates, U+FFFE/U+FFFF. Input refuses controls, but a stored text from
 * before that (or an import) must not make the whole feed unreadable for every client.
 */
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const xmlSafe = (s: string) => s.replace(XML_ILLEGAL, '');

const escape = (s: string) => xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function element(name: string, value: unknown, itemNames: Readonly<Record<string, string>>): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v, itemNames)).join('')}</${name}>`;
  }
  if (typeof value === 'object') return `<${name}>${fields(value, itemNames)}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

const fields = (r: object, itemNames: Readonly<Record<string, string>>) =>
  Object.entries(r)
    .map(([k, v]) => element(k, v, itemNames))
    .join('');

export function toXml(root: string, item: string, records: readonly object[], itemNames: Readonly<Record<string, string>> = {}): string {
  const body = records.map((r) => `<${item}>${fields(r, itemNames)}</${item}>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${body}</${root}>\n`;
}

/** One object as the root element (discovery). */
export function objectToXml(root: string, record: object, itemNames: Readonly<Record<string, string>> = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${fields(record, itemNames)}</${root}>\n`;
}
