import { identityHeaders } from '../../api/session';

/** H5: download a CSV export with the identity headers (a plain link cannot send them): fetch → blob → <a download>. */
export async function downloadCsv(path: string, filename: string): Promise<void> {
  const res = await fetch(`${process.env.TARO_APP_API_BASE}${path}`, { headers: identityHeaders() });
  if (!res.ok) throw new Error(`导出失败（${res.status}）`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
