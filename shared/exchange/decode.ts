/**
 * The CSV importer's decoder: the one text decoder of shared/text/decode.ts (one Windows-1252
 * table). This path stays for the importer's imports.
 */
export { decodeText, decodeWindows1252 } from '../text/decode';
export type { DetectedEncoding as TextEncodingName } from '../text/decode';
