/** What the bench page exposes on `window.__bench` for the runner (tests/bench/chromium.ts). */
import type { AnonymiserResult, CsvResult, JourneyResult, LoadResult, SaveResult } from './scenarios';

export interface StudySize {
  interviews: number;
  segments: number;
  seed: number;
}

export interface LongTasks {
  /** Longest task seen while the scenario ran (0 when none was over 50 ms, the API's threshold). */
  max: number;
  count: number;
}

export type Measured<T> = { result: T; longTasks: LongTasks; heapBytes: number | null };

export interface BenchApi {
  journey(size: StudySize, changes: number): Promise<Measured<JourneyResult>>;
  anonymiser(size: StudySize, rounds: number): Promise<Measured<AnonymiserResult>>;
  load(size: StudySize, rounds: number): Promise<Measured<LoadResult>>;
  csv(size: StudySize, rounds?: number): Promise<Measured<CsvResult>>;
  save(size: StudySize, n: number): Promise<Measured<SaveResult>>;
  /** Writes the generated study into the app's own database (same origin): returns its id. */
  seedApp(size: StudySize): Promise<Measured<string>>;
  /** Writes ONE anonymised interview with a transcript of about `words` words (tests/bench/page/workbench.ts) into the app's database. */
  seedWorkbench(words: number, seed: number): Promise<Measured<{ studyId: string; interviewId: string; words: number; chars: number; turns: number }>>;
  /** Drops cached studies so the next scenario starts from a smaller heap. */
  forget(): void;
}
