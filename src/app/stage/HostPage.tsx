import { NotAvailablePage } from '../components/NotAvailablePage';

export default function HostPage() {
  return <NotAvailablePage titleKey="role.host.title" />;
}
