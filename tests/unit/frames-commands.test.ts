import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGES, frameItemId, frameUsage, moveFrameItem, type Segment } from '../../shared/model';
import { commandAction, shortcutCommand } from '../../renderer/app/commands';

const seg = (stageId: string | null, situationId: string | null, actorIds: string[]) => ({ stageId, situationId, actorIds }) as unknown as Segment;

describe('study frames', () => {
  it('counts usage per frame kind', () => {
    const segs = [seg('vg1', 'help', ['radgiver', 'nav']), seg('vg1', null, ['radgiver']), seg(null, 'info', [])];
    expect([...frameUsage('stages', segs, [])]).toEqual([['vg1', 2]]);
    expect([...frameUsage('situations', segs, [])]).toEqual([['help', 1], ['info', 1]]);
    expect([...frameUsage('actors', segs, [])]).toEqual([['radgiver', 2], ['nav', 1]]);
    expect([...frameUsage('groups', segs, ['ot', 'ot', 'gs10'])]).toEqual([['ot', 2], ['gs10', 1]]);
  });
  it('makes readable unique ids from Norwegian labels', () => {
    expect(frameItemId('Vg3', [])).toBe('vg3');
    expect(frameItemId('Vg3', ['vg3'])).toBe('vg3-2');
    expect(frameItemId('Lærebedrift på Østlandet', [])).toBe('laerebedrift-pa-ostlandet');
    expect(frameItemId('!!!', [])).toBe('item');
  });
  it('moves stages within bounds', () => {
    expect(moveFrameItem(DEFAULT_STAGES, 'vg1', -1).map((s) => s.id)).toEqual(['st7', 'st8', 'st9', 'vg1', 'st10', 'vg2']);
    expect(moveFrameItem(DEFAULT_STAGES, 'st7', -1).map((s) => s.id)).toEqual(DEFAULT_STAGES.map((s) => s.id));
    expect(moveFrameItem(DEFAULT_STAGES, 'vg2', 1).map((s) => s.id)).toEqual(DEFAULT_STAGES.map((s) => s.id));
  });
});

describe('menu commands', () => {
  it('map to routes given the open study', () => {
    expect(commandAction('report', 's1')).toEqual({ kind: 'navigate', route: { name: 'study', studyId: 's1', view: 'report' } });
    expect(commandAction('report', null)).toEqual({ kind: 'none' });
    expect(commandAction('import', null)).toEqual({ kind: 'navigate', route: { name: 'home' } });
    expect(commandAction('locale-nn', null)).toEqual({ kind: 'lang', lang: 'nn' });
    expect(commandAction('toggle-presentation', 's1')).toEqual({ kind: 'navigate', route: { name: 'study', studyId: 's1', view: 'present' } });
  });
  it('browser shortcuts follow the menu accelerators and leave plain typing alone', () => {
    const k = (key: string, o: Partial<KeyboardEvent> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...o });
    expect(shortcutCommand(k('P', { ctrlKey: true, shiftKey: true }))).toBe('report');
    expect(shortcutCommand(k('o', { metaKey: true, shiftKey: true }))).toBe('open-project');
    expect(shortcutCommand(k('o', { metaKey: true }))).toBeNull();
    expect(shortcutCommand(k('F', { ctrlKey: true, shiftKey: true }))).toBe('toggle-presentation');
    expect(shortcutCommand(k('F5'))).toBeNull();
    expect(shortcutCommand(k('p'))).toBeNull();
    expect(shortcutCommand(k('z', { ctrlKey: true }))).toBeNull();
    expect(shortcutCommand(k('o', { ctrlKey: true, shiftKey: true, altKey: true }))).toBeNull();
  });
});
