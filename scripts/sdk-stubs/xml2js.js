'use strict';
// Stands in for xml2js (+ xmlbuilder, sax; ~95 KB), which app.uploadFile() uses for one thing: COS
// answers a successful upload with an empty body and a failure with an XML <Error>. An empty body
// still parses to null (success); a failure rejects with COS's XML as it came, unparsed.
exports.parseString = (text, callback) => {
  const xml = String(text ?? '');
  if (xml.trim() === '') callback(null, null);
  else callback(new Error(`cloud storage upload failed (xml2js is left out of this bundle, reply unparsed): ${xml.slice(0, 2000)}`));
};
