import { NotAvailablePage } from '../components/NotAvailablePage';

export default function ResultsPage() {
  return <NotAvailablePage titleKey="role.results.title" />;
}
