/** Result photos as internal notes (≤ 500 characters each), until work.resolve takes photos itself. */
export function photoNotes(fileIds: string[], max = 500): string[] {
  const notes: string[] = [];
  let current = '';
  for (const id of fileIds) {
    const head = current ? `${current} ` : '办结照片：';
    if ((head + id).length > max && current) {
      notes.push(current);
      current = `办结照片：${id}`;
    } else current = head + id;
  }
  if (current) notes.push(current);
  return notes;
}
