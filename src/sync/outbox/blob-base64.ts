// Bytes per btoa call: a multiple of 3, so the pieces join without padding between them, and
// small enough for String.fromCharCode.apply, which takes its arguments on the stack.
const CHUNK = 3 * 8192;

/**
 * A Blob's bytes as base64, for an attachment's `Content`. The service worker has no `Buffer`
 * and no FileReader.readAsDataURL; btoa over binary strings is enough and costs no library.
 */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK)
    out += btoa(String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]));
  return out;
}
