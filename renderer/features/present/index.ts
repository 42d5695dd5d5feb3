/** What other features may use of the presentation mode. */
export { leaveFullscreenQuietly, requestFullscreenQuietly } from './fullscreen';
