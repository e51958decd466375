import { NotAvailablePage } from '../components/NotAvailablePage';

export default function JudgePage() {
  return <NotAvailablePage titleKey="role.judge.title" />;
}
