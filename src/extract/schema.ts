import { z } from 'zod';

/** What the extract stage hands to normalise; see docs/architecture.md. */
export const ArticleSchema = z.object({
  /** Canonical URL: the page's own <link rel=canonical> when it is credible, else the fetched URL. */
  url: z.url(),
  /** True when `url` came from the page's <link rel=canonical>. */
  canonicalFromPage: z.boolean(),
  title: z.string(),
  /** Kicker or sub-headline printed with the title (引题 / 副题), when marked up as such. */
  subtitle: z.string().nullable(),
  /** ISO 8601 with +08:00, e.g. 2018-05-07T09:32:00+08:00; date-only pages get T00:00:00. */
  publishedAt: z.string().nullable(),
  source: z.string().nullable(),
  author: z.string().nullable(),
  editor: z.string().nullable(),
  /** Names after 记者, joined with 、 when several. */
  reporter: z.string().nullable(),
  /** Body paragraphs joined by "\n\n". */
  text: z.string(),
});

export type Article = z.infer<typeof ArticleSchema>;
