import { render } from 'preact';
import { DashboardApp } from '../../components/dashboard/DashboardApp';
import { loadDashboardData, loadOpeningView } from '../../utils/pages/dashboard-data';
import { chinaToday } from '../../utils/domain/dates';
import { openDb } from '../../utils/store';
import '../../components/pages.css';
import '../../components/dashboard/dashboard.css';

// one connection and one "today" for the memo check and the full load that follows it
const db = openDb();
const today = chinaToday(new Date());
const load = (onProgress: (done: number, total: number) => void) => loadDashboardData(db, today, { onProgress });
// the opening view from the memo when it names exactly the rows and inputs of now (painted before the rows are read)
const opening = () => loadOpeningView(db, today);
render(<DashboardApp load={load} opening={opening} />, document.getElementById('root')!);
