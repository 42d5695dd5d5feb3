import type { ComponentType } from 'react';
import type { Study } from '../../shared/model';

/** What a study screen receives: the study, and the optional sub-path of the route (e.g. an interview id). */
export interface ScreenProps {
  study: Study;
  sub?: string | undefined;
}

/**
 * A feature registers itself by exporting `feature` from renderer/features/<name>/feature.tsx.
 * The shell discovers them, so adding a screen never means editing the shell.
 */
export interface FeatureDef {
  /** Route segment: #/study/<id>/<view>[/<sub>]. */
  view: string;
  /** Locale key of the navigation label. */
  navKey: string;
  section: 'study' | 'analysis' | 'output';
  order: number;
  /** Hidden features have a route but no navigation entry (e.g. the transcript of one interview). */
  hidden?: boolean;
  /** Keyboard shortcut hint shown in the navigation, e.g. "Ctrl+2". */
  Screen: ComponentType<ScreenProps>;
}

const modules = import.meta.glob<{ feature: FeatureDef }>('../features/*/feature.tsx', { eager: true });

export const FEATURES: readonly FeatureDef[] = Object.values(modules)
  .map((m) => m.feature)
  .sort((a, b) => a.order - b.order);

export function featureFor(view: string): FeatureDef | undefined {
  return FEATURES.find((f) => f.view === view);
}
