import { useEffect, useMemo } from 'react';
import { useT } from '../../i18n/locale.store';
import { usePrintingStore } from './printing.store';

/** The PDF's bytes from the engine's base64, as a blob the page can offer as a download. */
export function pdfBlob(base64: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: 'application/pdf' });
}

/**
 * A document as it prints: the engine's page of it (inline CSS and SVG, no scripts) in a frame
 * sandboxed to a unique origin with nothing allowed — it shows the same in a browser and in the
 * desktop app, which has no PDF viewer — the ZPL text beside a thermal label, and the PDF to save.
 */
export function PreviewDialog() {
  const { t } = useT();
  const preview = usePrintingStore((s) => s.preview)!;
  const close = () => usePrintingStore.getState().previewClosed();
  const url = useMemo(() => (preview.doc ? URL.createObjectURL(pdfBlob(preview.doc.pdfBase64)) : null), [preview.doc]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return (
    <div className="modal-backdrop nested" role="presentation" onClick={(e) => e.target === e.currentTarget && close()}>
      <section
        className="modal preview-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="preview-title"
        data-testid="preview-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close();
          }
        }}
      >
        <header className="jobs-head">
          <h3 id="preview-title">{preview.doc?.title ?? t('print.preview')}</h3>
          <span className="topbar-spacer" />
          {url ? (
            <a href={url} download={`${preview.doc?.title ?? 'document'}.pdf`} data-testid="preview-download">
              {t('print.preview.download')}
            </a>
          ) : null}
          <button type="button" className="ghost" autoFocus onClick={close}>
            {t('print.close')}
          </button>
        </header>
        {preview.error ? (
          <div className="banner error" role="alert">
            {preview.error}
          </div>
        ) : !preview.doc ? (
          <span className="spinner" aria-label={t('print.strip.loading')} />
        ) : (
          <div className={preview.doc.zpl ? 'preview-body with-zpl' : 'preview-body'}>
            <iframe className="preview-pdf" title={preview.doc.title} sandbox="" srcDoc={preview.doc.html} data-testid="preview-pdf" />
            {preview.doc.zpl ? (
              <pre className="preview-zpl mono" data-testid="preview-zpl" aria-label={t('print.preview.zpl')}>
                {preview.doc.zpl}
              </pre>
            ) : null}
          </div>
        )}
      </section>
    </div>
  );
}
