import { render } from 'preact';
import { DashboardApp } from '../../components/dashboard/DashboardApp';
import { loadDashboardData, loadOpeningView } from '../../utils/pages/dashboard-data';
import '../../components/pages.css';
import '../../components/dashboard/dashboard.css';

const load = (onProgress: (done: number, total: number) => void) => loadDashboardData(undefined, undefined, { onProgress });
// the opening view from the memo when it names exactly the rows and inputs of now (painted before the rows are read)
const opening = () => loadOpeningView();
render(<DashboardApp load={load} opening={opening} />, document.getElementById('root')!);
