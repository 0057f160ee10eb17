/** Types of scripts/package-fuses.mjs, for the test that imports it. */
export declare const ATALAYA_FUSES: Record<number, boolean>;
export declare function flipAtalayaFuses(electronPath: string): Promise<Record<string, 'enabled' | 'disabled'>>;
