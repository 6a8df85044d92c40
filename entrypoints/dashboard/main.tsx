import { render } from 'preact';
import { DashboardApp } from '../../components/dashboard/DashboardApp';
import { loadDashboardData } from '../../utils/pages/dashboard-data';
import '../../components/pages.css';
import '../../components/dashboard/dashboard.css';

const load = (onProgress: (done: number, total: number) => void) => loadDashboardData(undefined, undefined, { onProgress });
render(<DashboardApp load={load} />, document.getElementById('root')!);
