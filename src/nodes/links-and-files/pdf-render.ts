import type { Token, Tokens } from 'marked';

/**
 * Markdown to PDF: marked's lexer reads the document into tokens, and this walks them onto pdfkit pages.
 * Covered: headings, paragraphs with bold / italic / inline code / links (clickable), ordered and bulleted
 * lists (nested), tables, code blocks, block quotes and rules. Raw HTML is printed as text. The standard
 * PDF fonts are used (no font files), so characters outside Windows-1252 do not render. pdfkit and marked
 * load on first use: every process (and CLI command) imports the node registry, few render PDFs.
 */

const FONT = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
  boldItalic: 'Helvetica-BoldOblique',
  mono: 'Courier',
};
const HEADING_SIZES = [0, 22, 18, 15, 13, 12, 11];
const BODY_SIZE = 11;
const LINK_COLOR = '#1a5fb4';
const TEXT_COLOR = '#000000';

type Doc = PDFKit.PDFDocument;

interface Style {
  bold: boolean;
  italic: boolean;
  mono: boolean;
  link: string | null;
}

const PLAIN: Style = { bold: false, italic: false, mono: false, link: null };

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

function fontOf(style: Style): string {
  if (style.mono) return FONT.mono;
  if (style.bold && style.italic) return FONT.boldItalic;
  if (style.bold) return FONT.bold;
  return style.italic ? FONT.italic : FONT.regular;
}

/** Flattens inline tokens into styled runs of text. */
function runs(
  tokens: readonly Token[] | undefined,
  style: Style,
  out: Array<{ text: string; style: Style }>,
) {
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        runs((token as Tokens.Strong).tokens, { ...style, bold: true }, out);
        break;
      case 'em':
        runs((token as Tokens.Em).tokens, { ...style, italic: true }, out);
        break;
      case 'del':
        runs((token as Tokens.Del).tokens, style, out);
        break;
      case 'codespan':
        out.push({ text: decode((token as Tokens.Codespan).text), style: { ...style, mono: true } });
        break;
      case 'link': {
        const link = token as Tokens.Link;
        runs(link.tokens, { ...style, link: link.href }, out);
        break;
      }
      case 'br':
        out.push({ text: '\n', style });
        break;
      case 'image': {
        const image = token as Tokens.Image;
        out.push({ text: `[${image.text || 'image'}]`, style: { ...style, link: image.href } });
        break;
      }
      default: {
        const nested = (token as { tokens?: Token[] }).tokens;
        if (nested && nested.length > 0) runs(nested, style, out);
        else out.push({ text: decode((token as { text?: string }).text ?? token.raw), style });
      }
    }
  }
  return out;
}

/** Writes inline tokens as one flowing paragraph at the current position. */
function inline(
  doc: Doc,
  tokens: readonly Token[] | undefined,
  size: number,
  options: PDFKit.Mixins.TextOptions = {},
  base: Style = PLAIN,
) {
  const parts = runs(tokens, base, []).filter((part) => part.text !== '');
  if (parts.length === 0) parts.push({ text: ' ', style: base });
  parts.forEach((part, index) => {
    doc
      .font(fontOf(part.style))
      .fontSize(part.style.mono ? size - 1 : size)
      .fillColor(part.style.link ? LINK_COLOR : TEXT_COLOR)
      .text(part.text, {
        ...options,
        continued: index < parts.length - 1,
        link: part.style.link,
        underline: part.style.link !== null,
      });
  });
  doc.fillColor(TEXT_COLOR);
}

