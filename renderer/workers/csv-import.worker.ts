/// <reference lib="webworker" />
/**
 * CSV import off the main thread (shared/exchange/csv-job.ts): decode, parse, map and validate
 * 100,000 rows while the page stays responsive and shows progress. The worker keeps the parsed
 * table between the parse and the import request and writes nothing: the page commits.
 */
import { createCsvJob, type CsvJobRequest } from '../../shared/exchange/csv-job';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const job = createCsvJob((m) => scope.postMessage(m), () => crypto.randomUUID());

scope.onmessage = (e: MessageEvent<CsvJobRequest>) => job.handle(e.data);
