/**
 * Builds the PDF off the main thread: jsPDF's font parsing and compression take a second or two
 * for a real study, and the composer stays responsive meanwhile. Same buildReport as the CLI.
 */
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { buildReport, type ReportFonts } from '../../../shared/report';
import type { BuildRequest, WorkerMessage } from './protocol';

let fonts: Promise<ReportFonts> | null = null;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Fetched once per worker: the bundled DejaVu Sans files (about 1.4 MB together). */
function loadFonts(): Promise<ReportFonts> {
  fonts ??= Promise.all([fetchBytes(regularUrl), fetchBytes(boldUrl)]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

const post = (m: WorkerMessage, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(m, transfer);

self.addEventListener('message', (e: MessageEvent<BuildRequest>) => {
  const { id, data, options } = e.data;
  void (async () => {
    try {
      const f = await loadFonts();
      const result = await buildReport(data, options, { fonts: f }, (p) => post({ id, type: 'progress', p }));
      post({ id, type: 'done', result }, result.ok ? [result.bytes.buffer as ArrayBuffer] : []);
    } catch (err) {
      fonts = null;
      post({ id, type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  })();
});
