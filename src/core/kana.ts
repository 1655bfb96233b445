/**
 * Hepburn romanization of hiragana and katakana, enough to turn a Japanese name written in kana
 * into a readable handle. Kanji have no reading without a dictionary; they are dropped and the
 * caller falls back to a random handle when nothing usable remains.
 */
const BASE: Record<string, string> = {
  あ: 'a',
  い: 'i',
  う: 'u',
  え: 'e',
  お: 'o',
  か: 'ka',
  き: 'ki',
  く: 'ku',
  け: 'ke',
  こ: 'ko',
  が: 'ga',
  ぎ: 'gi',
  ぐ: 'gu',
  げ: 'ge',
  ご: 'go',
  さ: 'sa',
  し: 'shi',
  す: 'su',
  せ: 'se',
  そ: 'so',
  ざ: 'za',
  じ: 'ji',
  ず: 'zu',
  ぜ: 'ze',
  ぞ: 'zo',
  た: 'ta',
  ち: 'chi',
  つ: 'tsu',
  て: 'te',
  と: 'to',
  だ: 'da',
  ぢ: 'ji',
  づ: 'zu',
  で: 'de',
  ど: 'do',
  な: 'na',
  に: 'ni',
  ぬ: 'nu',
  ね: 'ne',
  の: 'no',
  は: 'ha',
  ひ: 'hi',
  ふ: 'fu',
  へ: 'he',
  ほ: 'ho',
  ば: 'ba',
  び: 'bi',
  ぶ: 'bu',
  べ: 'be',
  ぼ: 'bo',
  ぱ: 'pa',
  ぴ: 'pi',
  ぷ: 'pu',
  ぺ: 'pe',
  ぽ: 'po',
  ま: 'ma',
  み: 'mi',
  む: 'mu',
  め: 'me',
  も: 'mo',
  や: 'ya',
  ゆ: 'yu',
  よ: 'yo',
  ら: 'ra',
  り: 'ri',
  る: 'ru',
  れ: 're',
  ろ: 'ro',
  わ: 'wa',
  ゐ: 'i',
  ゑ: 'e',
  を: 'o',
  ん: 'n',
  ゔ: 'vu',
  ぁ: 'a',
  ぃ: 'i',
  ぅ: 'u',
  ぇ: 'e',
  ぉ: 'o',
};
const SMALL_Y: Record<string, string> = { ゃ: 'a', ゅ: 'u', ょ: 'o' };

function toHiragana(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  // Katakana block U+30A1–U+30F6 maps onto hiragana by a fixed offset.
  return code >= 0x30a1 && code <= 0x30f6 ? String.fromCodePoint(code - 0x60) : ch;
}

export function romanizeKana(input: string): string {
  const chars = Array.from(input.normalize('NFKC')).map(toHiragana);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const next = chars[i + 1];
    if (ch === 'っ') {
      const following = next ? (BASE[next] ?? '') : '';
      out += following.charAt(0);
      continue;
    }
    if (ch === 'ー') {
      continue;
    }
    const base = BASE[ch];
    if (base === undefined) {
      out += ch;
      continue;
    }
    const small = next ? SMALL_Y[next] : undefined;
    if (small && base.endsWith('i') && base.length > 1) {
      const stem = base.slice(0, -1);
      out += stem === 'sh' || stem === 'ch' || stem === 'j' ? stem + small : `${stem}y${small}`;
      i++;
      continue;
    }
    out += base;
  }
  return out;
}
