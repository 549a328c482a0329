import { chromium } from 'playwright-core';

/** Debian's Chromium (infra/local/chromium.sh), the one the console's browser tests drive. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export type PdfFooter = { left: string };

/**
 * Prints an HTML document to A4 pages with headless Chromium driven by playwright-core: one browser per document,
 * closed afterwards, so a worker keeps no browser between circulars (a month apart). The page loads nothing from
 * the network: the document carries its charts as inline SVG and its style inline.
 */
export async function renderPdf(html: string, footer: PdfFooter, executablePath = DEFAULT_CHROMIUM_PATH): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '22mm', bottom: '20mm', left: '18mm', right: '18mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="width:100%;font-size:8pt;padding:0 18mm;display:flex;justify-content:space-between;font-family:'Noto Sans CJK SC',sans-serif">
        <span>${escapeHtml(footer.left)}</span><span>第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</span></div>`,
    });
  } finally {
    await browser.close();
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
