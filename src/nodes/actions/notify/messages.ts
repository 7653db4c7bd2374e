import type { SendNotificationConfig } from './config.js';

/** A notification rendered for each channel and webhook dialect. */
export type Notification = Pick<SendNotificationConfig, 'title' | 'text' | 'severity' | 'link'>;

const SEVERITY_COLOURS = { info: '#2f80ed', warning: '#f2994a', critical: '#eb5757' } as const;
const TEAMS_COLOURS = { info: 'Accent', warning: 'Warning', critical: 'Attention' } as const;

export function subjectOf(n: Notification): string {
  return `[${n.severity.toUpperCase()}] ${n.title}`;
}

export function plainText(n: Notification): string {
  return [n.title, n.text, n.link].filter((part) => part !== undefined && part !== '').join('\n\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function html(n: Notification): string {
  const colour = SEVERITY_COLOURS[n.severity];
  return [
    `<h2 style="border-left:4px solid ${colour};padding-left:8px">${escapeHtml(n.title)}</h2>`,
    n.text ? `<p style="white-space:pre-wrap">${escapeHtml(n.text)}</p>` : '',
    n.link ? `<p><a href="${escapeHtml(n.link)}">${escapeHtml(n.link)}</a></p>` : '',
  ].join('');
}

/** Slack incoming webhook: `text` is the fallback and notification line, the attachment carries colour. */
function slack(n: Notification): unknown {
  return {
    text: `*${n.title}*`,
    attachments: [
      {
        color: SEVERITY_COLOURS[n.severity],
        title: n.title,
        ...(n.link ? { title_link: n.link } : {}),
        text: n.text,
        footer: `Severity: ${n.severity}`,
      },
    ],
  };
}

/** Microsoft Teams (Workflows / Power Automate incoming webhook): one Adaptive Card. */
function teams(n: Notification): unknown {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: n.title,
              weight: 'Bolder',
              size: 'Medium',
              color: TEAMS_COLOURS[n.severity],
              wrap: true,
            },
            ...(n.text ? [{ type: 'TextBlock', text: n.text, wrap: true }] : []),
          ],
          ...(n.link ? { actions: [{ type: 'Action.OpenUrl', title: 'Open', url: n.link }] } : {}),
        },
      },
    ],
  };
}

export function webhookPayload(format: SendNotificationConfig['format'], n: Notification, sentAt: string) {
  if (format === 'slack') return slack(n);
  if (format === 'teams') return teams(n);
  return { title: n.title, text: n.text, severity: n.severity, link: n.link ?? null, sent_at: sentAt };
}
