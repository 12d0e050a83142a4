import i18n from '../i18n';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(digits: number): Intl.NumberFormat {
  const key = `${i18n.language}|${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits });
    formatters.set(key, f);
  }
  return f;
}

/** A quantity as people read it (up to 3 decimals, grouped). */
export const formatQty = (n: number): string => formatter(3).format(n);
/** Money as people read it (up to 2 decimals, grouped; the API keeps 4). */
export const formatMoney = (n: number): string => formatter(2).format(n);
/** An instant in the reader's locale and time zone. */
export const formatTime = (iso: string): string =>
  new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
