const MAX_LENGTH = 80;

/** Free text squeezed onto one line and cut at a word near 80 characters. */
export function oneLine(text: string | undefined): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= MAX_LENGTH) return flat;
  const cut = flat.lastIndexOf(' ', MAX_LENGTH);
  return `${flat.slice(0, cut > MAX_LENGTH / 2 ? cut : MAX_LENGTH)} ...`;
}
