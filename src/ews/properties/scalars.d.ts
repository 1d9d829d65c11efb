/** xs:boolean: `true`, `false`, `1`, `0` (exchangelib writes `1`/`0`; ignoring them loses its mark-read). */
export declare function readBool(text: string | undefined): boolean | undefined;
/** xs:int. */
export declare function readInt(text: string | undefined): number | undefined;
