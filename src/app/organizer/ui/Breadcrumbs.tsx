import { useT } from '../../i18n/useT';
import { Link } from '../../router';

export interface Crumb {
  label: string;
  /** Absent for the current page. */
  href?: string;
}

export function Breadcrumbs({ items }: { items: readonly Crumb[] }) {
  const t = useT();
  return (
    <nav aria-label={t('org.breadcrumbs')} className="org-breadcrumbs">
      <ol>
        {items.map((item) => (
          <li key={item.href ?? item.label}>
            {item.href ? (
              <Link to={item.href}>{item.label}</Link>
            ) : (
              <span aria-current="page">{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
