import { NotAvailablePage } from '../components/NotAvailablePage';

export default function ProjectorPage() {
  return <NotAvailablePage titleKey="role.projector.title" />;
}
