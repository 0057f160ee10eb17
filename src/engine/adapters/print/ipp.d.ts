/**
 * The part of `ipp` 1.1.0 (CommonJS, no types of its own) that Atalaya uses: its serializer and
 * parser. The HTTP request is ours (ipp-client.ts), so every call has a timeout.
 */
declare module 'ipp' {
  /** An IPP message as the library reads and writes it: groups by their tag name, values decoded (enums as keywords). */
  export interface IppMessage {
    version?: string;
    operation?: string;
    statusCode?: string;
    id?: number | null;
    'operation-attributes-tag'?: Record<string, unknown>;
    'job-attributes-tag'?: Record<string, unknown>;
    'printer-attributes-tag'?: Record<string, unknown>;
    data?: Buffer;
    [group: string]: unknown;
  }
  const ipp: {
    serialize(message: IppMessage): Buffer;
    parse(buffer: Buffer): IppMessage;
  };
  export default ipp;
}
