/**
 * A delivery as the logs name it: its id, event, action and repository — never its payload, which can be
 * 25 MB and carries whatever the sender put in it.
 */
export interface DeliveryHead {
  id: string;
  name: string;
  payload?: unknown;
}

export function deliverySummary(event: DeliveryHead): string {
  const payload = (typeof event.payload === 'object' && event.payload !== null ? event.payload : {}) as {
    action?: unknown;
    repository?: { full_name?: unknown } | null;
  };
  const action = typeof payload.action === 'string' ? `.${clip(payload.action)}` : '';
  const repo = payload.repository?.full_name;
  const where = typeof repo === 'string' ? ` ${clip(repo)}` : '';
  // The id and event come from headers, read before the signature is checked: clipped like the rest.
  return `delivery ${clip(event.id)} ${clip(event.name)}${action}${where}`;
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length <= 100 ? line : `${line.slice(0, 99)}…`;
}
