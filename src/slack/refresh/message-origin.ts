/**
 * Where an action started, carried through a modal's private_metadata so that, on submit, the message
 * with the button can be updated in place to show what was done.
 */
export interface MessageOrigin {
  kind: 'card' | 'prompt' | 'request' | 'home';
  channel?: string;
  ts?: string;
  /** An ephemeral message has no ts to chat.update; its response_url (valid 30 minutes) can replace it. */
  responseUrl?: string;
}
