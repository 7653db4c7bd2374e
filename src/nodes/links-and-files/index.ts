import type { AnyNodeDefinition } from '../contract.js';
import { markdownToPdf } from './markdown-to-pdf.js';
import { shortenLink } from './shorten-link.js';

/** Components whose results outlive the run's log: short links and run files. */
export const linkAndFileNodes: AnyNodeDefinition[] = [shortenLink, markdownToPdf];
