/** Messages between the report screen and its worker (report.worker.ts). */
import type { StudyData } from '../../../shared/model';
import type { BuildResult, ReportOptions } from '../../../shared/report';

export interface BuildRequest {
  id: number;
  data: StudyData;
  options: ReportOptions;
}

export type WorkerMessage =
  | { id: number; type: 'progress'; p: number }
  | { id: number; type: 'done'; result: BuildResult }
  | { id: number; type: 'error'; message: string };
