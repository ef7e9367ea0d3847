import { useRef, useState } from 'preact/hooks';
import { MAX_INPUT_FILES, MAX_UPLOAD_BYTES as MAX_BYTES } from '../page-contract.js';
import { upload, type UploadedFile } from './api.js';
import { usePage } from './context.js';

interface Props {
  actionId: string;
  /** Slack's `filetypes` (extensions without the dot); none means any file. */
  filetypes: string[];
  maxFiles: number;
  files: UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
}

function sizeOf(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A Block Kit `file_input`: a file picker limited to its file types and `max_files`. Each chosen file is
 * uploaded to the stand-in at once (as Slack does) and listed with a remove button; what cannot be taken —
 * too many, too large, another type — is said under the field and nothing is uploaded.
 */
export function FileInput({ actionId, filetypes, maxFiles, files, onChange }: Props) {
  const { snap, t } = usePage();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(0);
  const picker = useRef<HTMLInputElement>(null);
  // The stand-in's limits are checked here first, so the answer is at once and nothing is uploaded.
  const max = Math.min(Math.max(1, maxFiles), MAX_INPUT_FILES);
  const types = new Set(filetypes.map((f) => f.toLowerCase()));

  const choose = async (chosen: File[]) => {
    setProblem(null);
    if (files.length + chosen.length > max) return setProblem(t('playground.file.too_many', { max }));
    const ext = (name: string) => (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '');
    const wrong = chosen.find((f) => types.size > 0 && !types.has(ext(f.name)));
    if (wrong) return setProblem(t('playground.file.type', { name: wrong.name, types: filetypes.join(', ') }));
    const big = chosen.find((f) => f.size > MAX_BYTES);
    if (big) return setProblem(t('playground.file.too_big', { name: big.name, max: MAX_BYTES / 1024 / 1024 }));
    setBusy((n) => n + chosen.length);
    const kept: UploadedFile[] = [];
    for (const f of chosen) {
      const answer = await upload(snap.me, f).catch(() => ({ ok: false as const, error: 'network' }));
      if ('file' in answer && answer.ok) kept.push(answer.file);
      else setProblem(t('playground.file.refused', { name: f.name, error: answer.error ?? '' }));
    }
    setBusy((n) => n - chosen.length);
    onChange([...files, ...kept]);
  };

  return (
    <div class="file-input" data-action={actionId}>
      <input
        ref={picker}
        type="file"
        class="file-picker"
        aria-label={t('playground.file.choose')}
        multiple={max > 1}
        accept={filetypes.map((f) => `.${f}`).join(',') || undefined}
        disabled={busy > 0 || files.length >= max}
        onChange={(e) => {
          const chosen = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (chosen.length) void choose(chosen);
        }}
      />
      <button
        type="button"
        class="btn btn-default"
        disabled={busy > 0 || files.length >= max}
        onClick={() => picker.current?.click()}
      >
        {busy > 0 ? t('playground.file.uploading') : t('playground.file.choose')}
      </button>
      <span class="hint">{t('playground.file.limits', { max, size: MAX_BYTES / 1024 / 1024 })}</span>
      {files.length > 0 && (
        <ul class="file-list">
          {files.map((f) => (
            <li key={f.id} class="file-chip">
              <span class="file-icon">{(f.name.split('.').pop() ?? 'file').slice(0, 4).toUpperCase()}</span>
              <span class="file-name">{f.name}</span>
              <span class="file-size">{sizeOf(f.size)}</span>
              <button
                type="button"
                class="file-remove"
                aria-label={t('playground.file.remove', { name: f.name })}
                onClick={() => onChange(files.filter((x) => x.id !== f.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <div class="input-error" role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}