function list(doc: Doc, token: Tokens.List, depth: number) {
  const indent = 18 * (depth + 1);
  const start = typeof token.start === 'number' ? token.start : 1;
  token.items.forEach((item, index) => {
    const marker = token.ordered ? `${start + index}.` : depth % 2 === 0 ? '•' : '◦';
    const x = doc.page.margins.left + indent;
    const y = doc.y;
    doc
      .font(FONT.regular)
      .fontSize(BODY_SIZE)
      .fillColor(TEXT_COLOR)
      .text(marker === '◦' ? '-' : marker, x - 14, y, { width: 14, lineBreak: false });
    doc.x = x;
    doc.y = y;
    for (const child of item.tokens) {
      if (child.type === 'list') list(doc, child as Tokens.List, depth + 1);
      else if (child.type === 'text' || child.type === 'paragraph') {
        inline(doc, (child as Tokens.Text).tokens ?? [child], BODY_SIZE, {
          width: contentWidth(doc) - indent,
          indent: 0,
        });
        doc.x = x;
      } else if (child.type !== 'space') block(doc, child, depth + 1);
    }
    doc.x = doc.page.margins.left;
  });
  doc.moveDown(0.4);
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function table(doc: Doc, token: Tokens.Table) {
  const columns = Math.max(1, token.header.length);
  const width = contentWidth(doc) / columns;
  const left = doc.page.margins.left;
  const padding = 4;
  const row = (cells: Tokens.TableCell[], header: boolean) => {
    const heights = cells.map((cell) =>
      doc
        .font(header ? FONT.bold : FONT.regular)
        .fontSize(BODY_SIZE - 1)
        .heightOfString(decode(cell.text), { width: width - 2 * padding }),
    );
    const height = Math.max(...heights, BODY_SIZE) + 2 * padding;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    cells.forEach((cell, index) => {
      const x = left + index * width;
      doc.rect(x, top, width, height).lineWidth(0.5).strokeColor('#999999').stroke();
      doc.x = x + padding;
      doc.y = top + padding;
      inline(doc, cell.tokens, BODY_SIZE - 1, { width: width - 2 * padding }, { ...PLAIN, bold: header });
    });
    doc.x = left;
    doc.y = top + height;
  };
  row(token.header, true);
  for (const cells of token.rows) row(cells, false);
  doc.moveDown(0.6);
}

function code(doc: Doc, token: Tokens.Code) {
  const text = token.text.length > 0 ? token.text : ' ';
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.font(FONT.mono).fontSize(BODY_SIZE - 1);
  const height = doc.heightOfString(text, { width: width - 16 }) + 12;
  if (doc.y + height > doc.page.height - doc.page.margins.bottom && height < doc.page.height / 2)
    doc.addPage();
  const top = doc.y;
  doc.rect(left, top, width, height).fillColor('#f2f2f2').fill();
  doc.fillColor(TEXT_COLOR).text(text, left + 8, top + 6, { width: width - 16 });
  doc.x = left;
  doc.y = Math.max(doc.y, top + height);
  doc.moveDown(0.6);
}

function block(doc: Doc, token: Token, depth = 0) {
  switch (token.type) {
    case 'heading': {
      const heading = token as Tokens.Heading;
      doc.moveDown(0.3);
      inline(doc, heading.tokens, HEADING_SIZES[heading.depth] ?? BODY_SIZE, {}, { ...PLAIN, bold: true });
      doc.moveDown(0.4);
      return;
    }
    case 'paragraph':
      inline(doc, (token as Tokens.Paragraph).tokens, BODY_SIZE);
      doc.moveDown(0.6);
      return;
    case 'text':
      inline(doc, (token as Tokens.Text).tokens ?? [token], BODY_SIZE);
      return;
    case 'list':
      list(doc, token as Tokens.List, depth);
      return;
    case 'table':
      table(doc, token as Tokens.Table);
      return;
    case 'code':
      code(doc, token as Tokens.Code);
      return;
    case 'blockquote': {
      const startY = doc.y;
      doc.x = doc.page.margins.left + 14;
      for (const child of (token as Tokens.Blockquote).tokens) block(doc, child, depth);
      doc
        .moveTo(doc.page.margins.left + 4, startY)
        .lineTo(doc.page.margins.left + 4, doc.y)
        .lineWidth(2)
        .strokeColor('#cccccc')
        .stroke();
      doc.x = doc.page.margins.left;
      return;
    }
    case 'hr': {
      const y = doc.y + 4;
      doc
        .moveTo(doc.page.margins.left, y)
        .lineTo(doc.page.width - doc.page.margins.right, y)
        .lineWidth(0.5)
        .strokeColor('#999999')
        .stroke();
      doc.y = y + 8;
      return;
    }
    case 'space':
      return;
    default:
      // Raw HTML and anything unknown: printed as the text it is.
      if (token.raw.trim() !== '') {
        doc.font(FONT.regular).fontSize(BODY_SIZE).fillColor(TEXT_COLOR).text(token.raw.trim());
        doc.moveDown(0.6);
      }
  }
}

export interface PdfOptions {
  title?: string;
  /** Fixed document dates (tests, reproducible output); default: now. */
  date?: Date;
}

/** Renders `markdown` as an A4 PDF. */
export async function renderMarkdownPdf(markdown: string, options: PdfOptions = {}): Promise<Buffer> {
  const [{ default: PDFDocument }, { lexer }] = await Promise.all([import('pdfkit'), import('marked')]);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: options.title ?? 'Document',
      Producer: 'Stratoflow',
      Creator: 'Stratoflow markdown_to_pdf',
      CreationDate: options.date ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const token of lexer(markdown)) block(doc, token);
  doc.end();
  return done;
}
