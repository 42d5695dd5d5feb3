/** What other features may use of the quote review: the notice that leads to it. */
export { ReviewNotice } from './ReviewNotice';
