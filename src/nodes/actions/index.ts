import type { AnyNodeDefinition } from '../contract.js';
import { aiTextTransform } from './ai/node.js';
import { delay } from './delay.js';
import { jsonParser } from './json-parser.js';
import { smtp } from './mail/smtp.js';
import { sendNotification } from './notify/node.js';
import { soapRequest } from './soap/node.js';
import { ssh } from './ssh/node.js';
import { terminate } from './terminate.js';
import { textTransform } from './text-transform.js';
import { webhook } from './webhook.js';

/** Every action component: nodes that do work and continue down their plain edges. */
export const actionNodes: AnyNodeDefinition[] = [
  webhook,
  textTransform,
  jsonParser,
  delay,
  terminate,
  ssh,
  smtp,
  aiTextTransform,
  sendNotification,
  soapRequest,
];
