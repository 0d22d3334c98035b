import * as cheerio from 'cheerio';
import { DomHandler } from 'domhandler';
import { Parser } from 'htmlparser2';

/**
 * How much DOM one page may build. Real pages are shallow and small (the deepest of the real-page corpus
 * nests 29 elements, the largest has ~8,000 nodes); a tree far beyond that is hostile or broken, and
 * costs more than its size: htmlparser2's open-element stack and domutils' `find` (every cheerio query)
 * shift and unshift arrays as deep as the tree, so work grows with depth squared (140,000 nested <div>s:
 * minutes). Checked while the tree is built, so the refusal costs at most the budget's own work.
 */
export interface DomBudget {
  /** Open elements at once. */
  maxDepth: number;
  /** Elements, text and comment nodes in the whole tree. */
  maxNodes: number;
}

export const DOM_BUDGET: DomBudget = { maxDepth: 1000, maxNodes: 250_000 };

/** A page whose DOM exceeds the budget: refused with its own code, never retried (same bytes, same tree). */
export class PageTooComplexError extends Error {
  override name = 'PageTooComplexError';
  readonly code = 'PAGE_TOO_COMPLEX';
  readonly retryable = false;
}

/** domhandler's tree builder, counting as it goes. */
class BudgetedHandler extends DomHandler {
  private nodes = 0;
  constructor(private readonly budget: DomBudget) {
    super();
  }
  override onopentag(name: string, attribs: Record<string, string>): void {
    // tagStack holds the document root plus the open elements.
    if (this.tagStack.length > this.budget.maxDepth) {
      throw new PageTooComplexError(`elements nest deeper than ${this.budget.maxDepth}`);
    }
    super.onopentag(name, attribs);
  }
  protected override addNode(node: Parameters<DomHandler['addNode']>[0]): void {
    if (++this.nodes > this.budget.maxNodes) {
      throw new PageTooComplexError(`more than ${this.budget.maxNodes} DOM nodes`);
    }
    super.addNode(node);
  }
}

/** What cheerio.load passes htmlparser2 for `{ xml: { xmlMode: false, decodeEntities: true } }`. */
const PARSE = { xmlMode: false, decodeEntities: true } as const;

/**
 * htmlparser2 rather than parse5: about five times faster on 400 KB portal pages, and its lenient
 * tree is as good as the spec tree for reading text. The one parse of each page: htmlparser2 builds the
 * tree exactly as cheerio.load would, under the DOM budget, and cheerio wraps it.
 */
export function loadHtml(html: string, budget: DomBudget = DOM_BUDGET): cheerio.CheerioAPI {
  const handler = new BudgetedHandler(budget);
  new Parser(handler, PARSE).end(html);
  return cheerio.load(handler.root, { xml: PARSE });
}
