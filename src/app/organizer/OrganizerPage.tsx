import { NotAvailablePage } from '../components/NotAvailablePage';

export default function OrganizerPage() {
  return <NotAvailablePage titleKey="role.organizer.title" />;
}
