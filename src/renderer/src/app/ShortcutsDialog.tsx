import { Dialog } from '../ui';
import { shortcutLabel } from './platform';
import { SHORTCUTS } from './shortcuts';
import './app.css';

const TREE_KEYS: readonly [string, string][] = [
  ['↑ ↓', 'Move between chapters and scenes'],
  ['→ ←', 'Unfold / fold a chapter'],
  ['Enter', 'Open the scene'],
  ['F2', 'Rename'],
  ['Alt+↑ / Alt+↓', 'Move the chapter or scene'],
  ['Delete', 'Move to the trash'],
  ['Shift+F10', 'Actions menu'],
];

/** Lists the global shortcuts and the keys of the chapter/scene tree. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const scopes = [
    ['Everywhere', SHORTCUTS.filter((s) => s.scope === 'everywhere')],
    ['In a project', SHORTCUTS.filter((s) => s.scope === 'project')],
    ['On the dashboard', SHORTCUTS.filter((s) => s.scope === 'dashboard')],
  ] as const;
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" size="lg" data-testid="shortcuts-dialog">
      <div className="shortcuts-grid">
        {scopes.map(([title, list]) => (
          <section key={title}>
            <h3>{title}</h3>
            <dl>
              {list.map((s) => (
                <div key={s.keys + s.description}>
                  <dt>{s.description}</dt>
                  <dd>
                    <kbd>{shortcutLabel(s.keys)}</kbd>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section>
          <h3>In the chapter tree</h3>
          <dl>
            {TREE_KEYS.map(([keys, what]) => (
              <div key={keys}>
                <dt>{what}</dt>
                <dd>
                  <kbd>{keys}</kbd>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Dialog>
  );
}
