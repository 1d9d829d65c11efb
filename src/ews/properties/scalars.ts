import { CodecError } from '../errors.js';

/** xs:boolean: `true`, `false`, `1`, `0` (exchangelib writes `1`/`0`; ignoring them loses its mark-read). */
export function readBool(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  switch (text.trim()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      throw new CodecError('unexpected', `"${text.slice(0, 40)}" is not an xs:boolean`);
  }
}

/** xs:int. */
export function readInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new CodecError('unexpected', `"${text.slice(0, 40)}" is not an xs:int`);
  return Number(t);
}
