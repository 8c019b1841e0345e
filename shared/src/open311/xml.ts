/**
 * GeoReport v2's XML form (the spec's required format; JSON is the optional one): a root element
 * holding one element per item, each field an element, empty when null. Items are flat records.
 */

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toXml(root: string, item: string, records: readonly object[]): string {
  const body = records
    .map((r) => {
      const fields = Object.entries(r).map(([k, v]) => (v === null || v === undefined ? `<${k}/>` : `<${k}>${escape(String(v))}</${k}>`));
      return `<${item}>${fields.join('')}</${item}>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${body}</${root}>\n`;
}
