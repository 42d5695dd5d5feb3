/**
 * Registers every channel of shared/bridge.ts with `ipcMain.handle`, behind two checks that run
 * BEFORE the handler (and so before any dialog or file access):
 *   1. the sender frame's URL is trusted (checklist item 17: validate the sender of IPC);
 *   2. the payload parses with the channel's request schema (never a cast).
 * A refusal is a typed value ({ ok: false, reason: 'refused' }), not a thrown error, so the
 * renderer handles it like any expected failure.
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import {
  channels,
  type Channel,
  type Channels,
  type HandlerResultOf,
  type ParsedRequestOf,
  type Refused,
} from '../shared/bridge';

/** The slice of `ipcMain` we use; the wiring test passes a recorder. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export type Handler<C> = (request: ParsedRequestOf<C>, event: IpcMainInvokeEvent) => Promise<HandlerResultOf<C>>;
export type Handlers = { [K in keyof Channels]: Handler<Channels[K]> };

export function refused(message: string): Refused {
  return { ok: false, reason: 'refused', message };
}

/** Where the call came from. `senderFrame` is null when the frame navigated away or was destroyed. */
export function senderUrl(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string | undefined {
  return event.senderFrame?.url;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`)
    .join('; ');
}

/** The full check-then-handle pipeline for one channel, as a plain function. */
export function guardedHandler<N extends string, Req extends z.ZodType, Res extends z.ZodType>(
  ch: Channel<N, Req, Res>,
  handler: Handler<Channel<N, Req, Res>>,
  isTrustedSender: (url: string | undefined) => boolean,
  log: (message: string) => void = () => undefined,
): (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<z.output<Res> | Refused> {
  return async (event, ...args) => {
    const url = senderUrl(event);
    if (!isTrustedSender(url)) {
      log(`ipc ${ch.name}: refused untrusted sender ${url ?? '(none)'}`);
      return refused('untrusted sender');
    }
    if (args.length !== 1) return refused(`expected exactly one argument, got ${args.length}`);
    const parsed = ch.request.safeParse(args[0]);
    if (!parsed.success) {
      const message = describeIssues(parsed.error);
      log(`ipc ${ch.name}: refused payload: ${message}`);
      return refused(`invalid request: ${message}`);
    }
    try {
      const result = await handler(parsed.data as ParsedRequestOf<Channel<N, Req, Res>>, event);
      // Parse our own answer too: the contract holds in both directions.
      const checked = ch.result.safeParse(result);
      if (!checked.success) {
        log(`ipc ${ch.name}: handler returned an invalid result: ${describeIssues(checked.error)}`);
        return refused('internal error: invalid result');
      }
      return checked.data as z.output<Res> | Refused;
    } catch (error) {
      log(`ipc ${ch.name}: handler threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return refused('internal error');
    }
  };
}

/** Register every channel in `channels`; a missing handler is a type error. */
export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  isTrustedSender: (url: string | undefined) => boolean,
  log?: (message: string) => void,
): string[] {
  const registered: string[] = [];
  for (const key of Object.keys(channels) as (keyof Channels)[]) {
    const ch = channels[key] as Channel<string, z.ZodType, z.ZodType>;
    const handler = handlers[key] as unknown as Handler<Channel<string, z.ZodType, z.ZodType>>;
    ipcMain.handle(ch.name, guardedHandler(ch, handler, isTrustedSender, log));
    registered.push(ch.name);
  }
  return registered;
}
