import { Moon, Sun } from 'lucide-react';
import { useStores } from '../../app/services';
import { IconButton } from '../../ui';
import { useResolvedTheme } from './use-resolved-theme';

/** Switches between light and dark (leaving "system" for the preferences dialog). */
export function ThemeToggle() {
  const { usePrefs } = useStores();
  const resolved = useResolvedTheme();
  const update = usePrefs((state) => state.update);
  const next = resolved === 'dark' ? 'light' : 'dark';
  return (
    <IconButton
      label={next === 'dark' ? 'Switch to dark theme' : 'Switch to light theme'}
      icon={resolved === 'dark' ? <Sun size={17} /> : <Moon size={17} />}
      onClick={() => void update({ theme: next })}
      data-testid="theme-toggle"
    />
  );
}
