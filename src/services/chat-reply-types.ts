/**
 * The shapes chat-replies.ts and chat-reply-target.ts share, kept apart so neither file imports the other
 * back (chat-replies calls chat-reply-target; the target only needs these types).
 */

export interface IncomingReply {
  channelId: string;
  /** The reply's own message ts. */
  ts: string;
  /** The parent message when the reply was typed in a thread. */
  threadTs?: string | null;
  text: string;
  /** A shared channel rather than the user's DM with the bot: chatter there is left alone. */
  inChannel: boolean;
}

export interface Candidate {
  key: string;
  title: string;
}
