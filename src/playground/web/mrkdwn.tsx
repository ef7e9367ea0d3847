import emojiData from '@emoji-mart/data/sets/15/native.json';
import type { ComponentChildren } from 'preact';
import { parse, NodeType, type Node } from 'slack-message-parser';
import { usePage } from './context.js';

/** Slack escapes these three in message text; everything else arrives as it is. */
function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

interface EmojiSet {
  emojis: Record<string, { skins: { native: string }[] }>;
  aliases: Record<string, string>;
}
const emojis = emojiData as unknown as EmojiSet;

/** A `:name:` code by Slack's names (emoji-mart's data uses the same names Slack does). */
function lookup(name: string): string | undefined {
  return (emojis.emojis[name] ?? emojis.emojis[emojis.aliases[name] ?? ''])?.skins[0]?.native;
}

export function emoji(name: string): string {
  return lookup(name) ?? `:${name}:`;
}

/** `:name:` codes in plain text (plain_text objects with `emoji: true`). */
function withEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (code, name: string) => lookup(name) ?? code);
}

function Nodes({ nodes }: { nodes: Node[] }) {
  return (
    <>
      {nodes.map((n, i) => (
        <MrkdwnNode key={i} node={n} />
      ))}
    </>
  );
}

function MrkdwnNode({ node }: { node: Node }): ComponentChildren {
  const { nameOf, snap } = usePage();
  switch (node.type) {
    case NodeType.Text:
      return unescape(node.text);
    case NodeType.Bold:
      return (
        <b>
          <Nodes nodes={node.children} />
        </b>
      );
    case NodeType.Italic:
      return (
        <i>
          <Nodes nodes={node.children} />
        </i>
      );
    case NodeType.Strike:
      return (
        <s>
          <Nodes nodes={node.children} />
        </s>
      );
    case NodeType.Quote:
      return (
        <blockquote>
          <Nodes nodes={node.children} />
        </blockquote>
      );
    case NodeType.Code:
      return <code>{unescape(node.text)}</code>;
    case NodeType.PreText:
      return <pre>{unescape(node.text)}</pre>;
    case NodeType.Emoji:
      return emoji(node.name);
    case NodeType.UserLink:
      return <span class="mention">@{node.label ? <Nodes nodes={node.label} /> : nameOf(node.userID)}</span>;
    case NodeType.ChannelLink: {
      const channel = snap.channels.find((c) => c.id === node.channelID);
      return (
        <span class="mention">#{node.label ? <Nodes nodes={node.label} /> : (channel?.name ?? node.channelID)}</span>
      );
    }
    case NodeType.Command:
      // <!date^…|fallback> shows its fallback text; <!here>, <!channel>, <!subteam^…> are mentions.
      if (node.name === 'date') return node.label ? <Nodes nodes={node.label} /> : null;
      return <span class="mention">@{node.label ? <Nodes nodes={node.label} /> : node.name}</span>;
    case NodeType.URL:
      return (
        <a href={node.url} target="_blank" rel="noreferrer noopener">
          {node.label ? <Nodes nodes={node.label} /> : node.url}
        </a>
      );
    case NodeType.Root:
      return <Nodes nodes={node.children} />;
  }
}

/** Slack's mrkdwn: bold, italic, strike, code, quotes, links, mentions, emoji; line breaks kept by CSS. */
export function Mrkdwn({ text }: { text: string }) {
  return (
    <span class="mrkdwn">
      {/* Slack quotes a line starting with `>` as well as its escaped form, which is all the parser knows. */}
      <MrkdwnNode node={parse(text.replace(/^>/gm, '&gt;'))} />
    </span>
  );
}

/** A Block Kit text object: mrkdwn, or plain text (with emoji codes when asked). */
export function TextObject({ text }: { text: unknown }) {
  if (typeof text !== 'object' || text === null) return null;
  const t = text as { type?: string; text?: string; emoji?: boolean };
  if (t.type === 'mrkdwn') return <Mrkdwn text={t.text ?? ''} />;
  return <span class="plain">{t.emoji === false ? (t.text ?? '') : withEmoji(t.text ?? '')}</span>;
}

/** The text of a plain_text object, for attributes and options. */
export function plain(text: unknown): string {
  if (typeof text !== 'object' || text === null) return '';
  return withEmoji(String((text as { text?: unknown }).text ?? ''));
}
